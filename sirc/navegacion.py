"""The main menu: each entry is shown only to users holding its permission.

Apps add their entries to MENU; a URL name that does not resolve (yet) is skipped.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Entrada:
    etiqueta: str
    url: str  # URL name, e.g. "peticiones:captura"
    permiso: str | None = None  # None: every signed-in user
    atajo: str = ""  # keyboard hint shown beside the label


MENU: list[Entrada] = [
    Entrada("Inicio", "inicio"),
    Entrada("Captura 072", "peticiones:captura", "peticiones.capturar_peticion", "Alt+N"),
    Entrada("Peticiones", "peticiones:lista", "peticiones.ver_todas_peticiones"),
    Entrada("Por turnar", "peticiones:bandeja_atencion", "peticiones.turnar_peticion"),
    Entrada("Bandeja de mi dirección", "peticiones:bandeja_direccion", "peticiones.atender_peticion"),
    Entrada("Seguimiento", "peticiones:seguimiento", "peticiones.hacer_seguimiento"),
    Entrada("Mis peticiones", "jefes_manzana:mis_peticiones", "peticiones.gestionar_peticion"),
    Entrada("Padrón de Jefes de Manzana", "jefes_manzana:lista", "jefes_manzana.view_jefemanzana"),
    Entrada("Tablero", "indicadores:tablero", "peticiones.ver_indicadores"),
    Entrada("MIR", "indicadores:mir", "peticiones.ver_indicadores"),
    Entrada("Avisos", "peticiones:avisos", "peticiones.view_peticion"),
    Entrada("Administración", "admin:index", "auth.change_user"),
]


def entradas_para(usuario) -> list[dict[str, str]]:
    """Menu entries `usuario` may use, with their resolved URLs."""
    if not usuario.is_authenticated:
        return []
    visibles = []
    for entrada in MENU:
        if entrada.permiso and not usuario.has_perm(entrada.permiso):
            continue
        try:
            url = reverse(entrada.url)
        except NoReverseMatch:
            continue
        visibles.append({"etiqueta": entrada.etiqueta, "url": url, "atajo": entrada.atajo})
    return visibles


def menu(request: HttpRequest) -> dict:
    """Template context processor: `menu` and the user's `roles`."""
    from peticiones.roles import roles_de

    usuario = getattr(request, "user", None)
    if usuario is None or not usuario.is_authenticated:
        return {"menu": [], "roles": []}
    return {"menu": entradas_para(usuario), "roles": roles_de(usuario)}
