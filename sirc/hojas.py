"""Spreadsheet safety shared by every CSV/XLSX export."""

from collections.abc import Iterable
from typing import Any

_INICIOS_DE_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def celda_segura(valor: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (CSV/XLSX injection)."""
    if isinstance(valor, str) and valor[:1] in _INICIOS_DE_FORMULA:
        return "'" + valor
    return valor


def fila_segura(fila: Iterable[Any]) -> list[Any]:
    """The same row with every text cell made safe."""
    return [celda_segura(v) for v in fila]
