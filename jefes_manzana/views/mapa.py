"""The geo-referenced map of the Jefes de Manzana (the PAT's «Mapeo Georreferenciado»)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from peticiones.models import Peticion

from .padron import VER, padron_filtrado


@login_required
@permission_required(VER, raise_exception=True)
def mapa(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "jefes_manzana/mapa.html",
        {
            "filtro": padron_filtrado(request),
            "consulta": request.GET.urlencode(),
            "tiles_url": settings.MAPA_TILES_URL,
            "tiles_atribucion": settings.MAPA_TILES_ATRIBUCION,
            "centro": list(settings.MAPA_CENTRO),
        },
    )


def puntos_del_mapa(queryset) -> list[dict]:
    """Marker data for each Jefe de Manzana: one query, request counts aggregated in the database.

    Without their own coordinates a person is placed at their colonia's centroid (marked aproximada).
    """
    filas = (
        queryset.annotate(
            lat=Coalesce("latitud", "colonia__latitud"),
            lng=Coalesce("longitud", "colonia__longitud"),
            colonia_nombre=F("colonia__nombre"),
            abiertas=Count("peticiones_gestionadas", filter=Q(peticiones_gestionadas__estado__in=Peticion.ABIERTOS)),
            cerradas=Count(
                "peticiones_gestionadas",
                filter=Q(peticiones_gestionadas__isnull=False)
                & ~Q(peticiones_gestionadas__estado__in=Peticion.ABIERTOS),
            ),
        )
        .filter(lat__isnull=False, lng__isnull=False)
        .order_by()
        .values(
            "id", "nombres", "apellidos", "manzana", "telefono", "estado", "lat", "lng", "latitud", "colonia_nombre",
            "abiertas", "cerradas",
        )
    )  # fmt: skip
    return [
        {
            "id": f["id"],
            "nombre": f"{f['nombres']} {f['apellidos']}",
            "manzana": f["manzana"],
            "colonia": f["colonia_nombre"],
            "telefono": f["telefono"],
            "estado": f["estado"],
            "lat": float(f["lat"]),
            "lng": float(f["lng"]),
            "aproximada": f["latitud"] is None,
            "abiertas": f["abiertas"],
            "cerradas": f["cerradas"],
        }
        for f in filas
    ]


@login_required
@permission_required(VER, raise_exception=True)
def datos_mapa(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"puntos": puntos_del_mapa(padron_filtrado(request).qs)})
