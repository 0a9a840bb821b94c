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

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from peticiones.models import Evento, Peticion

from .models import Indicador, Programa
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
        .annotate(n=Count(contar, distinct=contar != "pk"))
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

    def contar(self, desde: datetime, hasta: datetime) -> Conteos:
        return self.funcion(desde, hasta)


SERIES: dict[str, Serie] = {}


def serie(clave: str, nombre: str, definicion: str, fuente: str):
    """Register a monthly-count function in SERIES."""

    def registrar(funcion: Callable[[datetime, datetime], Conteos]) -> Callable[[datetime, datetime], Conteos]:
        SERIES[clave] = Serie(clave, nombre, definicion, fuente, funcion)
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
    return por_mes(Peticion.objects.filter(estado__in=ESTADOS_ATENDIDA), "fecha_atendida", desde, hasta)


def _de_evento(tipo: str, canal: str) -> QuerySet[Peticion]:
    return peticiones_validas().filter(Q(evento__tipo=tipo) | Q(canal__clave=canal))


@serie(
    "solicitudes_gira",
    "Solicitudes de Gira de Presidencia",
    "Folios recibidos en el mes en una Gira de Presidencia (evento de tipo Gira de Presidencia o canal "
    "«Gira de Presidencia»).",
    "Reporte de Atención de SIRC",
)
def solicitudes_gira(desde: datetime, hasta: datetime) -> Conteos:
    return por_mes(_de_evento(Evento.Tipo.GIRA_PRESIDENCIA, "gira-presidencia"), "fecha_recepcion", desde, hasta)


@serie(
    "solicitudes_miercoles",
    "Solicitudes del Miércoles Ciudadano",
    "Folios recibidos en el mes en un Miércoles Ciudadano (evento de ese tipo o canal «Miércoles Ciudadano»).",
    "Reporte de Atención de SIRC",
)
def solicitudes_miercoles(desde: datetime, hasta: datetime) -> Conteos:
    return por_mes(_de_evento(Evento.Tipo.MIERCOLES_CIUDADANO, "miercoles-ciudadano"), "fecha_recepcion", desde, hasta)


@serie(
    "llamadas_seguimiento",
    "Llamadas de seguimiento",
    "Llamadas de seguimiento a ciudadanos con solicitud atendida realizadas en el mes (cada intento con "
    "resultado registrado: contactado, no contesta o número equivocado).",
    "Bitácora de Llamadas de Atención",
)
def llamadas_seguimiento(desde: datetime, hasta: datetime) -> Conteos:
    raise SinFuente("SIRC aún no registra la bitácora de llamadas de seguimiento.")


@serie(
    "jm_actualizados",
    "Jefes de Manzana actualizados",
    "Registros del padrón de Jefes de Manzana actualizados y validados en el mes.",
    "Padrón de Jefes de Manzana",
)
def jm_actualizados(desde: datetime, hasta: datetime) -> Conteos:
    raise SinFuente("El padrón aún no registra la fecha de actualización y validación de cada Jefe de Manzana.")


@serie(
    "jm_acreditados",
    "Jefes de Manzana acreditados",
    "Jefes de Manzana con toma de protesta y acreditación (credencial, placa y nombramiento) en el mes.",
    "Credenciales, placas y nombramientos de Jefes de Manzana",
)
def jm_acreditados(desde: datetime, hasta: datetime) -> Conteos:
    raise SinFuente("El padrón aún no registra la fecha de toma de protesta y acreditación.")


@serie(
    "jc_electos",
    "Jefes de Cuartel electos",
    "Jefes de Manzana electos Jefe de Cuartel en el mes.",
    "Padrón de Jefes de Cuartel",
)
def jc_electos(desde: datetime, hasta: datetime) -> Conteos:
    raise SinFuente("El padrón aún no registra la elección de Jefes de Cuartel.")


@serie(
    "jm_capacitados",
    "Jefes de Manzana y de Cuartel capacitados",
    "Jefes de Manzana y de Cuartel distintos que asistieron a una capacitación en el mes.",
    "Padrón de Jefes de Manzana y cuartel",
)
def jm_capacitados(desde: datetime, hasta: datetime) -> Conteos:
    raise SinFuente("El padrón aún no registra capacitaciones con asistencia.")


@serie(
    "eventos_dia_jm",
    "Eventos del Día del Jefe de Manzana",
    "Eventos de celebración del Día del Jefe de Manzana realizados en el mes.",
    "Reporte Fotográfico",
)
def eventos_dia_jm(desde: datetime, hasta: datetime) -> Conteos:
    raise SinFuente("El padrón aún no registra el evento del Día del Jefe de Manzana.")


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


def series_del_anio(anio: int, claves: list[str] | None = None) -> dict[str, Conteos | SinFuente]:
    """Each series counted for every month of `anio` (one query per series); SinFuente kept as value."""
    desde, hasta = inicio_de_mes(anio, 1), inicio_de_mes(anio + 1, 1)
    resultado: dict[str, Conteos | SinFuente] = {}
    for clave in claves if claves is not None else list(SERIES):
        try:
            resultado[clave] = SERIES[clave].contar(desde, hasta)
        except SinFuente as falta:
            resultado[clave] = falta
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
        return f"{formato_numero(self.valor)} %" if self.es_porcentaje else formato_numero(self.valor)

    @property
    def meta_texto(self) -> str:
        if self.meta_periodo is None:
            return ""
        texto = formato_numero(self.meta_periodo) + (" %" if self.es_porcentaje else "")
        if not self.es_porcentaje and self.meta_periodo != self.indicador.meta:
            texto += f" (de {formato_numero(self.indicador.meta)} al {self.indicador.get_frecuencia_display().lower()})"
        return texto

    @property
    def formula_texto(self) -> str:
        if self.es_porcentaje and self.numerador is not None:
            return f"{formato_numero(self.numerador)} / {formato_numero(self.denominador or 0)}"
        return ""


def formato_numero(valor: Decimal | int | float) -> str:
    """es-MX style: thousands with comma, up to one decimal (85, 1,500, 87.3)."""
    valor = Decimal(valor)
    if valor == valor.to_integral_value():
        return f"{int(valor):,}"
    return f"{redondear(valor):,}"


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
    resultado.cumplimiento = redondear(cumplimiento(indicador.sentido, resultado.valor, resultado.meta_periodo))
    resultado.semaforo = semaforo(
        indicador.sentido,
        resultado.valor,
        resultado.meta_periodo,
        indicador.umbral_verde,
        indicador.umbral_amarillo,
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
