"""Follow-up screens: the call queue ("Siguiente llamada"), the call, home visits, the bitácora de llamadas
(list and CSV/XLSX export per month) and the supervisors' queue of quejas y sugerencias."""

import csv
from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sirc.fechas import MESES, nombre_mes
from sirc.hojas import fila_segura

from ..acciones import seguimiento as acciones
from ..acciones import transiciones
from ..acciones.quejas import direccion_atencion_ciudadana
from ..forms.seguimiento import RespuestaQuejaForm, ResultadoLlamadaForm, VisitaForm
from ..models import Colonia, LlamadaSeguimiento
from ..selectores import seguimiento as selectores
from ..visibilidad import visibles_para
from .comun import respuesta_csv, url_detalle

seguimiento_requerido = permission_required("peticiones.hacer_seguimiento", raise_exception=True)


@login_required
@seguimiento_requerido
def inicio(request: HttpRequest) -> HttpResponse:
    """The operator's desk: queue state, the call they hold, and the "Siguiente llamada" button."""
    anio, mes = selectores.mes_de(None)
    contexto = {
        "cola": selectores.resumen_cola(),
        "en_curso": acciones.llamada_en_curso(request.user),
        "conteo": selectores.conteo_mensual(anio, mes),
        "mis_llamadas_hoy": LlamadaSeguimiento.objects.filter(
            tomada_por=request.user,
            estado__in=LlamadaSeguimiento.REALIZADAS,
            fecha_resultado__date=timezone.localdate(),
        ).count(),
    }
    return render(request, "peticiones/seguimiento/inicio.html", contexto)


@login_required
@seguimiento_requerido
@require_POST
def siguiente(request: HttpRequest) -> HttpResponse:
    llamada = acciones.siguiente_llamada(request.user)
    if llamada is None:
        messages.info(request, "No hay llamadas de seguimiento pendientes por ahora.")
        return redirect("peticiones:seguimiento")
    return redirect("peticiones:seguimiento_llamada", pk=llamada.pk)


@login_required
@seguimiento_requerido
def llamada(request: HttpRequest, pk: int) -> HttpResponse:
    """The call screen: request, resolution, citizen's phone and the outcome form."""
    llamada = get_object_or_404(
        LlamadaSeguimiento.objects.select_related(
            "peticion__ciudadano",
            "peticion__direccion",
            "peticion__categoria",
            "peticion__colonia",
            "peticion__tipo",
            "tomada_por",
        ),
        pk=pk,
        peticion__in=visibles_para(request.user),
    )
    propia = llamada.estado == LlamadaSeguimiento.Estado.EN_CURSO and llamada.tomada_por_id == request.user.pk
    form = ResultadoLlamadaForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not propia:
            messages.error(request, "Esta llamada ya no está a su nombre. Pida la siguiente llamada.")
            return redirect("peticiones:seguimiento")
        if form.is_valid():
            datos = form.cleaned_data
            try:
                acciones.registrar_resultado(
                    llamada,
                    request.user,
                    datos["resultado"],
                    se_resolvio=datos["se_resolvio"],
                    satisfaccion=datos["satisfaccion"],
                    comentario=datos["comentario"],
                )
            except (acciones.SeguimientoInvalido, transiciones.TransicionInvalida) as error:
                form.add_error(None, str(error))
            else:
                llamada.refresh_from_db()
                messages.success(request, _mensaje_resultado(llamada))
                if "y_siguiente" in request.POST:
                    proxima = acciones.siguiente_llamada(request.user)
                    if proxima is not None:
                        return redirect("peticiones:seguimiento_llamada", pk=proxima.pk)
                    messages.info(request, "No hay más llamadas de seguimiento pendientes por ahora.")
                return redirect("peticiones:seguimiento")
    peticion = llamada.peticion
    contexto = {
        "llamada": llamada,
        "peticion": peticion,
        "propia": propia,
        "form": form,
        "intentos": peticion.llamadas_seguimiento.filter(estado__in=LlamadaSeguimiento.REALIZADAS)
        .select_related("tomada_por")
        .order_by("fecha_resultado"),
        "visitas": peticion.visitas_domiciliarias.select_related("realizada_por"),
        "url_detalle": url_detalle(peticion) or "",
    }
    return render(request, "peticiones/seguimiento/llamada.html", contexto, status=400 if form.errors else 200)


def _mensaje_resultado(llamada: LlamadaSeguimiento) -> str:
    folio = llamada.peticion.folio
    if llamada.estado == LlamadaSeguimiento.Estado.CONTACTADO:
        if llamada.se_resolvio:
            return f"Folio {folio}: el ciudadano confirma la solución; la petición quedó cerrada."
        return f"Folio {folio}: no se resolvió; la petición regresó a {llamada.peticion.direccion.nombre}."
    if llamada.estado == LlamadaSeguimiento.Estado.NO_CONTESTA:
        if llamada.intento < LlamadaSeguimiento.MAX_INTENTOS:
            return f"Folio {folio}: no contesta; se reintentará más tarde."
        return f"Folio {folio}: no contestó en {llamada.intento} intentos; queda para visita domiciliaria."
    return f"Folio {folio}: número equivocado; queda para visita domiciliaria."


@login_required
@seguimiento_requerido
@require_POST
def liberar(request: HttpRequest, pk: int) -> HttpResponse:
    llamada = get_object_or_404(LlamadaSeguimiento, pk=pk, peticion__in=visibles_para(request.user))
    acciones.liberar_llamada(llamada, request.user)
    messages.info(request, f"La llamada del folio {llamada.peticion.folio} regresó a la cola.")
    return redirect("peticiones:seguimiento")


@login_required
@seguimiento_requerido
def visitas(request: HttpRequest) -> HttpResponse:
    """Requests the phone could not verify (candidates for a home visit) and this month's visits."""
    anio, mes = selectores.mes_de(None)
    por_visitar = selectores.pendientes_de_visita(request.user)
    colonias = Colonia.objects.filter(pk__in=por_visitar.values("colonia_id")).order_by("nombre")
    colonia = request.GET.get("colonia", "")
    if colonia.isdigit():
        por_visitar = por_visitar.filter(colonia_id=int(colonia))
    pendientes = Paginator(por_visitar, 50).get_page(request.GET.get("pagina"))
    contexto = {
        "pendientes": pendientes,
        "colonias": colonias,
        "colonia": colonia,
        "recientes": selectores.visitas_del_mes(anio, mes).reverse()[:50],
    }
    return render(request, "peticiones/seguimiento/visitas.html", contexto)


@login_required
@seguimiento_requerido
def visita_nueva(request: HttpRequest) -> HttpResponse:
    inicial = {
        "folio": request.GET.get("folio", ""),
        "realizada_por": request.user.pk,
        "fecha_visita": timezone.localtime().replace(second=0, microsecond=0),
    }
    form = VisitaForm(request.POST if request.method == "POST" else None, initial=inicial, usuario=request.user)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        try:
            visita = acciones.registrar_visita(
                datos["peticion"],
                request.user,
                realizada_por=datos["realizada_por"],
                fecha_visita=datos["fecha_visita"],
                resultado=datos["resultado"],
                se_resolvio=datos["se_resolvio"],
                satisfaccion=datos["satisfaccion"],
                comentario=datos["comentario"],
            )
        except (acciones.SeguimientoInvalido, transiciones.TransicionInvalida) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Visita al folio {visita.peticion.folio} registrada.")
            return redirect("peticiones:seguimiento_visitas")
    return render(
        request, "peticiones/seguimiento/visita_form.html", {"form": form}, status=400 if form.errors else 200
    )


def _puede_ver_bitacora(usuario) -> bool:
    return usuario.has_perm("peticiones.hacer_seguimiento") or usuario.has_perm("peticiones.ver_indicadores")


@login_required
def bitacora(request: HttpRequest) -> HttpResponse:
    """Bitácora de llamadas of a month with its count against the PAT's monthly target."""
    if not _puede_ver_bitacora(request.user):
        raise PermissionDenied
    anio, mes = selectores.mes_de(request.GET.get("mes"))
    actual, anterior, posterior = selectores.ventana(anio, mes)
    llamadas = Paginator(selectores.llamadas_del_mes(anio, mes), 100).get_page(request.GET.get("pagina"))
    contexto = {
        "mes": actual,
        "anterior": anterior,
        "posterior": posterior,
        "titulo_mes": nombre_mes(anio, mes),
        "conteo": selectores.conteo_mensual(anio, mes),
        "llamadas": llamadas,
        "visitas": selectores.visitas_del_mes(anio, mes),
        "por_operador": selectores.llamadas_por_operador(anio, mes),
    }
    return render(request, "peticiones/seguimiento/bitacora.html", contexto)


@login_required
def bitacora_exportar(request: HttpRequest) -> HttpResponse:
    """The month's bitácora de llamadas as CSV (UTF-8 for Excel) or XLSX."""
    if not _puede_ver_bitacora(request.user):
        raise PermissionDenied
    anio, mes = selectores.mes_de(request.GET.get("mes"))
    filas = [fila_segura(fila) for fila in selectores.filas_bitacora(anio, mes)]
    nombre = f"bitacora-llamadas-{anio}-{mes:02d}"
    conteo = selectores.conteo_mensual(anio, mes)
    if request.GET.get("formato") == "xlsx":
        from openpyxl import Workbook

        libro = Workbook(write_only=True)
        hoja = libro.create_sheet(f"{MESES[mes - 1][:3]} {anio}")
        hoja.append([f"Bitácora de llamadas de seguimiento · {nombre_mes(anio, mes)}"])
        hoja.append([f"Llamadas: {conteo.llamadas} · Visitas: {conteo.visitas} · Meta mensual: {conteo.meta}"])
        hoja.append(selectores.ENCABEZADOS_BITACORA)
        for fila in filas:
            hoja.append(fila)
        salida = BytesIO()
        libro.save(salida)
        respuesta = HttpResponse(
            salida.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        respuesta["Content-Disposition"] = f'attachment; filename="{nombre}.xlsx"'
        return respuesta
    respuesta = respuesta_csv(f"{nombre}.csv")
    escritor = csv.writer(respuesta)
    escritor.writerow(selectores.ENCABEZADOS_BITACORA)
    escritor.writerows(filas)
    return respuesta


# --- quejas y sugerencias: the supervisors' queue ----------------------------------------------


def _exigir_supervisor(usuario) -> None:
    if not usuario.has_perm("peticiones.atender_quejas"):
        raise PermissionDenied


@login_required
def quejas(request: HttpRequest) -> HttpResponse:
    """Open quejas and sugerencias about the service: they reach the supervisor, not a dirección."""
    _exigir_supervisor(request.user)
    pagina = Paginator(selectores.quejas_para_supervisor(request.user), 50).get_page(request.GET.get("pagina"))
    return render(request, "peticiones/seguimiento/quejas.html", {"quejas": pagina})


@login_required
@require_POST
def queja_atender(request: HttpRequest, pk: int) -> HttpResponse:
    """Receive a queja in Atención Ciudadana's tray, or answer it (marks it atendida; a follow-up call verifies)."""
    _exigir_supervisor(request.user)
    peticion = get_object_or_404(selectores.quejas_para_supervisor(request.user), pk=pk)
    form = RespuestaQuejaForm(request.POST)
    if not form.is_valid():
        errores = "; ".join(e for lista in form.errors.values() for e in lista)
        messages.error(request, f"Folio {peticion.folio}: la respuesta no es válida ({errores}).")
        return redirect("peticiones:quejas")
    respuesta = form.cleaned_data["respuesta"]
    if form.cleaned_data["accion"] == "atender" and not respuesta:
        messages.error(request, f"Folio {peticion.folio}: escriba la respuesta que se dio al ciudadano.")
        return redirect("peticiones:quejas")
    try:
        if peticion.estado == peticion.Estado.RECIBIDA:
            transiciones.turnar(peticion, request.user, direccion_atencion_ciudadana(), nota="Queja o sugerencia.")
        if respuesta:
            transiciones.marcar_atendida(peticion, request.user, respuesta)
            messages.success(request, f"Folio {peticion.folio} atendido; se dará seguimiento con el ciudadano.")
        else:
            messages.success(request, f"Folio {peticion.folio} recibido en Atención Ciudadana.")
    except transiciones.TransicionInvalida as error:
        messages.error(request, str(error))
    return redirect("peticiones:quejas")
