"""The aviso de privacidad (public) and the ARCO requests (staff with `atender_arco`)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from ..acciones import privacidad
from ..forms.privacidad import ConfirmarCancelacionForm, RectificacionForm, RespuestaForm, SolicitudArcoForm
from ..models import AvisoPrivacidad, SolicitudArco
from ..pdf.privacidad import generar_acceso
from ..selectores.privacidad import aviso_vigente, datos_de_ciudadano, peticiones_de, solicitudes_arco

PERMISO = privacidad.PERMISO
Derecho = SolicitudArco.Derecho


@require_GET
def aviso_privacidad(request: HttpRequest) -> HttpResponse:
    """Public: the integral aviso in force, and the earlier versions by number."""
    version = request.GET.get("version", "")
    aviso = (
        AvisoPrivacidad.objects.filter(version=int(version)).first() if version.isdigit() and len(version) < 6 else None
    )
    versiones = AvisoPrivacidad.objects.order_by("-version").only("version", "vigente_desde")
    return render(
        request, "peticiones/aviso_privacidad.html", {"aviso": aviso or aviso_vigente(), "versiones": versiones}
    )


@login_required
@permission_required(PERMISO, raise_exception=True)
def arco_lista(request: HttpRequest) -> HttpResponse:
    estado = "todas" if request.GET.get("estado") == "todas" else "abiertas"
    return render(
        request, "peticiones/arco_lista.html", {"solicitudes": solicitudes_arco(estado)[:200], "estado": estado}
    )


@login_required
@permission_required(PERMISO, raise_exception=True)
def arco_nueva(request: HttpRequest) -> HttpResponse:
    form = SolicitudArcoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            solicitud = privacidad.registrar_solicitud(
                usuario=request.user,
                ciudadano=d["titular"],
                derecho=d["derecho"],
                canal=d["canal"],
                descripcion=d["descripcion"],
                identidad=d["identidad"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Solicitud {solicitud.folio} registrada; vence el {solicitud.fecha_limite:%d/%m/%Y}."
            )
            return redirect("peticiones:arco_detalle", solicitud=solicitud.pk)
    return render(request, "peticiones/arco_nueva.html", {"form": form}, status=422 if form.errors else 200)


def _formularios(solicitud: SolicitudArco, datos=None) -> dict:
    ciudadano = solicitud.ciudadano
    inicial = {c: getattr(ciudadano, c) for c in ("nombre", "apellidos", "telefono", "correo", "domicilio", "colonia")}
    return {
        "rectificar": RectificacionForm(datos if datos and "rectificar" in datos else None, initial=inicial),
        "cancelar": ConfirmarCancelacionForm(datos if datos and "cancelar" in datos else None),
        "responder": RespuestaForm(datos if datos and ("responder" in datos or "improcedente" in datos) else None),
    }


@login_required
@permission_required(PERMISO, raise_exception=True)
def arco_detalle(request: HttpRequest, solicitud: int) -> HttpResponse:
    solicitud = get_object_or_404(SolicitudArco.objects.select_related("ciudadano", "canal"), pk=solicitud)
    formularios = _formularios(solicitud, request.POST if request.method == "POST" else None)
    if request.method == "POST" and solicitud.abierta:
        try:
            if _atender(request, solicitud, formularios):
                messages.success(request, f"Solicitud {solicitud.folio} respondida.")
                return redirect("peticiones:arco_detalle", solicitud=solicitud.pk)
        except ValidationError as error:
            for form in formularios.values():
                if form.is_bound:
                    form.add_error(None, error)
    contexto = {
        "solicitud": solicitud,
        "ciudadano": solicitud.ciudadano,
        "peticiones": peticiones_de(solicitud.ciudadano)[:50],
        **formularios,
    }
    return render(request, "peticiones/arco_detalle.html", contexto, status=422 if request.method == "POST" else 200)


def _atender(request: HttpRequest, solicitud: SolicitudArco, formularios: dict) -> bool:
    """Carry out the right the request asks for and close it with the answer. False when a form is invalid."""
    usuario, ciudadano = request.user, solicitud.ciudadano
    if "improcedente" in request.POST or "responder" in request.POST:
        form = formularios["responder"]
        if not form.is_valid():
            return False
        if "responder" in request.POST and solicitud.derecho == Derecho.OPOSICION:
            privacidad.oponerse(ciudadano, usuario=usuario, solicitud=solicitud)
        procede = "improcedente" not in request.POST
        privacidad.responder(solicitud, usuario=usuario, respuesta=form.cleaned_data["respuesta"], procede=procede)
        return True
    if "rectificar" in request.POST and solicitud.derecho == Derecho.RECTIFICACION:
        form = formularios["rectificar"]
        if not form.is_valid():
            return False
        datos = {k: v for k, v in form.cleaned_data.items() if k != "respuesta"}
        privacidad.rectificar(ciudadano, usuario=usuario, datos=datos, solicitud=solicitud)
        privacidad.responder(solicitud, usuario=usuario, respuesta=form.cleaned_data["respuesta"])
        return True
    if "cancelar" in request.POST and solicitud.derecho == Derecho.CANCELACION:
        form = formularios["cancelar"]
        if not form.is_valid():
            return False
        privacidad.responder(solicitud, usuario=usuario, respuesta=form.cleaned_data["respuesta"])
        privacidad.anonimizar(ciudadano, usuario=usuario, solicitud=solicitud)
        return True
    return False


@login_required
@permission_required(PERMISO, raise_exception=True)
def arco_acceso(request: HttpRequest, solicitud: int, formato: str) -> HttpResponse:
    """Everything SIRC holds about the titular, as the PDF or the JSON handed to them."""
    if formato not in ("pdf", "json"):
        raise Http404("Formato desconocido.")
    solicitud = get_object_or_404(SolicitudArco.objects.select_related("ciudadano"), pk=solicitud)
    datos = datos_de_ciudadano(solicitud.ciudadano)
    if formato == "json":
        respuesta = HttpResponse(
            json.dumps(datos, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
    else:
        respuesta = HttpResponse(generar_acceso(solicitud.folio, datos), content_type="application/pdf")
    respuesta["Content-Disposition"] = f'attachment; filename="acceso-{solicitud.folio}.{formato}"'
    return respuesta
