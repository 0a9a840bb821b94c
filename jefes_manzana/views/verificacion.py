"""Public verification of a credential from its QR: valid or not, with name and photo only."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import cache_control

from ..models import JefeManzana


@cache_control(max_age=0, no_store=True)
def verificar(request: HttpRequest, token: str) -> HttpResponse:
    jefe = (
        JefeManzana.objects.filter(token_verificacion=token)
        .only("nombres", "apellidos", "foto", "estado", "vigencia_credencial", "token_verificacion")
        .first()
    )
    if jefe is None:
        return render(request, "jefes_manzana/verificar.html", {"jefe": None}, status=404)
    hoy = timezone.localdate()
    if jefe.estado == JefeManzana.Estado.BAJA:
        situacion = "baja"
    elif jefe.credencial_vigente(hoy):
        situacion = "vigente"
    else:
        situacion = "vencida"
    return render(request, "jefes_manzana/verificar.html", {"jefe": jefe, "situacion": situacion})


@cache_control(max_age=0, no_store=True)
def foto_verificacion(request: HttpRequest, token: str) -> FileResponse:
    jefe = get_object_or_404(JefeManzana.objects.only("foto", "token_verificacion"), token_verificacion=token)
    if not jefe.foto:
        raise Http404
    return FileResponse(jefe.foto.open("rb"))
