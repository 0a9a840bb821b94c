"""Mexico's official días inhábiles, computed for any year (no model access: migrations use it too).

Official rest days (Ley Federal del Trabajo, art. 74) plus the days the municipal administration
customarily does not work (Jueves y Viernes Santo, Día de Muertos, 12 de diciembre). The calendar in
the database (DiaInhabil) is what counts; this only fills it, and administrators edit it afterwards.
"""

from datetime import date, timedelta

OFICIAL = "oficial"
MUNICIPAL = "municipal"


def _lunes_numero(anio: int, mes: int, n: int) -> date:
    """The n-th Monday of a month."""
    primero = date(anio, mes, 1)
    return primero + timedelta(days=(7 - primero.weekday()) % 7 + 7 * (n - 1))


def domingo_de_pascua(anio: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = anio % 19, anio // 100, anio % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    mes = (h + el - 7 * m + 114) // 31
    dia = (h + el - 7 * m + 114) % 31 + 1
    return date(anio, mes, dia)


def dias_inhabiles(anio: int) -> list[tuple[date, str, str]]:
    """(fecha, nombre, tipo) of the year's días inhábiles, in date order."""
    pascua = domingo_de_pascua(anio)
    dias = [
        (date(anio, 1, 1), "Año Nuevo", OFICIAL),
        (_lunes_numero(anio, 2, 1), "Día de la Constitución", OFICIAL),
        (_lunes_numero(anio, 3, 3), "Natalicio de Benito Juárez", OFICIAL),
        (pascua - timedelta(days=3), "Jueves Santo", MUNICIPAL),
        (pascua - timedelta(days=2), "Viernes Santo", MUNICIPAL),
        (date(anio, 5, 1), "Día del Trabajo", OFICIAL),
        (date(anio, 9, 16), "Día de la Independencia", OFICIAL),
        (date(anio, 11, 2), "Día de Muertos", MUNICIPAL),
        (_lunes_numero(anio, 11, 3), "Día de la Revolución", OFICIAL),
        (date(anio, 12, 12), "Día de la Virgen de Guadalupe", MUNICIPAL),
        (date(anio, 12, 25), "Navidad", OFICIAL),
    ]
    if (anio - 2024) % 6 == 0:
        dias.append((date(anio, 10, 1), "Transmisión del Poder Ejecutivo Federal", OFICIAL))
    return sorted(dias)
