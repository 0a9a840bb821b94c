"""Searching requests: by folio, and by free text.

On PostgreSQL the text search uses full-text (Spanish stemming) plus trigram word similarity, which
forgives typos ("lumnaria"); on SQLite (demo) it falls back to icontains on every word.
"""

import re

from django.conf import settings
from django.db import connection
from django.db.models import Q, QuerySet

from ..models import Ciudadano, Peticion
from ..telefonos import solo_digitos

UMBRAL_TRIGRAMAS = 0.5
MAX_CIUDADANOS_BUSQUEDA = 500
MAX_IDS_BUSQUEDA = 2_000
# In free text a folio needs its dash (2026000123 could be a phone); typed as a folio, the dash is optional.
_FOLIO = re.compile(r"^\s*(\d{4})-(\d{1,6})\s*$")
FOLIO = re.compile(r"^\s*(\d{4})\s*-?\s*(\d{1,6})\s*$")


def buscar_folio(queryset, texto: str) -> Peticion | None:
    """Accepts 2026-000123, 2026-123 or 2026000123."""
    coincide = FOLIO.match(texto or "")
    if not coincide:
        return None
    return queryset.filter(anio=int(coincide[1]), numero=int(coincide[2])).first()


def es_postgres() -> bool:
    return getattr(settings, "ES_POSTGRES", False) and connection.vendor == "postgresql"


def buscar_texto(qs: QuerySet[Peticion], texto: str) -> QuerySet[Peticion]:
    """Requests whose folio, description, address or citizen (name or phone) match `texto`."""
    texto = (texto or "").strip()
    if not texto:
        return qs
    if m := _FOLIO.match(texto):
        return qs.filter(anio=int(m.group(1)), numero=int(m.group(2)))
    digitos = solo_digitos(texto)
    if len(digitos) >= 7 and len(digitos) >= len(texto.replace(" ", "").replace("-", "")) - 1:
        ciudadanos = Ciudadano.objects.filter(telefono__contains=digitos[-10:]).values("pk")
        return qs.filter(Q(ciudadano__in=ciudadanos) | Q(solicitantes__in=ciudadanos)).distinct()
    palabras = texto.split()
    por_nombre = Ciudadano.objects.all()
    for palabra in palabras:
        por_nombre = por_nombre.filter(Q(nombre__icontains=palabra) | Q(apellidos__icontains=palabra))
    if es_postgres():
        from django.contrib.postgres.search import SearchQuery, SearchVector

        with connection.cursor() as cursor:  # forgive one or two typos per word ("lumnaria")
            cursor.execute("SET pg_trgm.word_similarity_threshold = %s", [UMBRAL_TRIGRAMAS])
        consulta = SearchQuery(texto, config="spanish", search_type="websearch")
        qs = qs.alias(documento=SearchVector("descripcion", config="spanish"))  # in WHERE only, not in SELECT
        # Every condition can use a GIN index (full-text, trigram) so the planner never reads the whole table.
        condicion = Q(documento=consulta)
        # Ids first (a hashed subplan would force a sequential scan of requests).
        ids_ciudadanos = list(por_nombre.order_by().values_list("pk", flat=True)[:MAX_CIUDADANOS_BUSQUEDA])
        if ids_ciudadanos:
            condicion |= Q(ciudadano_id__in=ids_ciudadanos)
        largas = [p for p in palabras if len(p) >= 3]
        if largas:
            parecido = Q()
            for palabra in largas:
                parecido &= Q(descripcion__trigram_word_similar=palabra) | Q(calle__trigram_word_similar=palabra)
            condicion |= parecido
        coincidencias = qs.filter(condicion)
        # Few matches: hand the list their ids, or "newest first LIMIT 25" would walk the date index and test
        # every row. Many matches: that walk finds 25 quickly, keep the plain filter.
        ids = list(coincidencias.order_by().values_list("pk", flat=True)[: MAX_IDS_BUSQUEDA + 1])
        if len(ids) <= MAX_IDS_BUSQUEDA:
            return qs.filter(pk__in=ids)
        return coincidencias
    en_texto = Q()
    for palabra in palabras:
        en_texto &= Q(descripcion__icontains=palabra) | Q(calle__icontains=palabra) | Q(referencias__icontains=palabra)
    return qs.filter(en_texto | Q(ciudadano__in=por_nombre.values("pk")))
