"""Mexican phone numbers: 10 national digits, stored once, whatever way the operator typed them."""

import re

from django.core.exceptions import ValidationError

_NO_DIGITOS = re.compile(r"\D+")


def solo_digitos(texto: str) -> str:
    return _NO_DIGITOS.sub("", texto or "")


def normalizar_telefono(texto: str) -> str:
    """Return the 10-digit national number, or "" for an empty input.

    Accepts spaces, dashes, dots and parentheses, the country code (+52, 52, 521 for old mobile
    dialing) and the long-distance prefixes 01/044/045. Raises ValidationError (Spanish) otherwise.
    """
    digitos = solo_digitos(texto)
    if not digitos:
        return ""
    if len(digitos) == 13 and digitos.startswith("521"):
        digitos = digitos[3:]
    elif len(digitos) == 12 and digitos.startswith("52"):
        digitos = digitos[2:]
    elif len(digitos) == 13 and digitos[:3] in ("044", "045"):
        digitos = digitos[3:]
    elif len(digitos) == 12 and digitos.startswith("01"):
        digitos = digitos[2:]
    if len(digitos) != 10:
        raise ValidationError(
            "El teléfono debe tener 10 dígitos (lada + número); se escribieron %(n)s.",
            code="telefono_longitud",
            params={"n": len(digitos)},
        )
    if digitos[0] in "01":
        raise ValidationError("El teléfono no puede empezar con 0 ni con 1.", code="telefono_lada")
    return digitos


def formatear_telefono(digitos: str) -> str:
    """229 123 4567, as it is read aloud."""
    if len(digitos or "") != 10:
        return digitos or ""
    return f"{digitos[:3]} {digitos[3:6]} {digitos[6:]}"
