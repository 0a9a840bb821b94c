"""Searching the guía de trámites: full-text in Spanish plus trigram similarity on PostgreSQL (forgives
typos: «licensia»), every word with icontains on SQLite."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity
from django.db.models import Q, QuerySet

from ..models import Tramite
from .busqueda import es_postgres

LIMITE = 20
# word_similarity: «lisencia» ~ «Licencia de …» 0.50, «licencia» ~ «… de residencia» 0.44: a typo passes,
# a shared ending does not.
UMBRAL_TRIGRAMAS = 0.48


def publicados() -> QuerySet[Tramite]:
    return Tramite.objects.filter(activo=True).select_related("direccion").order_by("nombre")


def buscar(texto: str, limite: int = LIMITE) -> list[Tramite]:
    """The published trámites that match `texto` (all of them, by name, when it is empty), best first."""
    texto = " ".join((texto or "").replace("\x00", "").split())[:100]
    qs = publicados()
    if not texto:
        return list(qs[:200])
    if es_postgres():
        documento = (
            SearchVector("nombre", weight="A", config="spanish")
            + SearchVector("palabras_clave", weight="A", config="spanish")
            + SearchVector("descripcion", weight="B", config="spanish")
            + SearchVector("requisitos", "documentos", weight="C", config="spanish")
        )
        consulta = SearchQuery(texto, config="spanish", search_type="websearch")
        return list(
            qs.annotate(
                rango=SearchRank(documento, consulta),
                parecido=TrigramWordSimilarity(texto, "nombre"),
            )
            .filter(Q(rango__gt=0) | Q(parecido__gte=UMBRAL_TRIGRAMAS))
            .order_by("-rango", "-parecido", "nombre")[:limite]
        )
    condicion = Q()
    for palabra in texto.split():
        condicion &= (
            Q(nombre__icontains=palabra)
            | Q(palabras_clave__icontains=palabra)
            | Q(descripcion__icontains=palabra)
            | Q(requisitos__icontains=palabra)
        )
    return list(qs.filter(condicion)[:limite])


def por_clave(clave: str) -> Tramite | None:
    return publicados().filter(clave=(clave or "")[:60]).first()
