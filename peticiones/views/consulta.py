"""Public pages of the citizen (no login): /consulta/ checks a folio with the last 4 digits of their phone;
/consulta/evaluar/ rates the service of an attended request (1–5), once.

The rating form also appears on /consulta/ once the citizen has looked their folio up there. Proof of
ownership is the same for both (folio + last 4 digits of a requester's phone, `consulta.buscar`), with the
same answer for a wrong pair and a missing folio and the same per-address limit.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from ..acciones import seguimiento
from ..forms.consulta import ConsultaForm
from ..forms.seguimiento import EvaluacionForm
from ..selectores import consulta

logger = logging.getLogger(__name__)

NO_ENCONTRADA = (
    "No encontramos una petición con ese folio y esos dígitos de teléfono. Revise su comprobante "
    "o llame a la Línea 072."
)


def direccion_ip(request: HttpRequest) -> str:
    """The client's address. Behind N trusted proxies (SIRC_PROXIES_DE_CONFIANZA) it is the N-th address from the
    right of X-Forwarded-For: what a client writes at the left of that header cannot dodge the limit."""
    proxies = settings.SIRC_PROXIES_DE_CONFIANZA
    if proxies:
        cadena = [x.strip() for x in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if x.strip()]
        if len(cadena) >= proxies:
            return cadena[-proxies]
    return request.META.get("REMOTE_ADDR", "desconocida")


def _excede_limite(request: HttpRequest) -> bool:
    """Count one lookup for this address in the cache; True past SIRC_CONSULTA_LIMITE per window."""
    clave = f"sirc:consulta:{direccion_ip(request)}"
    ventana = settings.SIRC_CONSULTA_VENTANA_SEGUNDOS
    try:
        cache.add(clave, 0, timeout=ventana)
        try:
            intentos = cache.incr(clave)
        except ValueError:  # expired between add and incr
            cache.set(clave, 1, timeout=ventana)
            intentos = 1
    except Exception:  # cache (Redis) down: the citizen still gets an answer; the limit resumes with the cache
        logger.warning("Caché no disponible: /consulta/ responde sin límite de intentos.", exc_info=True)
        return False
    return intentos > settings.SIRC_CONSULTA_LIMITE


@never_cache
def consulta_folio(request: HttpRequest) -> HttpResponse:
    contexto: dict = {"form": ConsultaForm(), "estados": consulta.ESTADO_PUBLICO}
    if request.method == "POST":
        if _excede_limite(request):
            minutos = settings.SIRC_CONSULTA_VENTANA_SEGUNDOS // 60
            contexto["error"] = f"Demasiadas consultas desde su conexión. Intente de nuevo en {minutos} minutos."
            contexto["form"] = ConsultaForm(request.POST)
            return render(request, "peticiones/consulta.html", contexto, status=429)
        form = ConsultaForm(request.POST)
        contexto["form"] = form
        if form.is_valid():
            peticion = consulta.buscar(form.cleaned_data["folio"], form.cleaned_data["telefono"])
            if peticion is None:
                contexto["error"] = NO_ENCONTRADA
            else:
                contexto["peticion"] = peticion
                contexto["estado_publico"] = consulta.ESTADO_PUBLICO[peticion.estado]
                contexto["hitos"] = consulta.linea_de_tiempo(peticion)
    return render(request, "peticiones/consulta.html", contexto)


@never_cache
def evaluar(request: HttpRequest) -> HttpResponse:
    inicial = {"folio": request.GET.get("folio", "")}
    form = EvaluacionForm(request.POST if request.method == "POST" else None, initial=inicial)
    contexto: dict = {"form": form}
    if request.method == "POST":
        if _excede_limite(request):
            minutos = settings.SIRC_CONSULTA_VENTANA_SEGUNDOS // 60
            contexto["error"] = f"Demasiados intentos desde su conexión. Intente de nuevo en {minutos} minutos."
            return render(request, "peticiones/seguimiento/evaluar.html", contexto, status=429)
        if form.is_valid():
            datos = form.cleaned_data
            peticion = consulta.buscar(datos["folio"], datos["ultimos4"])
            if peticion is None:
                contexto["error"] = NO_ENCONTRADA
            else:
                try:
                    seguimiento.evaluar_servicio(peticion, datos["calificacion"], datos["comentario"])
                except seguimiento.SeguimientoInvalido as error:
                    contexto["error"] = str(error)
                else:
                    return render(request, "peticiones/seguimiento/evaluar_gracias.html", {"peticion": peticion})
        return render(request, "peticiones/seguimiento/evaluar.html", contexto, status=400)
    return render(request, "peticiones/seguimiento/evaluar.html", contexto)
