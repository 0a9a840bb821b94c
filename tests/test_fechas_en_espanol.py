from datetime import date

from sirc.fechas import MESES, MESES_CORTOS, fecha_larga, nombre_mes


def test_fecha_larga_y_nombre_del_mes_en_espanol():
    assert fecha_larga(date(2026, 9, 1)) == "1 de septiembre de 2026"
    assert nombre_mes(2026, 12) == "diciembre de 2026"
    assert len(MESES) == len(MESES_CORTOS) == 12
    assert MESES_CORTOS[0] == "Ene"
