"""Follow-up of attended requests: the call queue, home visits and the citizen's evaluation.

- `encolar_llamadas()` (periodic sweep, also `manage.py encolar_llamadas`) derives the queue from the
  database: every atendida request with a phone and no call for its current attention gets one, due
  SEGUIMIENTO_DEMORA_HORAS later. Idempotent and safe on two workers (a unique index per round, and
  another that allows a single open call per request).
- `siguiente_llamada(operador)` hands the oldest due call to one operator only
  (`select_for_update(skip_locked=True)` on PostgreSQL, a compare-and-swap UPDATE everywhere) and
  takes back calls abandoned longer than SEGUIMIENTO_ABANDONO_MINUTOS.
- `registrar_resultado(...)`: contacted and solved → cerrada; contacted and not solved → reabierta
  (back to the dirección with the reason); no contesta → next try hours later, up to 3; número
  equivocado → ends. Everything goes to the request's bitácora.
- `registrar_visita(...)`: the same outcomes, for the brigades' home visits.
- `evaluar_servicio(...)`: the citizen's own 1–5 rating from the public consulta page, once.
"""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from sirc.fechas import fecha_hora

from .. import canales
from ..bitacora import registrar_evento
from ..models import Categoria, EvaluacionCiudadana, EventoBitacora, LlamadaSeguimiento, Peticion, VisitaDomiciliaria
from ..visibilidad import visibles_para
from . import transiciones
from .captura import capturar
from .transiciones import SinPermiso, hace_seguimiento

Llamada = LlamadaSeguimiento
EstadoLlamada = LlamadaSeguimiento.Estado
EstadoPeticion = Peticion.Estado
SEGUIMIENTO = EventoBitacora.Tipo.SEGUIMIENTO

# Requests the citizen may rate: the work is done (or declared impossible).
EVALUABLES = (EstadoPeticion.ATENDIDA, EstadoPeticion.CERRADA, EstadoPeticion.IMPROCEDENTE)


class SeguimientoInvalido(Exception):
    """A follow-up outcome that cannot be recorded; the message is for the user, in Spanish."""


# --- configuration -----------------------------------------------------------------------------


def demora() -> timedelta:
    return timedelta(hours=settings.SEGUIMIENTO_DEMORA_HORAS)


def espera_reintento() -> timedelta:
    return timedelta(hours=settings.SEGUIMIENTO_REINTENTO_HORAS)


def tiempo_abandono() -> timedelta:
    return timedelta(minutes=settings.SEGUIMIENTO_ABANDONO_MINUTOS)


def en_horario(momento: datetime) -> datetime:
    """The same moment if it falls within calling hours (local time), else the next opening."""
    inicio, fin = settings.SEGUIMIENTO_HORARIO
    local = timezone.localtime(momento)
    apertura = local.replace(hour=inicio, minute=0, second=0, microsecond=0)
    if local.hour < inicio:
        return apertura
    if local.hour >= fin:
        return apertura + timedelta(days=1)
    return local


def _exigir_seguimiento(usuario: AbstractBaseUser | None) -> None:
    if not hace_seguimiento(usuario):
        raise SinPermiso("Su usuario no hace llamadas ni visitas de seguimiento.")


# --- the queue ---------------------------------------------------------------------------------


def _ronda_vigente() -> Q:
    """Calls that still verify the request's current attention."""
    return Q(peticion__estado=EstadoPeticion.ATENDIDA, atendida_el=F("peticion__fecha_atendida"))


def cancelar_llamadas_obsoletas(ahora: datetime | None = None) -> int:
    """Open calls whose request left atendida (closed, reopened…) leave the queue.

    A call someone is on right now is left to that operator, unless it was abandoned.
    """
    ahora = ahora or timezone.now()
    obsoletas = (
        Llamada.objects.filter(
            Q(estado=EstadoLlamada.PENDIENTE)
            | Q(estado=EstadoLlamada.EN_CURSO, tomada_el__lt=ahora - tiempo_abandono())
        )
        .exclude(_ronda_vigente())
        .values_list("pk", flat=True)
    )
    return Llamada.objects.filter(pk__in=list(obsoletas)).update(estado=EstadoLlamada.CANCELADA, tomada_por=None)


def por_encolar(ahora: datetime | None = None) -> QuerySet[Peticion]:
    """Atendida requests with a phone to call, no call yet for their current attention and none open."""
    ahora = ahora or timezone.now()
    ronda = Llamada.objects.filter(peticion=OuterRef("pk"), atendida_el=OuterRef("fecha_atendida"))
    abierta = Llamada.objects.filter(peticion=OuterRef("pk"), estado__in=Llamada.ABIERTAS)
    return (
        Peticion.objects.filter(
            estado=EstadoPeticion.ATENDIDA,
            fecha_atendida__gte=ahora - timedelta(days=settings.SEGUIMIENTO_ANTIGUEDAD_DIAS),
            ciudadano__isnull=False,
            ciudadano__oposicion_contacto__isnull=True,  # opposition (ARCO): no calls
            ciudadano__anonimizado__isnull=True,
        )
        .exclude(ciudadano__telefono="")
        .filter(~Exists(ronda), ~Exists(abierta))
    )


def _encolar(peticion: Peticion, ahora: datetime) -> LlamadaSeguimiento:
    programada = en_horario(max(peticion.fecha_atendida + demora(), ahora))
    llamada = Llamada.objects.create(
        peticion=peticion, atendida_el=peticion.fecha_atendida, intento=1, programada_para=programada
    )
    registrar_evento(peticion, SEGUIMIENTO, f"Llamada de seguimiento programada para el {fecha_hora(programada)}.")
    return llamada


def _encolar_lote(lote: list[Peticion], ahora: datetime) -> int:
    """One transaction per batch; if another worker raced us on some row, fall back to one savepoint per row."""
    try:
        with transaction.atomic():
            for peticion in lote:
                _encolar(peticion, ahora)
        return len(lote)
    except IntegrityError:
        creadas = 0
        for peticion in lote:
            try:
                with transaction.atomic():
                    _encolar(peticion, ahora)
                creadas += 1
            except IntegrityError:
                continue  # another worker queued it first
        return creadas


def encolar_llamadas(ahora: datetime | None = None, lote: int = 500) -> int:
    """Create the missing first calls; return how many. Safe to run twice or on two workers at once."""
    ahora = ahora or timezone.now()
    cancelar_llamadas_obsoletas(ahora)
    creadas = 0
    while True:
        peticiones = list(
            por_encolar(ahora).only("pk", "folio", "fecha_atendida").order_by("fecha_atendida", "pk")[:lote]
        )
        if not peticiones:
            return creadas
        nuevas = _encolar_lote(peticiones, ahora)
        creadas += nuevas
        if nuevas == 0:
            return creadas  # everything in this batch was taken by another worker at the same moment


def _disponibles(ahora: datetime) -> QuerySet[LlamadaSeguimiento]:
    """Due calls (and abandoned ones) in queue order, read straight off the partial index
    `seguimiento_cola_abierta`; whether the request still needs the call is checked per row."""
    return (
        Llamada.objects.filter(estado__in=Llamada.ABIERTAS)
        .filter(
            Q(estado=EstadoLlamada.PENDIENTE, programada_para__lte=ahora)
            | Q(estado=EstadoLlamada.EN_CURSO, tomada_el__lt=ahora - tiempo_abandono())
        )
        .order_by("programada_para", "id")
    )


def llamada_en_curso(operador: AbstractBaseUser) -> LlamadaSeguimiento | None:
    return Llamada.objects.filter(estado=EstadoLlamada.EN_CURSO, tomada_por=operador).first()


def siguiente_llamada(operador: AbstractBaseUser, ahora: datetime | None = None) -> LlamadaSeguimiento | None:
    """Hand `operador` the oldest due call (or the one they already hold); None when the queue is empty.

    PostgreSQL: the row is locked with SKIP LOCKED, so concurrent operators each get a different one.
    Everywhere: the take is a compare-and-swap UPDATE, so a row changed meanwhile is never handed twice.
    A call whose request left atendida (closed, reopened…) is cancelled on the way.
    """
    _exigir_seguimiento(operador)
    ahora = ahora or timezone.now()
    propia = llamada_en_curso(operador)
    if propia is not None:
        Llamada.objects.filter(pk=propia.pk).update(tomada_el=ahora)
        propia.tomada_el = ahora
        return propia
    salta_bloqueadas = connection.features.has_select_for_update_skip_locked
    for _ in range(100):
        try:
            with transaction.atomic():
                candidatas = _disponibles(ahora)
                if salta_bloqueadas:
                    candidatas = candidatas.select_for_update(skip_locked=True)
                llamada = candidatas.first()
                if llamada is None:
                    return None
                misma_fila = Llamada.objects.filter(pk=llamada.pk, estado=llamada.estado, tomada_el=llamada.tomada_el)
                peticion = Peticion.objects.only("estado", "fecha_atendida", "folio").get(pk=llamada.peticion_id)
                if peticion.estado != EstadoPeticion.ATENDIDA or peticion.fecha_atendida != llamada.atendida_el:
                    misma_fila.update(estado=EstadoLlamada.CANCELADA, tomada_por=None)
                    continue
                # Compare-and-swap: only one operator turns this exact row state into theirs.
                if not misma_fila.update(estado=EstadoLlamada.EN_CURSO, tomada_por=operador, tomada_el=ahora):
                    continue
                if llamada.estado == EstadoLlamada.EN_CURSO:
                    anterior = llamada.tomada_por
                    registrar_evento(
                        peticion,
                        SEGUIMIENTO,
                        f"La llamada de seguimiento (intento {llamada.intento}) que tenía "
                        f"{anterior.get_full_name() or anterior} volvió a la cola por inactividad.",
                        llamada=llamada.pk,
                    )
        except IntegrityError:
            # The operator already holds one (double click in another tab): give them that one.
            return llamada_en_curso(operador)
        llamada.refresh_from_db()
        return llamada
    return None


def liberar_llamada(llamada: LlamadaSeguimiento, operador: AbstractBaseUser) -> None:
    """The operator gives the call back to the queue without an outcome."""
    Llamada.objects.filter(pk=llamada.pk, estado=EstadoLlamada.EN_CURSO, tomada_por=operador).update(
        estado=EstadoLlamada.PENDIENTE, tomada_por=None, tomada_el=None
    )


def _validar_contacto(
    contactado: bool, se_resolvio: bool | None, satisfaccion: int | None, comentario: str
) -> tuple[bool | None, int | None, str]:
    comentario = (comentario or "").strip()
    if not contactado:
        return None, None, comentario
    if se_resolvio is None:
        raise SeguimientoInvalido("Indique si el ciudadano dice que se resolvió.")
    if satisfaccion is not None and not 1 <= int(satisfaccion) <= 5:
        raise SeguimientoInvalido("La satisfacción va de 1 a 5.")
    if se_resolvio is False and not comentario:
        raise SeguimientoInvalido("Escriba qué falta según el ciudadano: ese motivo regresa a la dirección.")
    return se_resolvio, satisfaccion, comentario


def _aplicar_opinion(
    peticion: Peticion,
    usuario: AbstractBaseUser,
    se_resolvio: bool,
    satisfaccion: int | None,
    comentario: str,
    medio: str,
) -> None:
    """Close on "sí", reopen on "no" — only from the states where that move exists."""
    calificacion = f" Satisfacción {satisfaccion}/5." if satisfaccion else ""
    peticion.refresh_from_db()
    if se_resolvio and peticion.estado == EstadoPeticion.ATENDIDA:
        transiciones.cerrar(peticion, usuario, nota=f"{medio}: el ciudadano confirma que se resolvió.{calificacion}")
    elif not se_resolvio and peticion.estado in (EstadoPeticion.ATENDIDA, EstadoPeticion.CERRADA):
        transiciones.reabrir(peticion, usuario, f"{medio}: el ciudadano dice que no se resolvió. {comentario}")


def registrar_resultado(
    llamada: LlamadaSeguimiento,
    operador: AbstractBaseUser,
    resultado: str,
    *,
    se_resolvio: bool | None = None,
    satisfaccion: int | None = None,
    comentario: str = "",
    ahora: datetime | None = None,
) -> LlamadaSeguimiento:
    """Record the outcome of the call `operador` holds, and act on it (see module docstring)."""
    _exigir_seguimiento(operador)
    if resultado not in Llamada.REALIZADAS:
        raise SeguimientoInvalido("Elija el resultado de la llamada: contactado, no contesta o número equivocado.")
    contactado = resultado == EstadoLlamada.CONTACTADO
    se_resolvio, satisfaccion, comentario = _validar_contacto(contactado, se_resolvio, satisfaccion, comentario)
    ahora = ahora or timezone.now()
    with transaction.atomic():
        actual = Llamada.objects.select_for_update().get(pk=llamada.pk)
        if actual.estado != EstadoLlamada.EN_CURSO or actual.tomada_por_id != operador.pk:
            raise SeguimientoInvalido(
                "Esta llamada ya no está a su nombre: volvió a la cola por inactividad o la tomó otro operador. "
                "Pida la siguiente llamada."
            )
        peticion = Peticion.objects.get(pk=actual.peticion_id)
        actual.estado = resultado
        actual.fecha_resultado = ahora
        actual.se_resolvio = se_resolvio
        actual.satisfaccion = satisfaccion
        actual.comentario = comentario
        actual.save()

        texto = f"Llamada de seguimiento (intento {actual.intento}): {actual.get_estado_display().lower()}"
        if contactado:
            texto += ". El ciudadano dice que " + ("sí se resolvió" if se_resolvio else "no se resolvió")
            texto += f"; satisfacción {satisfaccion}/5" if satisfaccion else ""
        texto += f". {comentario}" if comentario else "."
        vigente = peticion.estado == EstadoPeticion.ATENDIDA and peticion.fecha_atendida == actual.atendida_el
        siguiente = None
        if resultado == EstadoLlamada.NO_CONTESTA and vigente:
            if actual.intento < Llamada.MAX_INTENTOS:
                siguiente = Llamada.objects.create(
                    peticion=peticion,
                    atendida_el=actual.atendida_el,
                    intento=actual.intento + 1,
                    programada_para=en_horario(ahora + espera_reintento()),
                )
                texto += f" Se reintentará el {fecha_hora(siguiente.programada_para)}."
            else:
                texto += f" Sin contacto tras {Llamada.MAX_INTENTOS} intentos: queda para visita domiciliaria."
        elif resultado == EstadoLlamada.NUMERO_EQUIVOCADO:
            texto += " Queda para visita domiciliaria."
        registrar_evento(
            peticion,
            SEGUIMIENTO,
            texto,
            usuario=operador,
            llamada=actual.pk,
            intento=actual.intento,
            resultado=resultado,
            se_resolvio=se_resolvio,
            satisfaccion=satisfaccion,
        )
        if contactado:
            _aplicar_opinion(peticion, operador, se_resolvio, satisfaccion, comentario, "Llamada de seguimiento")
            if es_calificacion_baja(satisfaccion, comentario):
                queja_por_calificacion(
                    peticion,
                    satisfaccion,
                    comentario,
                    medio="llamada de seguimiento",
                    clave=f"sirc:llamada:{actual.pk}",
                    canal=canales.SEGUIMIENTO,
                )
    return actual


# --- home visits -------------------------------------------------------------------------------

VISITABLES = (EstadoPeticion.ATENDIDA, EstadoPeticion.CERRADA)


def registrar_visita(
    peticion: Peticion,
    registrada_por: AbstractBaseUser,
    *,
    realizada_por: AbstractBaseUser,
    fecha_visita: datetime,
    resultado: str,
    se_resolvio: bool | None = None,
    satisfaccion: int | None = None,
    comentario: str = "",
) -> VisitaDomiciliaria:
    """Record a brigade's home visit to the citizen of an attended request, and act on what they said."""
    _exigir_seguimiento(registrada_por)
    if not hace_seguimiento(realizada_por):
        raise SeguimientoInvalido(f"{realizada_por} no está registrado como personal de seguimiento (brigadas).")
    if not visibles_para(registrada_por).filter(pk=peticion.pk).exists():
        raise SinPermiso("Su usuario no puede ver esa petición.")
    if resultado not in VisitaDomiciliaria.Resultado.values:
        raise SeguimientoInvalido("Elija el resultado de la visita.")
    if fecha_visita > timezone.now() + timedelta(minutes=5):
        raise SeguimientoInvalido("La fecha de la visita no puede ser futura.")
    contactado = resultado == VisitaDomiciliaria.Resultado.CONTACTADO
    se_resolvio, satisfaccion, comentario = _validar_contacto(contactado, se_resolvio, satisfaccion, comentario)
    with transaction.atomic():
        actual = Peticion.objects.select_for_update().get(pk=peticion.pk)
        if actual.estado not in VISITABLES:
            raise SeguimientoInvalido(
                f"El folio {actual.folio} está {actual.get_estado_display().lower()}: "
                "sólo se visitan peticiones atendidas o cerradas."
            )
        visita = VisitaDomiciliaria.objects.create(
            peticion=actual,
            realizada_por=realizada_por,
            registrada_por=registrada_por,
            fecha_visita=fecha_visita,
            resultado=resultado,
            se_resolvio=se_resolvio,
            satisfaccion=satisfaccion,
            comentario=comentario,
        )
        texto = (
            f"Visita domiciliaria del {fecha_hora(fecha_visita)} ({realizada_por.get_full_name() or realizada_por}): "
        )
        texto += visita.get_resultado_display().lower()
        if contactado:
            texto += ". El ciudadano dice que " + ("sí se resolvió" if se_resolvio else "no se resolvió")
            texto += f"; satisfacción {satisfaccion}/5" if satisfaccion else ""
            # What the citizen said in person settles it: pending calls of this round are no longer needed.
            Llamada.objects.filter(peticion=actual, estado=EstadoLlamada.PENDIENTE).update(
                estado=EstadoLlamada.CANCELADA
            )
        texto += f". {comentario}" if comentario else "."
        registrar_evento(
            actual,
            SEGUIMIENTO,
            texto,
            usuario=registrada_por,
            visita=visita.pk,
            resultado=resultado,
            se_resolvio=se_resolvio,
            satisfaccion=satisfaccion,
        )
        if contactado:
            _aplicar_opinion(actual, registrada_por, se_resolvio, satisfaccion, comentario, "Visita domiciliaria")
            if es_calificacion_baja(satisfaccion, comentario):
                queja_por_calificacion(
                    actual,
                    satisfaccion,
                    comentario,
                    medio="visita domiciliaria",
                    clave=f"sirc:visita:{visita.pk}",
                    canal=canales.SEGUIMIENTO,
                )
    return visita


# --- the citizen's own evaluation ----------------------------------------------------------------


def puede_evaluar(peticion: Peticion) -> bool:
    return peticion.estado in EVALUABLES and not EvaluacionCiudadana.objects.filter(peticion=peticion).exists()


def evaluar_servicio(peticion: Peticion, calificacion: int, comentario: str = "") -> EvaluacionCiudadana:
    """The citizen rates the service (1–5) from the public consulta page; once per request."""
    if peticion.estado not in EVALUABLES:
        raise SeguimientoInvalido("Podrá calificar el servicio cuando su petición haya sido atendida.")
    if calificacion is None or not 1 <= int(calificacion) <= 5:
        raise SeguimientoInvalido("Elija una calificación del 1 al 5.")
    comentario = (comentario or "").strip()[:1000]
    try:
        with transaction.atomic():
            evaluacion = EvaluacionCiudadana.objects.create(
                peticion=peticion, calificacion=int(calificacion), comentario=comentario
            )
            registrar_evento(
                peticion,
                EventoBitacora.Tipo.EVALUACION,
                f"El ciudadano calificó el servicio con {calificacion}/5." + (f" «{comentario}»" if comentario else ""),
                calificacion=int(calificacion),
            )
            if calificacion_baja(evaluacion):
                queja_por_evaluacion(evaluacion)
    except IntegrityError:
        raise SeguimientoInvalido("Esta petición ya fue calificada. ¡Gracias por su opinión!") from None
    return evaluacion


# A rating this low, with a comment, is a complaint about the service: it reaches the supervisor as a queja,
# whether the citizen rated on the consulta page, on a follow-up call or to a brigade at home.
CALIFICACION_QUEJA = 2


def es_calificacion_baja(calificacion: int | None, comentario: str) -> bool:
    return calificacion is not None and calificacion <= CALIFICACION_QUEJA and bool((comentario or "").strip())


def calificacion_baja(evaluacion: EvaluacionCiudadana) -> bool:
    return es_calificacion_baja(evaluacion.calificacion, evaluacion.comentario)


def queja_por_calificacion(
    peticion: Peticion, calificacion: int, comentario: str, *, medio: str, clave: str, canal: str
) -> Peticion | None:
    """The queja in the supervisor's tray for the low rating `calificacion` of `peticion`, given by `medio`;
    once per `clave` (the rating's own identity: a second call returns the same queja). Captured by the
    channel's service account with the rated folio's citizen (their consent is the one given for that folio).
    None when the folio has no citizen (an anonymous denuncia has nobody to answer)."""
    if peticion.ciudadano_id is None:
        return None
    peticion = Peticion.objects.select_related("categoria", "direccion", "colonia", "ciudadano").get(pk=peticion.pk)
    categoria = peticion.categoria
    if not categoria.activa:
        categoria = Categoria.objects.filter(activa=True).order_by("pk").first() or categoria
    clave_idempotencia = uuid.uuid5(uuid.NAMESPACE_URL, clave)
    previa = Peticion.objects.filter(clave_idempotencia=clave_idempotencia).first()
    if previa is not None:
        return previa
    with transaction.atomic():
        queja = capturar(
            usuario=canales.cuenta_de_servicio(f"sirc-{canal}", canales.CANALES[canal]),
            categoria=categoria,
            colonia=peticion.colonia,
            descripcion=(
                f"Calificación {calificacion}/5 del servicio en el folio {peticion.folio} "
                f"({peticion.categoria}, {peticion.direccion.nombre}), por {medio}: «{comentario.strip()}»"
            ),
            ciudadano=peticion.ciudadano,
            tipo=canales.tipo_queja(),
            canal=canales.canal(canal),
            calle=peticion.calle,
            numero_exterior=peticion.numero_exterior,
            origen=peticion,
            clave_idempotencia=clave_idempotencia,
        )
        registrar_evento(
            peticion,
            EventoBitacora.Tipo.EVALUACION,
            f"La calificación baja con comentario ({medio}) llegó a la supervisión como la queja {queja.folio}.",
            queja=queja.pk,
        )
        registrar_evento(
            queja,
            EventoBitacora.Tipo.COMENTARIO,
            f"Queja por la calificación del folio {peticion.folio} ({medio}): el ciudadano y su consentimiento son "
            "los de ese folio.",
            origen=peticion.pk,
        )
    return queja


def queja_por_evaluacion(evaluacion: EvaluacionCiudadana) -> Peticion | None:
    """The queja for a low rating with a comment on the public consulta page, linked to the evaluation; once."""
    with transaction.atomic():
        evaluacion = (
            EvaluacionCiudadana.objects.select_for_update(of=("self",)).select_related("peticion").get(pk=evaluacion.pk)
        )
        if evaluacion.queja_id is not None:
            return evaluacion.queja
        if not calificacion_baja(evaluacion):
            return None
        queja = queja_por_calificacion(
            evaluacion.peticion,
            evaluacion.calificacion,
            evaluacion.comentario,
            medio="consulta pública",
            clave=f"sirc:evaluacion:{evaluacion.pk}",
            canal=canales.EVALUACION,
        )
        if queja is not None:
            EvaluacionCiudadana.objects.filter(pk=evaluacion.pk).update(queja=queja)
    return queja
