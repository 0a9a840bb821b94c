from datetime import UTC, date, datetime

from sirc.fechas import MESES, MESES_CORTOS, fecha_hora, fecha_larga, nombre_mes


def test_fecha_larga_y_nombre_del_mes_en_espanol():
    assert fecha_larga(date(2026, 9, 1)) == "1 de septiembre de 2026"
    assert nombre_mes(2026, 12) == "diciembre de 2026"
    assert len(MESES) == len(MESES_CORTOS) == 12
    assert MESES_CORTOS[0] == "Ene"


def test_fecha_hora_en_hora_local_de_veracruz():
    # 15:30 UTC is 09:30 in America/Mexico_City (UTC-6, no daylight saving since 2022).
    assert fecha_hora(datetime(2026, 11, 25, 15, 30, tzinfo=UTC)) == "25/11/2026 09:30"
