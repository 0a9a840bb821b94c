"""Browser: the operator reads the simplified aviso on the capture screen; without ticking the consent the
capture is refused (and keeps what was typed); ticked, the folio is saved with the consent recorded."""

import pytest
from playwright.sync_api import expect

from peticiones import roles
from peticiones.models import Consentimiento, Peticion

from .conftest import iniciar_sesion
from .factories import CanalFactory, CategoriaFactory, ColoniaFactory, TipoPeticionFactory, UsuarioFactory

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def test_consentimiento_en_la_pantalla_de_captura(pagina, settings):
    settings.MAPA_TILES_URL = ""
    CategoriaFactory(nombre="Fuga de agua")
    ColoniaFactory(nombre="Reforma")
    TipoPeticionFactory()
    CanalFactory()
    UsuarioFactory(rol=roles.OPERADOR, username="karla")
    iniciar_sesion(pagina, "karla")
    pagina.goto(pagina.sirc_url("/peticiones/captura/"))

    aviso = pagina.locator("#aviso-privacidad")
    assert "Lea al ciudadano" in aviso.inner_text() and "versión 1" in aviso.inner_text()
    pagina.fill("#id_telefono", "2297001122")
    pagina.fill("#id_nombre", "Tomasa")
    pagina.select_option("#id_categoria", label="Fuga de agua")
    pagina.fill("#id_descripcion", "Fuga en la banqueta")
    pagina.fill("#id_colonia", "Reforma")
    pagina.click("#guardar")
    expect(pagina.locator("#aviso-privacidad .errorlist")).to_contain_text("Sin la aceptación del aviso de privacidad")
    assert pagina.input_value("#id_nombre") == "Tomasa" and not Peticion.objects.exists()

    pagina.check("#id_acepta_aviso")
    pagina.click("#guardar")
    folio = pagina.locator(".folio-grande").inner_text()  # waits for the «capturada» page
    peticion = Peticion.objects.get()
    assert peticion.folio == folio.strip()
    consentimiento = Consentimiento.objects.get(peticion=peticion)
    assert consentimiento.ciudadano.nombre == "Tomasa" and consentimiento.aviso.version == 1
