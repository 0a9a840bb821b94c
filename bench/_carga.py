"""Bulk loader for the HTTP benches: N requests in a PostgreSQL bench database, in SQL (no per-row Python).

One `INSERT … SELECT generate_series` per table inside one transaction with triggers off
(`session_replication_role = replica`: no history rows, no FK checks for rows we generate consistently), so
1,000,000 requests load in a few minutes: citizens (one per 3 requests), requests spread evenly over
max(3, N / 800,000) years up to now (numbered per year, realistic states and dates, 75 % with a map point,
10 % «fuga de agua» for the text search), one bitácora line each, and the folio counters. Catalogs, demo users
and the MIR programs come from the demo loaders (`peticiones.demo`, `indicadores.copiar`).

Used by bench/paginas_http.py (and any bench that needs a big database):

    from bench import _carga as carga
    carga.crear_bd(url)
    carga.preparar(url, filas)        # migrate, catalogs, users; reloads only if the count differs

Only for bench databases: it TRUNCATEs the request tables of the database it is given.
"""

import math
import time
import urllib.parse
from datetime import timedelta

# Descriptions: 20 phrases, «fuga de agua» 2 of them (≈ 10 % of rows), so «fuga agua» is a realistic worst case.
FRASES = [
    "Fuga de agua potable en la banqueta",
    "Luminaria apagada desde hace una semana",
    "Bache profundo a media calle, peligroso de noche",
    "Basura acumulada en la esquina",
    "Drenaje tapado, salen aguas negras a la calle",
    "Árbol caído obstruye la calle tras la lluvia",
    "Poda de árbol: ramas sobre los cables de luz",
    "Semáforo descompuesto en el cruce",
    "Encharcamiento que no baja desde ayer",
    "Ruido excesivo toda la noche",
    "Fuga de agua en el registro desde ayer",
    "No ha pasado el camión de basura en cuatro días",
    "Tres luminarias apagadas, la calle está oscura",
    "Bache grande que ya dañó llantas",
    "Puesto ambulante ocupa toda la banqueta",
    "Tiran escombro y basura en el terreno baldío",
    "Muchos moscos en la cuadra, piden fumigación",
    "Registro de drenaje rebosando",
    "Se inunda la calle cada vez que llueve",
    "Perro abandonado en el parque",
]
NOMBRES = ["María", "José", "Juan", "Guadalupe", "Rosa", "Luis", "Carmen", "Miguel", "Ana", "Jorge"]
APELLIDOS = ["Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez"]

CIUDADANOS = """
INSERT INTO peticiones_ciudadano (nombre, apellidos, telefono, correo, domicilio, colonia_id, aviso_privacidad_fecha,
    telefono_por_verificar, revisar, creado)
SELECT (%(nombres)s::text[])[1 + g %% 10], (%(apellidos)s::text[])[1 + (g / 10) %% 9] || ' Bench',
       '22' || lpad(g::text, 8, '0'), '', '', col.ids[1 + g %% array_length(col.ids, 1)], now(), '', '', now()
FROM generate_series(1, %(ciudadanos)s) AS g,
     (SELECT array_agg(id ORDER BY id) AS ids FROM peticiones_colonia) AS col
"""

PETICIONES = """
WITH cat AS (SELECT array_agg(id ORDER BY id) AS ids FROM peticiones_categoria),
col AS (SELECT array_agg(id ORDER BY id) AS ids FROM peticiones_colonia),
can AS (SELECT array_agg(id ORDER BY id) AS ids FROM peticiones_canal),
tip AS (SELECT array_agg(id ORDER BY id) AS ids FROM peticiones_tipopeticion),
crudo AS (
    SELECT g,
           %(inicio)s::timestamptz + ((g::float8 / %(filas)s) * (now() - %(inicio)s::timestamptz))
               - (random() * interval '30 minutes') AS recibida,
           cat.ids[1 + floor(random() * array_length(cat.ids, 1))::int] AS categoria_id,
           col.ids[1 + floor(random() * least(array_length(col.ids, 1), 1 + floor(random() * 100)))::int] AS colonia_id,
           can.ids[1 + floor(random() * array_length(can.ids, 1))::int] AS canal_id,
           tip.ids[1 + floor(random() * array_length(tip.ids, 1))::int] AS tipo_id,
           1 + floor(random() * %(ciudadanos)s)::bigint AS ciudadano_id,
           floor(random() * 20)::int AS frase, floor(1 + random() * 400)::int AS calle,
           random() AS r_estado, -ln(1 - random()) * 30 AS horas, random() AS r_punto,
           random() - 0.5 AS d_lat, random() - 0.5 AS d_lng
    FROM generate_series(1, %(filas)s) AS g, cat, col, can, tip
),
numerado AS (
    SELECT crudo.*,
           extract(year FROM recibida AT TIME ZONE 'America/Mexico_City')::int AS anio,
           row_number() OVER (
               PARTITION BY extract(year FROM recibida AT TIME ZONE 'America/Mexico_City') ORDER BY g
           ) AS numero,
           recibida + horas * interval '1 hour' AS atendida
    FROM crudo
),
fijado AS (
    SELECT n.*, c.direccion_id, c.plazo_horas, co.latitud AS co_lat, co.longitud AS co_lng,
           CASE WHEN n.atendida < now() AND n.r_estado < 0.55 THEN 'cerrada'
                WHEN n.atendida < now() AND n.r_estado < 0.86 THEN 'atendida'
                WHEN n.r_estado < 0.90 THEN 'improcedente'
                WHEN n.r_estado < 0.91 THEN 'cancelada'
                WHEN n.r_estado < 0.94 THEN 'recibida'
                WHEN n.r_estado < 0.97 THEN 'en_proceso'
                ELSE 'turnada' END AS estado
    FROM numerado n
    JOIN peticiones_categoria c ON c.id = n.categoria_id
    JOIN peticiones_colonia co ON co.id = n.colonia_id
)
INSERT INTO peticiones_peticion (
    anio, numero, folio, tipo_id, canal_id, categoria_id, direccion_id, descripcion, calle, numero_exterior,
    referencias, colonia_id, latitud, longitud, ciudadano_id, capturada_por_id, estado, resolucion,
    motivo_improcedencia, fecha_recepcion, fecha_limite, fecha_turnada, fecha_en_proceso, fecha_atendida,
    fecha_cerrada, fecha_improcedente, fecha_cancelada, nivel_escalamiento, creada, actualizada, respuestas
)
SELECT f.anio, f.numero, f.anio || '-' || lpad(f.numero::text, 6, '0'), f.tipo_id, f.canal_id, f.categoria_id,
       f.direccion_id, (%(frases)s::text[])[1 + f.frase] || ' en la calle ' || f.calle, 'Calle ' || f.calle,
       (1 + f.g %% 3000)::text, '', f.colonia_id,
       CASE WHEN f.r_punto < 0.75 THEN round((f.co_lat + f.d_lat * 0.006)::numeric, 6) END,
       CASE WHEN f.r_punto < 0.75 THEN round((f.co_lng + f.d_lng * 0.006)::numeric, 6) END,
       f.ciudadano_id, %(usuario)s, f.estado,
       CASE WHEN f.estado IN ('atendida', 'cerrada') THEN 'Atendida por la cuadrilla.' ELSE '' END,
       CASE WHEN f.estado IN ('improcedente', 'cancelada') THEN 'No corresponde al municipio.' ELSE '' END,
       f.recibida, f.recibida + f.plazo_horas * interval '1 hour',
       CASE WHEN f.estado <> 'recibida' THEN f.recibida + interval '10 minutes' END,
       CASE WHEN f.estado IN ('en_proceso', 'atendida', 'cerrada') THEN f.recibida + interval '1 hour' END,
       CASE WHEN f.estado IN ('atendida', 'cerrada') THEN f.atendida END,
       CASE WHEN f.estado = 'cerrada' THEN f.atendida + interval '1 day' END,
       CASE WHEN f.estado = 'improcedente' THEN least(now(), f.recibida + f.horas / 2 * interval '1 hour') END,
       CASE WHEN f.estado = 'cancelada' THEN least(now(), f.recibida + f.horas / 2 * interval '1 hour') END,
       0, f.recibida, f.recibida, '{}'::jsonb
FROM fijado f
"""

BITACORA = """
INSERT INTO peticiones_eventobitacora (peticion_id, fecha, usuario_id, tipo, descripcion, publico, datos)
SELECT id, fecha_recepcion, capturada_por_id, 'captura', 'Recibida (carga de benchmark).', true, '{}'::jsonb
FROM peticiones_peticion
"""

CONTADORES = """
INSERT INTO peticiones_contadorfolio (anio, ultimo)
SELECT anio, max(numero) FROM peticiones_peticion GROUP BY anio
ON CONFLICT (anio) DO UPDATE SET ultimo = EXCLUDED.ultimo
"""

# Every table whose rows hang from a request or a citizen (TRUNCATE … CASCADE empties the rest).
TABLAS = "peticiones_peticion, peticiones_ciudadano, peticiones_contadorfolio"


def nombre_bd(url: str) -> str:
    return urllib.parse.urlparse(url).path.lstrip("/")


def crear_bd(url: str) -> None:
    """CREATE DATABASE if missing (connects to the server's `postgres` database)."""
    import psycopg

    nombre = nombre_bd(url)
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conexion:
        if not conexion.execute("SELECT 1 FROM pg_database WHERE datname = %s", [nombre]).fetchone():
            conexion.execute(f'CREATE DATABASE "{nombre}"')


def anios_para(filas: int) -> int:
    """Years the load spans: 3, or more so no year passes 800,000 folios (the folio has 6 digits)."""
    return max(3, math.ceil(filas / 800_000))


def preparar(url: str, filas: int | None, recargar: bool = False) -> int:
    """Migrate, catalogs, demo users, MIR programs; load `filas` requests if the count differs (or `recargar`).

    `filas=None` keeps whatever the database has (bench/paginas_http.py --db). Django must be set up on `url` already.
    Returns the number of requests in the database.
    """
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from indicadores import conteos
    from indicadores.copiar import asegurar_programa
    from peticiones import demo
    from peticiones.models import Peticion

    call_command("migrate", verbosity=0)
    demo.cargar_catalogos()
    demo.cargar_usuarios()
    existentes = Peticion.objects.count()
    # earlier runs' captures (a few thousand) do not force a reload
    if filas is None or (not recargar and filas <= existentes <= filas + max(filas // 20, 5000)):
        print(f"La base {nombre_bd(url)} tiene {existentes:,} peticiones; no se recarga.", flush=True)
        filas = existentes
    else:
        anios = anios_para(filas)
        inicio_carga = timezone.now() - timedelta(days=365 * anios)
        print(f"Cargando {filas:,} peticiones ({anios} años) en {nombre_bd(url)}…", flush=True)
        usuario = get_user_model().objects.get(username="operador").pk
        t0 = time.perf_counter()
        with transaction.atomic(), connection.cursor() as c:
            c.execute("SET LOCAL session_replication_role = replica")  # no triggers: no history rows, no FK checks
            c.execute("SET LOCAL work_mem = '256MB'")
            c.execute(f"TRUNCATE {TABLAS} RESTART IDENTITY CASCADE")
            ciudadanos = max(filas // 3, 1)
            c.execute(CIUDADANOS, {"ciudadanos": ciudadanos, "nombres": NOMBRES, "apellidos": APELLIDOS})
            c.execute(
                PETICIONES,
                {
                    "filas": filas,
                    "inicio": inicio_carga,
                    "usuario": usuario,
                    "ciudadanos": ciudadanos,
                    "frases": FRASES,
                },
            )
            c.execute(BITACORA)
            c.execute(CONTADORES)
        print(f"  insertadas en {time.perf_counter() - t0:.0f} s; conteos mensuales, VACUUM ANALYZE…", flush=True)
        conteos.reconstruir()  # the triggers were off: the dashboard's counters are rebuilt from the requests
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE")
        print(f"  carga total {time.perf_counter() - t0:.0f} s", flush=True)
    for anio in range(timezone.localdate().year - anios_para(filas), timezone.localdate().year + 1):
        asegurar_programa(anio)
    return filas
