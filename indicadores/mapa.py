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


Caja = tuple[float, float, float, float]  # sur, oeste, norte, este


def caja_de(texto: str) -> Caja | None:
    """'sur,oeste,norte,este' (the visible map) → a tuple; empty → None; ValueError in Spanish otherwise."""
    if not texto:
        return None
    try:
        sur, oeste, norte, este = (float(p) for p in texto.split(","))
    except ValueError:
        raise ValueError("La zona del mapa debe ser «sur,oeste,norte,este» en grados.") from None
    if not (-90 <= sur <= norte <= 90 and -180 <= oeste <= este <= 180):
        raise ValueError("La zona del mapa no es válida.")
    # Rounded out so panning a little reuses the cache and cells on the edge are whole.
    return (round(sur - 0.005, 2), round(oeste - 0.005, 2), round(norte + 0.005, 2), round(este + 0.005, 2))


def puntos(
    qs: QuerySet[Peticion], desde: datetime, hasta: datetime, precision: int = 3, caja: Caja | None = None
) -> list[list[float]]:
    """[[lat, lng, count], …] of the requests received in [desde, hasta), inside `caja` if given; a request
    without its own point uses its colonia's centroid."""
    decimal = DecimalField(max_digits=9, decimal_places=6)
    filas = (
        qs.filter(fecha_recepcion__gte=desde, fecha_recepcion__lt=hasta)
        .exclude(estado=Peticion.Estado.DUPLICADA)
        .annotate(
            lat=Coalesce("latitud", "colonia__latitud", output_field=decimal),
            lng=Coalesce("longitud", "colonia__longitud", output_field=decimal),
        )
        .filter(lat__isnull=False, lng__isnull=False)
        .filter(**_en_caja(caja))
        .annotate(celda_lat=Round("lat", precision), celda_lng=Round("lng", precision))
        .values("celda_lat", "celda_lng")
        .annotate(n=Count("fecha_recepcion"))
        .order_by()
    )
    return [[float(f["celda_lat"]), float(f["celda_lng"]), f["n"]] for f in filas]


def _en_caja(caja: Caja | None) -> dict:
    if caja is None:
        return {}
    sur, oeste, norte, este = caja
    return {"lat__gte": sur, "lat__lte": norte, "lng__gte": oeste, "lng__lte": este}
