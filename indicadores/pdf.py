"""The monthly MIR as a PDF (reportlab): header, the matrix with values and semáforo, the figures with
their definitions, the Calendario de Actividades and a chart of received vs attended by month."""

from io import BytesIO

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from sirc import cifras
from sirc.fechas import MESES_CORTOS, fecha_hora
from sirc.pdf_texto import texto_pdf

from .calculo import formato_numero
from .reporte import ReporteMIR

GUINDA = colors.HexColor("#6d1a36")
GUINDA_CLARO = colors.HexColor("#f6e9ee")
GRIS = colors.HexColor("#5c6370")
COLOR_SEMAFORO = {
    "verde": colors.HexColor("#dafbe1"),
    "amarillo": colors.HexColor("#fff8c5"),
    "rojo": colors.HexColor("#ffebe9"),
}
RECIBIDAS_COLOR = colors.HexColor("#6d1a36")
ATENDIDAS_COLOR = colors.HexColor("#1a7f37")

_base = getSampleStyleSheet()
TITULO = ParagraphStyle("titulo", parent=_base["Title"], fontSize=15, leading=18, textColor=GUINDA, spaceAfter=2)
SUBTITULO = ParagraphStyle("subtitulo", parent=_base["Heading2"], fontSize=11, leading=13, textColor=GUINDA)
NORMAL = ParagraphStyle("normal", parent=_base["Normal"], fontSize=8, leading=10)
CELDA = ParagraphStyle("celda", parent=_base["Normal"], fontSize=6.5, leading=7.8)
CELDA_C = ParagraphStyle("celda_c", parent=CELDA, alignment=TA_CENTER)
ENCABEZADO = ParagraphStyle("encabezado", parent=CELDA, fontName="Helvetica-Bold", textColor=colors.white)
ENCABEZADO_C = ParagraphStyle("encabezado_c", parent=ENCABEZADO, alignment=TA_CENTER)


def _p(texto: object, estilo: ParagraphStyle = CELDA) -> Paragraph:
    return Paragraph(texto_pdf(texto, saltos=True), estilo)


def _estilo_tabla(extra: list | None = None) -> TableStyle:
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), GUINDA),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#b8bec6")),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            *(extra or []),
        ]
    )


def _encabezado(reporte: ReporteMIR, version: int | None) -> list:
    p = reporte.programa
    corte = fecha_hora(reporte.corte)
    estado = f"Versión {version} emitida" if version else "Vista generada"
    filas = [
        [_p("Municipio", NORMAL), _p(p.municipio, NORMAL), _p("Periodo", NORMAL), _p(reporte.mes.nombre, NORMAL)],
        [_p("Dirección", NORMAL), _p(p.unidad_responsable, NORMAL), _p("Corte de datos", NORMAL), _p(corte, NORMAL)],
        [_p("Programa", NORMAL), _p(f"{p.nombre} ({p.anio})", NORMAL), _p("Documento", NORMAL), _p(estado, NORMAL)],
        [
            _p("Alineación", NORMAL),
            _p(
                f"Eje: {p.eje}. PED: {p.plan_estatal or '—'}. PND: {p.plan_nacional or '—'}. ODS: {p.ods or '—'}. "
                f"Enfoque transversal: {p.enfoque_transversal or '—'}.",
                NORMAL,
            ),
            _p("Fuente", NORMAL),
            _p("SIRC (datos vivos, no capturados a mano)", NORMAL),
        ],
    ]
    tabla = Table(filas, colWidths=[2.4 * cm, 13.6 * cm, 2.8 * cm, 7.0 * cm], splitInRow=1)
    tabla.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (0, -1), "Helvetica-Bold"),
                ("BACKGROUND", (0, 0), (0, -1), GUINDA_CLARO),
                ("BACKGROUND", (2, 0), (2, -1), GUINDA_CLARO),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#b8bec6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [
        _p("H. Ayuntamiento de Veracruz · Dirección de Atención Ciudadana", NORMAL),
        _p(f"Matriz de Indicadores para Resultados · {reporte.mes.nombre}", TITULO),
        tabla,
        Spacer(1, 6),
    ]


COLUMNAS_MATRIZ = [
    ("Resumen narrativo", 3.5),
    ("Nombre del indicador", 2.5),
    ("Método de cálculo", 2.5),
    ("Tipo", 1.15),
    ("Dimensión", 1.45),
    ("Sentido", 1.55),
    ("Frecuencia", 1.55),
    ("Línea base", 1.2),
    ("Meta del periodo", 1.8),
    ("Valor del periodo", 2.0),
    ("Avance", 1.2),
    ("Semáforo", 1.4),
    ("Medios de verificación", 2.1),
    ("Supuestos", 2.0),
]


def _matriz(reporte: ReporteMIR) -> list:
    cabecera = [_p(nombre, ENCABEZADO_C) for nombre, _ in COLUMNAS_MATRIZ]
    filas = [cabecera, [_p("ACTIVIDADES", ENCABEZADO)] + [""] * (len(COLUMNAS_MATRIZ) - 1)]
    estilos = [("SPAN", (0, 1), (-1, 1)), ("BACKGROUND", (0, 1), (-1, 1), GRIS)]
    for i, v in enumerate(reporte.valores, start=2):
        ind = v.indicador
        valor = v.valor_texto
        if v.formula_texto:
            valor += f"\n({v.formula_texto})"
        valor += f"\n{v.periodo}"
        if v.sin_fuente:
            valor = f"{v.valor_texto}\n{v.sin_fuente}"
        filas.append(
            [
                _p(ind.resumen_narrativo),
                _p(ind.nombre),
                _p(ind.metodo_calculo),
                _p(ind.get_tipo_display(), CELDA_C),
                _p(ind.get_dimension_display(), CELDA_C),
                _p(ind.get_sentido_display(), CELDA_C),
                _p(ind.get_frecuencia_display(), CELDA_C),
                _p(formato_numero(ind.linea_base), CELDA_C),
                _p(v.meta_texto or formato_numero(ind.meta), CELDA_C),
                _p(valor, CELDA_C),
                _p(cifras.porcentaje(v.avance), CELDA_C),
                _p(v.semaforo.capitalize() if v.semaforo else "Sin semáforo", CELDA_C),
                _p(ind.medios_verificacion),
                _p(ind.supuestos),
            ]
        )
        if v.semaforo:
            estilos.append(("BACKGROUND", (11, i), (11, i), COLOR_SEMAFORO[v.semaforo]))
    tabla = Table(filas, colWidths=[w * cm for _, w in COLUMNAS_MATRIZ], repeatRows=1, splitInRow=1)
    tabla.setStyle(_estilo_tabla(estilos))
    notas = [
        _p(
            "Semáforo por el sentido del indicador: ascendente = valor ÷ meta; descendente = meta ÷ valor; constante = "
            "100 − desviación porcentual respecto de la meta. Verde desde el umbral verde del indicador (90 % por "
            "omisión), amarillo desde el umbral amarillo (70 %), rojo debajo. Indicadores anuales: valor acumulado "
            "del año al cierre del mes contra la meta prorrateada.",
            NORMAL,
        )
    ]
    for v in reporte.sin_fuente:
        notas.append(
            _p(
                f"«{v.indicador.nombre}» ({v.indicador.metodo_calculo}): sin fuente de datos aún. {v.sin_fuente}",
                NORMAL,
            )
        )
    return [_p("Matriz de indicadores", SUBTITULO), tabla, Spacer(1, 4), *notas]


def _cifras(reporte: ReporteMIR) -> list:
    filas = [[_p("Cifra del mes", ENCABEZADO), _p("Valor", ENCABEZADO_C), _p("Definición", ENCABEZADO)]]
    for cifra, valor, definicion in reporte.cifras():
        filas.append([_p(cifra), _p(valor, CELDA_C), _p(definicion)])
    tabla = Table(filas, colWidths=[6.0 * cm, 2.6 * cm, 17.3 * cm], splitInRow=1)
    tabla.setStyle(_estilo_tabla())
    return [KeepTogether([_p("Atención del mes y puntualidad", SUBTITULO), tabla])]


def _calendario(reporte: ReporteMIR) -> list:
    cabecera = [_p("Actividad", ENCABEZADO), _p("", ENCABEZADO)]
    cabecera += [_p(m, ENCABEZADO_C) for m in MESES_CORTOS] + [_p("Total", ENCABEZADO_C)]
    filas = [cabecera]
    estilos = []
    notas: list[str] = []
    for fila in reporte.calendario:
        inicio = len(filas)
        filas.append(
            [_p(f"{fila.actividad.numero} {fila.actividad.descripcion}"), _p("Prog.", CELDA_C)]
            + [_p(c, CELDA_C) for c in fila.programado]
            + [_p(fila.total_programado, CELDA_C)]
        )
        if fila.sin_fuente:
            realizado = [_p("sin fuente de datos aún", CELDA_C)] + [""] * 12
            estilos.append(("SPAN", (2, inicio + 1), (-1, inicio + 1)))
        elif fila.actividad.serie:
            realizado = [_p(c, CELDA_C) for c in fila.realizado] + [_p(fila.total_realizado, CELDA_C)]
        else:
            realizado = [_p("no se mide en SIRC", CELDA_C)] + [""] * 12
            estilos.append(("SPAN", (2, inicio + 1), (-1, inicio + 1)))
        filas.append([_p(""), _p("Real.", CELDA_C), *realizado])
        if fila.total_nota:
            notas.append(f"{fila.actividad.numero}. {fila.total_nota}")
        estilos += [
            ("SPAN", (0, inicio), (0, inicio + 1)),
            ("BACKGROUND", (1, inicio + 1), (-1, inicio + 1), colors.HexColor("#f3f4f6")),
        ]
    anchos = [6.4 * cm, 1.0 * cm] + [1.42 * cm] * 12 + [1.5 * cm]
    tabla = Table(filas, colWidths=anchos, repeatRows=1, splitInRow=1)
    tabla.setStyle(_estilo_tabla(estilos))
    return [
        _p(f"Calendario de Actividades {reporte.programa.anio}", SUBTITULO),
        _p(
            "Prog.: lo programado en el PAT (celdas «x/y» como en el PAT: atendidas/recibidas; intentos de "
            f"seguimiento/ciudadanos contactados). Real.: lo registrado en SIRC hasta {reporte.mes.nombre}.",
            NORMAL,
        ),
        Spacer(1, 3),
        tabla,
        *[_p(nota, NORMAL) for nota in notas],
    ]


def _grafica(reporte: ReporteMIR) -> Drawing:
    ancho, alto = 25.5 * cm, 6.8 * cm
    dibujo = Drawing(ancho, alto)
    grafica = VerticalBarChart()
    grafica.x, grafica.y = 1.6 * cm, 1.0 * cm
    grafica.width, grafica.height = ancho - 6.5 * cm, alto - 1.8 * cm
    grafica.data = [
        [f["recibidas"] for f in reporte.por_mes],
        [f["atendidas"] for f in reporte.por_mes],
    ]
    grafica.categoryAxis.categoryNames = list(MESES_CORTOS)
    grafica.categoryAxis.labels.fontSize = 7
    grafica.valueAxis.labels.fontSize = 7
    grafica.valueAxis.valueMin = 0
    maximo = max([1, *grafica.data[0], *grafica.data[1]])
    grafica.valueAxis.valueMax = maximo * 1.1
    grafica.bars[0].fillColor = RECIBIDAS_COLOR
    grafica.bars[1].fillColor = ATENDIDAS_COLOR
    grafica.barSpacing = 1
    grafica.groupSpacing = 6
    dibujo.add(grafica)
    leyenda = Legend()
    leyenda.x, leyenda.y = ancho - 4.5 * cm, alto - 1.4 * cm
    leyenda.fontSize = 8
    leyenda.colorNamePairs = [(RECIBIDAS_COLOR, "Recibidas"), (ATENDIDAS_COLOR, "Atendidas")]
    dibujo.add(leyenda)
    dibujo.add(
        String(
            1.6 * cm,
            alto - 0.4 * cm,
            f"Recibidas vs atendidas por mes, {reporte.mes.anio}",
            fontSize=9,
            fillColor=GUINDA,
        )
    )
    return dibujo


def _tabla_grafica(reporte: ReporteMIR) -> Table:
    filas = [
        [_p("", ENCABEZADO)] + [_p(m, ENCABEZADO_C) for m in MESES_CORTOS],
        [_p("Recibidas")] + [_p(formato_numero(f["recibidas"]), CELDA_C) for f in reporte.por_mes],
        [_p("Atendidas")] + [_p(formato_numero(f["atendidas"]), CELDA_C) for f in reporte.por_mes],
    ]
    tabla = Table(filas, colWidths=[2.5 * cm] + [1.9 * cm] * 12)
    tabla.setStyle(_estilo_tabla())
    return tabla


def generar_pdf(reporte: ReporteMIR, version: int | None = None) -> bytes:
    """Render the report; `version` is printed when the PDF is an issued (archived) version."""
    salida = BytesIO()
    titulo = f"MIR {reporte.mes.nombre} · {reporte.programa.unidad_responsable}"
    documento = SimpleDocTemplate(
        salida,
        pagesize=landscape(letter),
        leftMargin=1.0 * cm,
        rightMargin=1.0 * cm,
        topMargin=1.0 * cm,
        bottomMargin=1.2 * cm,
        title=titulo,
        author="SIRC · H. Ayuntamiento de Veracruz",
        subject="Matriz de Indicadores para Resultados",
    )

    def pie(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.setFillColor(GRIS)
        texto = f"SIRC · {titulo}" + (f" · versión {version}" if version else " · vista no emitida")
        canvas.drawString(1.0 * cm, 0.6 * cm, texto)
        canvas.drawRightString(landscape(letter)[0] - 1.0 * cm, 0.6 * cm, f"Página {doc.page}")
        canvas.restoreState()

    historia = [
        *_encabezado(reporte, version),
        *_matriz(reporte),
        Spacer(1, 8),
        *_cifras(reporte),
        PageBreak(),
        *_calendario(reporte),
        Spacer(1, 8),
        KeepTogether([_p("Recibidas y atendidas por mes", SUBTITULO), _grafica(reporte), _tabla_grafica(reporte)]),
    ]
    documento.build(historia, onFirstPage=pie, onLaterPages=pie)
    return salida.getvalue()
