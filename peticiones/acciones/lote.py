"""Bulk actions on the rows a user selected in a tray: each request its own transaction and outcome."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied

from ..models import Direccion
from ..visibilidad import visibles_para
from . import atencion, transiciones

ACCIONES = {
    "iniciar": "Poner en proceso",
    "asignar": "Asignar a",
    "marcar_atendida": "Marcar atendidas",
    "turnar": "Turnar a",
}


@dataclass
class ResultadoLote:
    hechas: list[str] = field(default_factory=list)  # folios
    errores: list[str] = field(default_factory=list)  # one Spanish line per folio that failed
    no_encontradas: int = 0


def aplicar_en_lote(
    accion: str,
    ids: Iterable[int],
    usuario: AbstractBaseUser,
    *,
    direccion: Direccion | None = None,
    colega: AbstractBaseUser | None = None,
    resolucion: str = "",
    nota: str = "",
) -> ResultadoLote:
    """Apply one action to many requests; requests the user cannot see count as not found."""
    if accion not in ACCIONES:
        raise transiciones.TransicionInvalida("Elija una acción válida.")
    ids = {int(i) for i in ids}
    if not ids:
        raise transiciones.TransicionInvalida("Seleccione al menos una petición.")
    if accion == "marcar_atendida" and not resolucion.strip():
        raise transiciones.TransicionInvalida("Escriba la resolución (qué se hizo).")
    peticiones = list(visibles_para(usuario).filter(pk__in=ids).select_related("direccion").order_by("folio"))
    resultado = ResultadoLote(no_encontradas=len(ids) - len(peticiones))
    for peticion in peticiones:
        try:
            if accion == "iniciar":
                transiciones.iniciar(peticion, usuario)
            elif accion == "asignar":
                atencion.asignar(peticion, usuario, colega)
            elif accion == "marcar_atendida":
                transiciones.marcar_atendida(peticion, usuario, resolucion)
            elif accion == "turnar":
                # Without a dirección each request goes to the one its category suggests.
                transiciones.turnar(peticion, usuario, direccion or peticion.direccion, nota)
        except (transiciones.TransicionInvalida, PermissionDenied) as exc:
            resultado.errores.append(f"{peticion.folio}: {exc}")
        else:
            resultado.hechas.append(peticion.folio)
    return resultado
