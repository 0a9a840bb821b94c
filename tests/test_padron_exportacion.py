"""Exporting the padrón to CSV and XLSX: filtered, and the file can be imported back."""

import io

import openpyxl
import pytest

from jefes_manzana.importacion import importar_padron, leer_archivo
from jefes_manzana.models import JefeManzana

from .factories import ColoniaFactory, CuartelFactory, JefeManzanaFactory

pytestmark = pytest.mark.django_db


def test_csv_exportado_se_reimporta_sin_cambios(client, supervisor):
    faros = ColoniaFactory(nombre="Faros", codigo_postal="91709")
    jefe = JefeManzanaFactory(colonia=faros, cuartel=CuartelFactory(numero=4), telefono="2291234567")
    JefeManzanaFactory(colonia=ColoniaFactory(nombre="Centro"))
    client.force_login(supervisor)
    respuesta = client.get("/jefes-manzana/exportar/csv/", {"colonia": faros.pk})
    contenido = respuesta.content
    texto = contenido.decode("utf-8-sig")
    assert respuesta["Content-Disposition"].startswith('attachment; filename="padron-jefes-manzana-')
    assert texto.splitlines()[0].startswith("CURP,Nombre(s),Apellidos,Teléfono")
    assert jefe.curp in texto and "Faros" in texto and "Centro" not in texto
    resultado = importar_padron(leer_archivo("padron.csv", contenido), confirmar=True)
    assert (resultado.nuevos, resultado.actualizados, resultado.errores) == (0, 1, [])
    assert JefeManzana.objects.count() == 2


def test_xlsx_exportado(client, supervisor):
    jefe = JefeManzanaFactory(nombres="Ramón")
    client.force_login(supervisor)
    respuesta = client.get("/jefes-manzana/exportar/xlsx/")
    hoja = openpyxl.load_workbook(io.BytesIO(respuesta.content)).active
    filas = list(hoja.values)
    assert filas[0][0] == "CURP"
    assert (filas[1][0], filas[1][1]) == (jefe.curp, "Ramón")


def test_formato_desconocido(client, supervisor):
    client.force_login(supervisor)
    assert client.get("/jefes-manzana/exportar/pdf/").status_code == 404
