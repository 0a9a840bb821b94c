"""Searching requests: by folio, and by free text.

On PostgreSQL the text search uses full-text (Spanish stemming) on a stored tsvector column with a GIN index,
and, when no request has those words, trigram word similarity, which forgives typos ("lumnaria"); on SQLite
(demo) it falls back to icontains on every word.
"""

import re

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

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


def _documento_coincide(texto: str) -> RawSQL:
    """`documento @@ websearch_to_tsquery('spanish', texto)` on the stored column (GIN index)."""
    tabla = connection.ops.quote_name(Peticion._meta.db_table)
    return RawSQL(
        f"{tabla}.documento @@ websearch_to_tsquery('spanish'::regconfig, %s)", [texto], output_field=BooleanField()
    )


def buscar_texto(qs: QuerySet[Peticion], texto: str, informe: dict | None = None) -> QuerySet[Peticion]:
    """Requests whose folio, description, address or citizen (name or phone) match `texto`.

    `informe`, if given, gets `mas_de`: a number the matches (within `qs`) are known to exceed, so a caller
    that counts up to less than that need not count again (on PostgreSQL, past MAX_IDS_BUSQUEDA matches).
    """
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
        # Full-text on the stored column (migration 0022), plus citizens by name: ids first.
        condicion = Q(_documento_coincide(texto))
        ids_ciudadanos = list(por_nombre.order_by().values_list("pk", flat=True)[:MAX_CIUDADANOS_BUSQUEDA])
        if ids_ciudadanos:
            condicion |= Q(ciudadano_id__in=ids_ciudadanos)
        coincidencias = qs.filter(condicion)
        ids = list(coincidencias.order_by().values_list("pk", flat=True)[: MAX_IDS_BUSQUEDA + 1])
        largas = [p for p in palabras if len(p) >= 3]
        if not ids and largas:
            # Nothing has these words: forgive one or two typos per word ("lumnaria") with trigrams. Only
            # then: testing word similarity row by row is what made a common search cost a second.
            with connection.cursor() as cursor:
                cursor.execute("SET pg_trgm.word_similarity_threshold = %s", [UMBRAL_TRIGRAMAS])
            parecido = Q()
            for palabra in largas:
                parecido &= Q(descripcion__trigram_word_similar=palabra) | Q(calle__trigram_word_similar=palabra)
            coincidencias = qs.filter(parecido)
            ids = list(coincidencias.order_by().values_list("pk", flat=True)[: MAX_IDS_BUSQUEDA + 1])
        # Few matches: hand the list their ids, or "newest first LIMIT 25" would walk the date index and test
        # every row. Many matches: that walk finds 25 quickly (the stored tsvector is cheap to test).
        if len(ids) <= MAX_IDS_BUSQUEDA:
            return qs.filter(pk__in=ids)
        if informe is not None:
            informe["mas_de"] = MAX_IDS_BUSQUEDA
        return coincidencias
    en_texto = Q()
    for palabra in palabras:
        en_texto &= Q(descripcion__icontains=palabra) | Q(calle__icontains=palabra) | Q(referencias__icontains=palabra)
    return qs.filter(en_texto | Q(ciudadano__in=por_nombre.values("pk")))
