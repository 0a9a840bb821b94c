"""Browser: a Jefe de Manzana types the phone of a neighbour he already filed for; while he types, SIRC asks
«¿Es su vecino …?»; he answers «sí» and the new request is his neighbour's, whose data do not change."""

import pytest
from playwright.sync_api import expect

from peticiones import roles
from peticiones.models import Peticion

from .conftest import iniciar_sesion
from .factories import (
    CanalFactory,
    CategoriaFactory,
    CiudadanoFactory,
    ColoniaFactory,
    JefeManzanaFactory,
    PeticionFactory,
    TipoPeticionFactory,
    UsuarioFactory,
)

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def test_el_jefe_ve_propuesto_a_su_vecino_mientras_teclea_y_lo_elige(pagina):
    CanalFactory(clave="jefes-manzana", nombre="Jefes de Manzana")
    TipoPeticionFactory()
    CategoriaFactory(nombre="Bache")
    usuario = UsuarioFactory(rol=roles.JEFE_MANZANA, username="jm.vecino")
    jefe = JefeManzanaFactory(usuario=usuario, colonia=ColoniaFactory(nombre="Faros"))
    ana = CiudadanoFactory(nombre="Ana", apellidos="Ruiz", telefono="2291112233")
    anterior = PeticionFactory(ciudadano=ana, gestor=jefe, colonia=jefe.colonia)
    iniciar_sesion(pagina, "jm.vecino")
    pagina.goto(pagina.sirc_url("/jefes-manzana/mis-peticiones/nueva/"))

    pagina.get_by_label("Nombre(s) del vecino").fill("Anita")
    pagina.get_by_label("Teléfono del vecino").press_sequentially("2291112233")
    propuesta = pagina.locator("#vecino-datos")
    expect(propuesta).to_contain_text("¿Es su vecino Ana Ruiz?")  # answers the last digit typed
    expect(propuesta).to_contain_text(anterior.folio)
    pagina.get_by_label("Sí, es la misma persona: usar sus datos ya registrados").check()
    pagina.get_by_label("¿Qué pasa?").select_option(label="Bache")
    pagina.get_by_label("Descripción").fill("Bache frente a su casa")
    pagina.locator("#id_calle").fill("Arista")
    pagina.get_by_label("El vecino conoce y acepta el aviso de privacidad").check()
    pagina.get_by_role("button", name="Registrar petición").click()

    expect(pagina.get_by_text("Petición registrada con el folio")).to_be_visible()
    nueva = Peticion.objects.exclude(pk=anterior.pk).get()
    ana.refresh_from_db()
    assert nueva.ciudadano_id == ana.pk and ana.nombre == "Ana"
