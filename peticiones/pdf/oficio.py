"""The oficio de canalización: the formal letter some direcciones still require to act on a request."""

from io import BytesIO

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from sirc.fechas import fecha_hora, fecha_larga
from sirc.pdf_texto import texto_pdf

from ..models import Peticion


def numero_de_oficio(peticion: Peticion) -> str:
    return f"DAC/{peticion.anio}/{peticion.numero:06d}"


def generar_oficio(peticion: Peticion, usuario: AbstractBaseUser, nota: str = "") -> bytes:
    """A one-page PDF letter from Atención Ciudadana to the dirección the request is turned to."""
    estilos = getSampleStyleSheet()
    normal = ParagraphStyle("normal", parent=estilos["Normal"], fontSize=10.5, leading=14, alignment=TA_JUSTIFY)
    centro = ParagraphStyle("centro", parent=normal, alignment=TA_CENTER)
    derecha = ParagraphStyle("derecha", parent=normal, alignment=TA_RIGHT)
    titulo = ParagraphStyle("titulo", parent=centro, fontSize=12, leading=16, fontName="Helvetica-Bold")

    direccion = peticion.direccion
    titular = direccion.titular.get_full_name() if direccion.titular else ""
    ciudadano = peticion.ciudadano
    limite = timezone.localtime(peticion.fecha_limite)
    firma = usuario.get_full_name() or usuario.get_username()

    def p(texto: str, estilo=normal) -> Paragraph:
        return Paragraph(texto, estilo)

    datos = [
        ["Folio", peticion.folio],
        ["Categoría", str(peticion.categoria)],
        ["Tipo / canal", f"{peticion.tipo} · {peticion.canal}"],
        ["Ubicación", peticion.ubicacion],
        ["Solicitante", str(ciudadano) if ciudadano else "Anónimo"],
        ["Teléfono", ciudadano.telefono if ciudadano and ciudadano.telefono else "—"],
        ["Recibida", fecha_hora(peticion.fecha_recepcion)],
        ["Fecha límite", fecha_hora(peticion.fecha_limite)],
    ]
    tabla = Table(
        [[p(f"<b>{texto_pdf(a)}</b>"), p(texto_pdf(b))] for a, b in datos],
        colWidths=[4 * cm, 12.5 * cm],
        hAlign="LEFT",
        splitInRow=1,
    )
    tabla.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, "#888888"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))

    historia = [
        p("H. AYUNTAMIENTO DE VERACRUZ", titulo),
        p("Dirección de Atención Ciudadana", centro),
        Spacer(1, 0.5 * cm),
        p(f"Oficio núm. {numero_de_oficio(peticion)}", derecha),
        p(f"Veracruz, Ver., a {fecha_larga(timezone.localtime())}", derecha),
        p("Asunto: canalización de petición ciudadana", derecha),
        Spacer(1, 0.6 * cm),
        p(f"<b>{texto_pdf(titular or 'Titular')}</b>"),
        p(f"<b>{texto_pdf(direccion.nombre)}</b>"),
        p("Presente"),
        Spacer(1, 0.5 * cm),
        p(
            "Por este conducto, y con fundamento en la política de atención de 24 horas del Modelo de Atención "
            f"Ciudadana, le canalizo la petición con folio <b>{peticion.folio}</b> para su atención, "
            f"a más tardar el <b>{limite:%d/%m/%Y} a las {limite:%H:%M} h</b>:"
        ),
        Spacer(1, 0.3 * cm),
        tabla,
        Spacer(1, 0.3 * cm),
        p(f"<b>Descripción:</b> {texto_pdf(peticion.descripcion, saltos=True)}"),
    ]
    if nota:
        historia += [Spacer(1, 0.2 * cm), p(f"<b>Nota:</b> {texto_pdf(nota, saltos=True)}")]
    historia += [
        Spacer(1, 0.4 * cm),
        p(
            "Le agradeceré registrar la atención y sus evidencias en SIRC, o en su caso devolver la petición "
            "con el motivo si no es de su competencia."
        ),
        Spacer(1, 1.5 * cm),
        p("Atentamente", centro),
        Spacer(1, 1.2 * cm),
        p("_______________________________", centro),
        p(texto_pdf(firma), centro),
        p("Dirección de Atención Ciudadana", centro),
    ]
    salida = BytesIO()
    documento = SimpleDocTemplate(
        salida,
        pagesize=letter,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=f"Oficio de canalización {peticion.folio}",
        author="SIRC · Dirección de Atención Ciudadana",
    )
    documento.build(historia)
    return salida.getvalue()
