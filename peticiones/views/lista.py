"""The request list (filters, sort, pages), its CSV/XLSX export and the historical import."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from sirc.replica import en_replica

from .. import importacion as importaciones
from ..cache_catalogos import con_catalogos
from ..filtros import PeticionFilter
from ..forms.lista import ImportarForm
from ..importacion import EN_COLA, EN_CURSO, guardar_estado, leer_estado, ruta_archivo
from ..recursos import aviso_sin_consentimiento, plantilla_csv
from ..recursos import exportar as exportar_peticiones
from ..recursos import importar as importar_peticiones
from ..visibilidad import visibles_para
from .comun import respuesta_csv

POR_PAGINA = 25
TOPE_CONTEO = 10_000


TOPE_CONTEO_BUSQUEDA = 1_000


class PaginadorAcotado(Paginator):
    """Counts at most `tope` rows (TOPE_CONTEO): past that the list says «más de 10,000» (exact totals belong
    to the indicators), so a broad filter or search over a million requests costs a bounded COUNT."""

    def __init__(self, *args, tope: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.tope = TOPE_CONTEO if tope is None else tope

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.tope + 1].count()

    @property
    def acotado(self) -> bool:
        return self.count > self.tope


PERMISO_IMPORTAR = "peticiones.importar_peticiones"


def _puede_listar(usuario) -> bool:
    return usuario.has_perm("peticiones.view_peticion") or usuario.has_perm("peticiones.gestionar_peticion")


def _filtrado(request: HttpRequest) -> PeticionFilter:
    if not _puede_listar(request.user):
        raise PermissionDenied("Su usuario no puede consultar peticiones.")
    # Only the citizen is joined: the catalogs come from memory (cache_catalogos), so PostgreSQL plans a
    # 2-table query instead of a 7-table one (planning it took longer than running it).
    qs = visibles_para(request.user).select_related("ciudadano")
    return PeticionFilter(request.GET or None, queryset=qs.order_by("-fecha_recepcion", "-id"))


@login_required
def lista(request: HttpRequest) -> HttpResponse:
    filtro = _filtrado(request)
    # A text search counts to 1,000 («más de 1,000»): counting matches is the costly part of a common word.
    tope = TOPE_CONTEO_BUSQUEDA if request.GET.get("texto", "").strip() else TOPE_CONTEO
    paginador = PaginadorAcotado(filtro.qs, POR_PAGINA, tope=tope)
    solo_texto = not {k for k, v in request.GET.items() if v} - {"texto", "orden", "pagina"}
    if solo_texto and getattr(filtro, "busqueda", {}).get("mas_de", 0) >= tope:
        # The search already found more matches than the bound: «más de 1,000» without counting them again
        # (a common word's GIN bitmap is the costly part). Only with no other filter narrowing them.
        paginador.count = tope + 1
    pagina = paginador.get_page(request.GET.get("pagina"))
    pagina.object_list = con_catalogos(list(pagina.object_list))
    parametros = request.GET.copy()
    parametros.pop("pagina", None)
    sin_orden = parametros.copy()
    sin_orden.pop("orden", None)
    contexto = {
        "filtro": filtro,
        "pagina": pagina,
        "parametros": parametros.urlencode(),
        "parametros_sin_orden": sin_orden.urlencode(),
        "orden_actual": request.GET.get("orden", "-recepcion"),
        "ahora": timezone.now(),
        "puede_importar": request.user.has_perm(PERMISO_IMPORTAR),
        "tope_conteo": f"{tope:,}",
        "url_detalle": reverse("peticiones:detalle", args=["-"])[:-2],
    }
    plantilla = "peticiones/_tabla.html" if request.headers.get("HX-Request") else "peticiones/lista.html"
    return render(request, plantilla, contexto)


@login_required
def exportar(request: HttpRequest, formato: str) -> HttpResponse:
    if formato not in ("csv", "xlsx"):
        raise Http404("Formato de exportación desconocido.")
    filtro = _filtrado(request)
    with en_replica():
        contenido = exportar_peticiones(filtro.qs, formato)
    tipo = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        if formato == "xlsx"
        else "text/csv; charset=utf-8"
    )
    if formato == "csv":
        contenido = "\ufeff" + contenido  # BOM: Excel opens accents right
    respuesta = HttpResponse(contenido, content_type=tipo)
    nombre = f"peticiones-{timezone.localtime():%Y%m%d-%H%M}.{formato}"
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta


@login_required
@permission_required(PERMISO_IMPORTAR, raise_exception=True)
def importar(request: HttpRequest) -> HttpResponse:
    """Step 1: upload and check (dry run, preview). Step 2: confirm: the import runs in Celery (all or
    nothing) and the user goes to its status page."""
    if request.GET.get("plantilla"):
        respuesta = respuesta_csv("plantilla-peticiones.csv")
        respuesta.write(plantilla_csv())
        return respuesta
    form = ImportarForm()
    contexto: dict = {"form": form, "sin_consentimiento": aviso_sin_consentimiento()}
    if request.method == "POST" and request.POST.get("token"):
        token = request.POST["token"]
        try:
            estado = leer_estado(token)
        except ValueError:
            estado = None
        if estado is None or estado.get("usuario") != request.user.pk:
            messages.error(request, "El archivo revisado ya no está disponible; vuelva a subirlo.")
            return redirect("peticiones:importar")
        if estado["estado"] == importaciones.REVISADA:
            guardar_estado(token, estado=EN_COLA)
            importaciones.encolar(token)
        return redirect("peticiones:importacion", token=token)
    elif request.method == "POST":
        form = ImportarForm(request.POST, request.FILES)
        contexto["form"] = form
        if form.is_valid():
            archivo = form.cleaned_data["archivo"]
            contenido = archivo.read()
            resultado = importar_peticiones(contenido, archivo.name, usuario=request.user, confirmar=False)
            contexto.update(resultado=resultado, nombre=archivo.name)
            if resultado.valido:
                token = str(uuid.uuid4())
                ruta_archivo(token, archivo.name).write_bytes(contenido)
                guardar_estado(
                    token, estado="revisada", nombre=archivo.name, usuario=request.user.pk, filas=resultado.nuevas
                )
                contexto["token"] = token
    return render(request, "peticiones/importar.html", contexto)


@login_required
@permission_required(PERMISO_IMPORTAR, raise_exception=True)
def importacion(request: HttpRequest, token: str) -> HttpResponse:
    """Status of a confirmed import (the page reloads itself while it runs)."""
    try:
        estado = leer_estado(token)
    except ValueError:
        estado = None
    if estado is None or estado.get("usuario") != request.user.pk:
        raise Http404("No existe esa importación.")
    if request.method == "POST":  # «Reintentar» a failed import
        if importaciones.reintentar(token):
            messages.success(request, "La importación se volvió a poner en marcha.")
        else:
            messages.error(request, "Esta importación ya no se puede reintentar; vuelva a subir el archivo.")
        return redirect("peticiones:importacion", token=token)
    en_marcha = estado["estado"] in (EN_COLA, EN_CURSO)
    return render(request, "peticiones/importacion.html", {"estado": estado, "en_marcha": en_marcha})
