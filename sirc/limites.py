"""Rate limits with Django's cache API: a counter per key and window, shared by every process through the
cache (Redis in production). No third-party service: the public pages and the API count here."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def direccion_ip(request: HttpRequest) -> str:
    """The client's address. Behind N trusted proxies (SIRC_PROXIES_DE_CONFIANZA) it is the N-th address from the
    right of X-Forwarded-For: what a client writes at the left of that header cannot dodge the limit."""
    proxies = settings.SIRC_PROXIES_DE_CONFIANZA
    if proxies:
        cadena = [x.strip() for x in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if x.strip()]
        if len(cadena) >= proxies:
            return cadena[-proxies]
    return request.META.get("REMOTE_ADDR", "desconocida")


def contar(clave: str, ventana: int) -> int | None:
    """Add one to the counter `clave` (it lives `ventana` seconds from its first use); the new count, or None
    when the cache is down (the caller then answers without a limit rather than refuse everybody)."""
    clave = f"sirc:limite:{clave}"
    try:
        cache.add(clave, 0, timeout=ventana)
        try:
            return cache.incr(clave)
        except ValueError:  # expired between add and incr
            cache.set(clave, 1, timeout=ventana)
            return 1
    except Exception:
        logger.warning("Caché no disponible: el límite %s no se aplica.", clave, exc_info=True)
        return None


def excede(clave: str, limite: int, ventana: int) -> bool:
    """Count one use of `clave`; True once it passes `limite` uses in the window."""
    usos = contar(clave, ventana)
    return usos is not None and usos > limite


def cuenta(clave: str) -> int:
    """How many uses `clave` has in its current window (0 without cache), without adding one."""
    try:
        return int(cache.get(f"sirc:limite:{clave}") or 0)
    except Exception:
        return 0
