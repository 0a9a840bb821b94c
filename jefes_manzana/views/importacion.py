"""Import (upload → dry-run preview or the full list of errors → confirm) and export of the padrón."""

import secrets
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..exportacion import FORMATOS, exportar_padron
from ..forms import ImportarForm
from ..importacion import importar_padron, leer_archivo, plantilla_csv
from ..recursos import ArchivoInvalido
from .padron import ADMINISTRAR, padron_filtrado

_CARPETA = "jefes_manzana/importaciones"


def _ruta_temporal(usuario_id: int, clave: str, extension: str) -> str:
    return f"{_CARPETA}/{usuario_id}-{clave}.{extension}"


def _borrar_vistas_previas(usuario_id: int) -> None:
    """A person has at most one pending preview: older uploaded files are removed."""
    try:
        _, archivos = default_storage.listdir(_CARPETA)
    except FileNotFoundError:
        return
    for nombre in archivos:
        if nombre.startswith(f"{usuario_id}-"):
            default_storage.delete(f"{_CARPETA}/{nombre}")


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
def importar(request: HttpRequest) -> HttpResponse:
    form = ImportarForm(request.POST or None, request.FILES or None)
    contexto: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        archivo = form.cleaned_data["archivo"]
        contenido = archivo.read()
        try:
            datos = leer_archivo(archivo.name, contenido)
            resultado = importar_padron(datos, confirmar=False, usuario=request.user)
        except ArchivoInvalido as e:
            contexto["error_archivo"] = str(e)
            return render(request, "jefes_manzana/importar.html", contexto, status=400)
        contexto |= {"resultado": resultado, "nombre_archivo": archivo.name}
        if resultado.valido:
            _borrar_vistas_previas(request.user.pk)
            clave = secrets.token_urlsafe(12)
            extension = archivo.name.rsplit(".", 1)[-1].lower()
            default_storage.save(_ruta_temporal(request.user.pk, clave, extension), ContentFile(contenido))
            contexto |= {"clave": clave, "extension": extension}
    return render(request, "jefes_manzana/importar.html", contexto)


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
@require_POST
def confirmar_importacion(request: HttpRequest) -> HttpResponse:
    clave = request.POST.get("clave", "")
    extension = request.POST.get("extension", "")
    nombre = request.POST.get("nombre_archivo", "padron")
    if extension not in ("csv", "xlsx") or not clave.replace("-", "").replace("_", "").isalnum():
        raise Http404
    ruta = _ruta_temporal(request.user.pk, clave, extension)
    if not default_storage.exists(ruta):
        messages.error(request, "La vista previa expiró o ya se importó; suba el archivo otra vez.")
        return redirect("jefes_manzana:importar")
    with default_storage.open(ruta, "rb") as f:
        contenido = f.read()
    try:
        resultado = importar_padron(
            leer_archivo(f"{nombre}.{extension}", contenido), confirmar=True, usuario=request.user
        )
    except ArchivoInvalido as e:
        messages.error(request, str(e))
        return redirect("jefes_manzana:importar")
    finally:
        default_storage.delete(ruta)
    if not resultado.confirmada:
        return render(request, "jefes_manzana/importar.html", {"resultado": resultado, "form": None})
    messages.success(
        request,
        f"Padrón importado: {resultado.nuevos} nuevos y {resultado.actualizados} actualizados "
        f"({resultado.total} filas).",
    )
    return redirect("jefes_manzana:lista")


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
def plantilla(request: HttpRequest) -> HttpResponse:
    respuesta = HttpResponse(plantilla_csv(), content_type="text/csv; charset=utf-8")
    respuesta["Content-Disposition"] = 'attachment; filename="plantilla-padron-jefes-manzana.csv"'
    return respuesta


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
def exportar(request: HttpRequest, formato: str) -> HttpResponse:
    if formato not in FORMATOS:
        raise Http404
    queryset = padron_filtrado(request).qs.order_by("apellidos", "nombres", "id")
    respuesta = HttpResponse(exportar_padron(queryset, formato), content_type=FORMATOS[formato])
    sello = datetime.strftime(timezone.localtime(), "%Y%m%d-%H%M")
    respuesta["Content-Disposition"] = f'attachment; filename="padron-jefes-manzana-{sello}.{formato}"'
    return respuesta
