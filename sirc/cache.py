"""Every cache read and write of SIRC (but the rate limits, sirc/limites.py) goes through here.

The cache only ever holds copies: the database is the truth. So a cache that is down (connection
refused) or hung (a paused Redis: each call waits for the short socket timeout of settings.CACHES) must
never turn a page into a 500. Each function here answers as if the key were absent (reads) or does
nothing (writes), logs once, and skips the cache for `ESPERA_TRAS_FALLO` seconds, so a hung Redis costs
one socket timeout per process every half minute, not one per call. Callers then compute from the database.
"""

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

logger = logging.getLogger(__name__)

ESPERA_TRAS_FALLO = 30.0  # seconds without trying the cache after it failed
_candado = threading.Lock()
_ultimo_fallo = float("-inf")


def disponible() -> bool:
    """False while the breaker is open (the cache failed less than ESPERA_TRAS_FALLO seconds ago)."""
    with _candado:
        return time.monotonic() - _ultimo_fallo >= ESPERA_TRAS_FALLO


def reiniciar() -> None:
    """Forget a past failure (tests, or once the cache is fixed)."""
    global _ultimo_fallo
    with _candado:
        _ultimo_fallo = float("-inf")


def _fallo(operacion: str, clave: str) -> None:
    global _ultimo_fallo
    with _candado:
        _ultimo_fallo = time.monotonic()
    logger.warning(
        "La caché no responde (%s %s): se usa la base de datos y se omite la caché %d s.",
        operacion,
        clave,
        ESPERA_TRAS_FALLO,
        exc_info=True,
    )


_FALLO = object()


def _intentar(operacion: str, clave: str, llamada: Callable[[], Any]) -> Any:
    if not disponible():
        return _FALLO
    try:
        return llamada()
    except Exception:  # any backend error (refused, timeout, protocol): the cache is only a copy
        _fallo(operacion, clave)
        return _FALLO


def get(clave: str, defecto: Any = None) -> Any:
    valor = _intentar("get", clave, lambda: cache.get(clave, defecto))
    return defecto if valor is _FALLO else valor


def set(clave: str, valor: Any, segundos: float | None = None) -> bool:
    return _intentar("set", clave, lambda: cache.set(clave, valor, segundos)) is not _FALLO


def add(clave: str, valor: Any, segundos: float | None = None) -> bool:
    resultado = _intentar("add", clave, lambda: cache.add(clave, valor, segundos))
    return resultado is not _FALLO and bool(resultado)


def incr(clave: str) -> int | None:
    """Increment; None if the key is absent or the cache is down."""

    def llamada() -> int | None:
        try:
            return cache.incr(clave)
        except ValueError:  # absent key: not a failure of the cache
            return None

    valor = _intentar("incr", clave, llamada)
    return None if valor is _FALLO else valor


def get_or_set(clave: str, calcular: Callable[[], Any], segundos: float | None = None) -> Any:
    """The cached value, or `calcular()` (stored when the cache works). With the cache down: `calcular()`."""
    faltante = object()
    valor = get(clave, faltante)
    if valor is not faltante:
        return valor
    valor = calcular()
    set(clave, valor, segundos)
    return valor
