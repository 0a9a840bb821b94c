"""Export of the padrón as CSV or XLSX (the same columns the import reads, so a file round-trips)."""

import csv
import io

from django.db.models import QuerySet
from openpyxl import Workbook

from sirc.hojas import fila_segura

from .models import JefeManzana
from .recursos import JefeManzanaResource

FORMATOS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def exportar_padron(queryset: QuerySet[JefeManzana], formato: str) -> bytes:
    """Rows come from the django-import-export resource (one query); XLSX is written in openpyxl's
    streaming write-only mode, about twice as fast as a regular workbook."""
    datos = JefeManzanaResource().export(queryset)
    if formato == "csv":
        salida = io.StringIO()
        salida.write("\ufeff")  # Excel opens UTF-8 CSV with accents only with a BOM
        escritor = csv.writer(salida)
        escritor.writerow(datos.headers)
        escritor.writerows(fila_segura(fila) for fila in datos)
        return salida.getvalue().encode("utf-8")
    if formato == "xlsx":
        libro = Workbook(write_only=True)
        hoja = libro.create_sheet("Padrón")
        hoja.append(datos.headers)
        for fila in datos:
            hoja.append(fila_segura(fila))
        salida = io.BytesIO()
        libro.save(salida)
        return salida.getvalue()
    raise ValueError(f"Formato desconocido: {formato}")
