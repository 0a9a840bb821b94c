"""Plazos: when a request falls due.

A category's plazo counts either calendar hours (the 24-hour policy) or, when `Categoria.dias_habiles`
is set, business hours: the clock only runs on días hábiles — Monday to Friday that are not in the
DiaInhabil calendar — and stops from 00:00 to 24:00 of every weekend day and día inhábil. A request
received on a día inhábil starts counting at 00:00 of the next día hábil.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .models import Categoria, DiaInhabil


def es_dia_habil(dia: date, inhabiles: set[date]) -> bool:
    return dia.weekday() < 5 and dia not in inhabiles


def dias_inhabiles_entre(inicio: date, fin: date) -> set[date]:
    return set(DiaInhabil.objects.filter(fecha__gte=inicio, fecha__lte=fin).values_list("fecha", flat=True))


def calcular_fecha_limite(
    categoria: Categoria, desde: datetime, *, horas: int | None = None, inhabiles: set[date] | None = None
) -> datetime:
    """The moment a request of `categoria` received at `desde` falls due (`horas` overrides the plazo).

    Escalation uses `horas=2 * plazo` and `horas=3 * plazo` so every multiple counts the same way;
    `inhabiles` lets a batch pass the calendar once instead of one query per request.
    """
    horas = categoria.plazo_horas if horas is None else horas
    if not categoria.dias_habiles:
        return desde + timedelta(hours=horas)
    zona = timezone.get_current_timezone()
    cursor = timezone.localtime(desde, zona)
    restante = timedelta(hours=horas)
    # Generous window: weekends and holidays at most double the span, plus a month of slack.
    if inhabiles is None:
        inhabiles = dias_inhabiles_entre(cursor.date(), cursor.date() + timedelta(days=2 * (horas // 24) + 40))
    while True:
        dia = cursor.date()
        fin_del_dia = datetime.combine(dia + timedelta(days=1), time.min, tzinfo=zona)
        if es_dia_habil(dia, inhabiles):
            disponible = fin_del_dia - cursor
            if restante <= disponible:
                return cursor + restante
            restante -= disponible
        cursor = fin_del_dia


def dia_habil_despues(dia: date, n: int, inhabiles: set[date] | None = None) -> date:
    """The n-th día hábil after `dia` (not counting `dia` itself): legal plazos count from the next day."""
    if inhabiles is None:
        inhabiles = dias_inhabiles_entre(dia, dia + timedelta(days=2 * n + 40))
    cuenta = 0
    while cuenta < n:
        dia += timedelta(days=1)
        if es_dia_habil(dia, inhabiles):
            cuenta += 1
    return dia


def plazos_arco(recepcion: datetime, *, alerta: int = 15, limite: int = 20) -> tuple[datetime, datetime]:
    """(when to alert, when it falls due) for an ARCO request: the start of its 15th día hábil and the end of
    its 20th, counted from the day after it was received (LGPDPPSO)."""
    zona = timezone.get_current_timezone()
    dia = timezone.localtime(recepcion, zona).date()
    inhabiles = dias_inhabiles_entre(dia, dia + timedelta(days=2 * limite + 40))
    dia_alerta = dia_habil_despues(dia, alerta, inhabiles)
    dia_limite = dia_habil_despues(dia, limite, inhabiles)
    return (
        datetime.combine(dia_alerta, time.min, tzinfo=zona),
        datetime.combine(dia_limite, time.max, tzinfo=zona),
    )
