"""Plazos: calendar hours, or business hours that skip weekends and the editable días inhábiles calendar."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from peticiones.calendario import dias_inhabiles, domingo_de_pascua
from peticiones.models import DiaInhabil
from peticiones.plazos import calcular_fecha_limite

from .factories import CategoriaFactory

pytestmark = pytest.mark.django_db
MX = ZoneInfo("America/Mexico_City")


def test_horas_naturales_cuentan_fines_de_semana():
    categoria = CategoriaFactory(plazo_horas=24, dias_habiles=False)
    viernes = datetime(2026, 11, 13, 10, 0, tzinfo=MX)
    assert calcular_fecha_limite(categoria, viernes) == datetime(2026, 11, 14, 10, 0, tzinfo=MX)


def test_horas_habiles_saltan_fin_de_semana_y_dia_inhabil():
    categoria = CategoriaFactory(plazo_horas=24, dias_habiles=True)
    viernes = datetime(2026, 11, 13, 10, 0, tzinfo=MX)
    # Fri 10:00–24:00 = 14 h; Sat, Sun and Mon 16 (Revolución, loaded by migration) do not count; Tue +10 h.
    assert calcular_fecha_limite(categoria, viernes) == datetime(2026, 11, 17, 10, 0, tzinfo=MX)


def test_recibida_en_dia_inhabil_empieza_a_contar_el_siguiente_habil():
    categoria = CategoriaFactory(plazo_horas=72, dias_habiles=True)
    sabado = datetime(2026, 3, 14, 18, 30, tzinfo=MX)  # Monday 16 is Natalicio de Benito Juárez
    assert calcular_fecha_limite(categoria, sabado) == datetime(2026, 3, 20, 0, 0, tzinfo=MX)


def test_el_calendario_es_editable():
    categoria = CategoriaFactory(plazo_horas=24, dias_habiles=True)
    lunes = datetime(2026, 6, 8, 9, 0, tzinfo=MX)
    assert calcular_fecha_limite(categoria, lunes) == datetime(2026, 6, 9, 9, 0, tzinfo=MX)
    DiaInhabil.objects.create(fecha=date(2026, 6, 9), nombre="Día inhábil municipal")
    assert calcular_fecha_limite(categoria, lunes) == datetime(2026, 6, 10, 9, 0, tzinfo=MX)


def test_multiplo_del_plazo_para_escalar():
    categoria = CategoriaFactory(plazo_horas=24, dias_habiles=True)
    lunes = datetime(2026, 6, 8, 9, 0, tzinfo=MX)
    assert calcular_fecha_limite(categoria, lunes, horas=72) == datetime(2026, 6, 11, 9, 0, tzinfo=MX)


def test_la_migracion_cargo_los_dias_oficiales_de_mexico():
    fechas = dict(DiaInhabil.objects.filter(fecha__year=2027).values_list("fecha", "nombre"))
    assert fechas[date(2027, 1, 1)] == "Año Nuevo"
    assert fechas[date(2027, 2, 1)] == "Día de la Constitución"  # first Monday of February
    assert fechas[date(2027, 3, 15)] == "Natalicio de Benito Juárez"  # third Monday of March
    assert fechas[date(2027, 9, 16)] == "Día de la Independencia"
    assert fechas[date(2027, 11, 15)] == "Día de la Revolución"  # third Monday of November
    assert fechas[date(2027, 3, 26)] == "Viernes Santo"
    assert date(2030, 10, 1) in {f for f, _n, _t in dias_inhabiles(2030)}  # transmisión del Ejecutivo
    assert domingo_de_pascua(2026) == date(2026, 4, 5)
