"""The request page (with its bitácora) and the acuse PDF."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..cache_catalogos import con_catalogos
from ..models import Peticion
from ..models.open311 import respuestas_legibles
from ..pdf.acuse import generar_acuse
from ..visibilidad import bitacora_visible, ve_otros_solicitantes, visibles_para


def _peticion_visible(request: HttpRequest, folio: str) -> Peticion:
    """The request if this user may see it; 404 otherwise (never reveals that it exists)."""
    # Catalogs (tipo, canal, categoría, dirección, colonia) come from the process cache, not a join:
    # planning an 11-table join cost more than running it.
    qs = visibles_para(request.user).select_related(
        "ciudadano",
        "capturada_por",
        "gestor",
        "evento",
        "asignada_a",
        "duplicado_de",
    )
    return con_catalogos([get_object_or_404(qs, folio=folio)])[0]


@login_required
def detalle(request: HttpRequest, folio: str) -> HttpResponse:
    peticion = _peticion_visible(request, folio)
    contexto = {
        "peticion": peticion,
        "bitacora": bitacora_visible(request.user, peticion).select_related("usuario").order_by("-fecha", "-id"),
        "solicitantes": peticion.solicitantes.all() if ve_otros_solicitantes(request.user) else [],
        "respuestas": respuestas_legibles(peticion.categoria, peticion.respuestas),
    }
    return render(request, "peticiones/detalle.html", contexto)


@login_required
def acuse(request: HttpRequest, folio: str) -> HttpResponse:
    peticion = _peticion_visible(request, folio)
    respuesta = HttpResponse(
        generar_acuse(peticion, sitio=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    respuesta["Content-Disposition"] = f'inline; filename="acuse-{peticion.folio}.pdf"'
    return respuesta
