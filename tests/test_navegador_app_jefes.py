"""Browser (phone-sized Chromium): a Jefe de Manzana opens the installed app, loses the signal, files a
neighbour's request with a photo and the phone's location; it waits on the phone and is sent once when the
signal returns."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from peticiones import roles
from peticiones.models import Evidencia, Peticion

from .conftest import CONTRASENA, ESPERA_MAXIMA_MS
from .factories import (
    CanalFactory,
    CategoriaFactory,
    ColoniaFactory,
    JefeManzanaFactory,
    TipoPeticionFactory,
    UsuarioFactory,
)

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

BORRADORES = """() => new Promise((ok) => {
  const r = indexedDB.open("sirc-jefes-manzana", 1);
  r.onsuccess = () => { const tx = r.result.transaction("borradores"); const q = tx.objectStore("borradores").count();
    q.onsuccess = () => { ok(q.result); r.result.close(); }; };
})"""


@pytest.fixture
def telefono(navegador, live_server):
    contexto = navegador.new_context(
        locale="es-MX",
        timezone_id="America/Mexico_City",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        geolocation={"latitude": 19.1987, "longitude": -96.1365, "accuracy": 15},
        permissions=["geolocation"],
    )
    contexto.set_default_timeout(ESPERA_MAXIMA_MS)
    pagina = contexto.new_page()
    pagina.sirc_url = lambda ruta="/": f"{live_server.url}{ruta}"
    yield pagina
    contexto.close()


def test_borrador_sin_senal_se_envia_una_vez_al_volver(telefono, settings):
    settings.MAPA_TILES_URL = ""
    usuario = UsuarioFactory(rol=roles.JEFE_MANZANA, username="rosa.lagunes")
    jefe = JefeManzanaFactory(usuario=usuario, colonia=ColoniaFactory(nombre="Faros"), manzana="F-014")
    CanalFactory(clave="jefes-manzana", nombre="Jefes de Manzana")
    TipoPeticionFactory(clave="peticion", nombre="Petición")
    CategoriaFactory(nombre="Luminaria apagada")

    telefono.goto(telefono.sirc_url("/cuentas/login/"))
    telefono.get_by_label("Usuario").fill("rosa.lagunes")
    telefono.get_by_label("Contraseña").fill(CONTRASENA)
    telefono.get_by_role("button", name="Entrar").click()
    expect(telefono.get_by_role("button", name="Salir")).to_be_visible()  # signed in before going on
    telefono.goto(telefono.sirc_url("/jefes-manzana/mis-peticiones/nueva/"))
    # The service worker controls the page (the app says so; wait_for_function would need eval, which the CSP
    # forbids).
    telefono.locator("#sin-senal-listo").wait_for()
    assert telefono.evaluate("navigator.serviceWorker.controller !== null")

    telefono.context.set_offline(True)
    telefono.goto(telefono.sirc_url("/jefes-manzana/mis-peticiones/2026-999999/"))  # a page never kept here
    expect(telefono.locator("h1")).to_have_text("Sin señal")
    telefono.goto(telefono.sirc_url("/jefes-manzana/mis-peticiones/nueva/"))  # opens from the phone's copy
    telefono.locator("#estado-senal").wait_for()  # «Sin señal…»
    telefono.get_by_label("Nombre(s) del vecino").fill("Pedro")
    telefono.get_by_label("Teléfono del vecino").fill("2299876543")
    telefono.get_by_label("¿Qué pasa?").select_option(label="Luminaria apagada")
    telefono.get_by_label("Descripción").fill("Luminaria apagada frente al parque")
    telefono.locator("#id_calle").fill("Calle Arista")
    foto = io.BytesIO()
    Image.new("RGB", (320, 240), (20, 20, 90)).save(foto, "JPEG")
    telefono.set_input_files(
        "#id_foto", files=[{"name": "poste.jpg", "mimeType": "image/jpeg", "buffer": foto.getvalue()}]
    )
    telefono.get_by_role("button", name="Usar mi ubicación").click()
    telefono.get_by_text("Punto puesto en su ubicación").wait_for()
    telefono.get_by_label("El vecino conoce y acepta el aviso de privacidad").check()
    telefono.get_by_role("button", name="Registrar petición").click()

    telefono.locator("#borradores li.pendiente").wait_for()
    expect(telefono.locator("#borradores")).to_contain_text("Sin enviar: Luminaria apagada · vecino Pedro")
    assert telefono.evaluate(BORRADORES) == 1
    assert not Peticion.objects.exists()

    telefono.context.set_offline(False)
    enviado = telefono.locator("#borradores .folio-enviado")
    enviado.wait_for()
    folio = enviado.inner_text()
    assert telefono.evaluate(BORRADORES) == 0
    peticion = Peticion.objects.get()
    assert peticion.folio == folio and peticion.gestor == jefe and peticion.latitud is not None
    assert Evidencia.objects.filter(peticion=peticion).count() == 1

    telefono.evaluate("window.dispatchEvent(new Event('online'))")  # the signal flickers: nothing is sent again
    telefono.reload()
    telefono.get_by_role("button", name="Registrar petición").wait_for()
    assert telefono.evaluate(BORRADORES) == 0
    assert Peticion.objects.count() == 1
