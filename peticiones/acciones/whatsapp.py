"""WhatsApp intake: webhook payloads become conversations and messages (idempotent on the message id); an
operator answers a conversation (through the outbox), links it to the petición captured from it, or closes it.

Payloads follow the Cloud API's `messages` webhook: entry[].changes[].value with `contacts` and `messages`
(text, location, image…). Media is downloaded after commit by a task (`peticiones.descargar_medio_whatsapp`,
also swept periodically), never inside the webhook: Meta expects a quick 200.
"""

import logging
import uuid
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from sirc.tareas import encolar_al_confirmar

from ..bitacora import registrar_evento
from ..evidencias import FotoInvalida, validar_foto
from ..mensajeria import descargador, error_de_whatsapp
from ..models import ConversacionWhatsApp, EventoBitacora, Evidencia, MensajeWhatsApp, Notificacion, Peticion
from ..notificaciones import TAREA_ENVIAR, fallo_informado
from .transiciones import SinPermiso

logger = logging.getLogger(__name__)

TAREA_DESCARGA = "peticiones.descargar_medio_whatsapp"
MAX_INTENTOS_DESCARGA = 4
PERMISO = "peticiones.capturar_peticion"
Tipo = MensajeWhatsApp.Tipo
EstadoMedio = MensajeWhatsApp.EstadoMedio


def _exigir(usuario: AbstractBaseUser) -> None:
    if not usuario.has_perm(PERMISO):
        raise SinPermiso("Su usuario no atiende los mensajes de WhatsApp.")


# --- webhook -------------------------------------------------------------------------------------------------


def _fecha(marca: object) -> datetime:
    """The message's own time (it opens the 24-hour window), never later than now (a skewed or forged clock)."""
    ahora = timezone.now()
    try:
        return min(datetime.fromtimestamp(int(str(marca)), tz=UTC), ahora)
    except (TypeError, ValueError, OverflowError, OSError):
        return ahora


def _coordenada(valor: object) -> Decimal | None:
    try:
        numero = Decimal(str(valor)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        return None
    return numero if numero.is_finite() and abs(numero) <= 180 else None


def _texto(valor: object, maximo: int = 4096) -> str:
    return str(valor or "").replace("\x00", "")[:maximo]


def _mensaje(conversacion: ConversacionWhatsApp, datos: dict) -> MensajeWhatsApp:
    tipo = datos.get("type")
    mensaje = MensajeWhatsApp(
        conversacion=conversacion,
        wa_mensaje_id=_texto(datos.get("id"), 128),
        sentido=MensajeWhatsApp.Sentido.ENTRANTE,
        fecha=_fecha(datos.get("timestamp")),
    )
    if tipo == "text":
        cuerpo = datos.get("text")
        mensaje.tipo, mensaje.texto = Tipo.TEXTO, _texto(cuerpo.get("body") if isinstance(cuerpo, dict) else "")
    elif tipo == "location":
        lugar = datos.get("location") if isinstance(datos.get("location"), dict) else {}
        mensaje.tipo = Tipo.UBICACION
        mensaje.latitud, mensaje.longitud = _coordenada(lugar.get("latitude")), _coordenada(lugar.get("longitude"))
        if mensaje.latitud is not None and abs(mensaje.latitud) > 90:
            mensaje.latitud = mensaje.longitud = None
        mensaje.texto = ", ".join(_texto(lugar.get(c), 300) for c in ("name", "address") if lugar.get(c))
    elif tipo == "image":
        imagen = datos.get("image") if isinstance(datos.get("image"), dict) else {}
        mensaje.tipo, mensaje.texto = Tipo.IMAGEN, _texto(imagen.get("caption"))
        mensaje.medio_id = _texto(imagen.get("id"), 128)
        mensaje.medio_tipo = _texto(imagen.get("mime_type"), 50)
        mensaje.medio_estado = EstadoMedio.PENDIENTE if mensaje.medio_id else EstadoMedio.FALLIDO
    else:
        mensaje.tipo = Tipo.OTRO
        mensaje.texto = f"(Mensaje de tipo «{_texto(tipo, 30)}»: SIRC sólo lee texto, ubicación e imágenes.)"
    return mensaje


def _dicts(valor: object) -> list[dict]:
    """The dicts of a JSON list (anything else in a hostile or unexpected payload is skipped)."""
    return [v for v in valor if isinstance(v, dict)] if isinstance(valor, list) else []


def recibir(payload: object) -> list[MensajeWhatsApp]:
    """Store the messages of one webhook payload; a message id already stored is skipped (Meta retries).
    Of the statuses (sent, delivered, read, failed) only «failed» matters: the outbox knows what it sent, and
    a message WhatsApp accepted but could not deliver fails its notice there (template resend, SMS fallback)."""
    nuevos: list[MensajeWhatsApp] = []
    if not isinstance(payload, dict):
        return nuevos
    for entrada in _dicts(payload.get("entry")):
        for cambio in _dicts(entrada.get("changes")):
            valor = cambio.get("value")
            if not isinstance(valor, dict):
                continue
            perfiles = {
                _texto(c.get("wa_id") or c.get("user_id"), 64): _texto((c.get("profile") or {}).get("name"), 150)
                for c in _dicts(valor.get("contacts"))
                if isinstance(c.get("profile") or {}, dict)
            }
            for estado in _dicts(valor.get("statuses")):
                if estado.get("status") == "failed":
                    errores = _dicts(estado.get("errors"))
                    fallo_informado(_texto(estado.get("id"), 128), error_de_whatsapp(errores[0] if errores else {}))
            for datos in _dicts(valor.get("messages")):
                if not datos.get("id"):
                    continue
                remitente = _texto(datos.get("from") or datos.get("from_user_id"), 64)
                if not remitente:
                    continue
                mensaje = _guardar(remitente, perfiles.get(remitente, ""), datos)
                if mensaje is not None:
                    nuevos.append(mensaje)
    return nuevos


def _guardar(remitente: str, nombre: str, datos: dict) -> MensajeWhatsApp | None:
    try:
        with transaction.atomic():
            if MensajeWhatsApp.objects.filter(wa_mensaje_id=_texto(datos.get("id"), 128)).exists():
                return None
            conversacion, _ = ConversacionWhatsApp.objects.select_for_update().get_or_create(wa_id=remitente)
            mensaje = _mensaje(conversacion, datos)
            mensaje.save(force_insert=True)
            cambios = {
                "estado": ConversacionWhatsApp.Estado.PENDIENTE,  # a new message reopens it for the operators
                "ultimo_mensaje": max(mensaje.fecha, conversacion.ultimo_mensaje),
            }
            if nombre:
                cambios["nombre_perfil"] = nombre
            ConversacionWhatsApp.objects.filter(pk=conversacion.pk).update(**cambios)
            if mensaje.medio_estado == EstadoMedio.PENDIENTE:
                encolar_al_confirmar(TAREA_DESCARGA, mensaje.pk)
    except IntegrityError:  # the same message delivered twice at the same instant
        return None
    return mensaje


# --- media -------------------------------------------------------------------------------------------------


def descargar_medio(mensaje_id: int) -> bool:
    """Download and check one image (claimed with a conditional UPDATE; a failure is retried a few times)."""
    reclamado = MensajeWhatsApp.objects.filter(
        pk=mensaje_id, medio_estado=EstadoMedio.PENDIENTE, medio_intentos__lt=MAX_INTENTOS_DESCARGA
    ).update(medio_intentos=F("medio_intentos") + 1)
    if not reclamado:
        return False
    mensaje = MensajeWhatsApp.objects.get(pk=mensaje_id)
    try:
        medio = descargador().descargar(mensaje.medio_id)
    except Exception:  # network, provider, size: retried by the sweep until MAX_INTENTOS_DESCARGA
        logger.warning("No se pudo descargar el medio %s del mensaje %s", mensaje.medio_id, mensaje.pk, exc_info=True)
        if mensaje.medio_intentos >= MAX_INTENTOS_DESCARGA:
            MensajeWhatsApp.objects.filter(pk=mensaje.pk).update(medio_estado=EstadoMedio.FALLIDO)
        return False
    archivo = SimpleUploadedFile("whatsapp", medio.contenido, content_type=medio.tipo)
    try:
        limpia, tipo, extension = validar_foto(archivo)
    except FotoInvalida:
        MensajeWhatsApp.objects.filter(pk=mensaje.pk).update(medio_estado=EstadoMedio.RECHAZADO)
        return False
    mensaje.medio.save(f"imagen{extension}", limpia, save=False)
    MensajeWhatsApp.objects.filter(pk=mensaje.pk).update(
        medio=mensaje.medio.name, medio_tipo=tipo, medio_estado=EstadoMedio.DESCARGADO
    )
    return True


def descargar_pendientes() -> int:
    """The sweep (beat, manage.py descargar_medios_whatsapp): every image still to download."""
    pendientes = MensajeWhatsApp.objects.filter(
        medio_estado=EstadoMedio.PENDIENTE, medio_intentos__lt=MAX_INTENTOS_DESCARGA
    ).values_list("pk", flat=True)[:500]
    return sum(1 for pk in list(pendientes) if descargar_medio(pk))


# --- the inbox -----------------------------------------------------------------------------------------------


def responder(conversacion: ConversacionWhatsApp, usuario: AbstractBaseUser, texto: str) -> MensajeWhatsApp:
    """Answer the citizen: a row in the outbox (sent by the messaging backend, retried if it fails) and the
    message in the conversation. The conversation counts as attended."""
    _exigir(usuario)
    texto = (texto or "").replace("\x00", "").strip()
    if not texto:
        raise ValueError("Escriba la respuesta.")
    with transaction.atomic():
        aviso = Notificacion.objects.create(
            peticion=conversacion.peticion,
            motivo=Notificacion.Motivo.RESPUESTA,
            canal=Notificacion.Canal.WHATSAPP,
            destinatario=conversacion.wa_id,
            asunto="Respuesta de Atención Ciudadana por WhatsApp",
            cuerpo=texto[:4096],
            clave=f"respuesta:{conversacion.pk}:{uuid.uuid4().hex}",
        )
        mensaje = MensajeWhatsApp.objects.create(
            conversacion=conversacion,
            sentido=MensajeWhatsApp.Sentido.SALIENTE,
            texto=texto[:4096],
            enviado_por=usuario,
            notificacion=aviso,
        )
        ConversacionWhatsApp.objects.filter(pk=conversacion.pk).update(
            estado=ConversacionWhatsApp.Estado.ATENDIDA, ultimo_mensaje=timezone.now()
        )
        if conversacion.peticion_id:
            registrar_evento(
                conversacion.peticion,
                EventoBitacora.Tipo.COMENTARIO,
                f"Respuesta por WhatsApp: {texto[:500]}",
                usuario=usuario,
                conversacion=conversacion.pk,
            )
        encolar_al_confirmar(TAREA_ENVIAR, aviso.pk)
    return mensaje


def vincular(conversacion: ConversacionWhatsApp, peticion: Peticion, usuario: AbstractBaseUser) -> Peticion:
    """The conversation became (or belongs to) this petición: linked, its photos attached as evidence."""
    _exigir(usuario)
    with transaction.atomic():
        actual = ConversacionWhatsApp.objects.select_for_update().get(pk=conversacion.pk)
        if actual.peticion_id == peticion.pk:
            return peticion
        fotos = list(
            actual.mensajes.filter(medio_estado=EstadoMedio.DESCARGADO).exclude(medio="").order_by("fecha", "pk")
        )
        for foto in fotos:
            with foto.medio.open("rb") as origen:
                evidencia = Evidencia(
                    peticion=peticion,
                    nombre_original=f"whatsapp-{foto.pk}",
                    tipo_contenido=foto.medio_tipo or "image/jpeg",
                    tamano=foto.medio.size,
                )
                evidencia.archivo.save(foto.medio.name.rsplit("/", 1)[-1], ContentFile(origen.read()), save=False)
                evidencia.save()
        ConversacionWhatsApp.objects.filter(pk=actual.pk).update(
            peticion=peticion, estado=ConversacionWhatsApp.Estado.ATENDIDA
        )
        registrar_evento(
            peticion,
            EventoBitacora.Tipo.COMENTARIO,
            f"Conversación de WhatsApp ligada ({actual.mensajes.count()} mensajes"
            + (f", {len(fotos)} foto(s) agregadas como evidencia" if fotos else "")
            + ").",
            usuario=usuario,
            conversacion=actual.pk,
        )
    return peticion


def marcar_atendida(conversacion: ConversacionWhatsApp, usuario: AbstractBaseUser) -> None:
    """Nothing more to do (a greeting, a thank-you, a question already answered)."""
    _exigir(usuario)
    ConversacionWhatsApp.objects.filter(pk=conversacion.pk).update(estado=ConversacionWhatsApp.Estado.ATENDIDA)
