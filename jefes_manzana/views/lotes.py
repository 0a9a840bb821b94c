"""Big PDF batches: started by POST, followed on a status page (htmx polls a fragment), downloaded by
their owner through a permission-checked view."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import lotes
from ..filtros import JefeManzanaFilter
from ..models import JefeManzana, LotePdf
from .padron import ADMINISTRAR


def _lote_propio(request: HttpRequest, pk: int) -> LotePdf:
    lote = get_object_or_404(LotePdf, pk=pk)
    if lote.usuario_id != request.user.pk:
        raise Http404("No existe ese lote.")
    return lote


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
@require_POST
def credenciales_de_la_busqueda(request: HttpRequest) -> HttpResponse:
    """The credentials of every active Jefe the list's filters find (the whole padrón, if no filter)."""
    filtro = JefeManzanaFilter(QueryDict(request.POST.get("consulta", "")) or None, queryset=JefeManzana.objects.all())
    ids = lotes.orden(filtro.qs.filter(estado=JefeManzana.Estado.ACTIVO))
    if not ids:
        messages.error(request, "Sólo los Jefes de Manzana activos tienen credencial; la búsqueda no tiene ninguno.")
        return redirect("jefes_manzana:lista")
    lote = lotes.crear(request.user, LotePdf.Tipo.CREDENCIALES, ids)
    return redirect("jefes_manzana:lote", pk=lote.pk)


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
def lote(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "jefes_manzana/lote.html", {"lote": _lote_propio(request, pk)})


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
def lote_avance(request: HttpRequest, pk: int) -> HttpResponse:
    """The fragment the status page polls (htmx) while the batch runs."""
    return render(request, "jefes_manzana/_lote_avance.html", {"lote": _lote_propio(request, pk)})


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
@require_POST
def lote_reintentar(request: HttpRequest, pk: int) -> HttpResponse:
    """«Volver a intentar» on a failed batch: back in line, from zero."""
    if lotes.reintentar(_lote_propio(request, pk)):
        messages.success(request, "El lote volvió a la fila: la página muestra su avance.")
    return redirect("jefes_manzana:lote", pk=pk)


@login_required
@permission_required(ADMINISTRAR, raise_exception=True)
def lote_descargar(request: HttpRequest, pk: int) -> FileResponse:
    lote = _lote_propio(request, pk)
    if lote.estado != LotePdf.Estado.TERMINADO or not lote.archivo:
        raise Http404("El lote aún no está listo.")
    return FileResponse(lote.archivo.open("rb"), content_type="application/pdf", filename=f"{lote.tipo}-{lote.pk}.pdf")
