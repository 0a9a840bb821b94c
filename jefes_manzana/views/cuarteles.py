"""Cuarteles and the election of their Jefe de Cuartel (propuesto → electo, with history)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import acciones
from ..forms import PropuestaForm
from ..models import CandidaturaCuartel, Cuartel, JefeManzana
from .padron import ADMINISTRAR, VER


@login_required
@permission_required(VER, raise_exception=True)
def cuarteles(request: HttpRequest) -> HttpResponse:
    lista = (
        Cuartel.objects.select_related("jefe")
        .annotate(
            activos=Count("jefes", filter=Q(jefes__estado=JefeManzana.Estado.ACTIVO), distinct=True),
            propuestas=Count(
                "candidaturas", filter=Q(candidaturas__estado=CandidaturaCuartel.Estado.PROPUESTO), distinct=True
            ),
        )
        .order_by("numero")
    )
    return render(request, "jefes_manzana/cuarteles.html", {"cuarteles": lista})


@login_required
@permission_required(VER, raise_exception=True)
def cuartel(request: HttpRequest, pk: int) -> HttpResponse:
    cuartel = get_object_or_404(Cuartel.objects.select_related("jefe"), pk=pk)
    return render(
        request,
        "jefes_manzana/cuartel.html",
        {
            "cuartel": cuartel,
            "colonias": cuartel.colonias.order_by("nombre"),
            "candidaturas": cuartel.candidaturas.select_related("jefe", "jefe__colonia", "registrada_por"),
            "form": PropuestaForm(cuartel=cuartel),
            "puede_administrar": request.user.has_perm(ADMINISTRAR),
            "activos": cuartel.jefes.filter(estado=JefeManzana.Estado.ACTIVO).count(),
        },
    )


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
@require_POST
def proponer(request: HttpRequest, pk: int) -> HttpResponse:
    cuartel = get_object_or_404(Cuartel, pk=pk)
    form = PropuestaForm(request.POST, cuartel=cuartel)
    if form.is_valid():
        try:
            acciones.proponer_jefe_cuartel(
                cuartel, form.cleaned_data["jefe"], por=request.user, notas=form.cleaned_data["notas"]
            )
            messages.success(request, f"{form.cleaned_data['jefe']} fue propuesto para Jefe de Cuartel.")
        except acciones.AccionInvalida as e:
            messages.error(request, str(e))
    else:
        messages.error(request, "Elija a un Jefe de Manzana activo del cuartel.")
    return redirect("jefes_manzana:cuartel", pk=pk)


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
@require_POST
def elegir(request: HttpRequest, pk: int) -> HttpResponse:
    candidatura = get_object_or_404(CandidaturaCuartel.objects.select_related("jefe", "cuartel"), pk=pk)
    try:
        acciones.elegir_jefe_cuartel(candidatura, por=request.user)
        messages.success(request, f"{candidatura.jefe} es el nuevo Jefe del {candidatura.cuartel}.")
    except acciones.AccionInvalida as e:
        messages.error(request, str(e))
    return redirect("jefes_manzana:cuartel", pk=candidatura.cuartel_id)
