"""Work on one request inside its dirección that does not change its state: assign, comment, evidence.

Every view finds the request through visibles_para(): a request outside the user's scope is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from ..acciones import atencion
from ..acciones.transiciones import TransicionInvalida
from ..forms.atencion import AsignarForm, ComentarioForm, EvidenciaForm
from .comun import destino, peticion_visible


@login_required
@require_POST
def asignar(request: HttpRequest, pk: int) -> HttpResponse:
    peticion = peticion_visible(request, pk)
    form = AsignarForm(request.POST, colegas=atencion.colegas(peticion), prefix="asignar")
    if not form.is_valid():
        messages.error(request, "Elija un colega de la dirección.")
    else:
        try:
            atencion.asignar(peticion, request.user, form.cleaned_data["colega"])
            messages.success(request, f"Folio {peticion.folio}: asignación guardada.")
        except TransicionInvalida as exc:
            messages.error(request, str(exc))
    return redirect(destino(request, peticion))


@login_required
@require_POST
def comentar(request: HttpRequest, pk: int) -> HttpResponse:
    peticion = peticion_visible(request, pk)
    form = ComentarioForm(request.POST, prefix="comentario")
    if form.is_valid():
        atencion.comentar(peticion, request.user, form.cleaned_data["texto"])
        messages.success(request, f"Folio {peticion.folio}: comentario agregado.")
    else:
        messages.error(request, "Escriba el comentario.")
    return redirect(destino(request, peticion))


@login_required
@require_POST
def subir_evidencia(request: HttpRequest, pk: int) -> HttpResponse:
    peticion = peticion_visible(request, pk)
    form = EvidenciaForm(request.POST, request.FILES, prefix="evidencia")
    if not form.is_valid():
        messages.error(request, "Elija al menos una foto.")
    else:
        try:
            guardadas = atencion.agregar_evidencia(peticion, request.user, form.cleaned_data["fotos"])
            messages.success(request, f"Folio {peticion.folio}: {len(guardadas)} foto(s) agregada(s).")
        except TransicionInvalida as exc:
            messages.error(request, str(exc))
    return redirect(destino(request, peticion))


@login_required
def ver_evidencia(request: HttpRequest, pk: int, evidencia_pk: int) -> FileResponse:
    """Evidence is served only to who may see the request (never straight from MEDIA_URL)."""
    peticion = peticion_visible(request, pk)
    evidencia = get_object_or_404(peticion.evidencias, pk=evidencia_pk)
    try:
        archivo = evidencia.archivo.open("rb")
    except FileNotFoundError as exc:
        raise Http404("La foto ya no está en el almacenamiento.") from exc
    return FileResponse(archivo, content_type=evidencia.tipo_contenido)
