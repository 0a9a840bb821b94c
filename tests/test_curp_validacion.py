"""CURP validation: format and RENAPO check digit, with Spanish reasons."""

import pytest
from django.core.exceptions import ValidationError

from jefes_manzana.curp import completar_curp, digito_verificador, normalizar_curp, validar_curp

from .factories import JefeManzanaFactory


def test_curp_oficial_de_ejemplo_es_valida():
    validar_curp("HEGG560427MVZRRL04")  # RENAPO's published example


def test_normaliza_minusculas_y_espacios():
    assert normalizar_curp(" hegg 560427mvzrrl04 ") == "HEGG560427MVZRRL04"
    validar_curp(" hegg560427mvzrrl04 ")


@pytest.mark.parametrize(
    ("curp", "motivo"),
    [
        ("HEGG560427MVZRRL05", "dígito verificador"),
        ("HEGG560427MVZRRL0", "18 caracteres"),
        ("HEGG561327MVZRRL04", "fecha de nacimiento imposible"),
        ("HEGG560230MVZRRL04", "fecha de nacimiento imposible"),
        ("HEGG560427MXXRRL04", "entidad"),
        ("1EGG560427MVZRRL04", "formato"),
        ("HEGG560427KVZRRL04", "formato"),
    ],
)
def test_curp_invalida_dice_por_que(curp, motivo):
    with pytest.raises(ValidationError) as error:
        validar_curp(curp)
    assert motivo in error.value.messages[0]


def test_digito_verificador_de_nacidos_desde_2000():
    base = "MAPA050612HVZRRNA"
    curp = completar_curp(base)
    assert curp[-1] == str(digito_verificador(base))
    validar_curp(curp)


@pytest.mark.django_db
def test_el_modelo_rechaza_curp_con_digito_equivocado():
    jefe = JefeManzanaFactory.build(curp="HEGG560427MVZRRL09")
    with pytest.raises(ValidationError) as error:
        jefe.full_clean(exclude=["colonia"])
    assert "curp" in error.value.message_dict


@pytest.mark.django_db
def test_la_fabrica_produce_curps_validas():
    for jefe in JefeManzanaFactory.create_batch(3):
        validar_curp(jefe.curp)
