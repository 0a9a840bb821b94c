"""Small helpers shared by the peticiones views."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from ..models import Peticion
from ..visibilidad import visibles_para


def url_detalle(peticion: Peticion) -> str | None:
    """The request's page (`peticiones:detalle`, by folio), or None while that view is not installed."""
    try:
        return reverse("peticiones:detalle", kwargs={"folio": peticion.folio})
    except NoReverseMatch:
        return None


def peticion_visible(request: HttpRequest, pk: int) -> Peticion:
    """The request `pk` as the user may see it (visibles_para); outside their scope, a 404."""
    return get_object_or_404(
        visibles_para(request.user).select_related("direccion", "categoria", "colonia", "ciudadano", "tipo", "canal"),
        pk=pk,
    )


def bandeja_de(usuario) -> str:
    if usuario.has_perm("peticiones.atender_peticion") and not usuario.has_perm("peticiones.turnar_peticion"):
        return reverse("peticiones:bandeja_direccion")
    return reverse("peticiones:bandeja_atencion")


def destino(request: HttpRequest, peticion: Peticion | None = None) -> str:
    """Where to go after an action: a safe `next`, else the request's page, else the user's tray."""
    siguiente = request.POST.get("next") or request.GET.get("next")
    # a path only: redirect() would take any other text for a view name (NoReverseMatch, a 500)
    if (
        siguiente
        and siguiente.startswith("/")
        and url_has_allowed_host_and_scheme(
            siguiente, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return siguiente
    if peticion is not None and (detalle := url_detalle(peticion)):
        return detalle
    return bandeja_de(request.user)


def respuesta_csv(nombre_archivo: str) -> HttpResponse:
    """A CSV download to write rows into: UTF-8 with a BOM, so Excel opens the accents right."""
    respuesta = HttpResponse(content_type="text/csv; charset=utf-8")
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre_archivo}"'
    respuesta.write("\ufeff")
    return respuesta
