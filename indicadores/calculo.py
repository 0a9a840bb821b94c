"""Every MIR figure computed from live data, never typed.

One registry, two layers:

- SERIES: small functions, each counting one thing per month (one GROUP BY query) — recibidas,
  atendidas, llamadas de seguimiento… A series whose data source does not exist yet in SIRC raises
  `SinFuente`; the indicator then says «sin fuente de datos aún» instead of showing a number.
- CALCULOS: how an indicator combines series (a count, or numerador ÷ denominador × 100).

`valores_del_mes()` gives every indicator of the year's programme for a month, with its meta for the
period, avance and semáforo according to the indicator's sentido.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from peticiones.models import Canal, Evento, Peticion
from sirc import cifras

from .models import CALCULOS_CONOCIDOS, SERIES_CONOCIDAS, Indicador, Programa
from .periodos import Mes, inicio_de_mes, zona

Conteos = dict[Mes, int]

SIN_FUENTE = "sin fuente de datos aún"


class SinFuente(Exception):
    """The data this series counts is not (yet) recorded by SIRC."""


def por_mes(queryset: QuerySet, campo: str, desde: datetime, hasta: datetime, contar: str = "pk") -> Conteos:
    """Rows of `queryset` whose `campo` falls in [desde, hasta), counted per local month (one query)."""
    filas = (
        queryset.filter(**{f"{campo}__gte": desde, f"{campo}__lt": hasta})
        .annotate(mes_local=TruncMonth(campo, tzinfo=zona()))
        .values("mes_local")
        .annotate(n=Count("*") if contar == "pk" else Count(contar, distinct=True))
        .order_by()
    )
    return {Mes.de(f["mes_local"]): f["n"] for f in filas}


# --- SERIES --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Serie:
    clave: str
    nombre: str
    definicion: str
    fuente: str
    funcion: Callable[[datetime, datetime], Conteos]
    # Series that count valid requests by their fecha_recepcion: their filter, so several of them are
    # counted together in one scan (see `series_del_anio`).
    filtro_recepcion: Callable[[], Q] | None = None

    def contar(self, desde: datetime, hasta: datetime) -> Conteos:
        return self.funcion(desde, hasta)


SERIES: dict[str, Serie] = {}


def serie(clave: str, nombre: str, definicion: str, fuente: str, filtro_recepcion: Callable[[], Q] | None = None):
    """Register a monthly-count function in SERIES."""

    def registrar(funcion: Callable[[datetime, datetime], Conteos]) -> Callable[[datetime, datetime], Conteos]:
        SERIES[clave] = Serie(clave, nombre, definicion, fuente, funcion, filtro_recepcion)
        SERIES_CONOCIDAS.add(clave)
        return funcion

    return registrar


ESTADOS_ATENDIDA = (Peticion.Estado.ATENDIDA, Peticion.Estado.CERRADA)


def peticiones_validas() -> QuerySet[Peticion]:
    """Every request that counts as received: all folios except those marked as duplicates."""
    return Peticion.objects.exclude(estado=Peticion.Estado.DUPLICADA)


@serie(
    "recibidas",
    "Solicitudes recibidas",
    "Folios capturados con fecha de recepción en el mes, por cualquier canal (sin los marcados como duplicados).",
    "Reporte de Atención de SIRC",
    filtro_recepcion=Q,
)
def recibidas(desde: datetime, hasta: datetime) -> Conteos:
    return por_mes(peticiones_validas(), "fecha_recepcion", desde, hasta)


@serie(
    "atendidas",
    "Solicitudes atendidas",
    "Folios que la dirección marcó atendidos en el mes (hoy atendidos o cerrados), sin importar el mes en que "
    "se recibieron; los reabiertos dejan de contar y los improcedentes no cuentan.",
    "Reporte de Atención de SIRC",
)
def atendidas(desde: datetime, hasta: datetime) -> Conteos:
    if _por_conteos(desde, hasta):
        return _de_conteos("atendidas", {"atendidas": None}, desde, hasta)["atendidas"]
    return por_mes(Peticion.objects.filter(estado__in=ESTADOS_ATENDIDA), "fecha_atendida", desde, hasta)


def _de_evento_q(tipo: str, canal: str) -> Q:
    # Subqueries instead of joins: the count reads only the covering index on fecha_recepcion.
    eventos = Evento.objects.filter(tipo=tipo).values("pk")
    canales = Canal.objects.filter(clave=canal).values("pk")
    return Q(evento_id__in=eventos) | Q(canal_id__in=canales)


def _gira() -> Q:
    return _de_evento_q(Evento.Tipo.GIRA_PRESIDENCIA, "gira-presidencia")


def _miercoles() -> Q:
    return _de_evento_q(Evento.Tipo.MIERCOLES_CIUDADANO, "miercoles-ciudadano")


@serie(
    "solicitudes_gira",
    "Solicitudes de Gira de Presidencia",
    "Folios recibidos en el mes en una Gira de Presidencia (evento de tipo Gira de Presidencia o canal "
    "«Gira de Presidencia»).",
    "Reporte de Atención de SIRC",
    filtro_recepcion=_gira,
)
def solicitudes_gira(desde: datetime, hasta: datetime) -> Conteos:
    return por_mes(peticiones_validas().filter(_gira()), "fecha_recepcion", desde, hasta)


@serie(
    "solicitudes_miercoles",
    "Solicitudes del Miércoles Ciudadano",
    "Folios recibidos en el mes en un Miércoles Ciudadano (evento de ese tipo o canal «Miércoles Ciudadano»).",
    "Reporte de Atención de SIRC",
    filtro_recepcion=_miercoles,
)
def solicitudes_miercoles(desde: datetime, hasta: datetime) -> Conteos:
    return por_mes(peticiones_validas().filter(_miercoles()), "fecha_recepcion", desde, hasta)


def _modelo(app: str, nombre: str, campos: tuple[str, ...], falta: str):
    """The model `app.nombre` if SIRC has it with `campos`; SinFuente with `falta` otherwise."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    try:
        modelo = apps.get_model(app, nombre)
        for campo in campos:
            modelo._meta.get_field(campo)
    except (LookupError, FieldDoesNotExist):
        raise SinFuente(falta) from None
    return modelo


def por_mes_de_fecha(queryset: QuerySet, campo: str, desde: datetime, hasta: datetime, contar: str = "pk") -> Conteos:
    """Like `por_mes` for a DateField (a calendar day, no time zone)."""
    filas = (
        queryset.filter(**{f"{campo}__gte": desde.date(), f"{campo}__lt": hasta.date()})
        .annotate(mes_local=TruncMonth(campo))
        .values("mes_local")
        .annotate(n=Count(contar, distinct=contar != "pk"))
        .order_by()
    )
    return {Mes(f["mes_local"].year, f["mes_local"].month): f["n"] for f in filas}


@serie(
    "llamadas_seguimiento",
    "Llamadas de seguimiento",
    "Llamadas de seguimiento realizadas en el mes a ciudadanos con solicitud atendida (cada intento con resultado: "
    "contactado, no contesta o número equivocado) más las visitas domiciliarias del mes, como en la Bitácora de "
    "Llamadas de Atención.",
    "Bitácora de Llamadas de Atención",
)
def llamadas_seguimiento(desde: datetime, hasta: datetime) -> Conteos:
    falta = "SIRC aún no registra la bitácora de llamadas de seguimiento."
    Llamada = _modelo("peticiones", "LlamadaSeguimiento", ("estado", "fecha_resultado"), falta)
    realizadas = Llamada.objects.filter(estado__in=["contactado", "no_contesta", "numero_equivocado"])
    conteos = por_mes(realizadas, "fecha_resultado", desde, hasta)
    try:
        Visita = _modelo("peticiones", "VisitaDomiciliaria", ("fecha_visita",), falta)
    except SinFuente:
        return conteos
    for mes, n in por_mes(Visita.objects.all(), "fecha_visita", desde, hasta).items():
        conteos[mes] = conteos.get(mes, 0) + n
    return conteos


@serie(
    "seguimiento_contactados",
    "Ciudadanos contactados en el seguimiento",
    "Llamadas y visitas domiciliarias del mes en que se habló con el ciudadano (resultado «contactado»), de la "
    "Bitácora de Llamadas de Atención: el «b» de «intentos/contactados» del calendario del PAT.",
    "Bitácora de Llamadas de Atención",
)
def seguimiento_contactados(desde: datetime, hasta: datetime) -> Conteos:
    falta = "SIRC aún no registra la bitácora de llamadas de seguimiento."
    Llamada = _modelo("peticiones", "LlamadaSeguimiento", ("estado", "fecha_resultado"), falta)
    conteos = por_mes(Llamada.objects.filter(estado="contactado"), "fecha_resultado", desde, hasta)
    try:
        Visita = _modelo("peticiones", "VisitaDomiciliaria", ("resultado", "fecha_visita"), falta)
    except SinFuente:
        return conteos
    for mes, n in por_mes(Visita.objects.filter(resultado="contactado"), "fecha_visita", desde, hasta).items():
        conteos[mes] = conteos.get(mes, 0) + n
    return conteos


def _jefes(campos: tuple[str, ...], falta: str):
    return _modelo("jefes_manzana", "JefeManzana", campos, falta)


@serie(
    "jm_actualizados",
    "Jefes de Manzana actualizados",
    "Jefes de Manzana distintos dados de alta o con algún dato cambiado en el mes (sin contar las bajas), según "
    "el historial de cambios del padrón; en el acumulado, cada persona cuenta una vez. Reimportar un padrón sin "
    "cambios no suma ni borra nada.",
    "Padrón de Jefes de Manzana (historial de cambios)",
)
def jm_actualizados(desde: datetime, hasta: datetime) -> Conteos:
    from jefes_manzana.cifras import actualizaciones
    from sirc import historial

    if not historial.activo():
        raise SinFuente("El historial de cambios del padrón sólo se registra con PostgreSQL.")
    return por_mes(actualizaciones(), "pgh_created_at", desde, hasta, contar="pgh_obj_id")


def _actualizados_en(desde: datetime, hasta: datetime) -> int:
    from jefes_manzana.cifras import actualizados_entre

    return actualizados_entre(desde, hasta)


@serie(
    "jm_acreditados",
    "Jefes de Manzana acreditados",
    "Jefes de Manzana acreditados en el mes (fecha de acreditación: toma de protesta y entrega de credencial, "
    "placa y nombramiento).",
    "Credenciales, placas y nombramientos de Jefes de Manzana",
)
def jm_acreditados(desde: datetime, hasta: datetime) -> Conteos:
    Jefe = _jefes(("fecha_acreditacion",), "El padrón aún no registra la fecha de toma de protesta y acreditación.")
    return por_mes_de_fecha(Jefe.objects.all(), "fecha_acreditacion", desde, hasta)


@serie(
    "jc_electos",
    "Jefes de Cuartel electos",
    "Jefes de Manzana electos Jefe de Cuartel en el mes (candidaturas con fecha de elección en el mes).",
    "Padrón de Jefes de Cuartel",
)
def jc_electos(desde: datetime, hasta: datetime) -> Conteos:
    Candidatura = _modelo(
        "jefes_manzana",
        "CandidaturaCuartel",
        ("fecha_eleccion", "estado"),
        "El padrón aún no registra la elección de Jefes de Cuartel.",
    )
    electas = Candidatura.objects.filter(estado__in=["electo", "concluido"])
    return por_mes_de_fecha(electas, "fecha_eleccion", desde, hasta)


def _asistencias_capacitacion():
    return _modelo(
        "jefes_manzana",
        "AsistenciaCapacitacion",
        ("jefe", "capacitacion"),
        "El padrón aún no registra capacitaciones con asistencia.",
    )


def _capacitados_en(desde: datetime, hasta: datetime) -> int:
    Asistencia = _asistencias_capacitacion()
    return (
        Asistencia.objects.filter(capacitacion__fecha__gte=desde.date(), capacitacion__fecha__lt=hasta.date())
        .values("jefe")
        .distinct()
        .count()
    )


@serie(
    "jm_capacitados",
    "Jefes de Manzana y de Cuartel capacitados",
    "Jefes de Manzana y de Cuartel distintos que asistieron a una capacitación en el mes; en el acumulado del "
    "año, cada persona cuenta una vez aunque asista a varias.",
    "Padrón de Jefes de Manzana y cuartel",
)
def jm_capacitados(desde: datetime, hasta: datetime) -> Conteos:
    Asistencia = _asistencias_capacitacion()
    return por_mes_de_fecha(Asistencia.objects.all(), "capacitacion__fecha", desde, hasta, contar="jefe")


@serie(
    "eventos_dia_jm",
    "Eventos del Día del Jefe de Manzana",
    "Eventos de celebración del Día del Jefe de Manzana realizados en el mes.",
    "Reporte Fotográfico",
)
def eventos_dia_jm(desde: datetime, hasta: datetime) -> Conteos:
    Evento = _modelo(
        "jefes_manzana",
        "EventoJefes",
        ("tipo", "fecha"),
        "El padrón aún no registra el evento del Día del Jefe de Manzana.",
    )
    return por_mes_de_fecha(Evento.objects.filter(tipo="dia_jefe_manzana"), "fecha", desde, hasta)


# Series whose total over several months is not the sum of the months (people counted once).
TOTALES_DISTINTOS: dict[str, Callable[[datetime, datetime], int]] = {
    "jm_capacitados": _capacitados_en,
    "jm_actualizados": _actualizados_en,
}


# --- CALCULOS ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Calculo:
    clave: str
    nombre: str
    numerador: str
    denominador: str = ""

    @property
    def porcentaje(self) -> bool:
        return bool(self.denominador)

    @property
    def series(self) -> list[str]:
        return [s for s in (self.numerador, self.denominador) if s]

    @property
    def definicion(self) -> str:
        num = SERIES[self.numerador]
        if not self.porcentaje:
            return f"{num.nombre}: {num.definicion}"
        den = SERIES[self.denominador]
        return (
            f"{num.nombre} ÷ {den.nombre.lower()} × 100. {num.nombre}: {num.definicion} {den.nombre}: {den.definicion}"
        )


CALCULOS: dict[str, Calculo] = {
    c.clave: c
    for c in [
        Calculo("porcentaje_atendidas", "Atendidas ÷ recibidas × 100", "atendidas", "recibidas"),
        Calculo("llamadas_seguimiento", "Total de llamadas de seguimiento", "llamadas_seguimiento"),
        Calculo("solicitudes_gira", "Solicitudes de Gira de Presidencia", "solicitudes_gira"),
        Calculo("jm_actualizados", "Jefes de Manzana actualizados", "jm_actualizados"),
        Calculo("jm_acreditados", "Acreditación y toma de protesta", "jm_acreditados"),
        Calculo("jc_electos", "Jefes de Cuartel electos", "jc_electos"),
        Calculo("jm_capacitados", "Jefes de Manzana y de Cuartel capacitados", "jm_capacitados"),
        Calculo("eventos_dia_jm", "Evento del Día del Jefe de Manzana", "eventos_dia_jm"),
    ]
}
CALCULOS_CONOCIDOS.update(CALCULOS)


def series_del_anio(anio: int, claves: list[str] | None = None) -> dict[str, Conteos | SinFuente]:
    """Each series counted for every month of `anio` (one query per series); SinFuente kept as value."""
    desde, hasta = inicio_de_mes(anio, 1), inicio_de_mes(anio + 1, 1)
    claves = claves if claves is not None else list(SERIES)
    juntas = [c for c in claves if SERIES[c].filtro_recepcion is not None]
    resultado: dict[str, Conteos | SinFuente] = _por_recepcion_juntas(juntas, desde, hasta) if juntas else {}
    for clave in claves:
        if clave in resultado:
            continue
        try:
            resultado[clave] = SERIES[clave].contar(desde, hasta)
        except SinFuente as falta:
            resultado[clave] = falta
    return resultado


def _por_recepcion_juntas(claves: list[str], desde: datetime, hasta: datetime) -> dict[str, Conteos]:
    """Several reception-based series counted in ONE scan of the year (one COUNT … FILTER per series)."""
    if _por_conteos(desde, hasta):
        return _de_conteos("recibidas", {c: SERIES[c].filtro_recepcion() for c in claves}, desde, hasta)
    conteos = {}
    for clave in claves:
        filtro = SERIES[clave].filtro_recepcion()
        conteos[f"n_{clave}"] = Count("fecha_recepcion", filter=filtro) if filtro else Count("fecha_recepcion")
    filas = (
        peticiones_validas()
        .filter(fecha_recepcion__gte=desde, fecha_recepcion__lt=hasta)
        .annotate(mes_local=TruncMonth("fecha_recepcion", tzinfo=zona()))
        .values("mes_local")
        .annotate(**conteos)
        .order_by()
    )
    resultado: dict[str, Conteos] = {clave: {} for clave in claves}
    for fila in filas:
        mes = Mes.de(fila["mes_local"])
        for clave in claves:
            if fila[f"n_{clave}"]:
                resultado[clave][mes] = fila[f"n_{clave}"]
    return resultado


def _por_conteos(desde: datetime, hasta: datetime) -> bool:
    """Whole local months on PostgreSQL: the monthly counters answer exactly (`indicadores.conteos`)."""
    from . import conteos

    return conteos.disponibles() and conteos.es_inicio_de_mes(desde) and conteos.es_inicio_de_mes(hasta)


def _de_conteos(cifra: str, filtros: dict[str, Q | None], desde: datetime, hasta: datetime) -> dict[str, Conteos]:
    """Monthly SUM of `cifra` of the counters («c» rows: dirección × canal × evento) in [desde, hasta), one per
    key of `filtros` (its filter on canal / evento, if any), in one query."""
    from .models import ConteoMensual

    sumas = {f"n_{clave}": Sum(cifra, filter=filtro) if filtro else Sum(cifra) for clave, filtro in filtros.items()}
    filas = (
        ConteoMensual.objects.filter(dimension="c", mes__gte=Mes.de(desde).inicio.date())
        .filter(mes__lt=Mes.de(hasta).inicio.date())
        .values("mes")
        .annotate(**sumas)
        .order_by()
    )
    resultado: dict[str, Conteos] = {clave: {} for clave in filtros}
    for fila in filas:
        for clave in filtros:
            if fila[f"n_{clave}"]:
                resultado[clave][Mes(fila["mes"].year, fila["mes"].month)] = fila[f"n_{clave}"]
    return resultado


# --- semáforo ------------------------------------------------------------------------------------

VERDE, AMARILLO, ROJO = "verde", "amarillo", "rojo"
CIEN = Decimal(100)


def redondear(valor: Decimal, decimales: int = 1) -> Decimal:
    return valor.quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)


def cumplimiento(sentido: str, valor: Decimal, meta: Decimal) -> Decimal:
    """How well `valor` meets `meta`, in %, by the indicator's sentido.

    Ascendente: valor ÷ meta (more is better). Descendente: meta ÷ valor (less is better).
    Constante: 100 − |valor − meta| ÷ meta (the goal is to hold the meta; missing it either way counts).
    A meta of 0: met when the value is 0 (ascendente: any value meets it).
    """
    if meta == 0:
        if sentido == Indicador.Sentido.ASCENDENTE or valor == 0:
            return CIEN
        return Decimal(0)
    if sentido == Indicador.Sentido.ASCENDENTE:
        return valor / meta * CIEN
    if sentido == Indicador.Sentido.DESCENDENTE:
        return CIEN if valor <= 0 else meta / valor * CIEN
    return max(Decimal(0), CIEN - abs(valor - meta) / meta * CIEN)


def semaforo(
    sentido: str,
    valor: Decimal,
    meta: Decimal,
    umbral_verde: Decimal = Decimal(90),
    umbral_amarillo: Decimal = Decimal(70),
) -> str:
    """verde when cumplimiento ≥ umbral_verde, amarillo when ≥ umbral_amarillo, rojo otherwise."""
    c = cumplimiento(sentido, valor, meta)
    if c >= umbral_verde:
        return VERDE
    if c >= umbral_amarillo:
        return AMARILLO
    return ROJO


# --- an indicator in a month ---------------------------------------------------------------------


@dataclass
class ValorIndicador:
    indicador: Indicador
    mes: Mes
    desde: Mes
    calculo: Calculo | None
    valor: Decimal | None = None
    numerador: int | None = None
    denominador: int | None = None
    meta_periodo: Decimal | None = None
    avance: Decimal | None = None
    cumplimiento: Decimal | None = None
    semaforo: str = ""
    sin_fuente: str = ""
    indefinido: str = ""
    notas: list[str] = field(default_factory=list)

    @property
    def disponible(self) -> bool:
        return self.valor is not None

    @property
    def periodo(self) -> str:
        if self.desde == self.mes:
            return self.mes.nombre
        return f"{self.desde.nombre.split()[0]}–{self.mes.nombre} (acumulado)"

    @property
    def es_porcentaje(self) -> bool:
        return bool(self.calculo and self.calculo.porcentaje)

    @property
    def definicion(self) -> str:
        return self.calculo.definicion if self.calculo else "Cálculo no configurado."

    @property
    def valor_texto(self) -> str:
        if self.sin_fuente:
            return SIN_FUENTE
        if self.valor is None:
            return "no definido"
        return cifras.porcentaje(self.valor) if self.es_porcentaje else formato_numero(self.valor)

    @property
    def meta_texto(self) -> str:
        if self.meta_periodo is None:
            return ""
        texto = cifras.porcentaje(self.meta_periodo) if self.es_porcentaje else formato_numero(self.meta_periodo)
        if not self.es_porcentaje and self.meta_periodo != self.indicador.meta:
            texto += f" (de {formato_numero(self.indicador.meta)} al {self.indicador.get_frecuencia_display().lower()})"
        return texto

    @property
    def formula_texto(self) -> str:
        if self.es_porcentaje and self.numerador is not None:
            return f"{formato_numero(self.numerador)} / {formato_numero(self.denominador or 0)}"
        return ""


def formato_numero(valor: Decimal | int | float) -> str:
    """es-MX style: thousands with comma, up to one decimal (85, 1,500, 87.3): `sirc.cifras.numero`."""
    return cifras.numero(valor)


def inicio_del_periodo(frecuencia: str, mes: Mes) -> Mes:
    """First month of the frequency's period that contains `mes` (the window is acumulated to date)."""
    meses = Indicador.MESES_POR_FRECUENCIA[frecuencia]
    return Mes(mes.anio, (mes.mes - 1) // meses * meses + 1)


def valor_del_mes(indicador: Indicador, mes: Mes, series: dict[str, Conteos | SinFuente]) -> ValorIndicador:
    """The indicator's value for `mes` from the year's series, with meta, avance and semáforo."""
    calculo = CALCULOS.get(indicador.calculo)
    desde = inicio_del_periodo(indicador.frecuencia, mes)
    resultado = ValorIndicador(indicador=indicador, mes=mes, desde=desde, calculo=calculo)
    if calculo is None:
        resultado.sin_fuente = f"El cálculo «{indicador.calculo}» no existe en SIRC."
        return resultado
    meses = [Mes(mes.anio, m) for m in range(desde.mes, mes.mes + 1)]
    sumas = []
    for clave in calculo.series:
        conteos = series.get(clave)
        if conteos is None:
            conteos = series_del_anio(mes.anio, [clave])[clave]
        if isinstance(conteos, SinFuente):
            resultado.sin_fuente = str(conteos)
            return resultado
        if len(meses) > 1 and clave in TOTALES_DISTINTOS:
            sumas.append(TOTALES_DISTINTOS[clave](desde.inicio, mes.fin))
        else:
            sumas.append(sum(conteos.get(m, 0) for m in meses))
    if calculo.porcentaje:
        resultado.numerador, resultado.denominador = sumas
        if not resultado.denominador:
            resultado.indefinido = "No hubo solicitudes recibidas en el periodo: el porcentaje no se define."
            return resultado
        resultado.valor = redondear(Decimal(resultado.numerador) / resultado.denominador * CIEN)
        resultado.meta_periodo = indicador.meta
    else:
        resultado.valor = Decimal(sumas[0])
        # A count's meta is for the whole period (año, semestre…): expected to date, pro rata.
        transcurridos = len(meses)
        resultado.meta_periodo = redondear(indicador.meta * transcurridos / indicador.meses_del_periodo)
        if transcurridos < indicador.meses_del_periodo:
            resultado.notas.append(
                f"Meta prorrateada: {formato_numero(indicador.meta)} × {transcurridos}/{indicador.meses_del_periodo}."
            )
    if resultado.meta_periodo:
        resultado.avance = redondear(resultado.valor / resultado.meta_periodo * CIEN)
    comparado = resultado.valor
    adelantado = (
        not calculo.porcentaje
        and indicador.sentido != Indicador.Sentido.DESCENDENTE
        and resultado.meta_periodo <= resultado.valor <= indicador.meta
    )
    if adelantado:
        # Ahead of the pro-rata schedule but within the period's meta: on track, not a deviation.
        comparado = resultado.meta_periodo
        if resultado.valor > resultado.meta_periodo:
            resultado.notas.append("Va adelantado respecto de la meta prorrateada, sin pasar la meta del periodo.")
    resultado.cumplimiento = redondear(cumplimiento(indicador.sentido, comparado, resultado.meta_periodo))
    resultado.semaforo = semaforo(
        indicador.sentido, comparado, resultado.meta_periodo, indicador.umbral_verde, indicador.umbral_amarillo
    )
    return resultado


def programa_del_anio(anio: int) -> Programa | None:
    return Programa.objects.filter(anio=anio).first()


def valores_del_mes(
    programa: Programa, mes: Mes, series: dict[str, Conteos | SinFuente] | None = None
) -> list[ValorIndicador]:
    """Every indicator of `programa` for `mes`."""
    indicadores = list(programa.indicadores.all())
    if series is None:
        claves = sorted({s for i in indicadores if i.calculo in CALCULOS for s in CALCULOS[i.calculo].series})
        series = series_del_anio(mes.anio, claves)
    return [valor_del_mes(i, mes, series) for i in indicadores]
