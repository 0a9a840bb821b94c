"""Notices: to the citizen when a request is resolved, to enlaces/titulares/director when it is overdue.

Every notice is first a row in the outbox (`Notificacion`), written in the same transaction as the
change that caused it. A Celery task (`peticiones.enviar_notificacion`), nudged after commit,
sends it; the periodic sweep (`enviar_pendientes`) sends whatever the broker never delivered. Each row
is claimed with one conditional UPDATE before sending, so two workers never send the same notice.
A failure is retried with backoff and never touches the request's state. Every outcome goes to the
bitácora. E-mail uses Django's e-mail backend; SMS / WhatsApp use a small pluggable backend
(`settings.SIRC_MENSAJERIA_BACKEND`, a logging one by default). In-app notices (canal "app") are
delivered the moment they are written.
"""

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from sirc.tareas import encolar_al_confirmar

from .bitacora import nuevo_evento, registrar_evento
from .models import Ciudadano, EventoBitacora, Notificacion, Peticion
from .models.whatsapp import ventana_abierta
from .telefonos import normalizar_telefono

logger = logging.getLogger(__name__)

Motivo = Notificacion.Motivo
Canal = Notificacion.Canal
EstadoAviso = Notificacion.Estado

# Seconds to wait after the 1st, 2nd… failed attempt; after the last one the notice is "fallida".
RETRASOS = [60, 300, 900, 3600, 3 * 3600, 6 * 3600]
MAX_INTENTOS = len(RETRASOS) + 1
# The Celery tasks (peticiones/tasks.py) by their registered names: tasks import this module, not the reverse.
TAREA_ENVIAR = "peticiones.enviar_notificacion"
TAREA_BARRIDO = "peticiones.enviar_notificaciones_pendientes"
BLOQUEO = timedelta(minutes=5)  # a claimed row left "enviando" by a dead worker is re-sent after this


# --- SMS / WhatsApp backends ------------------------------------------------------------------------


class EnvioImposible(Exception):
    """The provider refused for good (not a WhatsApp number, the citizen blocked the business…): never
    retried; a WhatsApp notice goes by SMS instead when the citizen has a phone and did not oppose."""

    def __init__(self, mensaje: str, *, codigo: int | None = None) -> None:
        super().__init__(mensaje)
        self.codigo = codigo


class VentanaCerrada(EnvioImposible):
    """WhatsApp refused free text: the citizen wrote more than 24 hours ago (Cloud API error 131047).
    The notice goes again as the approved template."""


class BackendMensajes(Protocol):
    """Sends one short text to a phone and returns the provider's message id (or None). Raise EnvioImposible
    when the provider refuses for good, any other exception for a failure worth retrying.

    A WhatsApp backend also has `enviar_plantilla(telefono=, plantilla=, idioma=, parametros=)`: outside the
    24-hour window WhatsApp only delivers approved templates. A backend without it gets the text in `enviar`."""

    def enviar(self, *, canal: str, telefono: str, texto: str) -> str | None: ...


class BackendRegistro:
    """Default backend: writes the message to the log (no provider contracted yet)."""

    def enviar(self, *, canal: str, telefono: str, texto: str) -> str | None:
        logger.info("[%s] a %s: %s", canal.upper(), telefono, texto)
        return None

    def enviar_plantilla(self, *, telefono: str, plantilla: str, idioma: str, parametros: list[str]) -> str | None:
        logger.info("[WHATSAPP plantilla %s/%s] a %s: %s", plantilla, idioma, telefono, parametros)
        return None


def backend_mensajes() -> BackendMensajes:
    ruta = getattr(settings, "SIRC_MENSAJERIA_BACKEND", "peticiones.notificaciones.BackendRegistro")
    return import_string(ruta)()


_ESPACIOS = re.compile(r"\s+")
MAX_PARAMETRO = 900  # a template's body is at most 1,024 characters, its fixed text included


def parametro_de_plantilla(texto: str) -> str:
    """A notice as the one variable of the WhatsApp template: the Cloud API refuses parameters with line
    breaks, tabs or runs of spaces (error 132018), and the body has a length limit."""
    limpio = _ESPACIOS.sub(" ", (texto or "").replace("\x00", "")).strip()
    return limpio if len(limpio) <= MAX_PARAMETRO else limpio[: MAX_PARAMETRO - 1] + "…"


# --- writing notices (inside the caller's transaction) ------------------------------------------------


def ocultar(destinatario: str) -> str:
    """j***@correo.mx / ******1234: enough to tell recipients apart in the bitácora."""
    if "@" in destinatario:
        usuario, dominio = destinatario.split("@", 1)
        return f"{usuario[:1]}***@{dominio}"
    return "*" * max(len(destinatario) - 4, 0) + destinatario[-4:]


def url_sitio(ruta: str) -> str:
    return settings.SITE_URL.rstrip("/") + ruta


def url_peticion(peticion: Peticion) -> str:
    try:
        return url_sitio(reverse("peticiones:detalle", kwargs={"folio": peticion.folio}))
    except NoReverseMatch:
        return url_sitio(reverse("peticiones:bandeja_direccion"))


def _programar(notificaciones: Iterable[Notificacion]) -> None:
    for notificacion in notificaciones:
        if notificacion.estado == EstadoAviso.PENDIENTE:
            encolar_al_confirmar(TAREA_ENVIAR, notificacion.pk)


def _texto_ciudadano(peticion: Peticion, motivo: str) -> tuple[str, str, str]:
    """(asunto, correo, mensaje corto) for the citizen."""
    consulta = url_sitio("/consulta/")
    direccion = peticion.direccion.nombre
    if motivo == Motivo.RECIBIDA:
        asunto = f"Recibimos su petición: folio {peticion.folio}"
        detalle = (
            f"quedó registrada y se turnará a la dirección responsable. Plazo de atención: "
            f"{timezone.localtime(peticion.fecha_limite):%d/%m/%Y %H:%M}."
        )
        corto = f"SIRC Veracruz: recibimos su reporte ({peticion.categoria}), folio {peticion.folio}."
    elif motivo == Motivo.ATENDIDA:
        asunto = f"Su petición {peticion.folio} fue atendida"
        detalle = f"fue atendida por la {direccion}.\n\nResolución: {peticion.resolucion}"
        corto = f"SIRC Veracruz: su folio {peticion.folio} fue atendido por {direccion}. {peticion.resolucion}"
    else:
        asunto = f"Respuesta a su petición {peticion.folio}"
        detalle = f"no es posible atenderla. Lo decidió la {direccion}.\n\nMotivo: {peticion.motivo_improcedencia}"
        corto = (
            f"SIRC Veracruz: su folio {peticion.folio} no es posible atenderlo ({direccion}): "
            f"{peticion.motivo_improcedencia}"
        )
    cuerpo = (
        f"Estimada(o) ciudadana(o):\n\nSu petición con folio {peticion.folio} ({peticion.categoria}) {detalle}\n\n"
        f"Puede consultar su folio en {consulta} con los últimos 4 dígitos de su teléfono.\n"
        "Si el problema persiste, llame a la Línea 072.\n\n"
        "H. Ayuntamiento de Veracruz · Dirección de Atención Ciudadana"
    )
    if len(corto) > 300:
        corto = corto[:297] + "…"
    return asunto, cuerpo, f"{corto} Consulte: {consulta}"


def avisar_ciudadano(peticion: Peticion, motivo: str, evento: EventoBitacora) -> list[Notificacion]:
    """Queue the citizen's notice (e-mail and SMS/WhatsApp, whichever contact data exists). Citizens who joined
    the folio later (another requester, «ya está reportado: sígalo») get the same notice once the folio moves on."""
    ciudadano = peticion.ciudadano
    if ciudadano is not None and not ciudadano.contactable:
        registrar_evento(
            peticion,
            EventoBitacora.Tipo.NOTIFICACION,
            "No se avisó al ciudadano: ejerció su derecho de oposición (no desea ser contactado).",
            motivo=motivo,
        )
        return []
    asunto, cuerpo, corto = _texto_ciudadano(peticion, motivo)
    envios: list[tuple[str, str, str, str]] = []  # (canal, destino, texto, sufijo de la clave)
    if ciudadano is not None and ciudadano.correo:
        envios.append((Canal.CORREO, ciudadano.correo, cuerpo, ""))
    if ciudadano is not None and ciudadano.telefono:
        canal = Canal.WHATSAPP if peticion.canal.clave == "whatsapp" else Canal.SMS
        envios.append((canal, ciudadano.telefono, corto, ""))
    if motivo != Motivo.RECIBIDA:
        vistos = {destino for _, destino, _, _ in envios}
        for otro in peticion.solicitantes.all():
            if not otro.contactable:  # opposed to being contacted (ARCO)
                continue
            for canal, destino, texto in ((Canal.CORREO, otro.correo, cuerpo), (Canal.SMS, otro.telefono, corto)):
                if destino and destino not in vistos:
                    vistos.add(destino)
                    envios.append((canal, destino, texto, f":{otro.pk}"))
    if not envios:
        registrar_evento(
            peticion,
            EventoBitacora.Tipo.NOTIFICACION,
            "No se avisó al ciudadano: la petición no tiene correo ni teléfono de contacto.",
            motivo=motivo,
        )
        return []
    creadas = [
        Notificacion.objects.create(
            peticion=peticion,
            motivo=motivo,
            canal=canal,
            destinatario=destino,
            asunto=asunto,
            cuerpo=texto,
            clave=f"{motivo}:{peticion.pk}:{evento.pk}:{canal}{sufijo}",
        )
        for canal, destino, texto, sufijo in envios
    ]
    registrar_evento(
        peticion,
        EventoBitacora.Tipo.NOTIFICACION,
        "Aviso al ciudadano en cola: "
        + ", ".join(f"{n.get_canal_display()} a {ocultar(n.destinatario)}" for n in creadas)
        + ".",
        motivo=motivo,
        notificaciones=[n.pk for n in creadas],
    )
    _programar(creadas)
    return creadas


def preparar_avisos_usuarios(
    peticion: Peticion,
    usuarios: Iterable[AbstractBaseUser],
    *,
    motivo: str,
    asunto: str,
    cuerpo: str,
    clave: str,
    correos_extra: Iterable[str] = (),
    por_correo: bool = True,
) -> tuple[list[Notificacion], list[EventoBitacora]]:
    """Unsaved rows: an in-app notice (delivered now) and, if they have one, an e-mail (queued) to each user,
    plus the bitácora line naming them. `clave` identifies the occasion (e.g. "vencida:123")."""
    ahora = timezone.now()
    comunes = {"peticion": peticion, "motivo": motivo, "asunto": asunto, "cuerpo": cuerpo}
    avisos: list[Notificacion] = []
    for usuario in usuarios:
        if not usuario.is_active:
            continue
        avisos.append(
            Notificacion(
                **comunes,
                canal=Canal.APP,
                usuario=usuario,
                destinatario=usuario.get_username(),
                clave=f"{clave}:app:{usuario.pk}",
                estado=EstadoAviso.ENVIADA,
                enviada_en=ahora,
                creada=ahora,
            )
        )
        if por_correo and usuario.email:
            avisos.append(
                Notificacion(
                    **comunes,
                    canal=Canal.CORREO,
                    usuario=usuario,
                    destinatario=usuario.email,
                    clave=f"{clave}:correo:{usuario.pk}",
                    creada=ahora,
                )
            )
    for correo in correos_extra if por_correo else ():
        avisos.append(
            Notificacion(
                **comunes, canal=Canal.CORREO, destinatario=correo, clave=f"{clave}:correo:{correo}"[:120], creada=ahora
            )
        )
    if not avisos:
        return [], []
    linea = nuevo_evento(
        peticion,
        EventoBitacora.Tipo.NOTIFICACION,
        f"{Motivo(motivo).label}: "
        + ", ".join(
            f"{n.get_canal_display()} a {n.destinatario if n.canal == Canal.APP else ocultar(n.destinatario)}"
            for n in avisos
        )
        + ".",
        motivo=motivo,
    )
    return avisos, [linea]


def guardar_avisos(avisos: list[Notificacion], eventos: list[EventoBitacora]) -> list[Notificacion]:
    """Write prepared notices and bitácora lines in two statements, then nudge the sender after commit."""
    guardados = Notificacion.objects.bulk_create(avisos)
    EventoBitacora.objects.bulk_create(eventos)
    pendientes = [n for n in guardados if n.estado == EstadoAviso.PENDIENTE]
    if len(pendientes) > 3:
        encolar_al_confirmar(TAREA_BARRIDO)  # one sweep instead of a message per notice
    else:
        for notificacion in pendientes:
            encolar_al_confirmar(TAREA_ENVIAR, notificacion.pk)
    return guardados


def avisar_usuarios(peticion: Peticion, usuarios: Iterable[AbstractBaseUser], **kwargs) -> list[Notificacion]:
    """Prepare and write at once (see preparar_avisos_usuarios for the arguments)."""
    return guardar_avisos(*preparar_avisos_usuarios(peticion, usuarios, **kwargs))


def avisar_turnada(peticion: Peticion, evento: EventoBitacora, nota: str = "") -> list[Notificacion]:
    """In-app notice to the enlaces of the dirección a request was just turned to."""
    cuerpo = f"{peticion.categoria} en {peticion.colonia}: {peticion.descripcion[:200]}"
    if nota:
        cuerpo += f"\nNota de Atención Ciudadana: {nota}"
    cuerpo += f"\nFecha límite: {timezone.localtime(peticion.fecha_limite):%d/%m/%Y %H:%M}."
    return avisar_usuarios(
        peticion,
        peticion.direccion.enlaces.all(),
        motivo=Motivo.TURNADA,
        asunto=f"Nueva petición turnada: {peticion.folio}",
        cuerpo=cuerpo,
        clave=f"turnada:{peticion.pk}:{evento.pk}",
        por_correo=False,
    )


def avisar_reabierta(peticion: Peticion, evento: EventoBitacora, motivo: str) -> list[Notificacion]:
    """In-app notice to the enlaces: the citizen says it was not solved, it is back in their tray with a new plazo."""
    cuerpo = (
        f"{peticion.categoria} en {peticion.colonia}: el ciudadano dice que no se resolvió.\n{motivo}\n"
        f"Nueva fecha límite: {timezone.localtime(peticion.fecha_limite):%d/%m/%Y %H:%M}."
    )
    return avisar_usuarios(
        peticion,
        peticion.direccion.enlaces.all(),
        motivo=Motivo.REABIERTA,
        asunto=f"Reabierta (no se resolvió): {peticion.folio}",
        cuerpo=cuerpo,
        clave=f"reabierta:{peticion.pk}:{evento.pk}",
        por_correo=False,
    )


# --- sending (outside any transaction) -------------------------------------------------------------------


@dataclass(frozen=True)
class Resultado:
    enviada: bool
    reintentar_en: int | None = None  # seconds, when the attempt failed and another is due


def _reclamar(notificacion_id: int) -> bool:
    """Take the row for this worker with one conditional UPDATE; False if someone else has it or it is done."""
    ahora = timezone.now()
    return bool(
        Notificacion.objects.filter(pk=notificacion_id)
        .filter(
            Q(estado=EstadoAviso.PENDIENTE, proximo_intento__lte=ahora)
            | Q(estado=EstadoAviso.ENVIANDO, bloqueada_hasta__lt=ahora)
        )
        .update(estado=EstadoAviso.ENVIANDO, bloqueada_hasta=ahora + BLOQUEO, intentos=F("intentos") + 1)
    )


@dataclass(frozen=True)
class Entrega:
    id_proveedor: str = ""
    plantilla: str = ""  # the WhatsApp template it went as ("" = free text)


def _entregar(notificacion: Notificacion) -> Entrega:
    if notificacion.canal == Canal.CORREO:
        send_mail(
            notificacion.asunto,
            notificacion.cuerpo,
            settings.DEFAULT_FROM_EMAIL,
            [notificacion.destinatario],
            fail_silently=False,
        )
        return Entrega()
    if notificacion.canal not in (Canal.SMS, Canal.WHATSAPP):
        return Entrega()
    backend = backend_mensajes()
    plantilla = notificacion.plantilla
    if notificacion.canal == Canal.WHATSAPP and not plantilla and not ventana_abierta(notificacion.destinatario):
        # Outside the 24-hour customer-service window the Cloud API only delivers approved templates.
        plantilla = settings.WHATSAPP_PLANTILLA_AVISO
        if not plantilla:
            raise EnvioImposible(
                "El ciudadano no ha escrito por WhatsApp en las últimas 24 horas y no hay plantilla aprobada "
                "(WHATSAPP_PLANTILLA_AVISO)."
            )
    enviar_plantilla = getattr(backend, "enviar_plantilla", None)
    if plantilla and enviar_plantilla is not None:
        identificador = enviar_plantilla(
            telefono=notificacion.destinatario,
            plantilla=plantilla,
            idioma=settings.WHATSAPP_PLANTILLA_IDIOMA,
            parametros=[parametro_de_plantilla(notificacion.cuerpo)],
        )
    else:
        identificador = backend.enviar(
            canal=notificacion.canal, telefono=notificacion.destinatario, texto=notificacion.cuerpo
        )
    return Entrega(id_proveedor=str(identificador or "")[:128], plantilla=plantilla or "")


def _anotar(notificacion: Notificacion, texto: str, **datos) -> None:
    logger.warning("Aviso %s: %s", notificacion.pk, texto)
    if notificacion.peticion_id:  # a WhatsApp answer to a conversation may have no petición yet
        registrar_evento(
            notificacion.peticion, EventoBitacora.Tipo.NOTIFICACION, texto, notificacion=notificacion.pk, **datos
        )


def _opuesto(notificacion: Notificacion, telefono: str) -> bool:
    """ARCO opposition (or an anonymised citizen) blocks every channel: the petición's citizen or anyone with
    that phone."""
    ciudadano = notificacion.peticion.ciudadano if notificacion.peticion_id else None
    if ciudadano is not None and not ciudadano.contactable:
        return True
    return (
        Ciudadano.objects.filter(telefono=telefono)
        .filter(Q(oposicion_contacto__isnull=False) | Q(anonimizado__isnull=False))
        .exists()
    )


def _respaldo(notificacion: Notificacion, error: EnvioImposible) -> Notificacion | None:
    """A WhatsApp notice WhatsApp will never deliver: again as the approved template if it was free text sent
    after the window closed; otherwise by SMS when the citizen has a phone and did not oppose. One row, once."""
    if notificacion.canal != Canal.WHATSAPP or hasattr(notificacion, "respaldo"):
        return None
    comunes = {
        "peticion_id": notificacion.peticion_id,
        "motivo": notificacion.motivo,
        "asunto": notificacion.asunto,
        "cuerpo": notificacion.cuerpo,
    }
    plantilla = settings.WHATSAPP_PLANTILLA_AVISO
    if isinstance(error, VentanaCerrada) and plantilla and not notificacion.plantilla:
        nueva, _ = Notificacion.objects.get_or_create(
            respaldo_de=notificacion,
            defaults={
                **comunes,
                "canal": Canal.WHATSAPP,
                "destinatario": notificacion.destinatario,
                "plantilla": plantilla,
                "clave": f"respaldo:{notificacion.pk}:plantilla",
            },
        )
        _anotar(notificacion, f"WhatsApp fuera de la ventana de 24 horas: se reenvía con la plantilla «{plantilla}».")
    else:
        try:
            telefono = normalizar_telefono(notificacion.destinatario)
        except ValidationError:
            telefono = ""
        if not telefono:
            _anotar(notificacion, "No hay un teléfono de 10 dígitos para avisar por SMS.", resultado="sin_respaldo")
            return None
        if _opuesto(notificacion, telefono):
            _anotar(
                notificacion,
                "No se avisa por SMS: el ciudadano ejerció su derecho de oposición.",
                resultado="sin_respaldo",
            )
            return None
        nueva, _ = Notificacion.objects.get_or_create(
            respaldo_de=notificacion,
            defaults={
                **comunes,
                "canal": Canal.SMS,
                "destinatario": telefono,
                "clave": f"respaldo:{notificacion.pk}:sms",
            },
        )
        _anotar(notificacion, f"WhatsApp no entregable: se avisa por SMS a {ocultar(telefono)}.", resultado="respaldo")
    _programar([nueva])
    return nueva


def _fallo(notificacion: Notificacion, exc: Exception) -> Resultado:
    """Record a failed attempt: a permanent refusal fails the row at once (and falls back); anything else is
    retried with backoff until MAX_INTENTOS. The request itself is never touched."""
    error = f"{type(exc).__name__}: {exc}"[:1000]
    destino = ocultar(notificacion.destinatario)
    canal = notificacion.get_canal_display()
    if isinstance(exc, EnvioImposible):
        Notificacion.objects.filter(pk=notificacion.pk).update(
            estado=EstadoAviso.FALLIDA, bloqueada_hasta=None, ultimo_error=error
        )
        _anotar(notificacion, f"El proveedor rechazó el aviso por {canal} a {destino}: {exc}", resultado="fallo")
        _respaldo(notificacion, exc)
        return Resultado(enviada=False)
    ahora = timezone.now()
    if notificacion.intentos >= MAX_INTENTOS:
        Notificacion.objects.filter(pk=notificacion.pk).update(
            estado=EstadoAviso.FALLIDA, bloqueada_hasta=None, ultimo_error=error
        )
        texto = (
            f"No se pudo enviar el aviso por {canal} a {destino} "
            f"tras {notificacion.intentos} intentos: {error}. Requiere atención manual."
        )
        espera = None
    else:
        espera = RETRASOS[max(notificacion.intentos, 1) - 1]
        Notificacion.objects.filter(pk=notificacion.pk).update(
            estado=EstadoAviso.PENDIENTE,
            bloqueada_hasta=None,
            ultimo_error=error,
            proximo_intento=ahora + timedelta(seconds=espera),
        )
        reintento = timezone.localtime(ahora + timedelta(seconds=espera))
        texto = (
            f"Falló el aviso por {canal} a {destino} "
            f"(intento {notificacion.intentos} de {MAX_INTENTOS}): {error}. "
            f"Se reintentará a las {reintento:%H:%M}."
        )
    _anotar(notificacion, texto, resultado="fallo")
    return Resultado(enviada=False, reintentar_en=espera)


def enviar(notificacion_id: int) -> Resultado:
    """Send one queued notice if it is due and nobody else is sending it; record the outcome."""
    if not _reclamar(notificacion_id):
        return Resultado(enviada=False)
    notificacion = Notificacion.objects.select_related("peticion__ciudadano").get(pk=notificacion_id)
    ciudadano = notificacion.peticion.ciudadano if notificacion.peticion_id else None
    if notificacion.usuario_id is None and ciudadano is not None and not ciudadano.contactable:
        # Queued before the citizen opposed (or was anonymised): never sent.
        Notificacion.objects.filter(pk=notificacion.pk).update(
            estado=EstadoAviso.CANCELADA, bloqueada_hasta=None, ultimo_error="El ciudadano se opuso a ser contactado."
        )
        return Resultado(enviada=False)
    try:
        entrega = _entregar(notificacion)
    except Exception as exc:  # any provider error is recorded (and retried unless permanent)
        return _fallo(notificacion, exc)
    Notificacion.objects.filter(pk=notificacion.pk).update(
        estado=EstadoAviso.ENVIADA,
        enviada_en=timezone.now(),
        bloqueada_hasta=None,
        ultimo_error="",
        id_proveedor=entrega.id_proveedor,
        plantilla=entrega.plantilla,
    )
    if notificacion.peticion_id:
        como = f" con la plantilla «{entrega.plantilla}»" if entrega.plantilla else ""
        registrar_evento(
            notificacion.peticion,
            EventoBitacora.Tipo.NOTIFICACION,
            f"Aviso enviado por {notificacion.get_canal_display()}{como} a {ocultar(notificacion.destinatario)}: "
            f"«{notificacion.asunto}».",
            notificacion=notificacion.pk,
            resultado="enviada",
        )
    return Resultado(enviada=True)


def fallo_informado(id_proveedor: str, error: Exception) -> Notificacion | None:
    """The provider reported later (WhatsApp's `statuses` webhook) that a message it had accepted failed.
    Permanent errors fail the notice and fall back; others put it back in the queue with backoff."""
    if not id_proveedor:
        return None
    notificacion = (
        Notificacion.objects.select_related("peticion__ciudadano")
        .filter(id_proveedor=id_proveedor, estado=EstadoAviso.ENVIADA)
        .first()
    )
    if notificacion is None:  # unknown, or already handled (Meta repeats status webhooks)
        return None
    _fallo(notificacion, error)
    notificacion.refresh_from_db()
    if notificacion.estado == EstadoAviso.PENDIENTE:
        encolar_al_confirmar(TAREA_ENVIAR, notificacion.pk)
    return notificacion


def pendientes_vencidos() -> list[int]:
    ahora = timezone.now()
    return list(
        Notificacion.objects.filter(
            Q(estado=EstadoAviso.PENDIENTE, proximo_intento__lte=ahora)
            | Q(estado=EstadoAviso.ENVIANDO, bloqueada_hasta__lt=ahora)
        )
        .order_by("proximo_intento", "id")
        .values_list("pk", flat=True)[:1000]
    )


def enviar_pendientes() -> int:
    """The sweep: send every notice that is due (lost broker messages, retries). Returns how many went out."""
    return sum(1 for pk in pendientes_vencidos() if enviar(pk).enviada)
