"""Read-only reports on a PostgreSQL streaming replica (setting DATABASE_REPLICA_URL).

Only code inside `en_replica()` reads from the replica: the heavy aggregates of the director dashboard,
the heat map, the MIR (page and PDF) and the CSV/XLSX exports. Everything else, every write, and any read
inside a transaction of the primary goes to the primary (alias "default"), so the rest of the site never
sees a lagging replica and a user always reads what they just wrote.

Without DATABASE_REPLICA_URL there is no "replica" alias and no router: one database, exactly as before.

If the replica cannot be reached when a report starts, the report is read from the primary (a warning in
the log) and the replica is not tried again for DATABASE_REPLICA_REINTENTO_SEGUNDOS in this process: a
replica down slows reports, it never takes them down.
"""

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

log = logging.getLogger(__name__)

REPLICA = "replica"

# The alias reads go to in the current context (thread or task); None: the primary.
_lectura: ContextVar[str | None] = ContextVar("sirc_lectura", default=None)
_caida_hasta = 0.0  # monotonic time until which this process does not try the replica again


def replica_configurada() -> bool:
    return REPLICA in settings.DATABASES


def _replica_disponible() -> bool:
    """Connect to the replica (a no-op when already connected); on failure fall back for a while."""
    global _caida_hasta
    if not replica_configurada() or time.monotonic() < _caida_hasta:
        return False
    try:
        connections[REPLICA].ensure_connection()
    except DatabaseError as error:
        espera = getattr(settings, "DATABASE_REPLICA_REINTENTO_SEGUNDOS", 30)
        _caida_hasta = time.monotonic() + espera
        log.warning("Réplica inaccesible (%s): los reportes se leen del primario por %s s", error, espera)
        return False
    return True


def olvidar_caida() -> None:
    """Try the replica again at the next report (tests; an operator after fixing the replica need not wait)."""
    global _caida_hasta
    _caida_hasta = 0.0


@contextmanager
def en_replica() -> Iterator[str]:
    """Reads inside go to the replica when one is configured and reachable. Yields the alias used.

    Usable as `with en_replica():` or as a decorator `@en_replica()`. Writes inside still go to the primary.
    """
    alias = REPLICA if _replica_disponible() else DEFAULT_DB_ALIAS
    token = _lectura.set(alias if alias != DEFAULT_DB_ALIAS else None)
    try:
        yield alias
    finally:
        _lectura.reset(token)


def alias_de_lectura() -> str:
    """Where an ORM read made now would go (for tests and logs)."""
    return RouterReplica().db_for_read(None) or DEFAULT_DB_ALIAS


class RouterReplica:
    """DATABASE_ROUTERS entry, installed only when DATABASE_REPLICA_URL is set."""

    def db_for_read(self, model, **hints) -> str | None:
        alias = _lectura.get()
        if alias is None:
            return None  # the primary
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS  # a transaction on the primary reads its own writes
        return alias

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the replica holds the very same rows as the primary

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS
