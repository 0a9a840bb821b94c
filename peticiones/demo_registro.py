"""The demo loader's guard: it loads only into an empty database, and remembers every row it created.

`manage.py cargar_demo` used to re-run its steps on every `make run`, and a step that moves requests
through their states moved whatever was «Recibida», requests captured by an operator included. Now:

- a database holding people, requests or catalogs the demo did not create gets nothing (`ajenos`);
- an empty database gets the whole demo in one transaction, and every row created then is written to
  `RegistroDemo` (model, pk), bulk inserts included;
- a database where the demo is already loaded gets nothing either: a second run writes no row.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import pghistory.models
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from .models import Categoria, Ciudadano, Colonia, Direccion, Peticion, RegistroDemo

APPS_REGISTRADAS = ("auth", "peticiones", "jefes_manzana", "indicadores")


def _modelos_ajenos() -> list[tuple[type[Model], str]]:
    """Rows that only people create (never a migration): one of them not made by the demo means real data."""
    from jefes_manzana.models import JefeManzana

    return [
        (get_user_model(), "usuarios"),
        (Peticion, "peticiones"),
        (Ciudadano, "ciudadanos"),
        (JefeManzana, "jefes de manzana"),
        (Direccion, "direcciones"),
        (Categoria, "categorías"),
        (Colonia, "colonias"),
    ]


def ya_cargada() -> int:
    """How many rows the demo created (0: never loaded here)."""
    return RegistroDemo.objects.count()


def ajenos() -> dict[str, int]:
    """Rows the demo did not create, by kind (only kinds with some)."""
    cuenta = {}
    for modelo, nombre in _modelos_ajenos():
        suyos = [modelo._meta.pk.to_python(pk) for pk in propios(modelo)]
        n = modelo.objects.exclude(pk__in=suyos).count()
        if n:
            cuenta[nombre] = n
    return cuenta


def _modelos_registrados() -> list[type[Model]]:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in APPS_REGISTRADAS
        and m is not RegistroDemo
        and not issubclass(m, pghistory.models.Event)
        and not m._meta.proxy
    ]


def propios(modelo: type[Model]) -> list[str]:
    """Primary keys (as text) of the rows of `modelo` the demo created."""
    tipo = ContentType.objects.get_for_model(modelo, for_concrete_model=False)
    return list(RegistroDemo.objects.filter(tipo=tipo).values_list("objeto_id", flat=True))


@contextmanager
def registrar_lo_creado() -> Iterator[None]:
    """Register in RegistroDemo every row of the project's models created inside the block."""
    modelos = _modelos_registrados()
    antes = {m: set(m._default_manager.values_list("pk", flat=True)) for m in modelos}
    yield
    filas = []
    for modelo in modelos:
        tipo = ContentType.objects.get_for_model(modelo, for_concrete_model=False)
        nuevos = set(modelo._default_manager.values_list("pk", flat=True)) - antes[modelo]
        filas.extend(RegistroDemo(tipo=tipo, objeto_id=str(pk)) for pk in nuevos)
    RegistroDemo.objects.bulk_create(filas, batch_size=2000)
