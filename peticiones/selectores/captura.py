"""Read paths of the capture: colonia lookup, returning citizens, possible duplicates."""

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from ..models import Categoria, Ciudadano, Colonia, Peticion
from ..telefonos import solo_digitos
from ..visibilidad import solo_gestiona, visibles_para

RADIO_DUPLICADO_METROS = 150
DIAS_DUPLICADO = 30
_CP_EN_TEXTO = re.compile(r"^(.*?)\s*\((\d{5})\)\s*$")


def sin_acentos(texto: str) -> str:
    """Lower-case, without accents: how people type colonia names on the phone."""
    descompuesto = unicodedata.normalize("NFKD", texto or "")
    return " ".join("".join(c for c in descompuesto if not unicodedata.combining(c)).lower().split())


# --- colonias ------------------------------------------------------------------------------------


def etiqueta_colonia(colonia: Colonia) -> str:
    return str(colonia)


def resolver_colonia(texto: str, colonias: list[Colonia] | None = None) -> tuple[Colonia | None, list[Colonia]]:
    """(the colonia meant by `texto`, or None with the candidates when it is unknown or ambiguous).

    Accepts the label shown in the autocomplete ("Reforma (91919)"), the bare name with any accents
    or case, or a unique prefix. `colonias`: the catalog already loaded (an import reads it once).
    """
    texto = (texto or "").strip()
    if not texto:
        return None, []
    codigo_postal = ""
    if m := _CP_EN_TEXTO.match(texto):
        texto, codigo_postal = m.group(1), m.group(2)
    buscado = sin_acentos(texto)
    if colonias is None:
        colonias = list(Colonia.objects.all())
    exactas = [c for c in colonias if sin_acentos(c.nombre) == buscado]
    if codigo_postal:
        con_cp = [c for c in exactas if c.codigo_postal == codigo_postal]
        exactas = con_cp or exactas
    if len(exactas) == 1:
        return exactas[0], []
    if exactas:
        return None, exactas
    parecidas = [c for c in colonias if sin_acentos(c.nombre).startswith(buscado)]
    if len(parecidas) == 1:
        return parecidas[0], []
    if not parecidas:
        parecidas = [c for c in colonias if buscado in sin_acentos(c.nombre)]
    return None, parecidas[:8]


# --- returning citizens --------------------------------------------------------------------------


def ciudadano_por_telefono(telefono: str) -> Ciudadano | None:
    digitos = solo_digitos(telefono)
    if len(digitos) != 10:
        return None
    return Ciudadano.objects.select_related("colonia").filter(telefono=digitos).first()


def folios_de_ciudadano(ciudadano: Ciudadano, usuario: AbstractBaseUser, limite: int = 10) -> list[Peticion]:
    """The citizen's previous requests the user may see (as caller or, for staff, as another requester),
    newest first. A Jefe de Manzana / Cuartel never learns who else reported a request."""
    suyas = Q(ciudadano=ciudadano) if solo_gestiona(usuario) else Q(ciudadano=ciudadano) | Q(solicitantes=ciudadano)
    qs = visibles_para(usuario).filter(suyas).distinct()
    return list(qs.select_related("categoria", "colonia").order_by("-fecha_recepcion")[:limite])


def ciudadano_conocido(usuario: AbstractBaseUser, telefono: str) -> Ciudadano | None:
    """The citizen who owns `telefono`, if `usuario` may already see them with their data; else None.

    Staff who capture (`capturar_peticion`) see every registered citizen. A Jefe de Manzana / Cuartel only the
    citizen of a request he may open (`visibles_para`: his own filings; a Jefe de Cuartel, also his Jefes'):
    for any other phone he gets None, exactly as for a phone nobody has, so the answer tells him nothing.
    """
    encontrado = ciudadano_por_telefono(telefono)
    if encontrado is None or not usuario.is_authenticated:
        return None
    if usuario.has_perm("peticiones.capturar_peticion"):
        return encontrado
    if visibles_para(usuario).filter(ciudadano=encontrado).exists():
        return encontrado
    return None


# --- possible duplicates -------------------------------------------------------------------------


@dataclass(frozen=True)
class PosibleDuplicado:
    peticion: Peticion
    distancia_metros: int | None  # None: matched by colonia only


def punto_valido(latitud: object, longitud: object) -> tuple[float | None, float | None]:
    """(lat, lng) from whatever a query string gave, or (None, None) when either is missing, not a
    number, infinite (`1e309`) or off the globe."""
    try:
        lat, lng = float(str(latitud)), float(str(longitud))
    except (TypeError, ValueError):
        return None, None
    if not (math.isfinite(lat) and math.isfinite(lng) and -90 <= lat <= 90 and -180 <= lng <= 180):
        return None, None
    return lat, lng


def distancia_metros(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Haversine distance on the Earth's mean radius."""
    r = 6_371_000
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def posibles_duplicados(
    *,
    usuario: AbstractBaseUser,
    categoria: Categoria,
    colonia: Colonia | None = None,
    latitud: Decimal | float | None = None,
    longitud: Decimal | float | None = None,
    ahora: datetime | None = None,
    limite: int = 5,
) -> list[PosibleDuplicado]:
    """Open requests of the same category in the same colonia, or within 150 m when both have
    coordinates, received in the last 30 days; the nearest (then newest) first. Only those `usuario` sees."""
    return cercanas(
        visibles_para(usuario).select_related("ciudadano"),
        categoria=categoria,
        colonia=colonia,
        latitud=latitud,
        longitud=longitud,
        ahora=ahora,
        limite=limite,
    )


def cercanas(
    base: QuerySet[Peticion],
    *,
    categoria: Categoria,
    colonia: Colonia | None = None,
    latitud: Decimal | float | None = None,
    longitud: Decimal | float | None = None,
    ahora: datetime | None = None,
    limite: int = 5,
) -> list[PosibleDuplicado]:
    """The duplicate rule of `posibles_duplicados` applied to `base` (the caller decides who sees what)."""
    ahora = ahora or timezone.now()
    base = base.filter(
        categoria=categoria,
        estado__in=Peticion.ABIERTOS,
        fecha_recepcion__gte=ahora - timedelta(days=DIAS_DUPLICADO),
    )
    cerca = Q(pk__in=[])
    if colonia is not None:
        cerca |= Q(colonia=colonia)
    lat, lng = punto_valido(latitud, longitud) if latitud is not None and longitud is not None else (None, None)
    con_punto = lat is not None and lng is not None
    if con_punto:
        dlat = RADIO_DUPLICADO_METROS / 111_320 * 1.05
        dlng = dlat / max(math.cos(math.radians(lat)), 0.01)
        cerca |= Q(latitud__range=(lat - dlat, lat + dlat), longitud__range=(lng - dlng, lng + dlng))
    candidatos = base.filter(cerca).select_related("colonia").order_by("-fecha_recepcion")[:50]
    encontrados = []
    for p in candidatos:
        distancia = None
        if con_punto and p.latitud is not None and p.longitud is not None:
            distancia = round(distancia_metros(lat, lng, float(p.latitud), float(p.longitud)))
        misma_colonia = colonia is not None and p.colonia_id == colonia.pk
        if misma_colonia or (distancia is not None and distancia <= RADIO_DUPLICADO_METROS):
            encontrados.append(PosibleDuplicado(p, distancia))
    encontrados.sort(key=lambda d: (d.distancia_metros is None, d.distancia_metros or 0))
    return encontrados[:limite]


def colonia_mas_cercana(latitud: Decimal | float, longitud: Decimal | float) -> Colonia | None:
    """The colonia whose centroid is nearest to the point (for a pin or an Open311 lat/long without colonia)."""
    lat, lng = float(latitud), float(longitud)
    colonias = Colonia.objects.exclude(latitud=None).exclude(longitud=None).only("pk", "nombre", "latitud", "longitud")
    mejor, distancia = None, float("inf")
    for colonia in colonias:
        d = distancia_metros(lat, lng, float(colonia.latitud), float(colonia.longitud))
        if d < distancia:
            mejor, distancia = colonia, d
    return mejor
