"""Read paths of Open311 GeoReport v2: services, their definitions, and the public view of requests.

Public GETs never carry personal data: no citizen, no description (it may name people), the address as
street and colonia without number, the point rounded to about 100 m, and only the kinds of request that are
about public places (not quejas or sugerencias about staff, not denuncias).
"""

import uuid
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from ..models import Categoria, Peticion, PreguntaServicio, SolicitudOpen311
from .busqueda import FOLIO
from .consulta import ESTADO_PUBLICO

DIAS_MAXIMOS = 90
LIMITE = 1000
ABIERTAS = set(Peticion.ABIERTOS)
TIPOS_PRIVADOS = ("denuncia",)  # plus every tipo «para_supervisor» (quejas, sugerencias)
TIPO_SERVICIO = "batch"  # POST answers a token; /tokens/{token} gives the folio at once


class ParametroInvalido(ValueError):
    """A query parameter the spec's 400 answers: the message says which and why."""


# --- services ---------------------------------------------------------------------------------------------


def categorias_publicas() -> QuerySet[Categoria]:
    preguntas = PreguntaServicio.objects.filter(categoria=OuterRef("pk"))
    return (
        Categoria.objects.filter(activa=True, direccion__activa=True)
        .select_related("direccion")
        .annotate(con_preguntas=Exists(preguntas))
        .order_by("direccion__nombre", "nombre")
    )


def servicios() -> list[dict]:
    """GET services: one service per active category; `group` is its dirección."""
    return [
        {
            "service_code": str(c.pk),
            "service_name": c.nombre,
            "description": c.descripcion_publica or f"{c.nombre} ({c.direccion.nombre})",
            "metadata": c.con_preguntas,
            "type": TIPO_SERVICIO,
            "keywords": c.nombre.lower(),
            "group": c.direccion.nombre,
        }
        for c in categorias_publicas()
    ]


def categoria_de_servicio(service_code: str) -> Categoria | None:
    codigo = (service_code or "").strip()
    if not codigo.isdigit() or len(codigo) > 18:
        return None
    return categorias_publicas().filter(pk=int(codigo)).first()


def definicion(categoria: Categoria) -> dict:
    """GET services/{code}: the category's questions as attributes."""
    atributos = []
    for pregunta in categoria.preguntas.all():
        atributo = {
            "variable": True,
            "code": pregunta.codigo,
            "datatype": pregunta.tipo_dato,
            "required": pregunta.requerida,
            "datatype_description": pregunta.ayuda or None,
            "order": pregunta.orden,
            "description": pregunta.descripcion,
        }
        if pregunta.es_lista:
            atributo["values"] = [{"key": str(clave), "name": str(nombre)} for clave, nombre in pregunta.opciones]
        atributos.append(atributo)
    return {"service_code": str(categoria.pk), "attributes": atributos}


# --- requests ---------------------------------------------------------------------------------------------


def peticiones_publicas() -> QuerySet[Peticion]:
    return (
        Peticion.objects.exclude(tipo__para_supervisor=True)
        .exclude(tipo__clave__in=TIPOS_PRIVADOS)
        .select_related("categoria", "direccion", "colonia", "solicitud_open311", "ciudadano")
    )


def _fecha(valor: str, campo: str, *, fin: bool) -> datetime:
    """A W3 date or date-time; a bare date is the start (or end) of that day, local time."""
    texto = valor.strip()
    try:
        momento = parse_datetime(texto)
        dia = None if momento else parse_date(texto)
    except ValueError:
        momento = dia = None
    if momento is None and dia is None:
        raise ParametroInvalido(
            f"{campo} debe ir en formato W3, p. ej. 2026-01-31T00:00:00-06:00 (se recibió «{texto[:40]}»)."
        )
    if momento is None:
        momento = datetime.combine(dia, time.max if fin else time.min)
    if timezone.is_naive(momento):
        momento = timezone.make_aware(momento)
    return momento


def _lista(valor: str) -> list[str]:
    return [v.strip() for v in (valor or "").split(",") if v.strip()]


def filtrar(parametros, ahora: datetime | None = None) -> QuerySet[Peticion]:
    """GET requests with the spec's arguments and defaults (last 90 days, at most 1000, newest first)."""
    qs = peticiones_publicas()
    folios = _lista(parametros.get("service_request_id", ""))
    if folios:
        condicion = Q(pk__in=[])
        for folio in folios[:LIMITE]:
            coincide = FOLIO.match(folio)
            if coincide:
                condicion |= Q(anio=int(coincide[1]), numero=int(coincide[2]))
        return qs.filter(condicion).order_by("-fecha_recepcion")[:LIMITE]
    codigos = _lista(parametros.get("service_code", ""))
    if codigos:
        if not all(c.isdigit() and len(c) <= 18 for c in codigos):
            raise ParametroInvalido("service_code debe ser uno o varios códigos de /services separados por comas.")
        qs = qs.filter(categoria_id__in=[int(c) for c in codigos])
    estados = _lista(parametros.get("status", ""))
    if estados:
        desconocidos = [e for e in estados if e not in ("open", "closed")]
        if desconocidos:
            raise ParametroInvalido(f"status sólo admite open y closed (se recibió «{desconocidos[0][:20]}»).")
        if set(estados) == {"open"}:
            qs = qs.filter(estado__in=Peticion.ABIERTOS)
        elif set(estados) == {"closed"}:
            qs = qs.exclude(estado__in=Peticion.ABIERTOS)
    ahora = ahora or timezone.now()
    inicio_txt, fin_txt = parametros.get("start_date", "").strip(), parametros.get("end_date", "").strip()
    inicio = _fecha(inicio_txt, "start_date", fin=False) if inicio_txt else None
    fin = _fecha(fin_txt, "end_date", fin=True) if fin_txt else None
    periodo = timedelta(days=DIAS_MAXIMOS)
    if inicio is None and fin is None:
        inicio, fin = ahora - periodo, ahora
    elif inicio is None:
        inicio = fin - periodo
    elif fin is None:
        fin = inicio + periodo
    if inicio > fin:
        raise ParametroInvalido("start_date es posterior a end_date.")
    if fin - inicio > periodo + timedelta(days=1):
        raise ParametroInvalido(f"El rango de start_date a end_date no puede pasar de {DIAS_MAXIMOS} días.")
    return qs.filter(fecha_recepcion__gte=inicio, fecha_recepcion__lte=fin).order_by("-fecha_recepcion")[:LIMITE]


def por_folio(folio: str) -> Peticion | None:
    coincide = FOLIO.match(folio or "")
    if not coincide:
        return None
    return peticiones_publicas().filter(anio=int(coincide[1]), numero=int(coincide[2])).first()


def por_token(token: str) -> SolicitudOpen311 | None:
    try:
        valor = uuid.UUID(str(token))
    except ValueError:
        return None
    return SolicitudOpen311.objects.select_related("peticion").filter(token=valor).first()


def w3(momento: datetime | None) -> str | None:
    if momento is None:
        return None
    return timezone.localtime(momento).isoformat(timespec="seconds")


def _redondeo(valor: Decimal | None) -> float | None:
    if valor is None:
        return None
    return float(Decimal(valor).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


def _cerrada_el(peticion: Peticion) -> datetime:
    fechas = [
        peticion.fecha_cerrada,
        peticion.fecha_atendida,
        peticion.fecha_improcedente,
        peticion.fecha_cancelada,
    ]
    return next((f for f in fechas if f is not None), peticion.actualizada)


def aviso_de_servicio(peticion: Peticion) -> str:
    """What the citizen should know: who attends it and by when, and how to follow it (a folio with a phone
    can be looked up at /consulta/; an anonymous one only through this API)."""
    limite = timezone.localtime(peticion.fecha_limite)
    aviso = f"La atiende la {peticion.direccion.nombre}; plazo de atención hasta el {limite:%d/%m/%Y %H:%M}."
    if peticion.ciudadano_id and peticion.ciudadano.telefono:
        consulta = settings.SITE_URL.rstrip("/") + "/consulta/"
        aviso += f" Consulte el folio en {consulta} con los últimos 4 dígitos de su teléfono."
    return aviso


def como_solicitud(peticion: Peticion) -> dict:
    """One request as the spec's `request` element, without personal data."""
    abierta = peticion.estado in ABIERTAS
    calle = (peticion.calle or "").strip()
    colonia = peticion.colonia
    direccion_lugar = ", ".join(p for p in [calle, colonia.nombre, "Veracruz, Ver."] if p)
    try:
        solicitud = peticion.solicitud_open311
    except SolicitudOpen311.DoesNotExist:
        solicitud = None
    notas = ESTADO_PUBLICO.get(peticion.estado, peticion.get_estado_display())
    if peticion.estado == Peticion.Estado.DUPLICADA and peticion.duplicado_de_id:
        notas += " (se atiende en otro folio)"
    return {
        "service_request_id": peticion.folio,
        "status": "open" if abierta else "closed",
        "status_notes": notas,
        "service_name": peticion.categoria.nombre,
        "service_code": str(peticion.categoria_id),
        "description": None,
        "agency_responsible": peticion.direccion.nombre,
        "service_notice": aviso_de_servicio(peticion) if abierta else None,
        "requested_datetime": w3(peticion.fecha_recepcion),
        "updated_datetime": w3(peticion.actualizada if abierta else _cerrada_el(peticion)),
        "expected_datetime": w3(peticion.fecha_limite),
        "address": direccion_lugar,
        "address_id": str(colonia.pk),
        "zipcode": colonia.codigo_postal or None,
        "lat": _redondeo(peticion.latitud),
        "long": _redondeo(peticion.longitud),
        "media_url": (solicitud.media_url or None) if solicitud is not None else None,
    }
