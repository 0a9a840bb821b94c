"""The acuse (PDF receipt) handed to a citizen served in person: folio, date, category, dirección and
how to check the status."""

from io import BytesIO

from django.conf import settings
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from sirc.fechas import fecha_hora
from sirc.pdf_texto import texto_pdf

from ..models import Peticion
from ..telefonos import formatear_telefono

GUINDA = colors.HexColor("#6d1a36")


def _fecha(momento) -> str:
    return fecha_hora(momento) if momento else "—"


def generar_acuse(peticion: Peticion, sitio: str = "") -> bytes:
    estilos = getSampleStyleSheet()
    titulo = ParagraphStyle("titulo", parent=estilos["Title"], textColor=GUINDA, fontSize=16)
    folio = ParagraphStyle("folio", parent=estilos["Title"], fontSize=30, leading=36, spaceBefore=6, spaceAfter=6)
    normal = estilos["BodyText"]
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
        title=f"Acuse de recibo {peticion.folio}",
        author="H. Ayuntamiento de Veracruz",
    )
    ciudadano = peticion.ciudadano
    ubicacion = peticion.ubicacion
    filas = [
        ["Fecha de recepción", _fecha(peticion.fecha_recepcion)],
        ["Tipo", Paragraph(texto_pdf(peticion.tipo.nombre), normal)],
        ["Categoría", Paragraph(texto_pdf(peticion.categoria.nombre), normal)],
        ["Dirección responsable", Paragraph(texto_pdf(peticion.direccion.nombre), normal)],
        ["Ubicación", Paragraph(texto_pdf(ubicacion), normal)],
        ["Descripción", Paragraph(texto_pdf(peticion.descripcion, saltos=True), normal)],
        ["Ciudadano", Paragraph(texto_pdf(ciudadano) if ciudadano else "Denuncia anónima", normal)],
        ["Fecha límite de atención", _fecha(peticion.fecha_limite)],
    ]
    if ciudadano and ciudadano.telefono:
        filas.insert(7, ["Teléfono", formatear_telefono(ciudadano.telefono)])
    # splitInRow: a description longer than a page continues on the next one instead of failing.
    tabla = Table(filas, colWidths=[5 * cm, 12 * cm], splitInRow=1)
    tabla.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (0, -1), "Helvetica-Bold"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    # The address the citizen can reach: the one this request came in by, else SITE_URL.
    consulta = (sitio or settings.SITE_URL).rstrip("/") + "/consulta/"
    historia = [
        Paragraph("H. Ayuntamiento de Veracruz · Dirección de Atención Ciudadana", normal),
        Paragraph("Acuse de recibo de su petición", titulo),
        Paragraph("Su número de folio es", ParagraphStyle("c", parent=normal, alignment=1)),
        Paragraph(texto_pdf(peticion.folio), folio),
        Spacer(1, 0.3 * cm),
        tabla,
        Spacer(1, 0.6 * cm),
        Paragraph("<b>¿Cómo consultar el estado de su petición?</b>", normal),
        Paragraph(
            f"Llame a la Línea 072 y proporcione su folio <b>{peticion.folio}</b>, o consulte en "
            f"{consulta} escribiendo su folio. Le avisaremos cuando su petición quede atendida.",
            normal,
        ),
        Spacer(1, 0.4 * cm),
        Paragraph(
            "Sus datos personales se tratan conforme al aviso de privacidad del H. Ayuntamiento de Veracruz.",
            ParagraphStyle("pie", parent=normal, fontSize=8, textColor=colors.grey),
        ),
    ]
    doc.build(historia)
    return buffer.getvalue()
