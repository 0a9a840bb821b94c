"""The nombramiento: the city hall's appointment letter for a Jefe de Manzana (letter size), optionally
with the SIRC login and temporary password printed at the foot (only right after it was created)."""

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from sirc.fechas import fecha_larga
from sirc.pdf_texto import texto_pdf

from ..models import JefeManzana
from .comun import GRIS, GUINDA

FIRMA_NOMBRE = "Titular de la Dirección de Atención Ciudadana"

_BASE = ParagraphStyle("base", fontName="Helvetica", fontSize=11, leading=16, alignment=TA_JUSTIFY)
_DERECHA = ParagraphStyle("derecha", parent=_BASE, alignment=TA_RIGHT)
_CENTRO = ParagraphStyle("centro", parent=_BASE, alignment=TA_CENTER)
_TITULO = ParagraphStyle("titulo", parent=_CENTRO, fontName="Helvetica-Bold", fontSize=16, leading=22, textColor=GUINDA)
_PEQUENA = ParagraphStyle("pequena", parent=_BASE, fontSize=9, leading=12, textColor=GRIS)


@dataclass(frozen=True)
class DatosAcceso:
    username: str
    contrasena: str


def _encabezado(canvas, doc) -> None:
    canvas.saveState()
    ancho, alto = letter
    canvas.setFillColor(GUINDA)
    canvas.rect(0, alto - 28 * mm, ancho, 28 * mm, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(20 * mm, alto - 14 * mm, "H. AYUNTAMIENTO DE VERACRUZ")
    canvas.setFont("Helvetica", 10)
    canvas.drawString(20 * mm, alto - 20 * mm, "Dirección de Atención Ciudadana · Padrón de Jefes de Manzana")
    canvas.setFillColor(GRIS)
    canvas.setFont("Helvetica", 8)
    canvas.drawCentredString(ancho / 2, 12 * mm, "Palacio Municipal, Zaragoza s/n, Centro, Veracruz, Ver. · Línea 072")
    canvas.restoreState()


def _carta(jefe: JefeManzana, acceso: DatosAcceso | None, hoy: date) -> list:
    fecha = jefe.fecha_nombramiento or hoy
    numero = jefe.numero_credencial or f"JM-{jefe.pk:05d}"
    cuartel = f", del Cuartel {jefe.cuartel.numero} «{texto_pdf(jefe.cuartel.nombre)}»" if jefe.cuartel_id else ""
    partes = [
        Paragraph(f"Oficio núm. DAC/JM/{texto_pdf(numero)}/{fecha.year}", _DERECHA),
        Paragraph(f"Veracruz, Ver., a {fecha_larga(fecha)}", _DERECHA),
        Spacer(1, 10 * mm),
        Paragraph(
            f"C. {texto_pdf(jefe.nombre_completo.upper())}",
            ParagraphStyle("n", parent=_BASE, fontName="Helvetica-Bold"),
        ),
        Paragraph(f"Manzana {texto_pdf(jefe.manzana)}, colonia {texto_pdf(jefe.colonia.nombre)}", _BASE),
        Paragraph("P r e s e n t e", _BASE),
        Spacer(1, 6 * mm),
        Paragraph("NOMBRAMIENTO", _TITULO),
        Spacer(1, 4 * mm),
        Paragraph(
            "Con fundamento en la Ley Orgánica del Municipio Libre del Estado de Veracruz y en atención a la "
            "elección realizada entre los vecinos de su manzana, este H. Ayuntamiento tiene a bien nombrarle "
            f"<b>JEFE(A) DE MANZANA</b> de la manzana <b>{texto_pdf(jefe.manzana)}</b> de la colonia "
            f"<b>{texto_pdf(jefe.colonia.nombre)}</b>{cuartel}, con número de credencial <b>{texto_pdf(numero)}</b>, "
            f"a partir del {fecha_larga(fecha)}.",
            _BASE,
        ),
        Spacer(1, 4 * mm),
        Paragraph(
            "Como puente de comunicación entre sus vecinos y el Ayuntamiento, podrá presentar y dar seguimiento "
            "a las peticiones de su manzana en el Sistema Integral de Relación con Ciudadanos (SIRC) y por la "
            "Línea 072. El cargo es honorífico y no genera relación laboral con el Ayuntamiento.",
            _BASE,
        ),
    ]
    if jefe.vigencia_credencial:
        partes += [
            Spacer(1, 4 * mm),
            Paragraph(f"Su credencial es vigente hasta el {fecha_larga(jefe.vigencia_credencial)}.", _BASE),
        ]
    if jefe.fecha_toma_protesta:
        partes += [Paragraph(f"Rindió protesta el {fecha_larga(jefe.fecha_toma_protesta)}.", _BASE)]
    partes += [
        Spacer(1, 12 * mm if acceso else 22 * mm),
        Paragraph("A t e n t a m e n t e", _CENTRO),
        Spacer(1, 14 * mm),
        Paragraph("______________________________________", _CENTRO),
        Paragraph(FIRMA_NOMBRE, _CENTRO),
        Paragraph("H. Ayuntamiento de Veracruz", _CENTRO),
    ]
    if acceso is not None:
        tabla = Table(
            [
                ["Su acceso a SIRC", ""],
                ["Usuario:", acceso.username],
                ["Contraseña temporal:", acceso.contrasena],
            ],
            colWidths=[45 * mm, 80 * mm],
        )
        tabla.setStyle(
            TableStyle(
                [
                    ("SPAN", (0, 0), (1, 0)),
                    ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 10),
                    ("FONT", (0, 1), (0, -1), "Helvetica", 10),
                    ("FONT", (1, 1), (1, -1), "Courier-Bold", 12),
                    ("BOX", (0, 0), (-1, -1), 0.8, GUINDA),
                    ("BACKGROUND", (0, 0), (-1, 0), GUINDA),
                    ("TEXTCOLOR", (0, 0), (-1, 0), "white"),
                ]
            )
        )
        partes += [
            Spacer(1, 6 * mm),
            KeepTogether(
                [
                    tabla,
                    Spacer(1, 2 * mm),
                    Paragraph(
                        "Al entrar por primera vez, SIRC le pedirá cambiar esta contraseña. No la comparta.", _PEQUENA
                    ),
                ]
            ),
        ]
    return partes


def nombramientos(jefes: Iterable[JefeManzana], accesos: dict[int, DatosAcceso] | None = None) -> bytes:
    """One letter a page for each Jefe de Manzana; `accesos` (by jefe id) adds their login at the foot."""
    salida = io.BytesIO()
    doc = SimpleDocTemplate(
        salida,
        pagesize=letter,
        topMargin=36 * mm,
        bottomMargin=18 * mm,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        title="Nombramiento de Jefe de Manzana",
        author="H. Ayuntamiento de Veracruz",
    )
    hoy = timezone.localdate()
    historia: list = []
    for jefe in jefes:
        if historia:
            historia.append(PageBreak())
        historia += _carta(jefe, (accesos or {}).get(jefe.pk), hoy)
    if not historia:
        historia = [Paragraph("Ningún nombramiento que imprimir.", _BASE)]
    doc.build(historia, onFirstPage=_encabezado, onLaterPages=_encabezado)
    return salida.getvalue()
