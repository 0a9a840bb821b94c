"""CSV/XLSX exports never hand a spreadsheet a formula typed by a citizen or an operator."""

import csv
import io

import pytest
from django.urls import reverse

from peticiones import roles
from peticiones.models import Peticion
from sirc.hojas import celda_segura, fila_segura

from .factories import JefeManzanaFactory, PeticionFactory, UsuarioFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://malicioso.example/","Clic")'


def _sin_formulas(respuesta) -> None:
    """The export has the typed formula only as escaped text."""
    contenido = b"".join(respuesta.streaming_content) if respuesta.streaming else respuesta.content
    filas = list(csv.reader(io.StringIO(contenido.decode("utf-8-sig"))))
    celdas = [c for fila in filas[1:] for c in fila]
    assert "'" + FORMULA in celdas
    assert FORMULA not in celdas


@pytest.mark.parametrize("texto", ["=1+1", "+52 229", "-2", "@SUMA(A1)", "\tx"])
def test_celda_segura_antepone_apostrofo(texto):
    assert celda_segura(texto) == "'" + texto


def test_celda_segura_respeta_texto_normal_y_numeros():
    assert fila_segura(["Bache en Av. 1", 12, None, "a=b"]) == ["Bache en Av. 1", 12, None, "a=b"]


def test_lista_de_peticiones_exportada_no_lleva_formulas(client, operador):
    PeticionFactory(descripcion=FORMULA)
    client.force_login(operador)
    _sin_formulas(client.get(reverse("peticiones:exportar", args=["csv"])))


def test_bandeja_de_direccion_exportada_no_lleva_formulas(client):
    peticion = PeticionFactory(descripcion=FORMULA, estado=Peticion.Estado.TURNADA)
    enlace = UsuarioFactory(rol=roles.ENLACE)
    peticion.direccion.enlaces.add(enlace)
    client.force_login(enlace)
    _sin_formulas(client.get(reverse("peticiones:exportar_bandeja_direccion")))


def test_padron_exportado_no_lleva_formulas(client, supervisor):
    JefeManzanaFactory(domicilio=FORMULA)
    client.force_login(supervisor)
    _sin_formulas(client.get(reverse("jefes_manzana:exportar", args=["csv"])))
