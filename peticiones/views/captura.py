"""The operator's capture screen (one page, keyboard first) and its htmx helpers."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from ..acciones.captura import capturar, vincular_solicitante
from ..acciones.tramites import informar
from ..acciones.whatsapp import vincular as vincular_conversacion
from ..forms.captura import CapturaForm
from ..models import Categoria, Colonia, ConversacionWhatsApp, Tramite
from ..selectores.captura import (
    ciudadano_por_telefono,
    folios_de_ciudadano,
    posibles_duplicados,
    punto_valido,
    resolver_colonia,
)
from ..selectores.whatsapp import datos_para_captura
from ..visibilidad import visibles_para

PERMISO = "peticiones.capturar_peticion"


def _contexto(form: CapturaForm, **extra) -> dict:
    return {
        "form": form,
        "colonias": Colonia.objects.all(),
        "mapa_tiles_url": settings.MAPA_TILES_URL,
        "mapa_atribucion": getattr(settings, "MAPA_TILES_ATRIBUCION", ""),
        "mapa_centro": settings.MAPA_CENTRO,
        **extra,
    }


def _aplicar_errores(form: CapturaForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for campo, errores in error.error_dict.items():
            form.add_error(campo if campo in form.fields else None, errores)
    else:
        form.add_error(None, error)


@login_required
@permission_required(PERMISO, raise_exception=True)
def captura(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        conversacion = _conversacion(request.GET.get("conversacion", ""))
        if conversacion is not None:  # «Crear petición» from the Mensajes inbox: prefilled from WhatsApp
            form = CapturaForm(initial=datos_para_captura(conversacion))
            return render(request, "peticiones/captura.html", _contexto(form, conversacion=conversacion))
        return render(request, "peticiones/captura.html", _contexto(CapturaForm()))
    vincular = request.POST.get("vincular", "")
    if vincular and not vincular.isdigit():
        raise Http404("Folio a vincular inválido.")
    if "informar_tramite" in request.POST:
        return _informar(request)
    form = CapturaForm(request.POST, vinculando=bool(vincular))
    if form.is_valid():
        d = form.cleaned_data
        try:
            if vincular:
                destino = get_object_or_404(visibles_para(request.user), pk=vincular)
                peticion = vincular_solicitante(
                    peticion=destino,
                    usuario=request.user,
                    ciudadano=form.datos_ciudadano(),
                    canal=d.get("canal"),
                    nota=d.get("descripcion", ""),
                    clave_idempotencia=d["clave_idempotencia"],
                )
                messages.success(request, f"La llamada quedó vinculada al folio {peticion.folio}.")
                return redirect(reverse("peticiones:capturada", args=[peticion.folio]) + "?vinculada=1")
            conversacion = _conversacion(request.POST.get("conversacion", ""))
            peticion = capturar(
                usuario=request.user,
                ciudadano=form.datos_ciudadano(),
                tipo=d["tipo"],
                canal=d["canal"],
                categoria=d["categoria"],
                direccion=d.get("direccion"),
                descripcion=d["descripcion"],
                colonia=d["colonia"],
                calle=d.get("calle", ""),
                numero_exterior=d.get("numero_exterior", ""),
                referencias=d.get("referencias", ""),
                latitud=d.get("latitud"),
                longitud=d.get("longitud"),
                evento=d.get("evento"),
                clave_idempotencia=d["clave_idempotencia"],
            )
            if conversacion is not None:
                vincular_conversacion(conversacion, peticion, request.user)
            return redirect("peticiones:capturada", folio=peticion.folio)
        except ValidationError as error:
            _aplicar_errores(form, error)
    contexto = _contexto(form, conversacion=_conversacion(request.POST.get("conversacion", "")))
    return render(request, "peticiones/captura.html", contexto, status=422 if form.errors else 200)


def _conversacion(pk: str) -> ConversacionWhatsApp | None:
    if not pk.isdigit() or len(pk) > 18:
        return None
    return ConversacionWhatsApp.objects.filter(pk=int(pk)).first()


def _informar(request: HttpRequest) -> HttpResponse:
    """An information call answered from the guía de trámites: captured and closed at first contact."""
    form = CapturaForm(request.POST, informando=True)
    form.informar_error = True
    clave = request.POST.get("informar_tramite", "")
    tramite = (
        Tramite.objects.filter(pk=clave, activo=True).select_related("direccion").first() if clave.isdigit() else None
    )
    if tramite is None:
        form.add_error(None, "Esa ficha de la guía de trámites ya no está publicada: búsquela de nuevo.")
    if form.is_valid() and tramite is not None:
        d = form.cleaned_data
        try:
            peticion = informar(
                usuario=request.user,
                tramite=tramite,
                colonia=d["colonia"],
                ciudadano=form.datos_ciudadano(),
                canal=d["canal"],
                pregunta=d.get("descripcion", ""),
                clave_idempotencia=d["clave_idempotencia"],
            )
        except ValidationError as error:
            _aplicar_errores(form, error)
        else:
            return redirect("peticiones:capturada", folio=peticion.folio)
    return render(request, "peticiones/captura.html", _contexto(form), status=422)


@login_required
def capturada(request: HttpRequest, folio: str) -> HttpResponse:
    """After saving: the folio, large enough to read aloud, and what to do next.

    A folio the user cannot see is 404 for everyone, like every other per-request view (so the answer never
    tells a foreign folio from a missing one); only then is the screen refused (403) to roles that do not capture.
    """
    peticion = get_object_or_404(
        visibles_para(request.user).select_related("categoria", "direccion", "colonia", "ciudadano", "tramite"),
        folio=folio,
    )
    if not request.user.has_perm(PERMISO):
        raise PermissionDenied
    contexto = {"peticion": peticion, "vinculada": request.GET.get("vinculada") == "1"}
    return render(request, "peticiones/capturada.html", contexto)


@login_required
@permission_required(PERMISO, raise_exception=True)
@require_GET
def ciudadano(request: HttpRequest) -> HttpResponse:
    """htmx: the citizen who owns the phone typed so far, their previous folios, and their data filled in."""
    encontrado = ciudadano_por_telefono(request.GET.get("telefono", ""))
    contexto = {"ciudadano": encontrado, "telefono": request.GET.get("telefono", "")}
    if encontrado is not None:
        contexto["folios"] = folios_de_ciudadano(encontrado, request.user)
        contexto["form"] = CapturaForm(
            initial={
                "nombre": encontrado.nombre,
                "apellidos": encontrado.apellidos,
                "correo": encontrado.correo,
                "domicilio": encontrado.domicilio,
                "acepta_aviso": encontrado.aviso_privacidad_fecha is not None,
            }
        )
    return render(request, "peticiones/_ciudadano.html", contexto)


@login_required
@permission_required(PERMISO, raise_exception=True)
@require_GET
def duplicados(request: HttpRequest) -> HttpResponse:
    """htmx: open requests like this one (same category, same colonia or within 150 m, last 30 days)."""
    clave = request.GET.get("categoria", "")
    categoria = Categoria.objects.filter(pk=clave).first() if clave.isdigit() else None
    encontrados = []
    if categoria is not None:
        colonia, _ = resolver_colonia(request.GET.get("colonia", ""))
        punto = punto_valido(request.GET.get("latitud"), request.GET.get("longitud"))
        if colonia is not None or punto[0] is not None:
            encontrados = posibles_duplicados(
                usuario=request.user, categoria=categoria, colonia=colonia, latitud=punto[0], longitud=punto[1]
            )
    return render(request, "peticiones/_duplicados.html", {"duplicados": encontrados})
