"""Browser: an operator takes a whole 072 call for a returning citizen, keyboard only, and finds the folio."""

import re
import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from peticiones import roles
from peticiones.models import Peticion

from .conftest import iniciar_sesion
from .factories import (
    CanalFactory,
    CategoriaFactory,
    CiudadanoFactory,
    ColoniaFactory,
    DireccionFactory,
    PeticionFactory,
    TipoPeticionFactory,
    UsuarioFactory,
)

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def enfocado(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def tab_hasta(page, id_: str, maximo: int = 12, atras: bool = False) -> int:
    """Press Tab (or Shift+Tab) until the element with `id_` has the focus; returns how many presses."""
    for n in range(1, maximo + 1):
        page.keyboard.press("Shift+Tab" if atras else "Tab")
        if enfocado(page) == id_:
            return n
    raise AssertionError(f"#{id_} no recibió el foco tras {maximo} tabuladores (está en #{enfocado(page)})")


def test_operador_captura_llamada_de_ciudadano_que_vuelve_solo_con_teclado(pagina, settings, record_property):
    settings.MAPA_TILES_URL = "https://tiles.invalid/{z}/{x}/{y}.png"
    pagina.route("https://tiles.invalid/**", lambda ruta: ruta.abort())  # no tiles, no network
    alumbrado = DireccionFactory(nombre="Dirección de Alumbrado Público", siglas="ALUM")
    luminaria = CategoriaFactory(nombre="Luminaria apagada", direccion=alumbrado)
    CategoriaFactory(nombre="Bache en vialidad")
    centro = ColoniaFactory(nombre="Centro", latitud="19.200000", longitud="-96.140000")
    TipoPeticionFactory()
    CanalFactory()
    rosa = CiudadanoFactory(  # accepted the aviso on an earlier call: the box comes ticked for the operator to confirm
        nombre="Rosa",
        apellidos="Chama Landa",
        telefono="2291112233",
        colonia=centro,
        aviso_privacidad_fecha=timezone.now(),
    )
    anterior = PeticionFactory(ciudadano=rosa, descripcion="Bache en la esquina", estado=Peticion.Estado.CERRADA)
    vecino = PeticionFactory(categoria=luminaria, colonia=centro, descripcion="Lámpara apagada en el parque")
    UsuarioFactory(rol=roles.OPERADOR, username="karla")
    iniciar_sesion(pagina, "karla")

    pagina.goto(pagina.sirc_url("/peticiones/captura/"))
    # autofocus is applied at the next rendering step, not when the page's load event fires: wait for it.
    expect(pagina.locator("#id_telefono")).to_be_focused()
    inicio = time.perf_counter()
    pagina.keyboard.type("229 111 2233")
    ficha = pagina.locator("#ciudadano-datos")
    ficha.wait_for()
    assert "Rosa Chama Landa" in ficha.inner_text() and anterior.folio in ficha.inner_text()
    assert pagina.input_value("#id_nombre") == "Rosa" and pagina.input_value("#id_apellidos") == "Chama Landa"

    assert tab_hasta(pagina, "id_categoria") <= 8
    pagina.keyboard.type("Luminaria")
    assert pagina.input_value("#id_direccion") == str(alumbrado.pk)  # the category chose its dirección
    tab_hasta(pagina, "id_descripcion")
    pagina.keyboard.type("Dos lámparas apagadas frente a la escuela primaria")
    tab_hasta(pagina, "id_colonia")
    pagina.keyboard.type("centro")
    tab_hasta(pagina, "id_calle")
    pagina.keyboard.type("Av. Independencia")
    tab_hasta(pagina, "id_numero_exterior")
    pagina.keyboard.type("1200")
    aviso = pagina.locator("#duplicados .aviso")
    aviso.wait_for()
    assert vecino.folio in aviso.inner_text()

    tab_hasta(pagina, "mapa-resumen", maximo=8)  # the map works with no tiles: put the point from the keyboard
    pagina.keyboard.press("Enter")
    tab_hasta(pagina, "pin-centro", maximo=10)
    pagina.keyboard.press("Enter")
    assert pagina.input_value("#id_latitud") != ""
    tab_hasta(pagina, "id_numero_exterior", maximo=20, atras=True)
    pagina.keyboard.press("Enter")
    folio = pagina.locator(".folio-grande").inner_text()  # waits for the «capturada» page
    duracion = time.perf_counter() - inicio
    record_property("captura_segundos", round(duracion, 2))
    print(f"\nCaptura guionizada (teclado, ciudadano que vuelve): {duracion:.2f} s")

    nueva = Peticion.objects.get(folio=folio)
    assert nueva.ciudadano == rosa and nueva.categoria == luminaria and nueva.colonia == centro
    assert nueva.latitud is not None and nueva.descripcion.startswith("Dos lámparas")
    expect(pagina.locator("#nueva-captura")).to_be_focused()

    pagina.goto(pagina.sirc_url("/peticiones/"))
    expect(pagina.locator("#id_texto")).to_be_focused()
    pagina.keyboard.type(folio)
    pagina.keyboard.press("Enter")  # htmx swaps the table in place, and pushes the filtered list's URL
    # The search-as-you-type of the last keystroke may still be on its way after Enter's submit: wait until the
    # page has settled on the folio's search (URL pushed, one row, no request in flight) before using its link.
    expect(pagina).to_have_url(re.compile(re.escape(folio)))
    expect(pagina.locator("#resultados")).to_contain_text("1 petición")
    expect(pagina.locator(".htmx-request")).to_have_count(0)
    pagina.get_by_role("link", name=folio).press("Enter")  # focus and Enter on the link as it is now
    expect(pagina.locator("h1")).to_contain_text(f"Folio {folio}")
    bitacora = pagina.locator(".bitacora")
    expect(bitacora).to_contain_text("Recibida por Línea 072")
    expect(bitacora).to_contain_text("Luminaria apagada, colonia Centro")


@pytest.mark.parametrize("ancho,alto", [(1366, 768), (1280, 720)])
@pytest.mark.parametrize("campo", ["id_tipo", "id_canal"])
def test_la_barra_de_guardar_no_tapa_el_campo_al_que_llega_el_tabulador(navegador, live_server, campo, ancho, alto):
    """At 1366×768 the sticky «Guardar petición» bar covered Tipo and Canal when Tab reached them.

    What the operator must see is the whole field and its focus ring (outline + offset from sirc.css) above the
    bar. Without `scroll-padding-bottom` Chromium scrolls the field flush with the bar at 1366×768 (the ring is
    cut) and 23 px under it at 1280×720."""
    CategoriaFactory(nombre="Luminaria apagada")
    ColoniaFactory(nombre="Centro")
    TipoPeticionFactory()
    CanalFactory()
    UsuarioFactory(rol=roles.OPERADOR, username="karla")
    contexto = navegador.new_context(
        locale="es-MX", timezone_id="America/Mexico_City", viewport={"width": ancho, "height": alto}
    )
    try:
        pagina = contexto.new_page()
        pagina.sirc_url = lambda ruta="/": f"{live_server.url}{ruta}"
        iniciar_sesion(pagina, "karla")
        pagina.goto(pagina.sirc_url("/peticiones/captura/"))
        expect(pagina.locator("#id_telefono")).to_be_focused()
        # The operator opened the map and the guide: the left column now runs far below the «Origen» fields.
        pagina.locator("details.mapa-captura summary").click()
        pagina.locator("details.guia-captura summary").click()
        pagina.locator("#id_telefono").focus()
        pagina.evaluate("window.scrollTo(0, 0)")
        tab_hasta(pagina, campo, maximo=80)
        expect(pagina.locator(f"#{campo}")).to_be_focused()
        # The focused field's box, its focus ring included, ends above the bar's top edge (viewport coordinates,
        # after the scroll the focus caused).
        campo_abajo, barra_arriba = pagina.evaluate(
            """() => {
                const foco = document.activeElement, estilo = getComputedStyle(foco);
                const anillo = parseFloat(estilo.outlineWidth) + parseFloat(estilo.outlineOffset);
                const abajo = Math.max(foco.closest('.campo').getBoundingClientRect().bottom,
                                       foco.getBoundingClientRect().bottom + anillo);
                return [abajo, document.querySelector('.acciones-captura').getBoundingClientRect().top];
            }"""
        )
        assert campo_abajo <= barra_arriba, (
            f"#{campo} y su anillo de foco terminan en {campo_abajo}px; la barra empieza en {barra_arriba}px"
        )
    finally:
        contexto.close()
