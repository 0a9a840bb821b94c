"""Helpers for the padrón tests: build import files in memory."""

import csv
import io

import openpyxl

from jefes_manzana.recursos import ENCABEZADOS


def fila(curp: str, colonia, **valores) -> dict:
    base = {
        "CURP": curp,
        "Nombre(s)": "Gabriela",
        "Apellidos": "Hernández García",
        "Teléfono": "2291234567",
        "Colonia": colonia.nombre,
        "Código postal": colonia.codigo_postal,
        "Manzana": "M-001",
        "Estado": "Activo",
        "Fecha de nombramiento": "15/01/2026",
    }
    base.update(valores)
    return base


def csv_bytes(filas: list[dict], encabezados: list[str] | None = None) -> bytes:
    encabezados = encabezados or ENCABEZADOS
    salida = io.StringIO()
    escritor = csv.DictWriter(salida, fieldnames=encabezados, extrasaction="ignore")
    escritor.writeheader()
    for f in filas:
        escritor.writerow(f)
    return salida.getvalue().encode("utf-8")


def xlsx_bytes(filas: list[dict]) -> bytes:
    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.append(ENCABEZADOS)
    for f in filas:
        hoja.append([f.get(c, "") for c in ENCABEZADOS])
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()
