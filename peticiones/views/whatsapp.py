"""WhatsApp: the Cloud API webhook (/whatsapp/webhook/) and the operators' «Mensajes» inbox
(/peticiones/mensajes/), where a conversation becomes a petición (prefilled capture) or is answered."""

import json
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import RequestDataTooBig
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from ..acciones import whatsapp
from ..mensajeria import firma_valida
from ..models import ConversacionWhatsApp, MensajeWhatsApp
from ..models.whatsapp import cierre_de_ventana
from ..selectores import whatsapp as selector
from ..selectores.busqueda import buscar_folio
from ..visibilidad import visibles_para

logger = logging.getLogger(__name__)
PERMISO = "peticiones.capturar_peticion"


@csrf_exempt  # Meta signs the body (X-Hub-Signature-256); there is no browser session here
@require_http_methods(["GET", "POST"])
def webhook(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":  # the verification handshake when the webhook is configured
        token = settings.WHATSAPP_VERIFY_TOKEN
        if (
            token
            and request.GET.get("hub.mode") == "subscribe"
            and request.GET.get("hub.verify_token", "") == token
            and request.GET.get("hub.challenge")
        ):
            return HttpResponse(request.GET["hub.challenge"][:200], content_type="text/plain")
        return HttpResponse("Token de verificación incorrecto.", status=403, content_type="text/plain")
    try:
        cuerpo = request.body
    except RequestDataTooBig:
        return HttpResponse("Cuerpo demasiado grande.", status=413, content_type="text/plain")
    if not firma_valida(cuerpo, request.headers.get("X-Hub-Signature-256", "")):
        logger.warning("Webhook de WhatsApp con firma inválida desde %s", request.META.get("REMOTE_ADDR"))
        return HttpResponse("Firma inválida.", status=403, content_type="text/plain")
    try:
        payload = json.loads(cuerpo)
    except (ValueError, UnicodeDecodeError):
        return HttpResponse("JSON inválido.", status=400, content_type="text/plain")
    whatsapp.recibir(payload)
    return HttpResponse("EVENT_RECEIVED", content_type="text/plain")


# --- the inbox ---------------------------------------------------------------------------------------------


@login_required
@permission_required(PERMISO, raise_exception=True)
def bandeja(request: HttpRequest) -> HttpResponse:
    estado = request.GET.get("estado", ConversacionWhatsApp.Estado.PENDIENTE)
    conversaciones = selector.bandeja(estado)[:200]
    contexto = {"conversaciones": conversaciones, "estado": estado, "estados": ConversacionWhatsApp.Estado.choices}
    return render(request, "peticiones/whatsapp/bandeja.html", contexto)


def _conversacion(pk: int) -> ConversacionWhatsApp:
    return get_object_or_404(ConversacionWhatsApp.objects.select_related("peticion"), pk=pk)


@login_required
@permission_required(PERMISO, raise_exception=True)
def conversacion(request: HttpRequest, conversacion: int) -> HttpResponse:
    actual = _conversacion(conversacion)
    peticion_visible = None
    if actual.peticion_id and visibles_para(request.user).filter(pk=actual.peticion_id).exists():
        peticion_visible = actual.peticion
    cierre = cierre_de_ventana(actual.wa_id)
    contexto = {
        "conversacion": actual,
        "mensajes": selector.mensajes(actual),
        "cierre_ventana": cierre,
        "ventana_abierta": cierre is not None and timezone.now() < cierre,
        "plantilla": settings.WHATSAPP_PLANTILLA_AVISO,
        "telefono": selector.telefono_de(actual),
        "peticion": peticion_visible,
        "url_captura": reverse("peticiones:captura") + f"?conversacion={actual.pk}",
    }
    return render(request, "peticiones/whatsapp/conversacion.html", contexto)


@login_required
@permission_required(PERMISO, raise_exception=True)
@require_POST
def responder(request: HttpRequest, conversacion: int) -> HttpResponse:
    actual = _conversacion(conversacion)
    try:
        whatsapp.responder(actual, request.user, request.POST.get("texto", "")[:4096])
    except ValueError as error:
        messages.error(request, str(error))
    else:
        cierre = cierre_de_ventana(actual.wa_id)
        como = "" if cierre and timezone.now() < cierre else f" con la plantilla «{settings.WHATSAPP_PLANTILLA_AVISO}»"
        messages.success(request, f"Respuesta en camino por WhatsApp{como}.")
    return redirect("peticiones:conversacion", conversacion=actual.pk)


@login_required
@permission_required(PERMISO, raise_exception=True)
@require_POST
def ligar(request: HttpRequest, conversacion: int) -> HttpResponse:
    """The conversation is about a folio that already exists."""
    actual = _conversacion(conversacion)
    peticion = buscar_folio(visibles_para(request.user), request.POST.get("folio", "")[:20])
    if peticion is None:
        messages.error(request, "No encontramos ese folio.")
    else:
        whatsapp.vincular(actual, peticion, request.user)
        messages.success(request, f"Conversación ligada al folio {peticion.folio}.")
    return redirect("peticiones:conversacion", conversacion=actual.pk)


@login_required
@permission_required(PERMISO, raise_exception=True)
@require_POST
def atendida(request: HttpRequest, conversacion: int) -> HttpResponse:
    whatsapp.marcar_atendida(_conversacion(conversacion), request.user)
    messages.success(request, "Conversación marcada como atendida.")
    return redirect("peticiones:mensajes")


@login_required
@permission_required(PERMISO, raise_exception=True)
def medio(request: HttpRequest, mensaje: int) -> FileResponse:
    mensaje = get_object_or_404(MensajeWhatsApp, pk=mensaje, medio_estado=MensajeWhatsApp.EstadoMedio.DESCARGADO)
    if not mensaje.medio:
        raise Http404
    respuesta = FileResponse(mensaje.medio.open("rb"), content_type=mensaje.medio_tipo or "image/jpeg")
    respuesta["Content-Disposition"] = "inline"
    return respuesta
