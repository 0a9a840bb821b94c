"""The padrón: list with filters, a person's page, create/edit, baja/activation, photo and expediente."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from peticiones.models import Peticion
from peticiones.visibilidad import visibles_para

from .. import acciones
from ..filtros import JefeManzanaFilter, con_capacitacion
from ..forms import ActivarForm, BajaForm, DocumentoForm, JefeManzanaForm
from ..models import DocumentoExpediente, JefeManzana

VER = "jefes_manzana.view_jefemanzana"
ADMINISTRAR = "jefes_manzana.administrar_padron"


def padron_filtrado(request: HttpRequest) -> JefeManzanaFilter:
    queryset = JefeManzana.objects.select_related("colonia", "cuartel", "usuario")
    return JefeManzanaFilter(request.GET or None, queryset=queryset)


@login_required
@permission_required(VER, raise_exception=True)
def lista(request: HttpRequest) -> HttpResponse:
    filtro = padron_filtrado(request)
    queryset = con_capacitacion(filtro.qs).order_by("apellidos", "nombres", "id")
    pagina = Paginator(queryset, 50).get_page(request.GET.get("pagina"))
    consulta = request.GET.copy()
    consulta.pop("pagina", None)
    totales = JefeManzana.objects.aggregate(
        activos=Count("id", filter=Q(estado=JefeManzana.Estado.ACTIVO)),
        propuestos=Count("id", filter=Q(estado=JefeManzana.Estado.PROPUESTO)),
        acreditados=Count("id", filter=Q(estado=JefeManzana.Estado.ACTIVO, fecha_acreditacion__isnull=False)),
    )
    return render(
        request,
        "jefes_manzana/lista.html",
        {
            "filtro": filtro,
            "pagina": pagina,
            "consulta": consulta.urlencode(),
            "totales": totales,
            "puede_administrar": request.user.has_perm(ADMINISTRAR),
        },
    )


@login_required
@permission_required(VER, raise_exception=True)
def detalle(request: HttpRequest, pk: int) -> HttpResponse:
    jefe = get_object_or_404(JefeManzana.objects.select_related("colonia", "cuartel", "usuario"), pk=pk)
    peticiones = (
        visibles_para(request.user)
        .filter(gestor=jefe)
        .select_related("categoria", "colonia", "direccion")
        .order_by("-fecha_recepcion")
    )
    conteo = peticiones.aggregate(
        total=Count("id"),
        abiertas=Count("id", filter=Q(estado__in=Peticion.ABIERTOS)),
    )
    return render(
        request,
        "jefes_manzana/detalle.html",
        {
            "jefe": jefe,
            "documentos": jefe.documentos.select_related("subido_por"),
            "capacitaciones": jefe.capacitaciones.order_by("-fecha"),
            "eventos": jefe.eventos.order_by("-fecha"),
            "candidaturas": jefe.candidaturas.select_related("cuartel"),
            "cuarteles_a_cargo": jefe.cuarteles_a_cargo.all(),
            "peticiones": peticiones[:50],
            "conteo": conteo,
            "puede_administrar": request.user.has_perm(ADMINISTRAR),
            "form_documento": DocumentoForm(),
            "form_baja": BajaForm(),
            "form_activar": ActivarForm(),
        },
    )


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
def crear(request: HttpRequest) -> HttpResponse:
    form = JefeManzanaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        jefe = form.save()
        messages.success(request, f"{jefe} quedó registrado en el padrón.")
        return redirect("jefes_manzana:detalle", pk=jefe.pk)
    return render(request, "jefes_manzana/formulario.html", {"form": form, "titulo": "Nuevo Jefe de Manzana"})


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
def editar(request: HttpRequest, pk: int) -> HttpResponse:
    jefe = get_object_or_404(JefeManzana, pk=pk)
    form = JefeManzanaForm(request.POST or None, request.FILES or None, instance=jefe)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Datos actualizados.")
        return redirect("jefes_manzana:detalle", pk=jefe.pk)
    return render(request, "jefes_manzana/formulario.html", {"form": form, "titulo": f"Editar a {jefe}", "jefe": jefe})


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
@require_POST
def baja(request: HttpRequest, pk: int) -> HttpResponse:
    jefe = get_object_or_404(JefeManzana, pk=pk)
    form = BajaForm(request.POST)
    if not form.is_valid():
        for errores in form.errors.values():
            messages.error(request, " ".join(errores))
        return redirect("jefes_manzana:detalle", pk=pk)
    try:
        acciones.dar_de_baja(
            jefe, motivo=form.cleaned_data["motivo"], fecha=form.cleaned_data["fecha"], por=request.user
        )
        messages.success(request, f"{jefe} fue dado de baja; su acceso a SIRC quedó desactivado.")
    except acciones.AccionInvalida as e:
        messages.error(request, str(e))
    return redirect("jefes_manzana:detalle", pk=pk)


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
@require_POST
def activar(request: HttpRequest, pk: int) -> HttpResponse:
    jefe = get_object_or_404(JefeManzana, pk=pk)
    form = ActivarForm(request.POST)
    fecha = form.cleaned_data["fecha_toma_protesta"] if form.is_valid() else None
    try:
        acciones.activar(jefe, fecha_toma_protesta=fecha, por=request.user)
        messages.success(request, f"{jefe} está activo.")
    except acciones.AccionInvalida as e:
        messages.error(request, str(e))
    return redirect("jefes_manzana:detalle", pk=pk)


@login_required
@permission_required(VER, raise_exception=True)
def foto(request: HttpRequest, pk: int) -> FileResponse:
    jefe = get_object_or_404(JefeManzana, pk=pk)
    if not jefe.foto:
        raise Http404("Sin fotografía.")
    return FileResponse(jefe.foto.open("rb"))


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
@require_POST
def subir_documento(request: HttpRequest, pk: int) -> HttpResponse:
    jefe = get_object_or_404(JefeManzana, pk=pk)
    form = DocumentoForm(request.POST, request.FILES)
    if form.is_valid():
        documento = form.save(commit=False)
        documento.jefe = jefe
        documento.subido_por = request.user
        documento.nombre_original = request.FILES["archivo"].name[:200]
        documento.save()
        messages.success(request, f"Se agregó «{documento.get_tipo_display()}» al expediente.")
        return redirect("jefes_manzana:detalle", pk=pk)
    messages.error(request, "No se agregó el documento: " + " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("jefes_manzana:detalle", pk=pk)


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
def ver_documento(request: HttpRequest, pk: int, documento: int) -> FileResponse:
    doc = get_object_or_404(DocumentoExpediente, pk=documento, jefe_id=pk)
    return FileResponse(doc.archivo.open("rb"), filename=doc.nombre_original or None)
