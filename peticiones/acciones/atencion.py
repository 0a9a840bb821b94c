"""Work on a request inside its dirección that does not change its state: assign, comment, add evidence."""

from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet

from ..bitacora import registrar_evento
from ..evidencias import FotoInvalida, guardar_fotos, validar_fotos
from ..models import EventoBitacora, Evidencia, Peticion
from .transiciones import SinPermiso, TransicionInvalida, es_atencion_ciudadana, es_enlace_de, es_supervisor

Estado = Peticion.Estado


def puede_trabajar(usuario: AbstractBaseUser | None, peticion: Peticion) -> bool:
    """The dirección's enlaces and the supervisors work a turned request."""
    return es_enlace_de(usuario, peticion) or es_supervisor(usuario)


def puede_comentar(usuario: AbstractBaseUser | None, peticion: Peticion) -> bool:
    return (
        es_enlace_de(usuario, peticion)
        or es_atencion_ciudadana(usuario)
        or (usuario is not None and usuario.has_perm("peticiones.ver_todas_peticiones"))
    )


def colegas(peticion: Peticion) -> QuerySet:
    """Who a request can be assigned to: the active enlaces of its dirección."""
    return peticion.direccion.enlaces.filter(is_active=True).order_by("first_name", "last_name", "username")


def asignar(peticion: Peticion, usuario: AbstractBaseUser, colega: AbstractBaseUser | None) -> Peticion:
    """Assign a turned request to a colleague of its dirección (or None to unassign)."""
    with transaction.atomic():
        actual = Peticion.objects.select_for_update().select_related("direccion").get(pk=peticion.pk)
        if not puede_trabajar(usuario, actual):
            raise SinPermiso(f"Su usuario no puede asignar el folio {actual.folio}.")
        if actual.estado not in (Estado.TURNADA, Estado.EN_PROCESO):
            raise TransicionInvalida(
                f"Sólo se asignan peticiones turnadas o en proceso; el folio {actual.folio} "
                f"está {actual.get_estado_display().lower()}."
            )
        if colega is not None and not colegas(actual).filter(pk=colega.pk).exists():
            raise TransicionInvalida(f"{colega.get_full_name() or colega} no es enlace de {actual.direccion.nombre}.")
        if actual.asignada_a_id == (colega.pk if colega else None):
            return actual
        actual.asignada_a = colega
        actual.save(update_fields=["asignada_a", "actualizada"])
        texto = (
            f"Asignada a {colega.get_full_name() or colega.get_username()}." if colega else "Se quitó la asignación."
        )
        registrar_evento(
            actual, EventoBitacora.Tipo.ASIGNACION, texto, usuario=usuario, asignada_a=colega.pk if colega else None
        )
    peticion.refresh_from_db()
    return actual


def comentar(peticion: Peticion, usuario: AbstractBaseUser, texto: str) -> EventoBitacora:
    """An internal note on the request's bitácora (never shown to the citizen)."""
    texto = (texto or "").strip()
    if not texto:
        raise TransicionInvalida("Escriba el comentario.")
    if not puede_comentar(usuario, peticion):
        raise SinPermiso(f"Su usuario no puede comentar el folio {peticion.folio}.")
    return registrar_evento(peticion, EventoBitacora.Tipo.COMENTARIO, texto, usuario=usuario)


def agregar_evidencia(peticion: Peticion, usuario: AbstractBaseUser, fotos: Sequence[UploadedFile]) -> list[Evidencia]:
    """Attach evidence photos while the request is being worked or once attended."""
    if not fotos:
        raise TransicionInvalida("Elija al menos una foto.")
    try:
        validadas = validar_fotos(fotos)
    except FotoInvalida as exc:
        raise TransicionInvalida(str(exc)) from exc
    with transaction.atomic():
        actual = Peticion.objects.select_for_update().get(pk=peticion.pk)
        if not puede_trabajar(usuario, actual):
            raise SinPermiso(f"Su usuario no puede agregar evidencia al folio {actual.folio}.")
        if actual.estado not in (Estado.TURNADA, Estado.EN_PROCESO, Estado.ATENDIDA):
            raise TransicionInvalida(
                f"No se agrega evidencia a un folio {actual.get_estado_display().lower()} ({actual.folio})."
            )
        guardadas = guardar_fotos(actual, usuario, validadas)
        registrar_evento(
            actual,
            EventoBitacora.Tipo.EVIDENCIA,
            f"{len(guardadas)} foto(s) de evidencia agregada(s).",
            usuario=usuario,
            evidencias=[e.pk for e in guardadas],
        )
    return guardadas
