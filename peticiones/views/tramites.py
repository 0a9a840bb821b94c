"""The guía de trámites: public searchable pages (/tramites/), and the panel on the operator's capture
screen (htmx) from which an information call is answered and closed at first contact."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..selectores import tramites

PERMISO_CAPTURA = "peticiones.capturar_peticion"


@require_GET
def lista(request: HttpRequest) -> HttpResponse:
    texto = request.GET.get("q", "")[:100]
    return render(
        request,
        "peticiones/tramites/lista.html",
        {"q": texto, "tramites": tramites.buscar(texto), "buscado": bool(texto)},
    )


@require_GET
def detalle(request: HttpRequest, clave: str) -> HttpResponse:
    tramite = tramites.por_clave(clave)
    if tramite is None:
        raise Http404("No hay un trámite publicado con esa clave.")
    return render(request, "peticiones/tramites/detalle.html", {"tramite": tramite})


@login_required
@permission_required(PERMISO_CAPTURA, raise_exception=True)
@require_GET
def panel(request: HttpRequest) -> HttpResponse:
    """htmx on the capture screen: the trámites that match what the operator types."""
    texto = request.GET.get("guia", "")[:100]
    encontrados = tramites.buscar(texto, limite=8) if texto.strip() else []
    return render(request, "peticiones/tramites/_panel.html", {"tramites": encontrados, "q": texto})
