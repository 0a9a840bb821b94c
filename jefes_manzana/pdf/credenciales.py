"""Credential cards (ID-1, 85.6 × 54 mm) on A4 sheets of 10, with a QR to the public verification page.

Fast enough for the whole padrón: the QR matrix comes from `qrcode` with a fixed mask pattern (the
automatic choice tries all eight and costs ~6 ms a card) and is drawn as one path of merged runs.
"""

import io
import logging
from collections.abc import Iterable

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..models import JefeManzana
from .comun import GRIS, GUINDA, foto_de, url_verificacion

logger = logging.getLogger(__name__)
ANCHO, ALTO = 85.6 * mm, 54 * mm
COLUMNAS, FILAS = 2, 5
POR_HOJA = COLUMNAS * FILAS
MARGEN_X = (A4[0] - COLUMNAS * ANCHO) / (COLUMNAS + 1)
MARGEN_Y = (A4[1] - FILAS * ALTO) / (FILAS + 1)


def matriz_qr(texto: str) -> list[list[bool]]:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=2)
    qr.add_data(texto)
    qr.make(fit=True)
    return qr.get_matrix()


def dibujar_qr(c: Canvas, texto: str, x: float, y: float, lado: float) -> None:
    """The QR code of `texto` with its lower-left corner at (x, y), one filled path of row runs."""
    matriz = matriz_qr(texto)
    n = len(matriz)
    modulo = lado / n
    c.setFillColor(white)
    c.rect(x - modulo, y - modulo, lado + 2 * modulo, lado + 2 * modulo, stroke=0, fill=1)  # quiet zone
    camino = c.beginPath()
    for fila, valores in enumerate(matriz):
        columna = 0
        while columna < n:
            if valores[columna]:
                inicio = columna
                while columna < n and valores[columna]:
                    columna += 1
                camino.rect(x + inicio * modulo, y + lado - (fila + 1) * modulo, (columna - inicio) * modulo, modulo)
            else:
                columna += 1
    c.setFillColor(HexColor("#000000"))
    c.drawPath(camino, stroke=0, fill=1)


def _ajustar(texto: str, fuente: str, tamano: float, ancho: float) -> list[str]:
    """Split `texto` into at most two lines that fit `ancho`."""
    palabras, lineas, actual = texto.split(), [], ""
    for palabra in palabras:
        prueba = f"{actual} {palabra}".strip()
        if stringWidth(prueba, fuente, tamano) <= ancho or not actual:
            actual = prueba
        else:
            lineas.append(actual)
            actual = palabra
    lineas.append(actual)
    if len(lineas) > 2:
        lineas = [lineas[0], " ".join(lineas[1:])]
    return lineas


def dibujar_credencial(c: Canvas, jefe: JefeManzana, x: float, y: float) -> None:
    """One card with its lower-left corner at (x, y)."""
    c.setStrokeColor(HexColor("#c8ccd2"))
    c.setLineWidth(0.4)
    c.setFillColor(white)
    c.roundRect(x, y, ANCHO, ALTO, 3 * mm, stroke=1, fill=1)
    # header band
    c.setFillColor(GUINDA)
    c.roundRect(x, y + ALTO - 11 * mm, ANCHO, 11 * mm, 3 * mm, stroke=0, fill=1)
    c.rect(x, y + ALTO - 11 * mm, ANCHO, 4 * mm, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont("Helvetica-Bold", 7.5)
    c.drawString(x + 4 * mm, y + ALTO - 5 * mm, "H. AYUNTAMIENTO DE VERACRUZ")
    c.setFont("Helvetica", 6)
    c.drawString(x + 4 * mm, y + ALTO - 8.5 * mm, "Dirección de Atención Ciudadana")
    c.setFont("Helvetica-Bold", 8)
    c.drawRightString(x + ANCHO - 4 * mm, y + ALTO - 7 * mm, "JEFE DE MANZANA")
    # photo
    fx, fy, fw, fh = x + 4 * mm, y + 13 * mm, 20 * mm, 25 * mm
    foto = foto_de(jefe)
    if foto is not None:
        try:
            c.drawImage(foto, fx, fy, fw, fh, preserveAspectRatio=True, anchor="c", mask="auto")
        except Exception:  # a damaged file behind a valid header: the card goes out with the initials
            logger.warning("Foto ilegible del Jefe de Manzana %s", jefe.pk, exc_info=True)
            foto = None
    if foto is None:
        c.setFillColor(HexColor("#eaeef2"))
        c.rect(fx, fy, fw, fh, stroke=0, fill=1)
        c.setFillColor(GRIS)
        c.setFont("Helvetica-Bold", 14)
        iniciales = (jefe.nombres[:1] + jefe.apellidos[:1]).upper()
        c.drawCentredString(fx + fw / 2, fy + fh / 2 - 5, iniciales)
    # data
    tx = x + 27 * mm
    ancho_texto = ANCHO - 27 * mm - 24 * mm
    c.setFillColor(HexColor("#1f2328"))
    lineas = _ajustar(jefe.nombre_completo, "Helvetica-Bold", 8, ancho_texto)
    ty = y + ALTO - 15.5 * mm
    c.setFont("Helvetica-Bold", 8)
    for linea in lineas:
        c.drawString(tx, ty, linea)
        ty -= 3.6 * mm
    datos = [
        ("Manzana", jefe.manzana),
        ("Colonia", jefe.colonia.nombre),
        ("Cuartel", str(jefe.cuartel.numero) if jefe.cuartel_id else "—"),
        ("Credencial", jefe.numero_credencial),
        ("Vigencia", jefe.vigencia_credencial.strftime("%d/%m/%Y") if jefe.vigencia_credencial else "—"),
    ]
    for etiqueta, valor in datos:
        c.setFont("Helvetica", 5.5)
        c.setFillColor(GRIS)
        c.drawString(tx, ty, etiqueta.upper())
        c.setFont("Helvetica-Bold", 6.8)
        c.setFillColor(HexColor("#1f2328"))
        valor = valor if stringWidth(valor, "Helvetica-Bold", 6.8) <= ancho_texto - 13 * mm else valor[:22] + "…"
        c.drawString(tx + 13 * mm, ty, valor)
        ty -= 3.3 * mm
    # QR and its address in words (anyone without a QR reader can type it)
    url = url_verificacion(jefe)
    dibujar_qr(c, url, x + ANCHO - 22 * mm, y + 9 * mm, 18 * mm)
    c.setFont("Helvetica", 4.3)
    c.setFillColor(GRIS)
    c.drawString(x + 4 * mm, y + 6.5 * mm, "Verifique esta credencial en:")
    c.drawString(x + 4 * mm, y + 4 * mm, url)
    c.setFont("Helvetica", 4.3)
    c.drawRightString(x + ANCHO - 4 * mm, y + 4 * mm, "Cargo honorífico · Ley Orgánica del Municipio Libre")


def hoja_de_credenciales(jefes: Iterable[JefeManzana]) -> bytes:
    """A4 PDF with 10 cards a page (2 × 5), in the given order. Jefes need an issued credential."""
    salida = io.BytesIO()
    c = Canvas(salida, pagesize=A4, pageCompression=1)
    c.setTitle("Credenciales de Jefes de Manzana")
    c.setAuthor("H. Ayuntamiento de Veracruz · Dirección de Atención Ciudadana")
    en_hoja = 0
    for jefe in jefes:
        if en_hoja == POR_HOJA:
            c.showPage()
            en_hoja = 0
        columna, fila = en_hoja % COLUMNAS, en_hoja // COLUMNAS
        x = MARGEN_X + columna * (ANCHO + MARGEN_X)
        y = A4[1] - (fila + 1) * (ALTO + MARGEN_Y)
        dibujar_credencial(c, jefe, x, y)
        en_hoja += 1
    if en_hoja == 0:
        c.setFont("Helvetica", 12)
        c.drawString(30 * mm, A4[1] - 30 * mm, "Ninguna credencial que imprimir.")
    c.showPage()
    c.save()
    return salida.getvalue()
