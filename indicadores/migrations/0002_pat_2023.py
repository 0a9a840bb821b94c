"""Loads the Programa Anual de Trabajo 2023 of the Dirección de Atención Ciudadana (Veracruz), word for word:
its programme data and alignment, the nine activities of "Metas" and "Calendario de Actividades" with
their monthly cells, and the eight activity indicators of the "Matriz de Indicadores para resultados".
"""

from decimal import Decimal

from django.db import migrations

PROGRAMA = {
    "anio": 2023,
    "nombre": "Programa Municipal de Atención Ciudadana",
    "municipio": "Veracruz, Ver.",
    "unidad_responsable": "Dirección de Atención Ciudadana",
    "titular": "Mtra. Natalia G. Calleja Martínez - Directora de Atención Ciudadana",
    "enfoque_transversal": "Derechos Humanos",
    "eje": "Desarrollo Social",
    "objetivo": (
        "Atender las demandas prioritarias de la población, privilegiando aquellas acciones tendientes a abatir "
        "el rezago social y humano, a través de servicios públicos dignos y programas sociales encausados a este fin."
    ),
    "objetivo_pmd": (
        "Objetivo 17.1: Elaborar e implementar estrategias innovadoras y eficientes para mejorar el modelo de "
        "atención ciudadana, con base en las necesidades identificadas, estándares de calidad y políticas de "
        "atención eficiente"
    ),
    "estrategia": (
        "Estrategia 17.1.1: Desarrollar e implementar el modelo de seguimiento y control, que garantice las "
        "mediciones de calidad en los servicios de los diferentes canales de atención ciudadana"
    ),
    "plan_estatal": "Bienestar Social",
    "plan_nacional": "Política Social",
    "programa_sectorial": "",
    "ods": "16.6.2",
}

DIRECTORA = "Mtra. Natalia G. Calleja Martínez - Directora de Atención Ciudadana"
SUBDIRECTOR = "Nicolás Omar Pineda Lara - Subdirector"
COORD_RL = "Rosario Lagunes de la O - Coordinadora"
COORD_YV = "Yessenia Monserrat Vázquez Schleske - Coordinadora"

ACT_1 = (
    "Recibir, a través de los diferentes canales de comunicación, todas las peticiones, solicitudes, gestiones y "
    "quejas que presente la ciudadanía, turnando al solicitante a las diferentes áreas del Ayuntamiento según su "
    "competencia, en el menor tiempo posible."
)
ACT_2 = (
    "Realizar visitas y/o llamadas a los ciudadanos que han sido atendidos para conocer sus experiencias con el "
    "objetivo de mejorar servicios y tiempos de atención."
)
ACT_3 = (
    "Generar un vínculo de cercanía entre sociedad y gobierno, este ejercicio se llevará a cabo cada quince días en "
    "el palacio municipal donde la alcaldesa de forma presencial atenderá en conjunto con los directores del H. "
    "Ayuntamiento a la ciudadanía."
)
ACT_4 = (
    "Tener presencia en las diferentes actividades donde asista la alcaldesa y demás brigadas donde haya afluencia "
    "de ciudadanos y jefes de manzana para atender a los ciudadanos que se acerquen con alguna solicitud para el "
    "ayuntamiento."
)
ACT_5 = (
    "Actualizar y validar el padrón de Jefes de Manzana, integrar sus expedientes, y capturar su información en el "
    "sistema de gestión de programas sociales."
)
ACT_6 = "Acreditación y toma de protesta de jefes de manzana (entrega de credenciales, placas y nombramientos)."
ACT_7 = "Analizar y proponer de los jefes de manzana, para jefes de cuartel"
ACT_8 = "Capacitar jefes de manzana y jefes de cuartel por zonas"
ACT_9 = "Organizar el evento de celebración del día de jefes de manzana."


def _pares(texto):
    """'1287/2907 2692/3457 …' → [(cantidad, referencia)…] as in the PAT's cells (referencia/cantidad)."""
    celdas = []
    for celda in texto.split():
        referencia, cantidad = celda.split("/")
        celdas.append((int(cantidad), int(referencia)))
    return celdas


def _simples(texto):
    return [(int(c), None) for c in texto.split()]


# (número, descripción, unidad de medida, meta cuantitativa, total, responsables, serie, serie_referencia, celdas)
ACTIVIDADES = [
    (
        1,
        ACT_1,
        "Porcentaje de Solicitudes Ciudadanas Atendidas",
        80,
        37225,
        [DIRECTORA, SUBDIRECTOR, COORD_RL, COORD_YV],
        "recibidas",
        "atendidas",
        _pares(
            "1287/2907 2692/3457 2354/3304 962/2732 1266/2882 1994/3063 "
            "1703/2822 1855/3510 2026/3595 2173/3591 3126/1913 2236/1489"
        ),
    ),
    (
        2,
        ACT_2,
        "Llamadas de seguimiento a solicitudes ciudadanas",
        1200,
        14111,
        [SUBDIRECTOR, COORD_RL],
        "llamadas_seguimiento",
        "atendidas",
        _pares(
            "1287/843 2692/2381 2354/1995 962/846 1266/1042 1110/987 "
            "342/310 1942/1839 1739/1588 1283/1192 118/108 1009/980"
        ),
    ),
    (3, ACT_3, "", None, 0, [DIRECTORA, SUBDIRECTOR, COORD_RL, COORD_YV], "solicitudes_miercoles", "", _simples("0 " * 12)),
    (
        4,
        ACT_4,
        "Gira de Presidencia",
        50,
        471,
        [DIRECTORA, SUBDIRECTOR, COORD_RL],
        "solicitudes_gira",
        "",
        _simples("74 30 54 62 74 21 50 49 14 18 22 3"),
    ),
    (
        5,
        ACT_5,
        "Padrón de Jefes de Manzana",
        4400,
        1612,
        [DIRECTORA, SUBDIRECTOR],
        "jm_actualizados",
        "",
        _simples("91 210 621 395 105 55 5 42 19 19 41 9"),
    ),
    (
        6,
        ACT_6,
        "Padrón de Jefes de Manzana",
        4400,
        1123,
        [DIRECTORA, SUBDIRECTOR],
        "jm_acreditados",
        "",
        _simples("13 50 290 69 118 179 83 19 162 99 22 19"),
    ),
    (7, ACT_7, "Padrón de Jefes de Cuartel", None, 0, [DIRECTORA, SUBDIRECTOR], "jc_electos", "", _simples("0 " * 12)),
    (
        8,
        ACT_8,
        "Padrón de Jefes de Manzana y cuartel",
        4400,
        1213,
        [DIRECTORA, SUBDIRECTOR],
        "jm_capacitados",
        "",
        _simples("243 153 590 100 0 0 0 0 122 0 5 0"),
    ),
    (
        9,
        ACT_9,
        "Evento del día de Jefes de Manzana",
        1,
        0,
        [DIRECTORA, SUBDIRECTOR],
        "eventos_dia_jm",
        "",
        _simples("0 " * 12),
    ),
]

# (orden, actividad, resumen narrativo, nombre, método, dimensión, sentido, frecuencia, línea base, meta,
#  medios de verificación, supuestos, cálculo)
INDICADORES = [
    (
        1,
        1,
        ACT_1,
        "Porcentaje de Solicitudes Ciudadanas Atendidas",
        "Atendidas/Recibidas",
        "eficacia",
        "ascendente",
        "mensual",
        80,
        85,
        "Reporte de Atención de SIRC",
        "La ciudadanía es atendida en tiempo y forma en sus solicitudes por el SIRC",
        "porcentaje_atendidas",
    ),
    (
        2,
        2,
        ACT_2,
        "Llamadas de seguimiento o a solicitudes ciudadanas",
        "Total de llamadas de seguimiento a solicitudes ciudadanas",
        "eficiencia",
        "constante",
        "mensual",
        1500,
        1500,
        "Bitácora de Llamadas de Atención",
        "Existe disponibilidad y personal para el desarrollo de la actividad",
        "llamadas_seguimiento",
    ),
    (
        3,
        4,
        ACT_4,
        "Gira de Presidencia",
        "Solicitudes de Gira de Presidencia",
        "eficacia",
        "constante",
        "mensual",
        50,
        50,
        "Reporte de Atención de SIRC.",
        "La ciudadanía tiene solicitudes durante las giras.",
        "solicitudes_gira",
    ),
    (
        4,
        5,
        ACT_5,
        "Padrón de Jefes de Manzana",
        "Total de Jefes de Manzana Actualizados",
        "eficacia",
        "constante",
        "anual",
        4400,
        4400,
        "Padrón de Jefes de Manzana",
        "Que la ciudadanía tenga disponibilidad para desempeñar el cargo honorífico.",
        "jm_actualizados",
    ),
    (
        5,
        6,
        ACT_6,
        "Padrón de Jefes de Manzana",
        "Acreditación y toma de protesta",
        "eficacia",
        "constante",
        "anual",
        4400,
        4400,
        "Credenciales, placas y nombramientos de Jefes de Manzana",
        "Que la ciudadanía tenga disponibilidad para desempeñar el cargo honorífico.",
        "jm_acreditados",
    ),
    (
        6,
        7,
        ACT_7,
        "Padrón de Jefes de Cuartel",
        "Total de Jefes de Cuartel Electos",
        "eficacia",
        "constante",
        "anual",
        0,
        0,
        "Padrón de Jefes de Cuartel",
        "Que la ciudadanía tenga disponibilidad para desempeñar el cargo honorífico.",
        "jc_electos",
    ),
    (
        7,
        8,
        ACT_8,
        "Padrón de Jefes de Manzana y cuartel",
        "Total de Jefes de manzana y cuartel capacitados",
        "eficacia",
        "constante",
        "anual",
        4400,
        4400,
        "Padrón de Jefes de Manzana y cuartel",
        "Que los ciudadanos tengan la disposición de asistir a las capacitaciones.",
        "jm_capacitados",
    ),
    (
        8,
        9,
        "Organizar el evento de celebración del día de Jefes de Manzana",
        "Evento del día de Jefes de Manzana",
        "Evento del día de Jefes de Manzana",
        "eficacia",
        "constante",
        "anual",
        1,
        1,
        "Reporte Fotográfico",
        "Que los jefes de manzana tengan disponibilidad de asistir a la celebración",
        "eventos_dia_jm",
    ),
]


def cargar_pat_2023(apps, schema_editor):
    Programa = apps.get_model("indicadores", "Programa")
    Actividad = apps.get_model("indicadores", "Actividad")
    MetaMensual = apps.get_model("indicadores", "MetaMensual")
    Indicador = apps.get_model("indicadores", "Indicador")
    if Programa.objects.filter(anio=PROGRAMA["anio"]).exists():
        return
    programa = Programa.objects.create(**PROGRAMA)
    actividades = {}
    for numero, descripcion, unidad, meta, total, responsables, serie, referencia, celdas in ACTIVIDADES:
        actividad = Actividad.objects.create(
            programa=programa,
            numero=numero,
            descripcion=descripcion,
            unidad_medida=unidad,
            meta_cuantitativa=None if meta is None else Decimal(meta),
            meta_anual=Decimal(total),
            responsables="\n".join(responsables),
            serie=serie,
            serie_referencia=referencia,
        )
        MetaMensual.objects.bulk_create(
            MetaMensual(
                actividad=actividad,
                mes=mes,
                cantidad=Decimal(cantidad),
                referencia=None if ref is None else Decimal(ref),
            )
            for mes, (cantidad, ref) in enumerate(celdas, start=1)
        )
        actividades[numero] = actividad
    for (
        orden,
        actividad,
        resumen,
        nombre,
        metodo,
        dimension,
        sentido,
        frecuencia,
        linea_base,
        meta,
        medios,
        supuestos,
        calculo,
    ) in INDICADORES:
        Indicador.objects.create(
            programa=programa,
            actividad=actividades[actividad],
            orden=orden,
            nivel="actividad",
            resumen_narrativo=resumen,
            nombre=nombre,
            metodo_calculo=metodo,
            tipo="gestion",
            dimension=dimension,
            sentido=sentido,
            frecuencia=frecuencia,
            linea_base=Decimal(linea_base),
            meta=Decimal(meta),
            medios_verificacion=medios,
            supuestos=supuestos,
            calculo=calculo,
        )


def quitar_pat_2023(apps, schema_editor):
    Programa = apps.get_model("indicadores", "Programa")
    ReporteMensual = apps.get_model("indicadores", "ReporteMensual")
    if not ReporteMensual.objects.filter(programa__anio=PROGRAMA["anio"]).exists():
        Programa.objects.filter(anio=PROGRAMA["anio"]).delete()


class Migration(migrations.Migration):
    dependencies = [("indicadores", "0001_inicial")]

    operations = [migrations.RunPython(cargar_pat_2023, quitar_pat_2023)]
