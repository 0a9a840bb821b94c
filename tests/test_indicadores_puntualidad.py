"""The on-time rate counts requests still open past their deadline as late (the published-311 trap)."""

from datetime import timedelta

import pytest

from indicadores.periodos import Mes
from indicadores.tablero import puntualidad
from peticiones.models import Peticion

from .indicadores_datos import local, peticion

pytestmark = pytest.mark.django_db

OCTUBRE = Mes(2023, 10)


def test_vencidas_abiertas_cuentan_como_tarde_aunque_lo_cerrado_sea_todo_a_tiempo():
    for dia in range(1, 6):  # 5 answered within their 24 h
        peticion(local(2023, 10, dia), atendida=local(2023, 10, dia, 20))
    for dia in range(6, 11):  # 5 still open, long past their deadline
        peticion(local(2023, 10, dia))

    p = puntualidad(Peticion.objects.all(), OCTUBRE.inicio, OCTUBRE.fin, corte=local(2023, 11, 15))

    assert p.tasa_ingenua == 100  # closed on time ÷ closed: the trap
    assert p.tasa == 50  # 5 on time ÷ (5 on time + 5 open overdue)
    assert (p.a_tiempo, p.tarde, p.vencidas_abiertas, p.en_plazo) == (5, 0, 5, 0)


def test_abiertas_aun_en_plazo_no_cuentan_y_tarde_e_improcedentes_si():
    peticion(local(2023, 10, 2), atendida=local(2023, 10, 4))  # answered 2 days after: late
    peticion(local(2023, 10, 3), estado=Peticion.Estado.IMPROCEDENTE, fecha_improcedente=local(2023, 10, 3, 15))
    peticion(local(2023, 10, 31, 20), plazo_horas=72)  # due Nov 3: still in time at the cut
    peticion(local(2023, 10, 5), estado=Peticion.Estado.CANCELADA)  # withdrawn: out of the universe
    peticion(local(2023, 10, 6), estado=Peticion.Estado.DUPLICADA)

    p = puntualidad(Peticion.objects.all(), OCTUBRE.inicio, OCTUBRE.fin, corte=local(2023, 11, 1, 12))

    assert (p.a_tiempo, p.tarde, p.vencidas_abiertas, p.en_plazo) == (1, 1, 0, 1)
    assert p.tasa == 50


def test_sin_folios_evaluables_la_tasa_no_se_define():
    peticion(local(2023, 10, 31, 23), plazo_horas=48)
    p = puntualidad(Peticion.objects.all(), OCTUBRE.inicio, OCTUBRE.fin, corte=local(2023, 11, 1))
    assert p.tasa is None and p.tasa_ingenua is None
    assert p.corte - local(2023, 11, 1) == timedelta(0)
