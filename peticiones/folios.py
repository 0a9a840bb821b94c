"""Folios `AAAA-NNNNNN`: one counter row per year, bumped in the capture's own transaction.

The counter row is taken as the last step before commit, so its row lock is held only for the insert of
the request; a capture that rolls back also rolls back its number (no gaps), and two captures at the
same instant wait for each other's commit instead of sharing a number. A PostgreSQL sequence would
be faster but leaves gaps, which the city's folio books cannot have.
"""

from datetime import datetime

from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from .models import ContadorFolio


def anio_de_folio(momento: datetime) -> int:
    """The folio year: the calendar year at local time (America/Mexico_City), not UTC."""
    return timezone.localtime(momento).year


def formatear_folio(anio: int, numero: int) -> str:
    return f"{anio}-{numero:06d}"


def siguiente_numero(anio: int) -> int:
    """Take the next number of `anio` inside the caller's transaction (must be atomic)."""
    return tomar_numeros(anio, 1).start


def tomar_numeros(anio: int, cantidad: int, *, desde_mas_de: int = 0) -> range:
    """Take `cantidad` consecutive numbers of `anio` at once (a bulk import), inside the caller's transaction.

    The counter is first raised to at least `desde_mas_de` (the highest folio the import brings written),
    then bumped by `cantidad` in the same statement, which locks the year's row until commit: one
    statement per year however many rows, and still no gaps and no duplicates.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Los folios se toman dentro de transaction.atomic().")
    if connection.vendor == "postgresql":
        tabla = ContadorFolio._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {tabla} (anio, ultimo) VALUES (%s, %s) ON CONFLICT (anio) DO UPDATE "
                f"SET ultimo = GREATEST({tabla}.ultimo, %s) + %s RETURNING ultimo",
                [anio, desde_mas_de + cantidad, desde_mas_de, cantidad],
            )
            ultimo = cursor.fetchone()[0]
    else:  # SQLite (demo): writers are serialised by the database lock; the same bump, portably.
        ContadorFolio.objects.get_or_create(anio=anio)
        ContadorFolio.objects.filter(anio=anio).update(ultimo=Greatest(F("ultimo"), desde_mas_de) + cantidad)
        ultimo = ContadorFolio.objects.values_list("ultimo", flat=True).get(anio=anio)
    return range(ultimo - cantidad + 1, ultimo + 1)


def numeros_previstos(anio: int, cantidad: int, *, desde_mas_de: int = 0) -> range:
    """What `tomar_numeros` would give now, without taking them (the preview of an import's dry run)."""
    ultimo = max(ContadorFolio.objects.filter(anio=anio).values_list("ultimo", flat=True).first() or 0, desde_mas_de)
    return range(ultimo + 1, ultimo + cantidad + 1)
