"""Browser: with the demo data a director opens the dashboard and the heat map and downloads the month's
MIR PDF, whose figures match the data."""

import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from indicadores.filtros import por_omision
from indicadores.periodos import Mes
from peticiones.demo import CONTRASENA_DEMO
from peticiones.models import Peticion

from .conftest import iniciar_sesion

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def _recibidas(desde: Mes, hasta: Mes) -> int:
    return (
        Peticion.objects.filter(fecha_recepcion__gte=desde.inicio, fecha_recepcion__lt=hasta.fin)
        .exclude(estado="duplicada")
        .count()
    )


def test_director_abre_tablero_y_mapa_y_descarga_el_mir_del_mes(pagina, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MAPA_TILES_URL = ""  # no map tiles from the internet in tests
    call_command("cargar_demo", stdout=io.StringIO())
    periodo = por_omision()
    recibidas_periodo = _recibidas(periodo["desde"], periodo["hasta"])
    assert recibidas_periodo > 100  # the demo looks alive

    iniciar_sesion(pagina, "director", CONTRASENA_DEMO)
    pagina.locator("nav.menu").get_by_role("link", name="Tablero").click()
    expect(pagina.locator("h1")).to_have_text("Tablero de atención ciudadana")
    expect(pagina.locator('[data-cifra="recibidas"]')).to_have_text(f"{recibidas_periodo:,}")
    pagina.wait_for_function("() => window.Chart && Chart.getChart('grafica-meses') !== undefined")
    assert pagina.locator("#tabla-direcciones tbody tr").count() >= 10

    pagina.get_by_role("link", name="Mapa de calor", exact=True).click()
    estado = pagina.locator("#mapa-estado")
    estado.filter(has_text="folios en").wait_for()
    assert int(estado.get_attribute("data-total")) == recibidas_periodo
    expect(pagina.locator("#mapa canvas.leaflet-heatmap-layer")).to_have_count(1)

    pagina.get_by_role("link", name="MIR mensual").click()
    mes = Mes.actual().anterior()
    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name=f"Descargar PDF de {mes.nombre}").click()
    contenido = descarga.value.path().read_bytes()
    texto = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages))

    recibidas = _recibidas(mes, mes)
    atendidas = Peticion.objects.filter(
        estado__in=["atendida", "cerrada"], fecha_atendida__gte=mes.inicio, fecha_atendida__lt=mes.fin
    ).count()
    assert f"Periodo {mes.nombre}" in texto
    if recibidas:
        porcentaje = (Decimal(atendidas) / recibidas * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        assert f"{porcentaje.normalize():f} % ({atendidas:,} / {recibidas:,}) {mes.nombre}" in texto
    assert f"Solicitudes recibidas {recibidas:,}" in texto
    assert f"Solicitudes atendidas {atendidas:,}" in texto
