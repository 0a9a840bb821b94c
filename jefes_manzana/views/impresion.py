"""Printing: credential sheets (selection or whole filter), one card, and the nombramiento letter."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import acciones, lotes
from ..models import JefeManzana, LotePdf
from ..pdf.credenciales import hoja_de_credenciales
from ..pdf.nombramiento import nombramientos
from .padron import ADMINISTRAR


def _pdf(contenido: bytes, nombre: str) -> HttpResponse:
    respuesta = HttpResponse(contenido, content_type="application/pdf")
    respuesta["Content-Disposition"] = f'inline; filename="{nombre}"'
    return respuesta


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
@require_POST
def credenciales(request: HttpRequest) -> HttpResponse:
    """POST with `ids` (the ticked rows): sheets of 10 cards. Issuing credentials writes, so never on GET;
    more than `lotes.LIMITE_EN_LA_PETICION` cards become a batch in Celery (status page, download link)."""
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    if not ids:
        messages.error(request, "Marque al menos un Jefe de Manzana para imprimir su credencial.")
        return redirect("jefes_manzana:lista")
    activos = JefeManzana.objects.filter(pk__in=ids, estado=JefeManzana.Estado.ACTIVO)
    if not activos.exists():
        messages.error(request, "Sólo los Jefes de Manzana activos tienen credencial; ninguno de los elegidos lo está.")
        return redirect("jefes_manzana:lista")
    orden = lotes.orden(activos)
    if len(orden) > lotes.LIMITE_EN_LA_PETICION:
        return redirect("jefes_manzana:lote", pk=lotes.crear(request.user, LotePdf.Tipo.CREDENCIALES, orden).pk)
    acciones.emitir_credenciales(activos)
    jefes = (
        JefeManzana.objects.filter(pk__in=activos.values("pk"))
        .select_related("colonia", "cuartel")
        .order_by("cuartel__numero", "colonia__nombre", "manzana", "id")
    )
    return _pdf(hoja_de_credenciales(jefes.iterator(chunk_size=500)), "credenciales-jefes-manzana.pdf")


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
@require_POST
def credencial(request: HttpRequest, pk: int) -> HttpResponse:
    """POST only: printing issues the credential if it was not yet (GET never writes)."""
    jefe = get_object_or_404(JefeManzana, pk=pk)
    if jefe.estado != JefeManzana.Estado.ACTIVO:
        messages.error(request, f"{jefe} no está activo: no se le puede imprimir credencial.")
        return redirect("jefes_manzana:detalle", pk=pk)
    acciones.emitir_credenciales(JefeManzana.objects.filter(pk=pk))
    jefe = JefeManzana.objects.select_related("colonia", "cuartel").get(pk=pk)
    return _pdf(hoja_de_credenciales([jefe]), f"credencial-{jefe.numero_credencial}.pdf")


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
def nombramiento(request: HttpRequest, pk: int) -> HttpResponse:
    jefe = get_object_or_404(JefeManzana.objects.select_related("colonia", "cuartel"), pk=pk)
    if jefe.estado == JefeManzana.Estado.BAJA:
        messages.error(request, f"{jefe} está dado de baja: no se emite nombramiento.")
        return redirect("jefes_manzana:detalle", pk=pk)
    return _pdf(nombramientos([jefe]), f"nombramiento-{jefe.pk}.pdf")


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
@require_POST
def registrar_entregas(request: HttpRequest) -> HttpResponse:
    """From the list: credencial, placa and nombramiento delivered today to the ticked people."""
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    if not ids:
        messages.error(request, "Marque a quienes recibieron su credencial, placa y nombramiento.")
        return redirect("jefes_manzana:lista")
    cambios = acciones.registrar_entregas(
        JefeManzana.objects.filter(pk__in=ids), que=acciones.ENTREGAS, fecha=timezone.localdate(), por=request.user
    )
    messages.success(request, f"Entregas registradas con fecha de hoy ({cambios} registros actualizados).")
    return redirect(request.META.get("HTTP_REFERER") or "jefes_manzana:lista")


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
@require_POST
def nombramientos_seleccion(request: HttpRequest) -> HttpResponse:
    """One nombramiento a page for the ticked people (not in baja)."""
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    jefes = (
        JefeManzana.objects.filter(pk__in=ids)
        .exclude(estado=JefeManzana.Estado.BAJA)
        .select_related("colonia", "cuartel")
        .order_by("cuartel__numero", "colonia__nombre", "manzana", "id")
    )
    if not jefes.exists():
        messages.error(request, "Marque al menos un Jefe de Manzana que no esté de baja.")
        return redirect("jefes_manzana:lista")
    orden = lotes.orden(jefes)
    if len(orden) > lotes.LIMITE_EN_LA_PETICION:  # hundreds of pages: in Celery, never inside the request
        return redirect("jefes_manzana:lote", pk=lotes.crear(request.user, LotePdf.Tipo.NOMBRAMIENTOS, orden).pk)
    return _pdf(nombramientos(jefes), "nombramientos-jefes-manzana.pdf")
