"""Mexican 10-digit phone numbers, however the operator types them."""

import pytest
from django.core.exceptions import ValidationError

from peticiones.telefonos import formatear_telefono, normalizar_telefono


@pytest.mark.parametrize(
    "escrito",
    [
        "2291234567",
        "229 123 4567",
        "(229) 123-45-67",
        "229.123.45.67",
        "+52 229 123 4567",
        "+52 1 229 123 4567",
        "01 229 123 4567",
        "044 229 123 4567",
    ],
)
def test_formas_validas_dan_los_10_digitos(escrito):
    assert normalizar_telefono(escrito) == "2291234567"


def test_vacio_es_vacio():
    assert normalizar_telefono("  ") == ""


@pytest.mark.parametrize(
    ("escrito", "mensaje"),
    [
        ("229 123 456", "debe tener 10 dígitos (lada + número); se escribieron 9"),
        ("22912345678", "se escribieron 11"),
        ("0291234567", "no puede empezar con 0 ni con 1"),
    ],
)
def test_formas_invalidas_dicen_por_que(escrito, mensaje):
    with pytest.raises(ValidationError) as error:
        normalizar_telefono(escrito)
    assert mensaje in error.value.messages[0]


def test_formato_para_leerlo_en_voz_alta():
    assert formatear_telefono("2291234567") == "229 123 4567"
