"""Staff review of the citizens «por verificar»: a Jefe de Manzana (or a public channel) typed a phone that
already belonged to another citizen, so the capture registered the person apart, without that phone
(`captura.registrar_ciudadano`). Staff who may (`verificar_ciudadanos`: supervisor, administrator) compare
both and decide, explicitly:

- `confirmar_otra_persona`: two people; the phone typed stays «por verificar» (never used for notices) or is
  removed;
- `unificar`: the same person; their requests, consents and ARCO requests pass to the phone's owner, and the
  record stays only as history (`unificado_en`), anonymised with the owner if they exercise cancellation;
- `asignar_telefono`: the phone belongs to nobody any more; it becomes this person's.

Each decision writes an internal line in the bitácora of the person's requests and is in the history with
who made it (the triggers of `sirc.historial`).
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q

from sirc import historial

from ..bitacora import registrar_evento
from ..models import Ciudadano, Consentimiento, EventoBitacora, Peticion, SolicitudArco
from .privacidad import cancelar_contactos

PERMISO = "peticiones.verificar_ciudadanos"
ORIGEN = "verificación de ciudadanos"


class Resolucion(models.TextChoices):
    OTRA_PERSONA = "otra_persona", "Es otra persona: el teléfono capturado queda por verificar (no se usa)"
    OTRA_PERSONA_SIN_TELEFONO = "otra_persona_sin_telefono", "Es otra persona: quitar el teléfono capturado"
    UNIFICAR = "unificar", "Es la misma persona: unificar con el titular del teléfono"
    ASIGNAR = "asignar", "El teléfono ya no es de nadie: asignárselo a esta persona"


def _exigir(usuario: AbstractBaseUser) -> None:
    if not usuario.has_perm(PERMISO):
        raise PermissionDenied("Su usuario no revisa ciudadanos por verificar.")


def _pendiente(pk: int) -> Ciudadano:
    """The flagged citizen, locked; ValidationError when somebody already resolved it."""
    ciudadano = Ciudadano.objects.select_for_update().get(pk=pk)
    if not ciudadano.revisar or ciudadano.unificado_en_id or ciudadano.anonimizado:
        raise ValidationError(f"El registro de «{ciudadano}» ya fue revisado: no hay nada pendiente.")
    return ciudadano


def _anotar(ciudadano: Ciudadano, texto: str, usuario: AbstractBaseUser, nota: str) -> None:
    """An internal bitácora line on every request of the person (as caller or as another requester)."""
    if nota.strip():
        texto += f" Nota: {nota.strip()}"
    for peticion in Peticion.objects.filter(Q(ciudadano=ciudadano) | Q(solicitantes=ciudadano)).distinct():
        registrar_evento(peticion, EventoBitacora.Tipo.COMENTARIO, texto, usuario=usuario, ciudadano=ciudadano.pk)


def confirmar_otra_persona(
    ciudadano: Ciudadano, *, usuario: AbstractBaseUser, quitar_telefono: bool = False, nota: str = ""
) -> Ciudadano:
    """Staff checked: not the phone's owner. The flag is cleared; the phone typed stays unused or is removed."""
    _exigir(usuario)
    with transaction.atomic(), historial.contexto(usuario=usuario.pk, origen=ORIGEN):
        actual = _pendiente(ciudadano.pk)
        telefono = actual.telefono_por_verificar
        actual.revisar = ""
        if quitar_telefono:
            actual.telefono_por_verificar = ""
        actual.save(update_fields=["revisar", "telefono_por_verificar"])
        destino = "se quitó de su registro" if quitar_telefono else "sigue por verificar y no se usa para avisos"
        _anotar(
            actual,
            f"Verificación de ciudadanos: «{actual}» es otra persona, distinta del titular del teléfono {telefono}; "
            f"ese teléfono {destino}.",
            usuario,
            nota,
        )
    return actual


def titular_del_telefono(ciudadano: Ciudadano) -> Ciudadano | None:
    """The citizen who owns the phone this one was captured with (None if nobody does any more)."""
    if not ciudadano.telefono_por_verificar:
        return None
    return Ciudadano.objects.filter(telefono=ciudadano.telefono_por_verificar).exclude(pk=ciudadano.pk).first()


def unificar(ciudadano: Ciudadano, *, usuario: AbstractBaseUser, nota: str = "") -> Ciudadano:
    """Staff checked: the same person as the phone's owner. Everything of `ciudadano` passes to the owner (its
    requests as caller and as another requester, consents, ARCO requests; an earlier consent date and an
    opposition to contact too); the owner's own data do not change. Returns the owner."""
    _exigir(usuario)
    with transaction.atomic(), historial.contexto(usuario=usuario.pk, origen=ORIGEN):
        actual = _pendiente(ciudadano.pk)
        if actual.telefono:
            raise ValidationError(
                f"«{actual}» ya tiene su propio teléfono ({actual.telefono}): rectifique sus datos antes de unificar."
            )
        titular = titular_del_telefono(actual)
        if titular is None:
            raise ValidationError(
                f"El teléfono {actual.telefono_por_verificar} ya no es de ningún ciudadano: no hay con quién unificar. "
                "Asígneselo a esta persona o confirme que es otra."
            )
        titular = Ciudadano.objects.select_for_update().get(pk=titular.pk)
        _anotar(
            actual,
            f"Verificación de ciudadanos: «{actual}» (capturado aparte con el teléfono {titular.telefono}) es la "
            f"misma persona que «{titular}»; la petición queda a nombre de «{titular}».",
            usuario,
            nota,
        )
        Peticion.objects.filter(ciudadano=actual).update(ciudadano=titular)
        _mover_solicitudes(actual, titular)
        _mover_consentimientos(actual, titular)
        SolicitudArco.objects.filter(ciudadano=actual).update(ciudadano=titular)
        cambios = []
        if titular.aviso_privacidad_fecha is None and actual.aviso_privacidad_fecha is not None:
            titular.aviso_privacidad_fecha = actual.aviso_privacidad_fecha
            titular.aviso_privacidad_canal_id = actual.aviso_privacidad_canal_id
            cambios += ["aviso_privacidad_fecha", "aviso_privacidad_canal"]
        if titular.oposicion_contacto is None and actual.oposicion_contacto is not None:
            titular.oposicion_contacto = actual.oposicion_contacto
            cambios.append("oposicion_contacto")
        if cambios:
            titular.save(update_fields=cambios)
        if titular.oposicion_contacto is not None:
            cancelar_contactos(titular)
        actual.unificado_en = titular
        actual.telefono_por_verificar = actual.revisar = ""
        actual.save(update_fields=["unificado_en", "telefono_por_verificar", "revisar"])
    return titular


def _mover_solicitudes(de: Ciudadano, a: Ciudadano) -> None:
    """Re-point `de`'s «other requester» links to `a` (delete + insert: the history records both), dropping
    those where `a` already is the caller or another requester."""
    Enlace = Peticion.solicitantes.through
    enlaces = list(Enlace.objects.filter(ciudadano=de).values_list("pk", "peticion_id"))
    if enlaces:
        ya = set(Enlace.objects.filter(ciudadano=a).values_list("peticion_id", flat=True))
        ya |= set(Peticion.objects.filter(ciudadano=a).values_list("pk", flat=True))
        Enlace.objects.filter(pk__in=[pk for pk, _ in enlaces]).delete()
        Enlace.objects.bulk_create([Enlace(peticion_id=p, ciudadano=a) for _, p in enlaces if p not in ya])
    # Requests that now have `a` as caller and still list `a` as another requester.
    Enlace.objects.filter(ciudadano=a, peticion__ciudadano=a).delete()


def _mover_consentimientos(de: Ciudadano, a: Ciudadano) -> None:
    ya = set(Consentimiento.objects.filter(ciudadano=a).values_list("peticion_id", flat=True))
    Consentimiento.objects.filter(ciudadano=de, peticion_id__in=ya).delete()
    Consentimiento.objects.filter(ciudadano=de).update(ciudadano=a)


def asignar_telefono(ciudadano: Ciudadano, *, usuario: AbstractBaseUser, nota: str = "") -> Ciudadano:
    """Staff checked with the person: the phone typed is theirs, and nobody else holds it any more."""
    _exigir(usuario)
    with transaction.atomic(), historial.contexto(usuario=usuario.pk, origen=ORIGEN):
        actual = _pendiente(ciudadano.pk)
        telefono = actual.telefono_por_verificar
        if not telefono:
            raise ValidationError(f"«{actual}» no tiene un teléfono por verificar.")
        if titular_del_telefono(actual) is not None:
            raise ValidationError(
                f"El teléfono {telefono} sigue siendo de otro ciudadano: unifique o confirme que es otra persona."
            )
        actual.telefono, actual.telefono_por_verificar, actual.revisar = telefono, "", ""
        try:
            with transaction.atomic():
                actual.save(update_fields=["telefono", "telefono_por_verificar", "revisar"])
        except IntegrityError as error:  # somebody registered it this very moment
            raise ValidationError(f"El teléfono {telefono} acaba de registrarse a nombre de otro ciudadano.") from error
        _anotar(
            actual,
            f"Verificación de ciudadanos: el teléfono {telefono} es de «{actual}» (ya no pertenecía a nadie más); "
            "desde ahora recibe los avisos de sus peticiones.",
            usuario,
            nota,
        )
    return actual


def resolver(ciudadano: Ciudadano, resolucion: str, *, usuario: AbstractBaseUser, nota: str = "") -> Ciudadano:
    """Apply one of `Resolucion` (the review screen's choice)."""
    if resolucion == Resolucion.UNIFICAR:
        return unificar(ciudadano, usuario=usuario, nota=nota)
    if resolucion == Resolucion.ASIGNAR:
        return asignar_telefono(ciudadano, usuario=usuario, nota=nota)
    if resolucion in (Resolucion.OTRA_PERSONA, Resolucion.OTRA_PERSONA_SIN_TELEFONO):
        quitar = resolucion == Resolucion.OTRA_PERSONA_SIN_TELEFONO
        return confirmar_otra_persona(ciudadano, usuario=usuario, quitar_telefono=quitar, nota=nota)
    raise ValidationError({"resolucion": "Elija qué hacer con este registro."})
