"""Heat map points aggregated in the database: coordinates rounded to a grid and counted with GROUP BY,
so the browser gets at most a few thousand weighted cells however many requests there are."""

from datetime import datetime

from django.db.models import Count, DecimalField, QuerySet
from django.db.models.functions import Coalesce, Round

from peticiones.models import Peticion

# Decimal places of the grid by map zoom: 2 ≈ 1.1 km, 3 ≈ 110 m, 4 ≈ 11 m.
PRECISION_POR_ZOOM = [(11, 2), (14, 3), (99, 4)]


def precision_para_zoom(zoom: int | None) -> int:
    if zoom is None:
        return 3
    for hasta, precision in PRECISION_POR_ZOOM:
        if zoom <= hasta:
            return precision
    return 4


def puntos(qs: QuerySet[Peticion], desde: datetime, hasta: datetime, precision: int = 3) -> list[list[float]]:
    """[[lat, lng, count], …] of the requests received in [desde, hasta); a request without its own point
    uses its colonia's centroid."""
    decimal = DecimalField(max_digits=9, decimal_places=6)
    filas = (
        qs.filter(fecha_recepcion__gte=desde, fecha_recepcion__lt=hasta)
        .exclude(estado=Peticion.Estado.DUPLICADA)
        .annotate(
            lat=Coalesce("latitud", "colonia__latitud", output_field=decimal),
            lng=Coalesce("longitud", "colonia__longitud", output_field=decimal),
        )
        .filter(lat__isnull=False, lng__isnull=False)
        .annotate(celda_lat=Round("lat", precision), celda_lng=Round("lng", precision))
        .values("celda_lat", "celda_lng")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [[float(f["celda_lat"]), float(f["celda_lng"]), f["n"]] for f in filas]
