"""Capacitaciones by zone and events (Día del Jefe de Manzana…) with their attendance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from .. import acciones
from ..forms import AsistenciaForm, CapacitacionForm, EventoForm
from ..models import Capacitacion, EventoJefes
from .padron import ADMINISTRAR, VER

_TIPOS = {
    "capacitaciones": (Capacitacion, CapacitacionForm, "Capacitaciones", "capacitación"),
    "eventos": (EventoJefes, EventoForm, "Eventos", "evento"),
}


def _lista(request: HttpRequest, clase: str) -> HttpResponse:
    modelo, formulario, titulo, singular = _TIPOS[clase]
    puede = request.user.has_perm(ADMINISTRAR)
    form = formulario(request.POST or None) if puede else None
    if request.method == "POST":
        if not puede:
            return HttpResponse(status=403)
        if form.is_valid():
            actividad = form.save()
            messages.success(request, f"Se registró la {singular} «{actividad}».")
            return redirect(
                f"jefes_manzana:{'capacitacion' if clase == 'capacitaciones' else 'evento'}", pk=actividad.pk
            )
    actividades = modelo.objects.annotate(total=Count("asistencias")).order_by("-fecha")
    return render(
        request,
        "jefes_manzana/actividades.html",
        {"actividades": actividades, "form": form, "titulo": titulo, "clase": clase, "singular": singular},
    )


def _detalle(request: HttpRequest, clase: str, pk: int) -> HttpResponse:
    modelo, _, titulo, singular = _TIPOS[clase]
    actividad = get_object_or_404(modelo, pk=pk)
    puede = request.user.has_perm(ADMINISTRAR)
    form = AsistenciaForm(request.POST or None) if puede else None
    resultado = None
    if request.method == "POST":
        if not puede:
            return HttpResponse(status=403)
        if form.is_valid():
            resultado = acciones.registrar_asistencia(actividad, form.lista(), por=request.user)
            messages.success(request, f"Asistencia registrada: {len(resultado.registrados)} nuevas.")
            if not resultado.no_encontrados:
                return redirect(request.path)
    asistentes = actividad.asistentes.select_related("colonia", "cuartel").order_by("apellidos", "nombres")
    return render(
        request,
        "jefes_manzana/actividad.html",
        {
            "actividad": actividad,
            "asistentes": asistentes,
            "form": form,
            "resultado": resultado,
            "titulo": titulo,
            "clase": clase,
            "singular": singular,
        },
    )


@login_required
@permission_required(VER, raise_exception=True)
def capacitaciones(request: HttpRequest) -> HttpResponse:
    return _lista(request, "capacitaciones")


@login_required
@permission_required(VER, raise_exception=True)
def capacitacion(request: HttpRequest, pk: int) -> HttpResponse:
    return _detalle(request, "capacitaciones", pk)


@login_required
@permission_required(VER, raise_exception=True)
def eventos(request: HttpRequest) -> HttpResponse:
    return _lista(request, "eventos")


@login_required
@permission_required(VER, raise_exception=True)
def evento(request: HttpRequest, pk: int) -> HttpResponse:
    return _detalle(request, "eventos", pk)
