"""Public page /consulta/: a citizen checks a folio with the last 4 digits of their phone (no login)."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .. import consulta
from ..formularios_turnado import ConsultaForm

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
