"""Reads of the follow-up: the queue's state, the month's bitácora de llamadas and its count (MIR)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from sirc import cifras

from ..acciones.seguimiento import tiempo_abandono
from ..models import LlamadaSeguimiento, Peticion, VisitaDomiciliaria
from ..visibilidad import visibles_para

Llamada = LlamadaSeguimiento
EstadoLlamada = LlamadaSeguimiento.Estado


def rango_del_mes(anio: int, mes: int) -> tuple[datetime, datetime]:
    """[first instant, first instant of next month) in local time."""
    inicio = timezone.make_aware(datetime(anio, mes, 1))
    siguiente = date(anio + (mes == 12), mes % 12 + 1, 1)
    return inicio, timezone.make_aware(datetime(siguiente.year, siguiente.month, 1))


def mes_de(texto: str | None) -> tuple[int, int]:
    """'2026-11' → (2026, 11); anything else → the current local month."""
    try:
        anio, mes = (int(x) for x in (texto or "").split("-"))
        if 2000 <= anio <= 2100 and 1 <= mes <= 12:
            return anio, mes
    except ValueError:
        pass
    hoy = timezone.localdate()
    return hoy.year, hoy.month


@dataclass(frozen=True)
class ResumenCola:
    por_llamar: int  # due now (includes abandoned calls)
    programadas: int  # due later
    en_curso: int


def resumen_cola(ahora: datetime | None = None) -> ResumenCola:
    ahora = ahora or timezone.now()
    vigente = Q(peticion__estado=Peticion.Estado.ATENDIDA)
    abandonada = Q(estado=EstadoLlamada.EN_CURSO, tomada_el__lt=ahora - tiempo_abandono())
    datos = Llamada.objects.filter(vigente).aggregate(
        por_llamar=Count("pk", filter=Q(estado=EstadoLlamada.PENDIENTE, programada_para__lte=ahora) | abandonada),
        programadas=Count("pk", filter=Q(estado=EstadoLlamada.PENDIENTE, programada_para__gt=ahora)),
        en_curso=Count("pk", filter=Q(estado=EstadoLlamada.EN_CURSO) & ~abandonada),
    )
    return ResumenCola(**datos)


def llamadas_del_mes(anio: int, mes: int) -> QuerySet[LlamadaSeguimiento]:
    """Calls made in the month (the bitácora de llamadas), oldest first."""
    inicio, fin = rango_del_mes(anio, mes)
    return (
        Llamada.objects.filter(estado__in=Llamada.REALIZADAS, fecha_resultado__gte=inicio, fecha_resultado__lt=fin)
        .select_related("peticion__ciudadano", "peticion__direccion", "tomada_por")
        .order_by("fecha_resultado", "id")
    )


def visitas_del_mes(anio: int, mes: int) -> QuerySet[VisitaDomiciliaria]:
    inicio, fin = rango_del_mes(anio, mes)
    return (
        VisitaDomiciliaria.objects.filter(fecha_visita__gte=inicio, fecha_visita__lt=fin)
        .select_related("peticion__ciudadano", "peticion__direccion", "realizada_por")
        .order_by("fecha_visita", "id")
    )


@dataclass(frozen=True)
class ConteoMensual:
    llamadas: int
    contactadas: int
    resueltas: int
    no_resueltas: int
    no_contesta: int
    numero_equivocado: int
    satisfaccion_promedio: float | None
    visitas: int
    meta: int

    @property
    def total(self) -> int:
        """Calls plus visits: the MIR's "llamadas de seguimiento" activity counts both."""
        return self.llamadas + self.visitas

    @property
    def avance(self) -> Decimal:
        """Percentage of the monthly target reached (shown with `porcentaje`: «90.7 %»)."""
        return cifras.redondear(Decimal(100) * self.total / self.meta) if self.meta else Decimal(0)


def conteo_mensual(anio: int, mes: int) -> ConteoMensual:
    datos = llamadas_del_mes(anio, mes).aggregate(
        llamadas=Count("pk"),
        contactadas=Count("pk", filter=Q(estado=EstadoLlamada.CONTACTADO)),
        resueltas=Count("pk", filter=Q(estado=EstadoLlamada.CONTACTADO, se_resolvio=True)),
        no_resueltas=Count("pk", filter=Q(estado=EstadoLlamada.CONTACTADO, se_resolvio=False)),
        no_contesta=Count("pk", filter=Q(estado=EstadoLlamada.NO_CONTESTA)),
        numero_equivocado=Count("pk", filter=Q(estado=EstadoLlamada.NUMERO_EQUIVOCADO)),
        suma=Sum("satisfaccion"),
        calificadas=Count("satisfaccion"),
    )
    visitas = visitas_del_mes(anio, mes).aggregate(
        n=Count("pk"), suma=Sum("satisfaccion"), calificadas=Count("satisfaccion")
    )
    # Satisfaction of calls and visits together: what the citizens said this month, however they were reached.
    calificadas = datos.pop("calificadas") + visitas["calificadas"]
    suma = (datos.pop("suma") or 0) + (visitas["suma"] or 0)
    return ConteoMensual(
        **datos,
        satisfaccion_promedio=round(suma / calificadas, 1) if calificadas else None,
        visitas=visitas["n"],
        meta=settings.SEGUIMIENTO_META_MENSUAL,
    )


def pendientes_de_visita(usuario: AbstractBaseUser) -> QuerySet[Peticion]:
    """Atendida requests the phone could not verify: no phone, wrong number, or no answer after 3 tries."""
    ronda = Llamada.objects.filter(peticion=OuterRef("pk"), atendida_el=OuterRef("fecha_atendida"))
    sin_contacto = Exists(ronda.filter(estado=EstadoLlamada.NUMERO_EQUIVOCADO)) | Exists(
        ronda.filter(estado=EstadoLlamada.NO_CONTESTA, intento=Llamada.MAX_INTENTOS)
    )
    visitada = Exists(
        VisitaDomiciliaria.objects.filter(peticion=OuterRef("pk"), fecha_visita__gte=OuterRef("fecha_atendida"))
    )
    sin_telefono = Q(ciudadano__telefono="")
    return (
        visibles_para(usuario)
        .filter(estado=Peticion.Estado.ATENDIDA, ciudadano__isnull=False)
        .filter(ciudadano__oposicion_contacto__isnull=True, ciudadano__anonimizado__isnull=True)
        .filter(sin_telefono | sin_contacto)
        .filter(~visitada)
        .select_related("ciudadano", "colonia", "direccion", "categoria")
        .order_by("colonia__nombre", "fecha_atendida")  # a brigade's route goes colonia by colonia
    )


def personal_de_seguimiento() -> QuerySet:
    """Active users who may make follow-up calls and visits (brigade staff included)."""
    User = get_user_model()
    codigo = Q(codename="hacer_seguimiento", content_type__app_label="peticiones")
    from django.contrib.auth.models import Permission

    permiso = Permission.objects.filter(codigo)
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__permissions__in=permiso) | Q(user_permissions__in=permiso) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def quejas_para_supervisor(usuario: AbstractBaseUser) -> QuerySet[Peticion]:
    """Open quejas and sugerencias about the service itself: the supervisor's queue."""
    return (
        visibles_para(usuario)
        .filter(tipo__para_supervisor=True, estado__in=Peticion.ABIERTOS)
        .select_related("tipo", "canal", "categoria", "direccion", "ciudadano", "queja_de_evaluacion__peticion")
        .order_by("fecha_recepcion")
    )


def ventana(anio: int, mes: int) -> tuple[str, str, str]:
    """('2026-11', previous '2026-10', next '2026-12') for the month selector."""
    anterior = date(anio, mes, 1) - timedelta(days=1)
    siguiente = date(anio + (mes == 12), mes % 12 + 1, 1)
    return f"{anio}-{mes:02d}", f"{anterior:%Y-%m}", f"{siguiente:%Y-%m}"


ENCABEZADOS_BITACORA = [
    "Fecha",
    "Hora",
    "Medio",
    "Folio",
    "Intento",
    "Ciudadano",
    "Teléfono",
    "Dirección",
    "Resultado",
    "¿Se resolvió?",
    "Satisfacción (1-5)",
    "Comentario",
    "Realizó",
]


def _si_no(valor: bool | None) -> str:
    return "" if valor is None else ("Sí" if valor else "No")


def filas_bitacora(anio: int, mes: int) -> list[list]:
    """The month's calls and visits as rows for CSV/XLSX, in date order (the MIR's means of verification)."""
    filas: list[tuple[datetime, list]] = []
    for ll in llamadas_del_mes(anio, mes):
        local = timezone.localtime(ll.fecha_resultado)
        ciudadano = ll.peticion.ciudadano
        filas.append(
            (
                ll.fecha_resultado,
                [
                    local.strftime("%d/%m/%Y"),
                    local.strftime("%H:%M"),
                    "Llamada",
                    ll.peticion.folio,
                    ll.intento,
                    str(ciudadano) if ciudadano else "",
                    ciudadano.telefono if ciudadano else "",
                    ll.peticion.direccion.nombre,
                    ll.get_estado_display(),
                    _si_no(ll.se_resolvio),
                    ll.satisfaccion or "",
                    ll.comentario,
                    ll.tomada_por.get_full_name() or ll.tomada_por.username if ll.tomada_por else "",
                ],
            )
        )
    for v in visitas_del_mes(anio, mes):
        local = timezone.localtime(v.fecha_visita)
        ciudadano = v.peticion.ciudadano
        filas.append(
            (
                v.fecha_visita,
                [
                    local.strftime("%d/%m/%Y"),
                    local.strftime("%H:%M"),
                    "Visita domiciliaria",
                    v.peticion.folio,
                    "",
                    str(ciudadano) if ciudadano else "",
                    ciudadano.telefono if ciudadano else "",
                    v.peticion.direccion.nombre,
                    v.get_resultado_display(),
                    _si_no(v.se_resolvio),
                    v.satisfaccion or "",
                    v.comentario,
                    v.realizada_por.get_full_name() or v.realizada_por.username,
                ],
            )
        )
    filas.sort(key=lambda f: f[0])
    return [fila for _, fila in filas]


def llamadas_por_operador(anio: int, mes: int) -> list[dict]:
    """Calls per operator in the month (the supervisor's view of the team's share of the target)."""
    return list(
        llamadas_del_mes(anio, mes)
        .order_by()
        .values("tomada_por__first_name", "tomada_por__last_name", "tomada_por__username")
        .annotate(
            llamadas=Count("pk"),
            contactadas=Count("pk", filter=Q(estado=EstadoLlamada.CONTACTADO)),
        )
        .order_by("-llamadas", "tomada_por__username")
    )
