"""The trays: the dirección's (work what was turned to you) and Atención Ciudadana's (turn and re-route)."""

import csv

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sirc.fechas import fecha_hora
from sirc.hojas import fila_segura

from ..acciones.lote import ACCIONES, aplicar_en_lote
from ..acciones.transiciones import TransicionInvalida
from ..forms.bandejas import LoteForm
from ..forms.turnado import TurnarForm
from ..models import Direccion, EventoBitacora, Peticion
from ..selectores.busqueda import buscar_texto
from ..visibilidad import visibles_para
from .comun import destino, respuesta_csv

Estado = Peticion.Estado
POR_PAGINA = 50


def _vencidas_primero(qs: QuerySet[Peticion]) -> QuerySet[Peticion]:
    ahora = timezone.now()
    return qs.annotate(
        orden_vencida=Case(When(fecha_limite__lt=ahora, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("orden_vencida", "fecha_limite", "pk")


def peticiones_bandeja_direccion(request: HttpRequest) -> QuerySet[Peticion]:
    """The enlace's tray with the filters and the search (`q`) from the query string (also used by the export)."""
    usuario = request.user
    qs = visibles_para(usuario).filter(estado__in=[Estado.TURNADA, Estado.EN_PROCESO])
    direccion = request.GET.get("direccion", "")
    if direccion.isdigit():
        qs = qs.filter(direccion_id=int(direccion))
    estado = request.GET.get("estado", "")
    if estado in (Estado.TURNADA, Estado.EN_PROCESO):
        qs = qs.filter(estado=estado)
    asignacion = request.GET.get("asignacion", "")
    if asignacion == "mias":
        qs = qs.filter(asignada_a=usuario)
    elif asignacion == "sin":
        qs = qs.filter(asignada_a__isnull=True)
    if request.GET.get("vencidas"):
        qs = qs.filter(fecha_limite__lt=timezone.now())
    # Folio (2026-000123), words of the description or address, the citizen's name or phone; within what
    # `visibles_para` lets this enlace see.
    qs = buscar_texto(qs, request.GET.get("q", "")[:200])
    qs = qs.select_related("categoria", "colonia", "direccion", "asignada_a")
    return _vencidas_primero(qs)


@login_required
@permission_required("peticiones.atender_peticion", raise_exception=True)
def bandeja_direccion(request: HttpRequest) -> HttpResponse:
    qs = peticiones_bandeja_direccion(request)
    pagina = Paginator(qs, POR_PAGINA).get_page(request.GET.get("pagina"))
    mis_direcciones = Direccion.objects.filter(enlaces=request.user).order_by("nombre")
    colegas = (
        get_user_model()
        .objects.filter(direcciones__in=mis_direcciones, is_active=True)
        .distinct()
        .order_by("first_name", "last_name")
    )
    filtros = request.GET.copy()
    filtros.pop("pagina", None)
    contexto = {
        "pagina": pagina,
        "mis_direcciones": mis_direcciones,
        "lote": LoteForm(colegas=colegas),
        "acciones_lote": {k: v for k, v in ACCIONES.items() if k != "turnar"},
        "filtros": filtros.urlencode(),
        "ahora": timezone.now(),
    }
    return render(request, "peticiones/bandeja_direccion.html", contexto)


@login_required
@permission_required("peticiones.atender_peticion", raise_exception=True)
def exportar_bandeja_direccion(request: HttpRequest) -> HttpResponse:
    """CSV of the tray as filtered (opens in Excel: UTF-8 with BOM)."""
    respuesta = respuesta_csv(f"bandeja-{timezone.localdate():%Y%m%d}.csv")
    escritor = csv.writer(respuesta)
    escritor.writerow(
        ["Folio", "Estado", "Categoría", "Dirección", "Colonia", "Ubicación", "Descripción",
         "Recibida", "Fecha límite", "Vencida", "Asignada a"]
    )  # fmt: skip
    ahora = timezone.now()
    for p in peticiones_bandeja_direccion(request).iterator(chunk_size=500):
        escritor.writerow(
            fila_segura(
                [
                    p.folio,
                    p.get_estado_display(),
                    p.categoria.nombre,
                    p.direccion.nombre,
                    p.colonia.nombre,
                    " ".join(x for x in [p.calle, p.numero_exterior, p.referencias] if x),
                    p.descripcion,
                    fecha_hora(p.fecha_recepcion),
                    fecha_hora(p.fecha_limite),
                    "Sí" if p.fecha_limite < ahora else "No",
                    (p.asignada_a.get_full_name() or p.asignada_a.get_username()) if p.asignada_a else "",
                ]
            )
        )
    return respuesta


@login_required
@permission_required("peticiones.turnar_peticion", raise_exception=True)
def bandeja_atencion(request: HttpRequest) -> HttpResponse:
    """Requests waiting to be turned: new ones and those a dirección sent back (with its reason)."""
    devolucion = EventoBitacora.objects.filter(peticion=OuterRef("pk"), tipo=EventoBitacora.Tipo.DEVOLUCION).order_by(
        "-fecha", "-pk"
    )
    qs = (
        visibles_para(request.user)
        .filter(estado=Estado.RECIBIDA)
        .exclude(tipo__para_supervisor=True)  # quejas y sugerencias: the supervisor's queue (peticiones:quejas)
        .select_related("categoria", "colonia", "direccion", "tipo", "canal")
        .annotate(devuelta=Subquery(devolucion.values("descripcion")[:1]))
    )
    if request.GET.get("devueltas"):
        qs = qs.filter(devuelta__isnull=False)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(folio__icontains=q) | Q(descripcion__icontains=q))
    qs = _vencidas_primero(qs)
    pagina = Paginator(qs, POR_PAGINA).get_page(request.GET.get("pagina"))
    contexto = {
        "pagina": pagina,
        "turnar": TurnarForm(),
        "direcciones": TurnarForm().fields["direccion"].queryset,
        "ahora": timezone.now(),
    }
    return render(request, "peticiones/bandeja_atencion.html", contexto)


@login_required
@require_POST
def acciones_lote(request: HttpRequest) -> HttpResponse:
    """Bulk action on the rows selected in a tray; requests outside the user's scope count as not found."""
    # The action itself checks the colleague belongs to each request's dirección.
    form = LoteForm(request.POST, colegas=get_user_model().objects.filter(is_active=True))
    ids = [int(i) for i in request.POST.getlist("seleccion") if i.isdigit()]
    if not form.is_valid():
        messages.error(request, "Elija una acción válida para las peticiones seleccionadas.")
        return redirect(destino(request))
    datos = form.cleaned_data
    colega = datos.get("colega") if datos["accion"] == "asignar" else None
    try:
        resultado = aplicar_en_lote(
            datos["accion"],
            ids,
            request.user,
            direccion=datos.get("direccion"),
            colega=colega,
            resolucion=datos.get("resolucion", ""),
            nota=datos.get("nota", ""),
        )
    except TransicionInvalida as exc:
        messages.error(request, str(exc))
        return redirect(destino(request))
    if resultado.hechas:
        messages.success(
            request, f"{ACCIONES[datos['accion']]}: {len(resultado.hechas)} folio(s) ({', '.join(resultado.hechas)})."
        )
    for error in resultado.errores:
        messages.error(request, error)
    if resultado.no_encontradas:
        messages.error(request, f"{resultado.no_encontradas} petición(es) seleccionada(s) no se encontraron.")
    return redirect(destino(request))
