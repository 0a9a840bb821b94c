"""Bitácora de llamadas: the month's calls and visits, its count against the PAT target, CSV/XLSX export."""

import csv
import io
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from peticiones import roles
from peticiones.models import LlamadaSeguimiento, VisitaDomiciliaria
from peticiones.selectores.seguimiento import conteo_mensual

from .factories import UsuarioFactory
from .seguimiento_utiles import llamada_vencida, peticion_atendida

pytestmark = pytest.mark.django_db

Estado = LlamadaSeguimiento.Estado


def _hecha(operador, fecha: datetime, estado: str, **kwargs) -> LlamadaSeguimiento:
    llamada = llamada_vencida()
    LlamadaSeguimiento.objects.filter(pk=llamada.pk).update(
        estado=estado, tomada_por=operador, tomada_el=fecha, fecha_resultado=fecha, **kwargs
    )
    llamada.refresh_from_db()
    return llamada


def _local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


@pytest.fixture
def noviembre(operador):
    """Four calls and one visit in November 2026 (local time), one call on Oct 31 at 23:30 and one in December."""
    llamadas = [
        _hecha(operador, _local(2026, 11, 1, 0, 15), Estado.CONTACTADO, se_resolvio=True, satisfaccion=5),
        _hecha(operador, _local(2026, 11, 10, 11, 0), Estado.CONTACTADO, se_resolvio=False, satisfaccion=2),
        _hecha(operador, _local(2026, 11, 12, 12, 0), Estado.NO_CONTESTA),
        _hecha(operador, _local(2026, 11, 30, 23, 50), Estado.NUMERO_EQUIVOCADO, comentario="=HYPERLINK(1)"),
    ]
    _hecha(operador, _local(2026, 10, 31, 23, 30), Estado.NO_CONTESTA)
    _hecha(operador, _local(2026, 12, 1, 0, 5), Estado.NO_CONTESTA)
    VisitaDomiciliaria.objects.create(
        peticion=peticion_atendida(),
        realizada_por=operador,
        registrada_por=operador,
        fecha_visita=_local(2026, 11, 15, 10, 0),
        resultado=VisitaDomiciliaria.Resultado.CONTACTADO,
        se_resolvio=True,
        satisfaccion=4,
    )
    _hecha(operador, _local(2026, 11, 20, 10, 0), Estado.PENDIENTE)  # not made: never counted
    return llamadas


def test_el_conteo_mensual_usa_la_hora_local_y_solo_llamadas_realizadas(noviembre):
    conteo = conteo_mensual(2026, 11)
    assert conteo.llamadas == 4
    assert (conteo.contactadas, conteo.resueltas, conteo.no_resueltas) == (2, 1, 1)
    assert (conteo.no_contesta, conteo.numero_equivocado) == (1, 1)
    assert conteo.visitas == 1 and conteo.total == 5
    assert conteo.satisfaccion_promedio == 3.7  # (5 + 2 + 4) / 3: calls and the visit
    assert conteo.meta == 1500


def test_la_bitacora_muestra_el_mes_y_su_conteo(client, operador, noviembre, django_assert_max_num_queries):
    client.force_login(operador)
    with django_assert_max_num_queries(14):
        respuesta = client.get(reverse("peticiones:seguimiento_bitacora"), {"mes": "2026-11"})
    html = respuesta.content.decode()
    assert "Bitácora de llamadas · noviembre de 2026" in html
    assert 'id="total-mes">5<' in html and "4 llamadas + 1 visita)" in html
    for llamada in noviembre:
        assert llamada.peticion.folio in html
    assert f"<td>{operador.first_name} {operador.last_name}</td><td>4</td><td>2</td>" in html  # por operador


def test_exportar_csv_con_el_contenido_del_mes(client, operador, noviembre):
    client.force_login(operador)
    respuesta = client.get(reverse("peticiones:seguimiento_bitacora_exportar"), {"mes": "2026-11", "formato": "csv"})
    assert respuesta["Content-Disposition"] == 'attachment; filename="bitacora-llamadas-2026-11.csv"'
    texto = respuesta.content.decode("utf-8-sig")
    filas = list(csv.reader(io.StringIO(texto)))
    assert filas[0][:4] == ["Fecha", "Hora", "Medio", "Folio"]
    assert len(filas) == 1 + 5
    assert filas[1][:5] == ["01/11/2026", "00:15", "Llamada", noviembre[0].peticion.folio, "1"]
    assert filas[1][8:11] == ["Contactado", "Sí", "5"]
    assert filas[1][6] == noviembre[0].peticion.ciudadano.telefono
    assert [f[2] for f in filas[1:]].count("Visita domiciliaria") == 1
    assert filas[-1][11] == "'=HYPERLINK(1)"  # a spreadsheet must not run it as a formula


def test_exportar_xlsx_con_el_contenido_del_mes(client, operador, noviembre):
    client.force_login(operador)
    respuesta = client.get(reverse("peticiones:seguimiento_bitacora_exportar"), {"mes": "2026-11", "formato": "xlsx"})
    libro = load_workbook(io.BytesIO(respuesta.content))
    filas = list(libro.active.iter_rows(values_only=True))
    assert "noviembre de 2026" in filas[0][0]
    assert filas[1][0].startswith("Llamadas: 4 · Visitas: 1 · Meta mensual: 1500")
    assert filas[2][3] == "Folio"
    assert [f[3] for f in filas[3:]] == [
        noviembre[0].peticion.folio,
        noviembre[1].peticion.folio,
        noviembre[2].peticion.folio,
        filas[6][3],
        noviembre[3].peticion.folio,
    ]
    assert filas[6][2] == "Visita domiciliaria"


def test_el_director_ve_la_bitacora_pero_el_enlace_no(client, director, noviembre):
    client.force_login(director)
    respuesta = client.get(reverse("peticiones:seguimiento_bitacora"), {"mes": "2026-11"})
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert noviembre[0].peticion.folio in html
    assert reverse("peticiones:seguimiento_llamada", args=[noviembre[0].pk]) not in html  # he makes no calls
    assert reverse("peticiones:seguimiento_visitas") not in html
    client.force_login(UsuarioFactory(rol=roles.ENLACE))
    assert client.get(reverse("peticiones:seguimiento_bitacora")).status_code == 403
    assert client.get(reverse("peticiones:seguimiento_bitacora_exportar"), {"formato": "csv"}).status_code == 403


def test_mes_invalido_muestra_el_mes_actual(client, operador):
    client.force_login(operador)
    html = client.get(reverse("peticiones:seguimiento_bitacora"), {"mes": "2026-13"}).content.decode()
    assert f"{timezone.localdate():%Y-%m}" in html


def test_la_serie_de_la_mir_cuenta_lo_mismo_que_la_bitacora(noviembre):
    from indicadores.calculo import llamadas_seguimiento
    from indicadores.periodos import Mes
    from peticiones.selectores.seguimiento import rango_del_mes

    desde, hasta = rango_del_mes(2026, 10)[0], rango_del_mes(2026, 12)[1]
    serie = llamadas_seguimiento(desde, hasta)
    for mes in (10, 11, 12):
        assert serie.get(Mes(2026, mes), 0) == conteo_mensual(2026, mes).total
    assert serie[Mes(2026, 11)] == 5
