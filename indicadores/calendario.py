"""The PAT's "Calendario de Actividades": every activity × month, programmed (the PAT) and realized (SIRC)."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sirc import cifras

from .calculo import SIN_FUENTE, TOTALES_DISTINTOS, Conteos, SinFuente, formato_numero, series_del_anio
from .models import Actividad, Programa
from .periodos import Mes


@dataclass
class FilaCalendario:
    actividad: Actividad
    programado: list[str]  # 12 cells, as in the PAT ("1,287/2,907", "74", "0"; plain in exports)
    total_programado: str
    realizado: list[str]  # 12 cells computed from SIRC's data; "" for months not yet reached
    total_realizado: str
    sin_fuente: str = ""
    # What the total counts when it is not the number of people («suma de los meses… personas distintas: 1,213»).
    total_nota: str = ""


def _plano(valor: Decimal | int) -> str:
    """For CSV / XLSX: 2907, not 2,907."""
    return str(cifras.plano(valor))


def _celda(cantidad: Decimal | int, referencia: Decimal | int | None, formato: Callable[[Decimal | int], str]) -> str:
    if referencia is None:
        return formato(cantidad)
    return f"{formato(referencia)}/{formato(cantidad)}"


def calendario(
    programa: Programa,
    hasta: Mes | None = None,
    series: dict[str, Conteos | SinFuente] | None = None,
    plano: bool = False,
) -> list[FilaCalendario]:
    """One row per activity; realized cells up to `hasta` (default: the whole year). `series`: the year's
    counts when the caller already has them (the MIR report computes them once). Cells and totals es-MX
    («2,692/3,457», «37,225») for screens and PDFs; `plano=True` for CSV / XLSX («2692/3457», «37225»)."""
    formato = _plano if plano else formato_numero
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
        programado = [
            _celda(metas[m].cantidad, metas[m].referencia, formato) if m in metas else "" for m in range(1, 13)
        ]
        fila = FilaCalendario(
            actividad=actividad,
            programado=programado,
            total_programado=formato(actividad.meta_anual),
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
            fila.realizado[m - 1] = _celda(principal.get(mes, 0), ref, formato)
        fila.total_realizado = formato(sum(principal.get(Mes(programa.anio, m), 0) for m in range(1, ultimo + 1)))
        distintos = TOTALES_DISTINTOS.get(actividad.serie)
        if distintos is not None:  # people: the MIR counts each once, the calendar's months add up
            personas = distintos(Mes(programa.anio, 1).inicio, Mes(programa.anio, ultimo).fin)
            fila.total_nota = (
                "Suma de los meses: quien cuenta en dos meses cuenta dos veces. Personas distintas en el año: "
                f"{formato(personas)} (la cifra de la MIR)."
            )
        filas.append(fila)
    return filas
