"""Read paths of the public «Reporta» page: what is already reported nearby, with public data only."""

from decimal import Decimal

from django.db.models import QuerySet

from ..models import Categoria, Colonia, Peticion
from .captura import PosibleDuplicado, cercanas
from .open311 import peticiones_publicas


def peticiones_abiertas() -> QuerySet[Peticion]:
    """Open requests a citizen may see exist (the kinds Open311 publishes) and may join."""
    return peticiones_publicas().filter(estado__in=Peticion.ABIERTOS)


def duplicados_publicos(
    *,
    categoria: Categoria,
    colonia: Colonia | None,
    latitud: Decimal | float | None,
    longitud: Decimal | float | None,
) -> list[PosibleDuplicado]:
    """The capture screen's duplicate rule over public requests; the template shows no personal data."""
    if colonia is None and latitud is None:
        return []
    return cercanas(peticiones_abiertas(), categoria=categoria, colonia=colonia, latitud=latitud, longitud=longitud)
