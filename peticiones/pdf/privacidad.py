"""The ARCO access answer as a PDF: everything SIRC holds about the citizen (selectores.privacidad)."""

from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from sirc.pdf_texto import texto_pdf

GUINDA = colors.HexColor("#6d1a36")
SECCIONES = {
    "peticiones": "Peticiones",
    "llamadas_de_seguimiento": "Llamadas de seguimiento",
    "visitas": "Visitas domiciliarias",
    "avisos_enviados": "Avisos enviados",
    "consentimientos": "Consentimientos del aviso de privacidad",
    "solicitudes_arco": "Solicitudes de derechos ARCO",
    "registros_unificados": "Otros registros de la misma persona (unificados por el personal)",
    "historial_de_cambios": "Historial de cambios de sus datos",
}


def _texto(valor: Any) -> str:
    """Plain text for a Paragraph: markup typed by anyone is shown, never interpreted."""
    return texto_pdf(valor)


def generar_acceso(folio: str, datos: dict) -> bytes:
    estilos = getSampleStyleSheet()
    titulo = ParagraphStyle("titulo", parent=estilos["Title"], textColor=GUINDA, fontSize=15)
    h2 = ParagraphStyle("h2", parent=estilos["Heading2"], textColor=GUINDA)
    normal, pequeno = estilos["BodyText"], ParagraphStyle("p", parent=estilos["BodyText"], fontSize=8, leading=10)
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
        title=f"Acceso a datos personales {folio}",
        author="H. Ayuntamiento de Veracruz",
    )
    partes: list = [
        Paragraph("H. Ayuntamiento de Veracruz · Dirección de Atención Ciudadana", normal),
        Paragraph(f"Respuesta a la solicitud de acceso {_texto(folio)}", titulo),
        Paragraph(f"Datos personales que SIRC conserva del titular, al {_texto(datos['generado'])}.", normal),
        Spacer(1, 6),
        Paragraph("Datos del titular", h2),
    ]
    for campo, valor in datos["ciudadano"].items():
        partes.append(
            Paragraph(f"<b>{_texto(campo.replace('_', ' ').capitalize())}:</b> {_texto(valor) or '—'}", normal)
        )
    for clave, nombre in SECCIONES.items():
        filas = datos.get(clave, [])
        partes.append(Paragraph(f"{nombre} ({len(filas)})", h2))
        if not filas:
            partes.append(Paragraph("Ninguno.", normal))
        for fila in filas:
            partes.append(Paragraph(_renglon(fila), pequeno))
            for linea in fila.get("bitacora", []) + fila.get("historial_de_cambios", []):
                partes.append(Paragraph("&nbsp;&nbsp;· " + _renglon(linea), pequeno))
            partes.append(Spacer(1, 3))
    doc.build(partes)
    return buffer.getvalue()


def _renglon(fila: dict) -> str:
    piezas = []
    for campo, valor in fila.items():
        if campo in ("bitacora", "historial_de_cambios"):
            continue
        if campo == "cambios":
            valor = "; ".join(f"{c['campo']}: {c['antes']} → {c['despues']}" for c in valor)
        piezas.append(f"<b>{_texto(campo.replace('_', ' '))}</b>: {_texto(valor)}")
    return " · ".join(piezas)
