"""Read-side selectors of the dashboard: every figure aggregated in the database, with its definition.

Each function takes the queryset the user may see (`visibles_para`) already filtered by dirección, so
no figure can leak requests a user may not see.
"""

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import connection, connections
from django.db.models import Aggregate, Count, DurationField, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from peticiones.models import Peticion
from sirc.replica import alias_de_lectura

from . import conteos
from .calculo import ESTADOS_ATENDIDA, redondear
from .periodos import Mes, meses_entre, zona

DEFINICIONES = {
    "recibidas": "Folios con fecha de recepción en el mes o periodo, sin los marcados como duplicados.",
    "atendidas": "Folios marcados atendidos en el mes o periodo (hoy atendidos o cerrados), se hayan recibido "
    "cuando se hayan recibido. Los reabiertos dejan de contar; los improcedentes no cuentan.",
    "porcentaje": "Atendidas ÷ recibidas × 100 del mismo mes: la fórmula de la MIR. Puede pasar de 100 % "
    "cuando se abate rezago de meses anteriores.",
    "a_tiempo": "De los folios recibidos en el periodo (sin duplicados ni cancelados): respondidos (atendidos "
    "o improcedentes) a más tardar en su fecha límite ÷ (respondidos a tiempo + respondidos tarde + "
    "abiertos con la fecha límite ya vencida al corte). Los abiertos aún en plazo no cuentan todavía.",
    "a_tiempo_ingenua": "Respondidos a tiempo ÷ respondidos: la cifra que suele publicarse; ignora los folios "
    "vencidos que siguen abiertos, por eso puede marcar 100 % con rezago. Se muestra sólo para comparar.",
    "vencidas": "Folios recibidos en el periodo que siguen abiertos (recibidos, turnados o en proceso) y cuya "
    "fecha límite ya pasó al corte.",
    "mediana": "Tiempo de atención (de la recepción a «atendida») de los folios atendidos en el periodo: "
    "la mitad se atendió en menos de este tiempo.",
    "p90": "Percentil 90 del mismo tiempo: 9 de cada 10 folios atendidos en el periodo tardaron esto o menos.",
}


class Percentil(Aggregate):
    """PostgreSQL's percentile_cont(f) WITHIN GROUP (ORDER BY expr)."""

    function = "percentile_cont"
    template = "%(function)s(%(fraccion)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()

    def __init__(self, expression, fraccion: float, **extra):
        super().__init__(expression, fraccion=float(fraccion), **extra)


def _duracion_atencion():
    return F("fecha_atendida") - F("fecha_recepcion")


def _horas(valor: timedelta | None) -> Decimal | None:
    if valor is None:
        return None
    return redondear(Decimal(valor.total_seconds()) / 3600)


def _percentil_python(valores: list[float], fraccion: float) -> float:
    """Linear interpolation, the same definition as PostgreSQL's percentile_cont."""
    if len(valores) == 1:
        return valores[0]
    return statistics.quantiles(valores, n=100, method="inclusive")[round(fraccion * 100) - 1]


def tiempos_de_atencion(qs: QuerySet[Peticion], desde: datetime, hasta: datetime, por: str | None = None) -> dict:
    """Median and p90 attention time (hours) of requests attended in [desde, hasta), optionally per `por`."""
    atendidas = qs.filter(estado__in=ESTADOS_ATENDIDA, fecha_atendida__gte=desde, fecha_atendida__lt=hasta)
    clave = por or "todo"
    if connection.vendor == "postgresql":
        if not por:
            fila = atendidas.aggregate(
                n=Count("fecha_recepcion"),
                mediana=Percentil(_duracion_atencion(), 0.5),
                p90=Percentil(_duracion_atencion(), 0.9),
            )
            return {clave: {"n": fila["n"], "mediana": _horas(fila["mediana"]), "p90": _horas(fila["p90"])}}
        filas = (
            atendidas.values(por)
            .annotate(
                n=Count("fecha_recepcion"),
                mediana=Percentil(_duracion_atencion(), 0.5),
                p90=Percentil(_duracion_atencion(), 0.9),
            )
            .order_by()
        )
        return {f[por]: {"n": f["n"], "mediana": _horas(f["mediana"]), "p90": _horas(f["p90"])} for f in filas}
    # SQLite (demo only): the same figures computed in Python.
    grupos: dict = {}
    for grupo, recibida, atendida in atendidas.values_list(por or "pk", "fecha_recepcion", "fecha_atendida"):
        grupos.setdefault(grupo if por else clave, []).append((atendida - recibida).total_seconds())
    resultado = {}
    for grupo, segundos in grupos.items():
        segundos.sort()
        resultado[grupo] = {
            "n": len(segundos),
            "mediana": _horas(timedelta(seconds=statistics.median(segundos))),
            "p90": _horas(timedelta(seconds=_percentil_python(segundos, 0.9))),
        }
    return resultado


@dataclass
class Puntualidad:
    a_tiempo: int
    tarde: int
    vencidas_abiertas: int
    en_plazo: int
    corte: datetime

    @property
    def evaluables(self) -> int:
        return self.a_tiempo + self.tarde + self.vencidas_abiertas

    @property
    def tasa(self) -> Decimal | None:
        """On time ÷ (on time + late + still open past due): open overdue requests count as late."""
        return redondear(Decimal(self.a_tiempo) / self.evaluables * 100) if self.evaluables else None

    @property
    def tasa_ingenua(self) -> Decimal | None:
        """On time ÷ answered: the published-311 trap, shown only to compare."""
        respondidas = self.a_tiempo + self.tarde
        return redondear(Decimal(self.a_tiempo) / respondidas * 100) if respondidas else None


def _conteos_recepcion(qs: QuerySet[Peticion], desde: datetime, hasta: datetime, corte: datetime) -> dict:
    """One scan of the requests received in [desde, hasta): received, open overdue and on-time counts.

    Duplicates are left out; cancelled requests are neither answered nor open, so they count only as received.
    """
    respondida = Q(estado__in=[*ESTADOS_ATENDIDA, Peticion.Estado.IMPROCEDENTE])
    abierta = Q(estado__in=Peticion.ABIERTOS)
    return (
        qs.filter(fecha_recepcion__gte=desde, fecha_recepcion__lt=hasta)
        .exclude(estado=Peticion.Estado.DUPLICADA)
        .annotate(respuesta=Coalesce("fecha_atendida", "fecha_improcedente"))
        .aggregate(
            recibidas=Count("fecha_recepcion"),
            a_tiempo=Count("fecha_recepcion", filter=respondida & Q(respuesta__lte=F("fecha_limite"))),
            tarde=Count("fecha_recepcion", filter=respondida & Q(respuesta__gt=F("fecha_limite"))),
            vencidas=Count("fecha_recepcion", filter=abierta & Q(fecha_limite__lt=corte)),
            en_plazo=Count("fecha_recepcion", filter=abierta & Q(fecha_limite__gte=corte)),
        )
    )


def puntualidad(qs: QuerySet[Peticion], desde: datetime, hasta: datetime, corte: datetime | None = None) -> Puntualidad:
    """On-time figures of the requests received in [desde, hasta), as of `corte` (default now). One query."""
    corte = corte or timezone.now()
    fila = _conteos_recepcion(qs, desde, hasta, corte)
    return Puntualidad(fila["a_tiempo"], fila["tarde"], fila["vencidas"], fila["en_plazo"], corte)


def _porcentaje(parte: int, total: int) -> Decimal | None:
    return redondear(Decimal(parte) / total * 100) if total else None


def por_mes(qs: QuerySet[Peticion], desde: Mes, hasta: Mes) -> list[dict]:
    """Received and attended per month in [desde, hasta], two GROUP BY queries."""
    inicio, fin = desde.inicio, hasta.fin
    recibidas = {
        Mes.de(f["m"]): f["n"]
        for f in qs.exclude(estado=Peticion.Estado.DUPLICADA)
        .filter(fecha_recepcion__gte=inicio, fecha_recepcion__lt=fin)
        .annotate(m=TruncMonth("fecha_recepcion", tzinfo=zona()))
        .values("m")
        .annotate(n=Count("fecha_recepcion"))
        .order_by()
    }
    atendidas = {
        Mes.de(f["m"]): f["n"]
        for f in qs.filter(estado__in=ESTADOS_ATENDIDA, fecha_atendida__gte=inicio, fecha_atendida__lt=fin)
        .annotate(m=TruncMonth("fecha_atendida", tzinfo=zona()))
        .values("m")
        .annotate(n=Count("fecha_recepcion"))
        .order_by()
    }
    filas = []
    for mes in meses_entre(desde, hasta):
        r, a = recibidas.get(mes, 0), atendidas.get(mes, 0)
        filas.append({"mes": mes, "recibidas": r, "atendidas": a, "porcentaje": _porcentaje(a, r)})
    return filas


def _agrupado(qs: QuerySet[Peticion], campo: str, desde: datetime, hasta: datetime, corte: datetime) -> dict:
    """Received, attended-of-those, open-overdue per value of `campo`, for requests received in the period."""
    filas = (
        qs.exclude(estado=Peticion.Estado.DUPLICADA)
        .filter(fecha_recepcion__gte=desde, fecha_recepcion__lt=hasta)
        .values(campo)
        .annotate(
            recibidas=Count("fecha_recepcion"),
            atendidas=Count("fecha_recepcion", filter=Q(estado__in=ESTADOS_ATENDIDA)),
            vencidas=Count("fecha_recepcion", filter=Q(estado__in=Peticion.ABIERTOS, fecha_limite__lt=corte)),
        )
        .order_by()
    )
    return {f[campo]: f for f in filas}


def _cifras(c: dict) -> dict:
    """One `_agrupado` group as a table row's figures: received, attended, % attended, open overdue."""
    return {
        "recibidas": c["recibidas"],
        "atendidas": c["atendidas"],
        "porcentaje": _porcentaje(c["atendidas"], c["recibidas"]),
        "vencidas": c["vencidas"],
    }


def por_direccion(qs: QuerySet[Peticion], desde: datetime, hasta: datetime, corte: datetime) -> list[dict]:
    """Per dirección: received, attended (of those), %, open overdue, median and p90 attention time."""
    conteos = _agrupado(qs, "direccion_id", desde, hasta, corte)
    return _filas_direccion(conteos, tiempos_de_atencion(qs, desde, hasta, por="direccion_id"))


def _filas_direccion(conteos: dict, tiempos: dict) -> list[dict]:
    from peticiones.models import Direccion

    ids = set(conteos) | set(tiempos)
    nombres = dict(Direccion.objects.filter(pk__in=ids).values_list("pk", "nombre"))
    filas = []
    for pk in ids:
        c = conteos.get(pk, {"recibidas": 0, "atendidas": 0, "vencidas": 0})
        t = tiempos.get(pk, {"n": 0, "mediana": None, "p90": None})
        filas.append(
            {
                "direccion": nombres.get(pk, "—"),
                **_cifras(c),
                "atendidas_en_periodo": t["n"],
                "mediana_horas": t["mediana"],
                "p90_horas": t["p90"],
            }
        )
    filas.sort(key=lambda f: (-f["vencidas"], -f["recibidas"], f["direccion"]))
    return filas


def por_canal(qs: QuerySet[Peticion], desde: datetime, hasta: datetime, corte: datetime) -> list[dict]:
    return _filas_canal(_agrupado(qs, "canal_id", desde, hasta, corte))


def _filas_canal(conteos: dict) -> list[dict]:
    from peticiones.models import Canal

    nombres = dict(Canal.objects.filter(pk__in=conteos).values_list("pk", "nombre"))
    filas = [
        {
            "canal": nombres.get(pk, "—"),
            **_cifras(c),
        }
        for pk, c in conteos.items()
    ]
    filas.sort(key=lambda f: (-f["recibidas"], f["canal"]))
    return filas


def por_colonia(qs: QuerySet[Peticion], desde: datetime, hasta: datetime, corte: datetime) -> list[dict]:
    return _filas_colonia(_agrupado(qs, "colonia_id", desde, hasta, corte))


def _filas_colonia(conteos: dict) -> list[dict]:
    from peticiones.models import Colonia

    nombres = {pk: (n, s) for pk, n, s in Colonia.objects.filter(pk__in=conteos).values_list("pk", "nombre", "sector")}
    filas = [
        {
            "colonia": nombres.get(pk, ("—", ""))[0],
            "sector": nombres.get(pk, ("—", ""))[1],
            **_cifras(c),
        }
        for pk, c in conteos.items()
    ]
    filas.sort(key=lambda f: (-f["recibidas"], f["colonia"]))
    return filas


def resumen(qs: QuerySet[Peticion], desde: datetime, hasta: datetime, corte: datetime) -> dict:
    """Headline cards for the period: two queries (received side, attended side)."""
    fila = _conteos_recepcion(qs, desde, hasta, corte)
    tiempos = tiempos_de_atencion(qs, desde, hasta).get("todo", {"n": 0, "mediana": None, "p90": None})
    return {
        "recibidas": fila["recibidas"],
        "atendidas": tiempos["n"],
        "vencidas": fila["vencidas"],
        "porcentaje": _porcentaje(tiempos["n"], fila["recibidas"]),
        "mediana_horas": tiempos["mediana"],
        "p90_horas": tiempos["p90"],
        "puntualidad": Puntualidad(fila["a_tiempo"], fila["tarde"], fila["vencidas"], fila["en_plazo"], corte),
    }


# --- the whole dashboard -----------------------------------------------------------------------
# (Tried: one GROUPING SETS scan for dirección/canal/colonia/totals and another for the percentiles. On
# PostgreSQL 15 with 1,000,000 requests it was 3× slower than these separate index scans — the planner
# sorts once per grouping set — so the dashboard keeps one small query per table.)


def calcular(
    qs: QuerySet[Peticion],
    desde: Mes,
    hasta: Mes,
    corte: datetime,
    por_conteos: bool = False,
    direccion_id: int | None = None,
) -> dict:
    """Everything the dashboard shows for the months [desde, hasta].

    `por_conteos`: `qs` is every request, or those of `direccion_id` — the counts then come from the monthly
    counters (`indicadores.conteos`) and only the open requests and the attention times read requests.
    """
    if por_conteos and conteos.disponibles():
        return _calcular_por_conteos(desde, hasta, corte, direccion_id)
    inicio, fin = desde.inicio, hasta.fin
    return {
        "corte": corte,
        "meses": por_mes(qs, desde, hasta),
        "resumen": resumen(qs, inicio, fin, corte),
        "direcciones": por_direccion(qs, inicio, fin, corte),
        "canales": por_canal(qs, inicio, fin, corte),
        "colonias": por_colonia(qs, inicio, fin, corte),
    }


ABIERTAS_SQL = """
SELECT GROUPING(direccion_id), GROUPING(canal_id), GROUPING(colonia_id), direccion_id, canal_id, colonia_id,
       COUNT(*) FILTER (WHERE fecha_limite < %(corte)s), COUNT(*) FILTER (WHERE fecha_limite >= %(corte)s)
FROM peticiones_peticion
WHERE estado IN {abiertos} AND fecha_recepcion >= %(inicio)s AND fecha_recepcion < %(fin)s {direccion}
GROUP BY GROUPING SETS ((), (direccion_id), (canal_id), (colonia_id))
"""

TIEMPOS_SQL = """
SELECT GROUPING(direccion_id), direccion_id, COUNT(fecha_recepcion),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY fecha_atendida - fecha_recepcion),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY fecha_atendida - fecha_recepcion)
FROM peticiones_peticion
WHERE estado IN {atendida} AND fecha_atendida >= %(inicio)s AND fecha_atendida < %(fin)s {direccion}
GROUP BY GROUPING SETS ((), (direccion_id))
"""


def _lista(estados) -> str:
    """SQL list of state constants (code, not input), written out so the partial index's predicate matches."""
    return "(" + ", ".join(f"'{e}'" for e in estados) + ")"


def _abiertas(parametros: dict, direccion: str) -> dict:
    """Open requests received in the period, overdue / still in time at the cut-off: total and per dimension
    (one scan of the partial index of open requests)."""
    resultado: dict = {"todo": {}, "direccion_id": {}, "canal_id": {}, "colonia_id": {}}
    with connections[alias_de_lectura()].cursor() as c:  # raw SQL: the router does not see it; ask it where
        c.execute(ABIERTAS_SQL.format(direccion=direccion, abiertos=_lista(Peticion.ABIERTOS)), parametros)
        for g_dir, g_can, g_col, di, ca, co, vencidas, en_plazo in c.fetchall():
            cifras = {"vencidas": vencidas, "en_plazo": en_plazo}
            if g_dir and g_can and g_col:
                resultado["todo"] = cifras
            elif not g_dir:
                resultado["direccion_id"][di] = cifras
            elif not g_can:
                resultado["canal_id"][ca] = cifras
            else:
                resultado["colonia_id"][co] = cifras
    return resultado


def _tiempos(parametros: dict, direccion: str) -> tuple[dict, dict]:
    """Median and p90 attention time of the requests attended in the period: overall and per dirección."""
    todo = {"n": 0, "mediana": None, "p90": None}
    por_direccion: dict = {}
    with connections[alias_de_lectura()].cursor() as c:
        c.execute(TIEMPOS_SQL.format(direccion=direccion, atendida=_lista(ESTADOS_ATENDIDA)), parametros)
        for g_dir, di, n, mediana, p90 in c.fetchall():
            cifras = {"n": n, "mediana": _horas(mediana), "p90": _horas(p90)}
            if g_dir:
                todo = cifras
            else:
                por_direccion[di] = cifras
    return todo, por_direccion


def _agrupado_por_conteos(filas: QuerySet, campo: str, abiertas: dict) -> dict:
    """`_agrupado`'s result from the counters: groups with at least one request received in the period."""
    grupos = filas.values(campo).annotate(recibidas=Sum("recibidas"), atendidas=Sum("atendidas_recibidas")).order_by()
    return {
        g[campo]: {
            campo: g[campo],
            "recibidas": g["recibidas"],
            "atendidas": g["atendidas"],
            "vencidas": abiertas.get(g[campo], {}).get("vencidas", 0),
        }
        for g in grupos
        if g["recibidas"]
    }


def _calcular_por_conteos(desde: Mes, hasta: Mes, corte: datetime, direccion_id: int | None) -> dict:
    inicio, fin = desde.inicio, hasta.fin
    parametros = {
        "corte": corte,
        "inicio": inicio,
        "fin": fin,
        "direccion_id": direccion_id,
    }
    direccion = "" if direccion_id is None else "AND direccion_id = %(direccion_id)s"
    abiertas = _abiertas(parametros, direccion)
    todo, tiempos_direccion = _tiempos(parametros, direccion)
    filas = conteos.del_periodo(desde, hasta, direccion_id)
    recepcion = filas.filter(dimension="c")
    totales = conteos.sumas(recepcion, "recibidas", "a_tiempo", "tarde")
    por_mes_c = {
        f["mes"]: f
        for f in recepcion.values("mes").annotate(recibidas=Sum("recibidas"), atendidas=Sum("atendidas")).order_by()
    }
    meses = []
    for mes in meses_entre(desde, hasta):
        f = por_mes_c.get(conteos.dia_de(mes), {"recibidas": 0, "atendidas": 0})
        r, a = f["recibidas"], f["atendidas"]
        meses.append({"mes": mes, "recibidas": r, "atendidas": a, "porcentaje": _porcentaje(a, r)})
    vencidas = abiertas["todo"].get("vencidas", 0)
    en_plazo = abiertas["todo"].get("en_plazo", 0)
    return {
        "corte": corte,
        "meses": meses,
        "resumen": {
            "recibidas": totales["recibidas"],
            "atendidas": todo["n"],
            "vencidas": vencidas,
            "porcentaje": _porcentaje(todo["n"], totales["recibidas"]),
            "mediana_horas": todo["mediana"],
            "p90_horas": todo["p90"],
            "puntualidad": Puntualidad(totales["a_tiempo"], totales["tarde"], vencidas, en_plazo, corte),
        },
        "direcciones": _filas_direccion(
            _agrupado_por_conteos(recepcion, "direccion_id", abiertas["direccion_id"]), tiempos_direccion
        ),
        "canales": _filas_canal(_agrupado_por_conteos(recepcion, "canal_id", abiertas["canal_id"])),
        "colonias": _filas_colonia(
            _agrupado_por_conteos(filas.filter(dimension="l"), "colonia_id", abiertas["colonia_id"])
        ),
    }
