"""The small catalogs (direcciones, categorías, canales, colonias, tipos) kept in each process's memory.

The list page showed them in five filter selects and joined five tables for every row; with a million
requests the planning of that 7-table join cost more than running it. Now each process reads the catalogs
once and reuses them until they change: every save/delete of a catalog row bumps a version number in the
shared cache (Redis in production, so every gunicorn worker and Celery process notices on its next request),
and a copy older than MAXIMO_SEGUNDOS is re-read anyway (changes made with `.update()` or SQL send no signal).
"""

import time
from dataclasses import dataclass

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from sirc import cache

from .models import Canal, Categoria, Colonia, Direccion, TipoPeticion

CLAVE_VERSION = "sirc:peticiones:catalogos:version"
MAXIMO_SEGUNDOS = 300
SEGUNDOS_SIN_CACHE = 5  # with the cache down nobody can say a catalog changed: re-read this often
MODELOS = (Direccion, Categoria, Canal, Colonia, TipoPeticion)


@dataclass(frozen=True)
class Catalogos:
    direcciones: dict[int, Direccion]
    categorias: dict[int, Categoria]
    canales: dict[int, Canal]
    colonias: dict[int, Colonia]
    tipos: dict[int, TipoPeticion]

    @staticmethod
    def leer() -> "Catalogos":
        direcciones = {d.pk: d for d in Direccion.objects.all()}
        categorias = {c.pk: c for c in Categoria.objects.all()}
        for c in categorias.values():
            c.direccion = direcciones[c.direccion_id]  # no query later for categoria.direccion
        return Catalogos(
            direcciones=direcciones,
            categorias=categorias,
            canales={c.pk: c for c in Canal.objects.all()},
            colonias={c.pk: c for c in Colonia.objects.all()},
            tipos={t.pk: t for t in TipoPeticion.objects.all()},
        )


_copia: dict = {"version": None, "leida": 0.0, "catalogos": None}


def catalogos() -> Catalogos:
    """The catalogs (one cache read; the five queries only when they changed or the copy is old)."""
    version = cache.get(CLAVE_VERSION)
    if version is None and cache.disponible():
        cache.add(CLAVE_VERSION, 1)
        version = cache.get(CLAVE_VERSION)
    maximo = MAXIMO_SEGUNDOS if version is not None else SEGUNDOS_SIN_CACHE  # None: the cache is down
    if _copia["catalogos"] is None or _copia["version"] != version or time.monotonic() - _copia["leida"] > maximo:
        _copia.update(version=version, leida=time.monotonic(), catalogos=Catalogos.leer())
    return _copia["catalogos"]


def opciones(nombre: str) -> list[tuple[int, str]]:
    """(id, label) of one catalog in its model's order, for a filter select."""
    filas = getattr(catalogos(), nombre).values()
    return [(f.pk, str(f)) for f in filas]


def invalidar(**kwargs) -> None:
    """A catalog row changed: this process re-reads at once, the others once the change is committed."""
    _copia["catalogos"] = None
    transaction.on_commit(_subir_version)


def _subir_version() -> None:
    _copia["catalogos"] = None
    if cache.incr(CLAVE_VERSION) is None and cache.disponible():  # the key expired or was never set
        cache.set(CLAVE_VERSION, 1)


def conectar_senales() -> None:
    for modelo in MODELOS:
        post_save.connect(invalidar, sender=modelo, dispatch_uid=f"catalogos_post_save_{modelo.__name__}")
        post_delete.connect(invalidar, sender=modelo, dispatch_uid=f"catalogos_post_delete_{modelo.__name__}")


def con_catalogos(peticiones: list) -> list:
    """Attach the cached catalog rows to requests read without joining them (no query per row)."""
    c = catalogos()
    if any(
        p.categoria_id not in c.categorias or p.colonia_id not in c.colonias or p.direccion_id not in c.direcciones
        for p in peticiones
    ):  # a row newer than our copy (changed in another process a moment ago): read again
        _copia["catalogos"] = None
        c = catalogos()
    for p in peticiones:
        p.categoria = c.categorias[p.categoria_id]
        p.direccion = c.direcciones[p.direccion_id]
        p.colonia = c.colonias[p.colonia_id]
        p.canal = c.canales[p.canal_id]
        p.tipo = c.tipos[p.tipo_id]
    return peticiones
