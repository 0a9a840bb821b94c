"""CURP (Clave Única de Registro de Población): normalization, format and check-digit validation.

The 18th character is a check digit computed by RENAPO over the first 17: each character's value in
"0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ" times its weight (18 down to 2), summed; the digit is
(10 - suma % 10) % 10.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError

ALFABETO = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
ENTIDADES = {
    "AS", "BC", "BS", "CC", "CL", "CM", "CS", "CH", "DF", "DG", "GT", "GR", "HG", "JC", "MC", "MN", "MS",
    "NT", "NL", "OC", "PL", "QT", "QR", "SP", "SL", "SR", "TC", "TS", "TL", "VZ", "YN", "ZS", "NE",
}  # fmt: skip
FORMATO = re.compile(
    r"^[A-ZÑ][AEIOUXÑ][A-ZÑ]{2}"  # initials of surnames and name
    r"(?P<aa>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})"  # birth date
    r"[HMX]"  # sex
    r"(?P<entidad>[A-Z]{2})"  # state of birth
    r"[B-DF-HJ-NP-TV-ZÑ]{3}"  # inner consonants
    r"(?P<homoclave>[A-Z\d])"  # 0-9 born before 2000, A-Z from 2000
    r"\d$"  # check digit
)


def normalizar_curp(valor: object) -> str:
    """Upper case without blanks: the way CURPs are stored and compared."""
    return re.sub(r"\s+", "", str(valor or "")).upper()


def digito_verificador(curp17: str) -> int:
    """Check digit of the first 17 characters of a CURP."""
    suma = sum(ALFABETO.index(c) * (18 - i) for i, c in enumerate(curp17[:17]))
    return (10 - suma % 10) % 10


def validar_curp(valor: str) -> None:
    """Django validator: raises ValidationError with a Spanish reason if `valor` is not a valid CURP."""
    curp = normalizar_curp(valor)
    if len(curp) != 18:
        raise ValidationError(
            "La CURP debe tener 18 caracteres (tiene %(n)s).", code="curp_longitud", params={"n": len(curp)}
        )
    m = FORMATO.match(curp)
    if m is None:
        raise ValidationError(
            "La CURP «%(curp)s» no tiene el formato oficial (4 letras, fecha AAMMDD, sexo, entidad, "
            "3 consonantes, homoclave y dígito).",
            code="curp_formato",
            params={"curp": curp},
        )
    if m["entidad"] not in ENTIDADES:
        raise ValidationError(
            "La CURP «%(curp)s» tiene una entidad de nacimiento inexistente (%(e)s).",
            code="curp_entidad",
            params={"curp": curp, "e": m["entidad"]},
        )
    siglo = 1900 if m["homoclave"].isdigit() else 2000
    try:
        date(siglo + int(m["aa"]), int(m["mm"]), int(m["dd"]))
    except ValueError:
        raise ValidationError(
            "La CURP «%(curp)s» contiene una fecha de nacimiento imposible.", code="curp_fecha", params={"curp": curp}
        ) from None
    if int(curp[17]) != digito_verificador(curp):
        raise ValidationError(
            "La CURP «%(curp)s» tiene el dígito verificador equivocado: revise que esté bien escrita.",
            code="curp_digito",
            params={"curp": curp},
        )


def completar_curp(curp17: str) -> str:
    """The 18-character CURP with its check digit (demo data and tests build CURPs with it)."""
    curp17 = normalizar_curp(curp17)[:17]
    return f"{curp17}{digito_verificador(curp17)}"
