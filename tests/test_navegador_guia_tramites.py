"""Browser: an operator takes an information call, finds the trámite in the guía panel of the capture screen,
reads it to the citizen and closes the call at first contact; it counts as attended in the MIR."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from indicadores.calculo import SERIES
from indicadores.periodos import Mes
from peticiones import roles
from peticiones.models import Peticion, Tramite

from .conftest import iniciar_sesion
from .factories import CanalFactory, ColoniaFactory, DireccionFactory, TipoPeticionFactory, UsuarioFactory

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def test_operador_responde_con_la_guia_y_cierra_en_el_primer_contacto(pagina, settings):
    settings.MAPA_TILES_URL = ""
    ColoniaFactory(nombre="Centro")
    TipoPeticionFactory()
    CanalFactory()
    licencia = Tramite.objects.create(
        clave="licencia-funcionamiento",
        nombre="Licencia de funcionamiento",
        requisitos="Identificación oficial\nComprobante de domicilio",
        costo="$850.00 MXN",
        donde="Palacio Municipal, ventanilla 3",
        horario="Lunes a viernes de 8:30 a 15:00",
        direccion=DireccionFactory(nombre="Dirección de Comercio", siglas="COM"),
    )
    UsuarioFactory(rol=roles.OPERADOR, username="karla")
    iniciar_sesion(pagina, "karla")
    pagina.goto(pagina.sirc_url("/peticiones/captura/"))
    pagina.keyboard.type("229 987 6543")
    pagina.locator("#id_nombre").fill("Pedro")
    pagina.locator("#id_apellidos").fill("Malpica")
    pagina.locator("#id_colonia").fill("Centro")
    pagina.get_by_label("Se leyó el aviso de privacidad y lo acepta").check()

    pagina.get_by_text("Guía de trámites (llamada de información)").click()
    pagina.get_by_label("Buscar trámite").fill("licencia")
    ficha = pagina.locator("#guia-resultados").get_by_text("Licencia de funcionamiento")
    ficha.wait_for()
    ficha.click()
    expect(pagina.locator("#guia-resultados")).to_contain_text("Comprobante de domicilio")  # the ficha opened
    pagina.get_by_role("button", name="Informé con esta ficha: registrar y cerrar").click()

    expect(pagina.locator(".folio-capturado")).to_contain_text("cerrada en el primer contacto")
    expect(pagina.locator("#estado-capturada")).to_have_text("Cerrada")
    peticion = Peticion.objects.get(folio=pagina.locator(".folio-grande").inner_text())
    assert peticion.tramite == licencia and peticion.estado == Peticion.Estado.CERRADA
    atendida = timezone.localtime(peticion.fecha_atendida)
    desde = atendida.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    assert SERIES["atendidas"].contar(desde, timezone.now() + timezone.timedelta(days=1))[Mes.de(atendida)] == 1
