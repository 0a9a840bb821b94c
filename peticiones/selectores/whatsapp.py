"""Read paths of the «Mensajes» inbox (WhatsApp conversations) and the capture prefilled from one."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q, QuerySet

from ..canales import WHATSAPP
from ..models import Canal, ConversacionWhatsApp, MensajeWhatsApp
from ..telefonos import normalizar_telefono
from .captura import colonia_mas_cercana

PERMISO = "peticiones.capturar_peticion"


def bandeja(estado: str = "") -> QuerySet[ConversacionWhatsApp]:
    """Conversations, the ones waiting for an answer first; with how many messages they have."""
    qs = ConversacionWhatsApp.objects.select_related("peticion").annotate(
        total=Count("mensajes"), fotos=Count("mensajes", filter=Q(mensajes__tipo=MensajeWhatsApp.Tipo.IMAGEN))
    )
    if estado in ConversacionWhatsApp.Estado.values:
        qs = qs.filter(estado=estado)
    return qs.order_by("-estado", "-ultimo_mensaje")  # "pendiente" > "atendida": waiting ones first


def mensajes(conversacion: ConversacionWhatsApp) -> QuerySet[MensajeWhatsApp]:
    return conversacion.mensajes.select_related("enviado_por", "notificacion__respaldo").order_by("fecha", "pk")


def sin_atender(usuario: AbstractBaseUser) -> int:
    """The menu badge: conversations waiting for an operator."""
    if not usuario.has_perm(PERMISO):
        return 0
    return ConversacionWhatsApp.objects.filter(estado=ConversacionWhatsApp.Estado.PENDIENTE).count()


def telefono_de(conversacion: ConversacionWhatsApp) -> str:
    """The citizen's 10-digit phone from the WhatsApp id (521 / 52 + 10 digits), or "" if it is not Mexican."""
    try:
        return normalizar_telefono(conversacion.wa_id)
    except Exception:
        return ""


def datos_para_captura(conversacion: ConversacionWhatsApp) -> dict:
    """The capture form prefilled from the conversation: phone, name, what they wrote, the point they sent."""
    entrantes = list(conversacion.mensajes.filter(sentido=MensajeWhatsApp.Sentido.ENTRANTE).order_by("fecha", "pk"))
    con_texto = (MensajeWhatsApp.Tipo.TEXTO, MensajeWhatsApp.Tipo.IMAGEN)
    textos = [m.texto for m in entrantes if m.tipo in con_texto and m.texto]
    lugares = [m for m in entrantes if m.tipo == MensajeWhatsApp.Tipo.UBICACION and m.latitud is not None]
    partes = (conversacion.nombre_perfil or "").split(maxsplit=1)
    inicial: dict = {
        "telefono": telefono_de(conversacion),
        "nombre": partes[0] if partes else "",
        "apellidos": partes[1] if len(partes) > 1 else "",
        "descripcion": "\n".join(textos)[:2000],
        "canal": Canal.objects.filter(clave=WHATSAPP).values_list("pk", flat=True).first(),
    }
    if lugares:
        ultimo = lugares[-1]
        inicial["latitud"], inicial["longitud"] = ultimo.latitud, ultimo.longitud
        colonia = colonia_mas_cercana(ultimo.latitud, ultimo.longitud)
        if colonia is not None:
            inicial["colonia"] = str(colonia)
        if ultimo.texto:
            inicial["referencias"] = ultimo.texto[:250]
    return inicial
