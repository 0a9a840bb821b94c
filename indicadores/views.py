"""Thin views of the dashboard, heat map, MIR and exports. Only users with `ver_indicadores`
(directors, supervisors, administrators) get in; anyone else signed in gets 403."""

from contextlib import suppress
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sirc import cache
from sirc.fechas import MESES_CORTOS
from sirc.replica import en_replica

from . import emision, exportacion, mapa, tablero
from .copiar import copiar_programa, origen_para
from .filtros import FiltroMapa, FiltroTablero, leer_filtros
from .models import Exportacion, Programa, ReporteMensual
from .pdf import generar_pdf
from .periodos import Mes
from .reporte import SinPrograma, armar

PERMISO = "peticiones.ver_indicadores"


def indicadores_requeridos(vista):
    """Signed in (else the login page) and holding `ver_indicadores` (else 403)."""

    @wraps(vista)
    @login_required
    @permission_required(PERMISO, raise_exception=True)
    def envuelta(request, *args, **kwargs):
        return vista(request, *args, **kwargs)

    return envuelta


def _en_cache(request: HttpRequest, que: str, filtros, calcular):
    """Aggregates are cached a short while (INDICADORES_CACHE_SEGUNDOS) per filter and visibility scope."""
    segundos = getattr(settings, "INDICADORES_CACHE_SEGUNDOS", 0)
    if not segundos:
        return calcular()
    alcance = "todas" if request.user.has_perm("peticiones.ver_todas_peticiones") else f"u{request.user.pk}"
    clave = f"indicadores:{que}:{alcance}:{urlencode(sorted(filtros.como_parametros().items()))}"
    return cache.get_or_set(clave, calcular, segundos)  # the database answers when the cache is down


def _datos_tablero(qs, filtros, usuario) -> dict:
    # Who sees every request reads the monthly counters (the dashboard has no category filter).
    todas = usuario.has_perm("peticiones.ver_todas_peticiones") and filtros.categoria is None
    direccion_id = filtros.direccion.pk if filtros.direccion is not None else None
    return tablero.calcular(
        qs, filtros.desde, filtros.hasta, timezone.now(), por_conteos=todas, direccion_id=direccion_id
    )


@indicadores_requeridos
@require_GET
def tablero_view(request: HttpRequest) -> HttpResponse:
    form, filtros = leer_filtros(request.GET, FiltroTablero)
    qs = filtros.peticiones(request.user)
    with en_replica():
        datos = _en_cache(request, "tablero", filtros, lambda: _datos_tablero(qs, filtros, request.user))
    meses, canales = datos["meses"], datos["canales"]
    grafica = {
        "meses": [m["mes"].corto for m in meses],
        "recibidas": [m["recibidas"] for m in meses],
        "atendidas": [m["atendidas"] for m in meses],
        "porcentaje": [None if m["porcentaje"] is None else float(m["porcentaje"]) for m in meses],
        "canales": [c["canal"] for c in canales],
        "canales_recibidas": [c["recibidas"] for c in canales],
    }
    ctx = {
        **datos,
        "form": form,
        "filtros": filtros,
        "consulta": urlencode(filtros.como_parametros()),
        "grafica": grafica,
        "definiciones": tablero.DEFINICIONES,
    }
    return render(request, "indicadores/tablero.html", ctx)


@indicadores_requeridos
@require_GET
def mapa_view(request: HttpRequest) -> HttpResponse:
    form, filtros = leer_filtros(request.GET, FiltroMapa)
    ctx = {
        "form": form,
        "filtros": filtros,
        "parametros": filtros.como_parametros(),
        "consulta": urlencode(filtros.como_parametros()),
        "config": {
            "centro": list(settings.MAPA_CENTRO),
            "tiles": settings.MAPA_TILES_URL,
            "atribucion": settings.MAPA_TILES_ATRIBUCION,
            "datos": reverse("indicadores:mapa_datos"),
        },
    }
    return render(request, "indicadores/mapa.html", ctx)


@indicadores_requeridos
@require_GET
def mapa_datos(request: HttpRequest) -> JsonResponse:
    form, filtros = leer_filtros(request.GET, FiltroMapa)
    if form.is_bound and not form.is_valid():
        errores = [e for lista in form.errors.values() for e in lista]
        return JsonResponse({"errores": errores}, status=400)
    try:
        zoom = int(request.GET["zoom"]) if request.GET.get("zoom") else None
    except ValueError:
        return JsonResponse({"errores": ["El zoom debe ser un número entero."]}, status=400)
    try:
        caja = mapa.caja_de(request.GET.get("caja", ""))
    except ValueError as error:
        return JsonResponse({"errores": [str(error)]}, status=400)
    precision = mapa.precision_para_zoom(zoom)
    qs = filtros.peticiones(request.user)
    with en_replica():
        puntos = _en_cache(
            request,
            f"mapa:{precision}:{caja}",
            filtros,
            lambda: mapa.puntos(qs, filtros.inicio, filtros.fin, precision, caja),
        )
    return JsonResponse(
        {
            "puntos": puntos,
            "total": sum(p[2] for p in puntos),
            "maximo": max((p[2] for p in puntos), default=0),
            # Color scale tops at the 95th percentile of the cells, so one hot spot does not wash out the rest.
            "referencia": sorted(p[2] for p in puntos)[int(len(puntos) * 0.95)] if puntos else 0,
            "celdas": len(puntos),
            "precision": precision,
            "periodo": filtros.descripcion(),
        }
    )


def _mes_de(request: HttpRequest) -> tuple[Mes, str]:
    """The month asked for (?mes=AAAA-MM); the last closed month by default."""
    texto = request.GET.get("mes") or request.POST.get("mes") or ""
    if not texto:
        return Mes.actual().anterior(), ""
    try:
        return Mes.desde_texto(texto), ""
    except ValueError as error:
        return Mes.actual().anterior(), str(error)


@indicadores_requeridos
@require_GET
def mir_view(request: HttpRequest) -> HttpResponse:
    mes, error = _mes_de(request)
    ctx = {
        "mes": mes,
        "error_mes": error,
        "mes_actual": Mes.actual(),
        "anios": list(Programa.objects.values_list("anio", flat=True)),
        "reportes": ReporteMensual.objects.filter(anio=mes.anio, mes=mes.mes).select_related("emitido_por"),
        "todos_los_reportes": ReporteMensual.objects.select_related("emitido_por")[:60],
        "puede_emitir": request.user.has_perm("indicadores.emitir_reporte") and mes < Mes.actual(),
    }
    try:
        with en_replica():
            reporte = armar(mes)
    except SinPrograma as falta:
        ctx["sin_programa"] = str(falta)
        ctx["copiar_de"] = origen_para(mes.anio)
        ctx["puede_copiar"] = request.user.has_perm("indicadores.add_programa")
    else:
        ctx["reporte"] = reporte
        ctx["meses_cortos"] = MESES_CORTOS
        ctx["grafica"] = {
            "meses": MESES_CORTOS,
            "recibidas": [f["recibidas"] for f in reporte.por_mes],
            "atendidas": [f["atendidas"] for f in reporte.por_mes],
        }
    return render(request, "indicadores/mir.html", ctx)


@indicadores_requeridos
@require_GET
def mir_pdf(request: HttpRequest) -> HttpResponse:
    mes, error = _mes_de(request)
    if error:
        messages.error(request, error)
        return redirect("indicadores:mir")
    try:
        with en_replica():
            reporte = armar(mes)
            pdf = generar_pdf(reporte)
    except SinPrograma as falta:
        messages.error(request, str(falta))
        return redirect(f"{reverse('indicadores:mir')}?mes={mes.clave}")
    respuesta = HttpResponse(pdf, content_type="application/pdf")
    respuesta["Content-Disposition"] = f'attachment; filename="mir-{mes.clave}.pdf"'
    return respuesta


@indicadores_requeridos
@require_POST
def mir_emitir(request: HttpRequest) -> HttpResponse:
    mes, error = _mes_de(request)
    destino = f"{reverse('indicadores:mir')}?mes={mes.clave}"
    if error:
        messages.error(request, error)
        return redirect(destino)
    if not request.user.has_perm("indicadores.emitir_reporte"):
        raise PermissionDenied("Su usuario no puede emitir reportes MIR.")
    try:
        reporte = emision.emitir_nueva_version(mes, request.user)
    except (ValueError, SinPrograma, RuntimeError) as problema:
        messages.error(request, str(problema))
        return redirect(destino)
    messages.success(request, f"Se emitió la versión {reporte.version} del MIR de {mes.nombre}.")
    return redirect(destino)


@indicadores_requeridos
@require_POST
def mir_copiar_programa(request: HttpRequest) -> HttpResponse:
    """Give a year without a PAT the nearest earlier year's programme (activities, calendar, indicators), to be
    adjusted in the admin; the same as `copiar_programa` from a shell, for those who may add programmes."""
    mes, error = _mes_de(request)
    destino = f"{reverse('indicadores:mir')}?mes={mes.clave}"
    if error:
        messages.error(request, error)
        return redirect(destino)
    if not request.user.has_perm("indicadores.add_programa"):
        raise PermissionDenied("Su usuario no puede crear el Programa Anual de Trabajo de un año.")
    if Programa.objects.filter(anio=mes.anio).exists():
        messages.info(request, f"{mes.anio} ya tiene su Programa Anual de Trabajo.")
        return redirect(destino)
    origen = origen_para(mes.anio)
    if origen is None:
        messages.error(request, f"No hay un Programa Anual de Trabajo anterior a {mes.anio} que copiar.")
        return redirect(destino)
    with suppress(IntegrityError):  # two clicks at once: the other one created it
        copiar_programa(origen, mes.anio)
    messages.success(
        request,
        f"Se copió el Programa Anual de Trabajo {origen.anio} a {mes.anio}: revise sus metas en la administración.",
    )
    return redirect(destino)


@indicadores_requeridos
@require_GET
def reporte_descargar(request: HttpRequest, pk: int) -> FileResponse:
    reporte = get_object_or_404(ReporteMensual, pk=pk)
    try:
        archivo = default_storage.open(reporte.archivo.name, "rb")
    except FileNotFoundError:
        raise Http404("El archivo de este reporte no se encuentra en el almacenamiento.") from None
    nombre = f"mir-{reporte.anio}-{reporte.mes:02d}-v{reporte.version}.pdf"
    return FileResponse(archivo, as_attachment=True, filename=nombre, content_type="application/pdf")


@indicadores_requeridos
@require_http_methods(["GET", "POST"])
def exportar(request: HttpRequest, tabla: str, formato: str) -> HttpResponse:
    """GET downloads a small export at once; a large one is only offered (GET never writes) and the POST of that
    offer, with the same query string, queues it for Celery."""
    if tabla not in exportacion.TABLAS or formato not in ("csv", "xlsx"):
        raise Http404("Esa tabla no se puede exportar.")
    definicion = exportacion.TABLAS[tabla]
    form, filtros = leer_filtros(request.GET, FiltroMapa)
    if form.is_bound and not form.is_valid():
        for lista in form.errors.values():
            for error in lista:
                messages.error(request, error)
        return redirect("indicadores:tablero")
    with en_replica():
        grande = exportacion.es_grande(definicion, filtros, request.user)
    if grande and request.method != "POST":
        contexto = {"titulo": definicion.titulo, "limite": f"{exportacion.limite_sincrono():,}", "formato": formato}
        return render(request, "indicadores/exportar_confirmar.html", contexto)
    if grande:
        exportacion.solicitar(definicion, filtros, formato, request.user)
        messages.info(
            request,
            f"«{definicion.titulo}» tiene más de {exportacion.limite_sincrono():,} filas: se está generando en segundo "
            "plano. Podrá descargarla aquí en cuanto esté lista.",
        )
        return redirect("indicadores:exportaciones")
    with en_replica():
        contenido, _filas = exportacion.escribir(definicion, definicion.filas(filtros, request.user), formato)
    tipo = (
        "text/csv; charset=utf-8"
        if formato == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    respuesta = HttpResponse(contenido, content_type=tipo)
    respuesta["Content-Disposition"] = (
        f'attachment; filename="{exportacion.nombre_de_archivo(definicion, filtros, formato)}"'
    )
    return respuesta


@indicadores_requeridos
@require_GET
def exportaciones(request: HttpRequest) -> HttpResponse:
    mias = Exportacion.objects.filter(usuario=request.user)[:30]
    pendientes = any(e.estado in (Exportacion.Estado.PENDIENTE, Exportacion.Estado.PROCESANDO) for e in mias)
    plantilla = (
        "indicadores/_exportaciones.html" if request.headers.get("HX-Request") else "indicadores/exportaciones.html"
    )
    return render(request, plantilla, {"exportaciones": mias, "pendientes": pendientes, "tablas": exportacion.TABLAS})


@indicadores_requeridos
@require_GET
def exportacion_descargar(request: HttpRequest, pk: int) -> FileResponse:
    propia = get_object_or_404(Exportacion, pk=pk, usuario=request.user, estado=Exportacion.Estado.LISTA)
    try:
        archivo = default_storage.open(propia.archivo.name, "rb")
    except FileNotFoundError:
        raise Http404("El archivo ya no está disponible; solicite la exportación de nuevo.") from None
    return FileResponse(archivo, as_attachment=True, filename=propia.archivo.name.rsplit("/", 1)[-1])
