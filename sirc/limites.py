"""Rate limits in a store every process shares: Redis when SIRC_LIMITES_REDIS_URL (by default REDIS_URL) is set,
the database otherwise (table sirc_contadorlimite, one atomic upsert per count). Never a per-process cache.

Callers stay simple: `excede(clave, limite, ventana)` counts one use and says whether the limit is passed.
When the store cannot be reached it raises `AlmacenNoDisponible` (fail closed): sirc.middleware turns that
into a Spanish 503 page (JSON under /open311/). A caller that must keep working without the store (an
authenticated client, e.g. an Open311 app with its api_key) passes `abierto_sin_almacen=True` and is let through.
"""

import logging
import random
import time
from functools import cache

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest

from . import proxies

logger = logging.getLogger(__name__)

# Every key lives under this prefix (tests give each test its own, so counts never leak between tests).
PREFIJO = "sirc:limite:"


class AlmacenNoDisponible(Exception):
    """The shared store of the limits (Redis or the database) did not answer."""


def direccion_ip(request: HttpRequest) -> str:
    """The client's address (X-Forwarded-For only from SIRC_PROXIES_DE_CONFIANZA; see sirc.proxies)."""
    return proxies.direccion_cliente(request)


@cache
def _cliente_redis(url: str):
    import redis

    # A stopped Redis refuses at once; a hung one must not hold the page more than a second.
    return redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1, health_check_interval=30)


def _prefijo() -> str:
    return getattr(settings, "SIRC_LIMITES_PREFIJO", PREFIJO)


def _contar_redis(url: str, clave: str, ventana: int) -> int:
    canal = _cliente_redis(url).pipeline(transaction=True)
    canal.set(clave, 0, ex=ventana, nx=True)
    canal.incr(clave)
    return int(canal.execute()[1])


def _contar_base(clave: str, ventana: int) -> int:
    from .models import ContadorLimite

    tabla = connection.ops.quote_name(ContadorLimite._meta.db_table)
    ahora = int(time.time())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {tabla} (clave, usos, vence) VALUES (%s, 1, %s) "
            f"ON CONFLICT (clave) DO UPDATE SET "
            f"usos = CASE WHEN {tabla}.vence <= %s THEN 1 ELSE {tabla}.usos + 1 END, "
            f"vence = CASE WHEN {tabla}.vence <= %s THEN excluded.vence ELSE {tabla}.vence END "
            f"RETURNING usos",
            [clave, ahora + ventana, ahora, ahora],
        )
        usos = cursor.fetchone()[0]
        if random.random() < 0.01:  # now and then, forget windows that ended (keeps the table small)
            cursor.execute(f"DELETE FROM {tabla} WHERE vence <= %s", [ahora])
    return int(usos)


def contar(clave: str, ventana: int) -> int:
    """Add one use to `clave` (its window starts at its first use and lasts `ventana` seconds); the new count.
    Raises AlmacenNoDisponible when the store does not answer."""
    clave = _prefijo() + clave
    url = settings.SIRC_LIMITES_REDIS_URL
    try:
        return _contar_redis(url, clave, ventana) if url else _contar_base(clave, ventana)
    except (DatabaseError, OSError, ImportError) as error:
        raise AlmacenNoDisponible(str(error)) from error
    except Exception as error:  # redis-py's ConnectionError / TimeoutError (not OSError subclasses)
        if type(error).__module__.startswith("redis"):
            raise AlmacenNoDisponible(str(error)) from error
        raise


def usos(clave: str) -> int:
    """How many uses `clave` has in its current window, without adding one (AlmacenNoDisponible if down)."""
    clave = _prefijo() + clave
    url = settings.SIRC_LIMITES_REDIS_URL
    try:
        if url:
            return int(_cliente_redis(url).get(clave) or 0)
        from .models import ContadorLimite

        fila = ContadorLimite.objects.filter(clave=clave, vence__gt=int(time.time())).values_list("usos").first()
        return fila[0] if fila else 0
    except (DatabaseError, OSError) as error:
        raise AlmacenNoDisponible(str(error)) from error
    except Exception as error:
        if type(error).__module__.startswith("redis"):
            raise AlmacenNoDisponible(str(error)) from error
        raise


def excede(clave: str, limite: int, ventana: int, *, abierto_sin_almacen: bool = False) -> bool:
    """Count one use of `clave`; True once it passes `limite` uses in the window.

    Store down: raises AlmacenNoDisponible (fail closed), or answers False with `abierto_sin_almacen`."""
    try:
        return contar(clave, ventana) > limite
    except AlmacenNoDisponible:
        if not abierto_sin_almacen:
            logger.error("Almacén de límites no disponible: se rechaza %s.", clave)
            raise
        logger.warning("Almacén de límites no disponible: %s pasa sin límite.", clave)
        return False


def almacen() -> str:
    """Which store the limits use, for the docs and the health of the install: 'redis' or 'base de datos'."""
    return "redis" if settings.SIRC_LIMITES_REDIS_URL else "base de datos"
