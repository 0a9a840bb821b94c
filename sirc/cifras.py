"""How SIRC writes a number: one helper for every screen, PDF and export.

- Screens and PDFs, es-MX: thousands with a comma and at most one decimal with a point: «37,225», «71.7».
- Percentages, always with one decimal so they line up and compare: «91.0 %», «71.7 %».
- CSV / XLSX, plain, for a spreadsheet to read back: «37225», «71.7» (no thousands separator).
"""

from decimal import ROUND_HALF_UP, Decimal


def redondear(valor: Decimal | int | float, decimales: int = 1) -> Decimal:
    return Decimal(str(valor)).quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)


def numero(valor: Decimal | int | float) -> str:
    """es-MX for people: 85, 1,500, 87.3 (one decimal at most; none when the value is whole)."""
    valor = Decimal(str(valor))
    if valor == valor.to_integral_value():
        return f"{int(valor):,}"
    return f"{redondear(valor):,}"


def porcentaje(valor: Decimal | int | float | None, vacio: str = "—") -> str:
    """A percentage for people, always one decimal: «91.0 %», «71.7 %»; `vacio` when undefined."""
    if valor is None:
        return vacio
    return f"{redondear(valor):,} %"


def plano(valor: Decimal | int | float | None) -> str | int | Decimal:
    """For CSV / XLSX: the number itself, without thousands separator (whole numbers as integers)."""
    if valor is None or valor == "":
        return ""
    valor = Decimal(str(valor))
    if valor == valor.to_integral_value():
        return int(valor)
    return redondear(valor)
