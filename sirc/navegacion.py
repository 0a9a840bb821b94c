"""The main menu: each entry is shown only to users holding its permission.

Apps add their entries to MENU; a URL name that does not resolve (yet) is skipped.
"""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Entrada:
    etiqueta: str
    url: str  # URL name, e.g. "peticiones:captura"
    permiso: str | None = None  # None: every signed-in user
    atajo: str = ""  # keyboard hint shown beside the label
    contador: str = ""  # dotted path to f(usuario) -> int: a badge (e.g. unread notices); 0 shows none


MENU: list[Entrada] = [
    Entrada("Inicio", "inicio"),
    Entrada("Captura 072", "peticiones:captura", "peticiones.capturar_peticion", "Alt+N"),
    Entrada(
        "Mensajes",
        "peticiones:mensajes",
        "peticiones.capturar_peticion",
        contador="peticiones.selectores.whatsapp.sin_atender",
    ),
    Entrada("Peticiones", "peticiones:lista", "peticiones.ver_todas_peticiones"),
    Entrada("Por turnar", "peticiones:bandeja_atencion", "peticiones.turnar_peticion"),
    Entrada("Bandeja de mi dirección", "peticiones:bandeja_direccion", "peticiones.atender_peticion"),
    Entrada("Seguimiento", "peticiones:seguimiento", "peticiones.hacer_seguimiento"),
    Entrada("Quejas y sugerencias", "peticiones:quejas", "peticiones.atender_quejas"),
    Entrada("Derechos ARCO", "peticiones:arco_lista", "peticiones.atender_arco"),
    Entrada(
        "Ciudadanos por verificar",
        "peticiones:ciudadanos_por_verificar",
        "peticiones.verificar_ciudadanos",
        contador="peticiones.selectores.ciudadanos.cuantos_por_verificar",
    ),
    Entrada("Mis peticiones", "jefes_manzana:mis_peticiones", "peticiones.gestionar_peticion"),
    Entrada("Padrón de Jefes de Manzana", "jefes_manzana:lista", "jefes_manzana.view_jefemanzana"),
    Entrada("Tablero", "indicadores:tablero", "peticiones.ver_indicadores"),
    Entrada("MIR", "indicadores:mir", "peticiones.ver_indicadores"),
    Entrada("Avisos", "peticiones:avisos", "peticiones.view_peticion", contador="peticiones.views.avisos.sin_leer"),
    Entrada("Administración", "admin:index", "auth.change_user"),
]


def _contador_perezoso(ruta: str, usuario) -> SimpleLazyObject:
    """Counted only if a template shows it (base.html does; an htmx fragment does not): one query per page."""
    return SimpleLazyObject(lambda: import_string(ruta)(usuario))


_URLS: dict[tuple[str, str], str | None] = {}


def _url(nombre: str) -> str | None:
    """reverse(nombre), once per process (the menu is on every page; URLs do not change while it runs)."""
    clave = (nombre, get_script_prefix())
    if clave not in _URLS:
        try:
            _URLS[clave] = reverse(nombre)
        except NoReverseMatch:
            _URLS[clave] = None
    return _URLS[clave]


def entradas_para(usuario) -> list[dict[str, Any]]:
    """Menu entries `usuario` may use, with their resolved URLs (and lazy badge counts)."""
    if not usuario.is_authenticated:
        return []
    visibles = []
    for entrada in MENU:
        if entrada.permiso and not usuario.has_perm(entrada.permiso):
            continue
        url = _url(entrada.url)
        if url is None:
            continue
        visibles.append({"etiqueta": entrada.etiqueta, "url": url, "atajo": entrada.atajo})
        if entrada.contador:
            visibles[-1]["contador"] = _contador_perezoso(entrada.contador, usuario)
    return visibles


def menu(request: HttpRequest) -> dict:
    """Template context processor: `menu` and the user's `roles`."""
    from peticiones.roles import roles_de

    usuario = getattr(request, "user", None)
    if usuario is None or not usuario.is_authenticated:
        return {"menu": [], "roles": []}
    return {"menu": entradas_para(usuario), "roles": roles_de(usuario)}
