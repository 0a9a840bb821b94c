"""Demo data of the citizen channels: a few fichas of the guía de trámites, the questions two categories ask
(Open311 attributes), and which categories admit anonymous reports. Idempotent; touches only what it defines."""

from django.db import transaction

from .models import Categoria, Direccion, PreguntaServicio, Tramite

TRAMITES = [
    # (clave, nombre, siglas de la dirección, descripción, requisitos, costo, dónde, horario, tiempo, palabras)
    (
        "licencia-funcionamiento",
        "Licencia de funcionamiento (bajo riesgo)",
        "COM",
        "Permiso para abrir un negocio de bajo riesgo (tienda, papelería, estética…).",
        "Identificación oficial vigente\nComprobante de domicilio del negocio\nRFC\nCroquis de ubicación",
        "Según giro y metros cuadrados; pago en Tesorería",
        "Palacio Municipal, planta baja, ventanilla de Comercio",
        "Lunes a viernes de 8:30 a 15:00",
        "5 días hábiles",
        "negocio, permiso, comercio, tienda, abrir",
    ),
    (
        "constancia-residencia",
        "Constancia de residencia",
        "GOB",
        "Documento que acredita que usted vive en el municipio de Veracruz.",
        "Identificación oficial\nComprobante de domicilio reciente\nDos testigos con identificación",
        "$120.00 MXN",
        "Secretaría del Ayuntamiento, Palacio Municipal",
        "Lunes a viernes de 9:00 a 14:00",
        "Al momento",
        "residencia, domicilio, constancia, vecindad",
    ),
    (
        "poda-de-arbol",
        "Permiso de poda o derribo de árbol",
        "PYJ",
        "Autorización para podar o derribar un árbol en banqueta o predio particular.",
        "Solicitud por escrito\nFotografías del árbol\nIdentificación oficial",
        "Gratuito (poda); derribo según dictamen",
        "Dirección de Parques y Jardines",
        "Lunes a viernes de 8:00 a 15:00",
        "10 días hábiles",
        "árbol, poda, derribo, ramas",
    ),
    (
        "pago-predial",
        "Pago del impuesto predial",
        "CAT",
        "Pago anual del impuesto de su casa o terreno; en enero hay descuento.",
        "Boleta predial del año anterior o clave catastral",
        "Según avalúo catastral",
        "Cajas de Tesorería o en línea",
        "Lunes a viernes de 8:00 a 16:00, sábado de 9:00 a 13:00",
        "Al momento",
        "predial, impuesto, catastro, casa, terreno",
    ),
]
ANONIMAS = ["Tiradero clandestino", "Construcción irregular", "Comercio en vía pública", "Ruido excesivo"]
PREGUNTAS = {
    "Luminaria apagada": [
        (
            "cuantas",
            "¿Cuántas luminarias están apagadas?",
            "singlevaluelist",
            True,
            [["1", "Una"], ["2", "Dos"], ["3", "Tres o más"]],
        ),
        ("poste", "Número del poste (si lo ve)", "string", False, []),
    ],
    "Bache en vialidad": [
        (
            "tamano",
            "¿De qué tamaño es el bache?",
            "singlevaluelist",
            False,
            [["chico", "Chico"], ["mediano", "Mediano"], ["grande", "Grande (peligroso)"]],
        ),
    ],
}


@transaction.atomic
def cargar() -> int:
    creados = 0
    for clave, nombre, siglas, descripcion, requisitos, costo, donde, horario, tiempo, palabras in TRAMITES:
        direccion = Direccion.objects.filter(siglas=siglas).first()
        if direccion is None:
            continue
        _, nuevo = Tramite.objects.update_or_create(
            clave=clave,
            defaults={
                "nombre": nombre,
                "direccion": direccion,
                "descripcion": descripcion,
                "requisitos": requisitos,
                "costo": costo,
                "donde": donde,
                "horario": horario,
                "tiempo_respuesta": tiempo,
                "palabras_clave": palabras,
            },
        )
        creados += nuevo
    Categoria.objects.filter(nombre__in=ANONIMAS).update(permite_anonimo=True)
    for nombre, preguntas in PREGUNTAS.items():
        for categoria in Categoria.objects.filter(nombre=nombre):
            for orden, (codigo, texto, tipo, requerida, opciones) in enumerate(preguntas, start=1):
                PreguntaServicio.objects.update_or_create(
                    categoria=categoria,
                    codigo=codigo,
                    defaults={
                        "descripcion": texto,
                        "tipo_dato": tipo,
                        "requerida": requerida,
                        "orden": orden,
                        "opciones": opciones,
                    },
                )
    return creados
