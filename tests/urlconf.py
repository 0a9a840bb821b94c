"""Walking the whole URLconf: every route as a template, filled with given ids, as every role. Shared by the
tests that visit every page as every role (no foreign data, GET never writes, fuzzing)."""

import re
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

from peticiones import roles

from .factories import JefeManzanaFactory, PeticionFactory, UsuarioFactory

# Every role that signs in, and None: the anonymous visitor.
ROLES = [
    None,
    roles.OPERADOR,
    roles.ENLACE,
    roles.SUPERVISOR,
    roles.DIRECTOR,
    roles.ADMINISTRADOR,
    roles.JEFE_MANZANA,
    roles.JEFE_CUARTEL,
]


def usuario_del_rol(rol: str | None, jefe_vecino) -> object | None:
    """A user of `rol` (None for the anonymous visitor). A Jefe de Manzana or de Cuartel gets a block in the
    colonia of `jefe_vecino` and one request of their own there, so their pages show real rows."""
    if rol is None:
        return None
    usuario = UsuarioFactory(rol=rol, is_staff=rol == roles.ADMINISTRADOR, password=None)
    if rol in (roles.JEFE_MANZANA, roles.JEFE_CUARTEL):
        jefe = JefeManzanaFactory(usuario=usuario, colonia=jefe_vecino.colonia)
        PeticionFactory(gestor=jefe, colonia=jefe.colonia)
    return usuario


def rutas(resolver: URLResolver | None = None, prefijo: str = "", *, con_admin: bool = False) -> Iterator[str]:
    """Every route of the URLconf as a template like 'peticiones/folio/<str:folio>/'."""
    resolver = resolver or get_resolver()
    for patron in resolver.url_patterns:
        texto = prefijo + str(patron.pattern)
        if isinstance(patron, URLResolver):
            if texto.startswith("admin/") and not con_admin:
                continue  # Django's admin: only is_staff users enter (tested by test_roles)
            yield from rutas(patron, texto, con_admin=con_admin)
        elif isinstance(patron, URLPattern):
            yield texto


def urls(ruta: str, ids: dict) -> list[str]:
    """The route filled with every candidate id: `ids["folio"]` for <folio>, `ids["pk"]` for other ids."""
    parametros = re.findall(r"<(?:\w+:)?(\w+)>", ruta)
    candidatos = [""]
    for nombre in parametros:
        if nombre == "folio":
            valores = ids["folio"]
        elif nombre == "formato":
            valores = ["csv", "xlsx"]
        elif nombre in ("token", "tabla", "nombre"):
            valores = ids.get(nombre) or ["x", "peticiones", "turnar"]
        else:
            valores = [str(v) for v in ids["pk"]]
        candidatos = [c + f"|{v}" for c in candidatos for v in valores]
    resultado = []
    for c in candidatos:
        valores = c.split("|")[1:]
        url = ruta
        for valor in valores:
            url = re.sub(r"<(?:\w+:)?\w+>", str(valor), url, count=1)
        resultado.append("/" + url.lstrip("^").rstrip("$"))
    return resultado
