"""Browser (phone-sized Chromium): a citizen reports from /reporta/ with a photo and a map pin, with the map
tiles unreachable, answering the category's extra question (the Open311 attribute); the report nearby is
offered first; the folio and its 4 digits open /consulta/."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from peticiones.models import Evidencia, Peticion, PreguntaServicio

from .conftest import CHROMIUM, ESPERA_MAXIMA_MS  # noqa: F401  (the session browser comes from conftest's `navegador`)
from .factories import CategoriaFactory, ColoniaFactory, DireccionFactory, PeticionFactory

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def telefono(navegador, live_server):
    contexto = navegador.new_context(
        locale="es-MX",
        timezone_id="America/Mexico_City",
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    contexto.set_default_timeout(ESPERA_MAXIMA_MS)
    pagina = contexto.new_page()
    pagina.sirc_url = lambda ruta="/": f"{live_server.url}{ruta}"
    yield pagina
    contexto.close()


def _jpeg() -> bytes:
    contenido = io.BytesIO()
    Image.new("RGB", (640, 480), (180, 120, 40)).save(contenido, "JPEG")
    return contenido.getvalue()


def test_ciudadano_reporta_desde_el_telefono_con_foto_y_punto(telefono, settings):
    settings.MAPA_TILES_URL = "https://tiles.invalid/{z}/{x}/{y}.png"
    telefono.route("https://tiles.invalid/**", lambda ruta: ruta.abort())  # no tiles, no network
    limpia = DireccionFactory(nombre="Dirección de Limpia Pública", siglas="LIMP")
    basura = CategoriaFactory(nombre="Recolección de basura", direccion=limpia)
    centro = ColoniaFactory(nombre="Centro", latitud="19.173800", longitud="-96.134200")
    cercana = PeticionFactory(categoria=basura, colonia=centro, latitud="19.173800", longitud="-96.134200")
    PreguntaServicio.objects.create(
        categoria=basura,
        codigo="dias",
        descripcion="¿Desde cuándo no pasa el camión?",
        tipo_dato="singlevaluelist",
        opciones=[["1", "Un día"], ["2-3", "Dos o tres días"], ["4+", "Cuatro días o más"]],
        requerida=True,
    )

    telefono.goto(telefono.sirc_url("/reporta/"))
    assert telefono.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll
    telefono.get_by_label("¿Qué quiere reportar?").select_option(label="Recolección de basura")
    pregunta = telefono.get_by_label("Cuatro días o más")  # the category's question arrives (htmx)
    pregunta.check()
    assert telefono.get_by_role("group", name="¿Desde cuándo no pasa el camión?").is_visible()
    mapa = telefono.locator("#mapa")
    caja = mapa.bounding_box()
    mapa.click(position={"x": caja["width"] / 2, "y": caja["height"] / 2})  # the map's centre: Veracruz
    expect(telefono.locator("#punto-texto")).to_contain_text("Punto puesto")
    expect(telefono.locator("#id_latitud")).not_to_have_value("")
    ya_reportado = telefono.locator("#cercanos")
    ya_reportado.get_by_text(cercana.folio).wait_for()
    expect(ya_reportado).to_contain_text("Ya está reportado: sígalo")

    telefono.get_by_label("Describa el problema").fill("No ha pasado el camión en cuatro días")
    telefono.set_input_files("#id_foto", files=[{"name": "basura.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}])
    telefono.locator("#vista-foto").wait_for()
    telefono.get_by_label("Su nombre").fill("Rosa")
    telefono.get_by_label("Teléfono (10 dígitos)").fill("229 111 2233")
    telefono.get_by_label("Leí el aviso de privacidad").check()
    telefono.get_by_role("button", name="Enviar reporte").click()

    folio = telefono.locator("#folio")
    folio.wait_for()
    expect(telefono.locator("#ultimos4")).to_have_text("2233")
    peticion = Peticion.objects.get(folio=folio.inner_text())
    assert peticion.pk != cercana.pk and peticion.canal.clave == "sitio-web"
    assert peticion.latitud is not None and peticion.colonia == centro
    assert Evidencia.objects.filter(peticion=peticion).count() == 1
    assert peticion.respuestas == {"dias": "4+"}

    telefono.get_by_role("link", name="la consulta de folios").click()
    telefono.get_by_label("Folio").fill(peticion.folio)
    telefono.get_by_label("Últimos 4 dígitos de su teléfono").fill("2233")
    telefono.get_by_role("button", name="Consultar").click()
    expect(telefono.locator(".estado-publico")).to_contain_text("Recibida")
