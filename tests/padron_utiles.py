"""Helpers for the padrón tests: build import files in memory; read the QR codes a PDF prints."""

import csv
import io

import openpyxl
import pypdfium2
import zxingcpp

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


def qrs_impresos(pdf: bytes, dpi: int = 200) -> list[list[str]]:
    """The text of every QR code drawn on each page, in reading order (top to bottom, left to right).

    The page is rasterised as a printer would (PDFium, `dpi` dots per inch) and the image decoded by
    ZXing, so this reads what a phone reads, not the text the PDF was built from."""
    documento = pypdfium2.PdfDocument(pdf)
    try:
        paginas = []
        for pagina in documento:
            imagen = pagina.render(scale=dpi / 72, grayscale=True).to_pil()
            codigos = zxingcpp.read_barcodes(imagen, formats=zxingcpp.BarcodeFormat.QRCode)
            filas: list[list] = []  # codes whose tops are within a quarter inch share a row of cards
            for codigo in sorted(codigos, key=lambda c: c.position.top_left.y):
                if filas and codigo.position.top_left.y - filas[-1][0].position.top_left.y < dpi / 4:
                    filas[-1].append(codigo)
                else:
                    filas.append([codigo])
            paginas.append([c.text for fila in filas for c in sorted(fila, key=lambda c: c.position.top_left.x)])
        return paginas
    finally:
        documento.close()
