"""The client's address behind the city hall's reverse proxies.

X-Forwarded-For is believed only when the request comes from an address of SIRC_PROXIES_DE_CONFIANZA (IPs or
CIDR networks). Then the header is read from the right, skipping every trusted proxy: the first address that
is not one of them is the client. Whatever a client writes at the left of the header, or sends straight to
gunicorn, never chooses the address its limits are counted against.
"""

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest

Red = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _redes(valores: tuple[str, ...]) -> tuple[Red, ...]:
    return tuple(ipaddress.ip_network(valor, strict=False) for valor in valores)


def redes_de_confianza() -> tuple[Red, ...]:
    return _redes(tuple(settings.SIRC_PROXIES_DE_CONFIANZA))


def _es_proxy(direccion: str, redes: tuple[Red, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(direccion)
    except ValueError:
        return False
    return any(ip in red for red in redes)


def direccion_cliente(request: HttpRequest) -> str:
    remota = request.META.get("REMOTE_ADDR") or "desconocida"
    redes = redes_de_confianza()
    if not redes or not _es_proxy(remota, redes):
        return remota
    cadena = [x.strip() for x in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if x.strip()]
    for direccion in reversed(cadena):
        if not _es_proxy(direccion, redes):
            try:
                return str(ipaddress.ip_address(direccion))
            except ValueError:
                return remota  # garbage where the client should be: count it against the proxy, never skip it
    return cadena[0] if cadena else remota


def direccion_para_axes(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the same address, or None when there is none (a login without an HTTP client)."""
    direccion = direccion_cliente(request)
    try:
        return str(ipaddress.ip_address(direccion))
    except ValueError:
        return None
