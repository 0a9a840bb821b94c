"""State transitions of a request.

States: recibida → turnada → en_proceso → atendida → cerrada, plus improcedente, cancelada and
duplicada. Each function locks the row, checks the move is valid from the current state and that the
user may make it, records the dates and the bitácora, and raises TransicionInvalida (a clear Spanish
message) otherwise.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from .. import notificaciones
from ..bitacora import registrar_evento
from ..evidencias import FotoInvalida, guardar_fotos, validar_fotos
from ..models import Direccion, EventoBitacora, Peticion
from ..plazos import calcular_fecha_limite
from .quejas import destino_permitido

Estado = Peticion.Estado


class TransicionInvalida(Exception):
    """The move is not allowed from the request's current state, or lacks required data."""


class SinPermiso(PermissionDenied):
    """The user may not make this move on this request."""


# --- who may act -------------------------------------------------------------------------------


def es_atencion_ciudadana(usuario: AbstractBaseUser | None) -> bool:
    """Operators and supervisors of Atención Ciudadana (they turn and re-route)."""
    return usuario is not None and usuario.has_perm("peticiones.turnar_peticion")


def es_enlace_de(usuario: AbstractBaseUser | None, peticion: Peticion) -> bool:
    """An Enlace of the dirección the request is turned to."""
    return (
        usuario is not None
        and usuario.has_perm("peticiones.atender_peticion")
        and usuario.direcciones.filter(pk=peticion.direccion_id).exists()
    )


def es_supervisor(usuario: AbstractBaseUser | None) -> bool:
    return (
        usuario is not None
        and usuario.has_perm("peticiones.turnar_peticion")
        and usuario.has_perm("peticiones.ver_indicadores")
    )


def hace_seguimiento(usuario: AbstractBaseUser | None) -> bool:
    return usuario is not None and usuario.has_perm("peticiones.hacer_seguimiento")


@dataclass(frozen=True)
class Transicion:
    nombre: str
    etiqueta: str
    origenes: tuple[str, ...]
    destino: str
    puede: Callable[[AbstractBaseUser | None, Peticion], bool]
    publica: bool = True  # shown on the citizen's public timeline
    manual: bool = True  # offered on the request's page; False: only an action calls it (e.g. at capture)


TRANSICIONES: dict[str, Transicion] = {
    t.nombre: t
    for t in [
        Transicion(
            "turnar",
            "Turnar a dirección",
            (Estado.RECIBIDA, Estado.TURNADA, Estado.EN_PROCESO),
            Estado.TURNADA,
            lambda u, p: es_atencion_ciudadana(u),
        ),
        Transicion(
            "devolver",
            "Devolver a Atención Ciudadana",
            (Estado.TURNADA, Estado.EN_PROCESO),
            Estado.RECIBIDA,
            lambda u, p: es_enlace_de(u, p),
            publica=False,
        ),
        Transicion(
            "iniciar",
            "Poner en proceso",
            (Estado.TURNADA,),
            Estado.EN_PROCESO,
            lambda u, p: es_enlace_de(u, p) or es_supervisor(u),
        ),
        Transicion(
            "marcar_atendida",
            "Marcar atendida",
            (Estado.TURNADA, Estado.EN_PROCESO),
            Estado.ATENDIDA,
            lambda u, p: es_enlace_de(u, p) or es_supervisor(u),
        ),
        Transicion(
            "declarar_improcedente",
            "Declarar improcedente",
            (Estado.RECIBIDA, Estado.TURNADA, Estado.EN_PROCESO),
            Estado.IMPROCEDENTE,
            lambda u, p: es_enlace_de(u, p) or es_supervisor(u),
        ),
        Transicion(
            "cerrar",
            "Cerrar",
            (Estado.ATENDIDA,),
            Estado.CERRADA,
            # usuario None: the system closes after a successful follow-up.
            lambda u, p: u is None or hace_seguimiento(u) or es_supervisor(u),
        ),
        Transicion(
            "reabrir",
            "Reabrir (no se resolvió)",
            (Estado.ATENDIDA, Estado.CERRADA),
            Estado.TURNADA,
            lambda u, p: hace_seguimiento(u) or es_supervisor(u),
        ),
        Transicion(
            "cancelar",
            "Cancelar",
            (Estado.RECIBIDA, Estado.TURNADA, Estado.EN_PROCESO),
            Estado.CANCELADA,
            lambda u, p: es_supervisor(u),
        ),
        Transicion(
            "informar",
            "Atender en el primer contacto (guía de trámites)",
            (Estado.RECIBIDA,),
            Estado.CERRADA,
            # Atención Ciudadana answers an information call on the spot; only at capture (acciones/tramites.py).
            lambda u, p: u is not None and u.has_perm("peticiones.capturar_peticion"),
            manual=False,
        ),
        Transicion(
            "marcar_duplicada",
            "Marcar como duplicada",
            (Estado.RECIBIDA, Estado.TURNADA),
            Estado.DUPLICADA,
            lambda u, p: es_atencion_ciudadana(u),
        ),
    ]
}

_FECHA_DE_ESTADO = {
    Estado.TURNADA: "fecha_turnada",
    Estado.EN_PROCESO: "fecha_en_proceso",
    Estado.ATENDIDA: "fecha_atendida",
    Estado.CERRADA: "fecha_cerrada",
    Estado.IMPROCEDENTE: "fecha_improcedente",
    Estado.CANCELADA: "fecha_cancelada",
}


def transiciones_posibles(peticion: Peticion, usuario: AbstractBaseUser | None) -> list[Transicion]:
    """The moves `usuario` may make on `peticion` now (to draw its buttons)."""
    return [
        t for t in TRANSICIONES.values() if t.manual and peticion.estado in t.origenes and t.puede(usuario, peticion)
    ]


def _aplicar(
    nombre: str,
    peticion: Peticion,
    usuario: AbstractBaseUser | None,
    descripcion: str,
    *,
    texto_publico: str = "",
    datos: dict[str, object] | None = None,
    despues: Callable[[Peticion, EventoBitacora], None] | None = None,
    **cambios: object,
) -> Peticion:
    """Lock, validate, change state, stamp the date and write the bitácora.

    `texto_publico` is what the citizen's public timeline shows for this event (no personal data);
    `despues(peticion, evento)` runs inside the same transaction (evidence, notices to send).
    """
    transicion = TRANSICIONES[nombre]
    with transaction.atomic():
        actual = Peticion.objects.select_for_update().get(pk=peticion.pk)
        if actual.estado not in transicion.origenes:
            raise TransicionInvalida(
                f"No se puede «{transicion.etiqueta.lower()}» el folio {actual.folio}: "
                f"está {actual.get_estado_display().lower()}."
            )
        if not transicion.puede(usuario, actual):
            raise SinPermiso(f"Su usuario no puede «{transicion.etiqueta.lower()}» el folio {actual.folio}.")
        ahora = timezone.now()
        anterior = actual.get_estado_display()
        actual.estado = transicion.destino
        campo_fecha = _FECHA_DE_ESTADO.get(transicion.destino)
        if campo_fecha:
            setattr(actual, campo_fecha, ahora)
        for campo, valor in cambios.items():
            setattr(actual, campo, valor)
        actual.save()
        datos = {"transicion": nombre, "de": anterior, "a": actual.get_estado_display(), **(datos or {})}
        if transicion.publica:
            datos["texto_publico"] = texto_publico or actual.get_estado_display()
        evento = registrar_evento(
            actual,
            EventoBitacora.Tipo.DEVOLUCION if nombre == "devolver" else EventoBitacora.Tipo.CAMBIO_ESTADO,
            descripcion,
            usuario=usuario,
            publico=transicion.publica,
            **datos,
        )
        if despues is not None:
            despues(actual, evento)
    peticion.refresh_from_db()
    return actual


def _requerido(texto: str, que: str) -> str:
    texto = (texto or "").strip()
    if not texto:
        raise TransicionInvalida(f"Escriba {que}.")
    return texto


def turnar(peticion: Peticion, usuario: AbstractBaseUser, direccion: Direccion, nota: str = "") -> Peticion:
    """Turn (or re-turn) the request to `direccion`, with an optional note; its enlaces get an in-app notice."""
    if not direccion.activa:
        raise TransicionInvalida(f"La dirección «{direccion}» no está activa.")
    if not destino_permitido(peticion, direccion):
        raise TransicionInvalida(
            "Las quejas y sugerencias sobre el servicio las atiende la supervisión de Atención Ciudadana; "
            "no se turnan a una dirección."
        )
    texto = f"Turnada a {direccion.nombre}." + (f" Nota: {nota.strip()}" if nota.strip() else "")
    return _aplicar(
        "turnar",
        peticion,
        usuario,
        texto,
        texto_publico=f"Turnada a {direccion.nombre}",
        datos={"direccion": direccion.pk, "nota": nota.strip()},
        despues=lambda p, evento: notificaciones.avisar_turnada(p, evento, nota=nota.strip()),
        direccion=direccion,
        asignada_a=None,
    )


def devolver(peticion: Peticion, usuario: AbstractBaseUser, motivo: str) -> Peticion:
    """The dirección sends it back to Atención Ciudadana ("no es de nuestra competencia")."""
    motivo = _requerido(motivo, "el motivo de la devolución")
    texto = f"Devuelta por {peticion.direccion.nombre} a Atención Ciudadana: {motivo}"
    return _aplicar("devolver", peticion, usuario, texto, datos={"motivo": motivo}, asignada_a=None)


def iniciar(peticion: Peticion, usuario: AbstractBaseUser) -> Peticion:
    return _aplicar(
        "iniciar",
        peticion,
        usuario,
        f"En proceso en {peticion.direccion.nombre}.",
        texto_publico=f"En proceso en {peticion.direccion.nombre}",
    )


def marcar_atendida(
    peticion: Peticion,
    usuario: AbstractBaseUser,
    resolucion: str,
    fotos: Sequence[UploadedFile] = (),
) -> Peticion:
    """Attended: the resolution text, evidence photos (checked first), and the citizen's notice queued."""
    resolucion = _requerido(resolucion, "la resolución (qué se hizo)")
    try:
        validadas = validar_fotos(fotos)
    except FotoInvalida as exc:
        raise TransicionInvalida(str(exc)) from exc

    def despues(actual: Peticion, evento: EventoBitacora) -> None:
        guardadas = guardar_fotos(actual, usuario, validadas)
        if guardadas:
            registrar_evento(
                actual,
                EventoBitacora.Tipo.EVIDENCIA,
                f"{len(guardadas)} foto(s) de evidencia al marcarla atendida.",
                usuario=usuario,
                evidencias=[e.pk for e in guardadas],
            )
        notificaciones.avisar_ciudadano(actual, notificaciones.Motivo.ATENDIDA, evento)

    return _aplicar(
        "marcar_atendida",
        peticion,
        usuario,
        f"Atendida por {peticion.direccion.nombre}: {resolucion}",
        texto_publico=f"Atendida por {peticion.direccion.nombre}: {resolucion}",
        despues=despues,
        resolucion=resolucion,
    )


def declarar_improcedente(peticion: Peticion, usuario: AbstractBaseUser, motivo: str) -> Peticion:
    """Closing without a solution: its own outcome, never shown as atendida; the citizen is told why."""
    motivo = _requerido(motivo, "el motivo por el que no es posible atender")
    return _aplicar(
        "declarar_improcedente",
        peticion,
        usuario,
        f"No es posible atender (decidió {peticion.direccion.nombre}): {motivo}",
        texto_publico=f"No es posible atender. Lo decidió {peticion.direccion.nombre}: {motivo}",
        despues=lambda p, evento: notificaciones.avisar_ciudadano(p, notificaciones.Motivo.IMPROCEDENTE, evento),
        motivo_improcedencia=motivo,
    )


def atender_en_primer_contacto(
    peticion: Peticion, usuario: AbstractBaseUser, resolucion: str, *, texto_publico: str, **cambios: object
) -> Peticion:
    """An information request answered on the spot: attended and closed at once (counts as atendida in the MIR);
    the citizen is sent the answer (e.g. the trámite's requisitos)."""
    resolucion = _requerido(resolucion, "la respuesta que se dio")
    return _aplicar(
        "informar",
        peticion,
        usuario,
        f"Atendida en el primer contacto: {resolucion}",
        texto_publico=texto_publico,
        datos={k: getattr(v, "pk", v) for k, v in cambios.items()},
        despues=lambda p, evento: notificaciones.avisar_ciudadano(p, notificaciones.Motivo.ATENDIDA, evento),
        resolucion=resolucion,
        fecha_atendida=timezone.now(),
        **cambios,
    )


def cerrar(peticion: Peticion, usuario: AbstractBaseUser | None, nota: str = "") -> Peticion:
    texto = "Cerrada." + (f" {nota.strip()}" if nota.strip() else "")
    return _aplicar("cerrar", peticion, usuario, texto, texto_publico="Cerrada")


def plazo_de_reapertura(peticion: Peticion, desde: datetime) -> datetime:
    """The new fecha límite of a reopened request: SIRC_PLAZO_REAPERTURA_HORAS (0: its category's plazo) counted
    from the reopening, in calendar or business hours as its category counts them."""
    horas = settings.SIRC_PLAZO_REAPERTURA_HORAS or None
    return calcular_fecha_limite(peticion.categoria, desde, horas=horas)


def reabrir(peticion: Peticion, usuario: AbstractBaseUser, motivo: str) -> Peticion:
    """Back to the dirección's tray (e.g. the citizen says it was not solved), with a new plazo counted from now
    (overdue marks and escalation start again) and an in-app notice to the dirección's enlaces."""
    motivo = _requerido(motivo, "el motivo para reabrir")
    ahora = timezone.now()
    limite = plazo_de_reapertura(peticion, ahora)
    return _aplicar(
        "reabrir",
        peticion,
        usuario,
        f"Reabierta y devuelta a {peticion.direccion.nombre}: {motivo} "
        f"Nueva fecha límite: {timezone.localtime(limite):%d/%m/%Y %H:%M}.",
        texto_publico=f"Reabierta y turnada de nuevo a {peticion.direccion.nombre}",
        datos={"motivo": motivo, "fecha_limite": limite.isoformat()},
        despues=lambda p, evento: notificaciones.avisar_reabierta(p, evento, motivo=motivo),
        fecha_atendida=None,
        fecha_cerrada=None,
        fecha_reabierta=ahora,
        fecha_limite=limite,
        fecha_vencida=None,
        nivel_escalamiento=0,
    )


def cancelar(peticion: Peticion, usuario: AbstractBaseUser, motivo: str) -> Peticion:
    motivo = _requerido(motivo, "el motivo de la cancelación")
    return _aplicar(
        "cancelar",
        peticion,
        usuario,
        f"Cancelada: {motivo}",
        texto_publico=f"Cancelada: {motivo}",
        motivo_improcedencia=motivo,
    )


def marcar_duplicada(peticion: Peticion, usuario: AbstractBaseUser, original: Peticion) -> Peticion:
    if original.pk == peticion.pk:
        raise TransicionInvalida("Una petición no puede ser duplicado de sí misma.")
    if original.duplicado_de_id == peticion.pk:
        raise TransicionInvalida(f"El folio {original.folio} ya es duplicado de este; no pueden serlo mutuamente.")
    return _aplicar(
        "marcar_duplicada",
        peticion,
        usuario,
        f"Duplicado del folio {original.folio}.",
        texto_publico=f"Se atiende en el folio {original.folio}",
        duplicado_de=original,
    )
