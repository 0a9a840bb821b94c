"""The PAT's "Calendario de Actividades": every activity × month, programmed (the PAT) and realized (SIRC)."""

from dataclasses import dataclass
from decimal import Decimal

from .calculo import SIN_FUENTE, Conteos, SinFuente, formato_numero, series_del_anio
from .models import Actividad, Programa
from .periodos import Mes


@dataclass
class FilaCalendario:
    actividad: Actividad
    programado: list[str]  # 12 cells, as printed in the PAT ("1287/2907", "74", "0")
    total_programado: str
    realizado: list[str]  # 12 cells computed from SIRC's data; "" for months not yet reached
    total_realizado: str
    sin_fuente: str = ""


def _plano(valor: Decimal | int) -> str:
    """As printed in the PAT's calendar: 2907, not 2,907."""
    return formato_numero(valor).replace(",", "")


def _celda(cantidad: Decimal | int, referencia: Decimal | int | None) -> str:
    if referencia is None:
        return _plano(cantidad)
    return f"{_plano(referencia)}/{_plano(cantidad)}"


def calendario(
    programa: Programa, hasta: Mes | None = None, series: dict[str, Conteos | SinFuente] | None = None
) -> list[FilaCalendario]:
    """One row per activity; realized cells up to `hasta` (default: the whole year). `series`: the year's
    counts when the caller already has them (the MIR report computes them once)."""
    actividades = list(programa.actividades.prefetch_related("metas"))
    claves = sorted({c for a in actividades for c in (a.serie, a.serie_referencia) if c})
    series = dict(series or {})
    faltan = [c for c in claves if c not in series]
    if faltan:
        series.update(series_del_anio(programa.anio, faltan))
    ultimo = hasta.mes if hasta and hasta.anio == programa.anio else 12
    filas = []
    for actividad in actividades:
        metas = {m.mes: m for m in actividad.metas.all()}
        programado = [_celda(metas[m].cantidad, metas[m].referencia) if m in metas else "" for m in range(1, 13)]
        fila = FilaCalendario(
            actividad=actividad,
            programado=programado,
            total_programado=_plano(actividad.meta_anual),
            realizado=[""] * 12,
            total_realizado="",
        )
        if not actividad.serie:
            filas.append(fila)
            continue
        principal = series[actividad.serie]
        referencia: Conteos | SinFuente | None = (
            series.get(actividad.serie_referencia) if actividad.serie_referencia else None
        )
        if isinstance(principal, SinFuente) or isinstance(referencia, SinFuente):
            fila.sin_fuente = str(principal if isinstance(principal, SinFuente) else referencia)
            fila.realizado = [SIN_FUENTE if m <= ultimo else "" for m in range(1, 13)]
            fila.total_realizado = SIN_FUENTE
            filas.append(fila)
            continue
        for m in range(1, ultimo + 1):
            mes = Mes(programa.anio, m)
            ref = referencia.get(mes, 0) if referencia is not None else None
            fila.realizado[m - 1] = _celda(principal.get(mes, 0), ref)
        fila.total_realizado = formato_numero(
            sum(principal.get(Mes(programa.anio, m), 0) for m in range(1, ultimo + 1))
        )
        filas.append(fila)
    return filas
