"""Logins for Jefes de Manzana: one from their page or many from the list; the temporary passwords are
shown once (never stored in clear) and can be printed on their nombramientos right away."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import acciones
from ..models import JefeManzana
from ..pdf.nombramiento import DatosAcceso, nombramientos
from .impresion import _pdf
from .padron import ADMINISTRAR

_SAL = "jefes_manzana.accesos"
_VIGENCIA = 60 * 60  # the printable page works for one hour


def _mostrar(request: HttpRequest, creados: list[acciones.AccesoCreado]) -> HttpResponse:
    paquete = signing.dumps([[a.jefe.pk, a.username, a.contrasena] for a in creados], salt=_SAL, compress=True)
    return render(request, "jefes_manzana/accesos_creados.html", {"creados": creados, "paquete": paquete})


def _acceso_de_uno(request: HttpRequest, pk: int, accion: Callable[..., acciones.AccesoCreado]) -> HttpResponse:
    """Runs `accion` (create a login, reset its password) on one jefe; shows the password or the refusal."""
    jefe = get_object_or_404(JefeManzana.objects.select_related("usuario"), pk=pk)
    try:
        return _mostrar(request, [accion(jefe, por=request.user)])
    except acciones.AccionInvalida as e:
        messages.error(request, str(e))
        return redirect("jefes_manzana:detalle", pk=pk)


@never_cache
@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
@require_POST
def crear_acceso(request: HttpRequest, pk: int) -> HttpResponse:
    return _acceso_de_uno(request, pk, acciones.crear_acceso)


@never_cache
@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
@require_POST
def restablecer_contrasena(request: HttpRequest, pk: int) -> HttpResponse:
    return _acceso_de_uno(request, pk, acciones.restablecer_contrasena)


@never_cache
@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
@require_POST
def crear_accesos(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    jefes = list(
        JefeManzana.objects.filter(pk__in=ids, usuario__isnull=True)
        .exclude(estado=JefeManzana.Estado.BAJA)
        .select_related("colonia", "cuartel")
    )
    if not jefes:
        messages.error(
            request, "Ninguno de los marcados necesita acceso (ya lo tienen, están de baja o no marcó a nadie)."
        )
        return redirect("jefes_manzana:lista")
    return _mostrar(request, acciones.crear_accesos(jefes, por=request.user))


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
@require_POST
def nombramientos_con_acceso(request: HttpRequest) -> HttpResponse:
    try:
        filas = signing.loads(request.POST.get("paquete", ""), salt=_SAL, max_age=_VIGENCIA)
    except signing.BadSignature:
        messages.error(request, "Las contraseñas ya no se pueden imprimir (pasó más de una hora). Restablézcalas.")
        return redirect("jefes_manzana:lista")
    accesos = {pk: DatosAcceso(username, contrasena) for pk, username, contrasena in filas}
    jefes = JefeManzana.objects.filter(pk__in=accesos).select_related("colonia", "cuartel").order_by("apellidos")
    return _pdf(nombramientos(jefes, accesos), "nombramientos-con-acceso.pdf")
