"""Bench: MIR PDF, dashboard and heat map with 1,000,000 requests in PostgreSQL.

Uses its own PostgreSQL database (BENCH_DATABASE_URL, default sirc_bench_indicadores — never the test DB
nor DATABASE_URL's data), fills it once with one INSERT … SELECT generate_series (~2.5 min) and keeps it
for the next run; then times each piece several times, prints a Markdown table for docs/benchmarks.md
and exits non-zero if the MIR PDF misses its 2 s target. Drop it with `DROP DATABASE sirc_bench_indicadores`.

    .venv/bin/python bench/indicadores_mir.py            # uses/creates the bench DB
    BENCH_FILAS=200000 .venv/bin/python bench/indicadores_mir.py
"""

import os
import platform
import statistics
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sirc_bench_indicadores")
FILAS = int(os.environ.get("BENCH_FILAS", "1000000"))
REPETICIONES = int(os.environ.get("BENCH_REPETICIONES", "5"))
OBJETIVO_PDF = 2.0  # seconds, GET /indicadores/mir/pdf/ with 1,000,000 requests

os.environ["DATABASE_URL"] = URL
os.environ.setdefault("DEBUG", "true")
os.environ.pop("REDIS_URL", None)  # tasks eager: nothing leaves this process
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sirc.settings")
os.environ.setdefault("INDICADORES_CACHE_SEGUNDOS", "0")  # measure the queries, not the cache


def crear_base() -> None:
    import psycopg

    nombre = URL.rsplit("/", 1)[1]
    servidor = URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(servidor, autocommit=True) as conexion:
        if not conexion.execute("SELECT 1 FROM pg_database WHERE datname = %s", [nombre]).fetchone():
            conexion.execute(f'CREATE DATABASE "{nombre}"')


INSERTAR = """
WITH cat AS (SELECT array_agg(id ORDER BY id) AS ids FROM peticiones_categoria),
col AS (SELECT array_agg(id ORDER BY id) AS ids FROM peticiones_colonia),
can AS (SELECT array_agg(id ORDER BY id) AS ids FROM peticiones_canal),
tip AS (SELECT array_agg(id ORDER BY id) AS ids FROM peticiones_tipopeticion),
crudo AS (
    SELECT g,
           %(inicio)s::timestamptz + ((g::float8 / %(filas)s) * (now() - %(inicio)s::timestamptz))
               + (random() * interval '30 minutes') AS recibida,
           cat.ids[1 + floor(random() * array_length(cat.ids, 1))::int] AS categoria_id,
           col.ids[1 + floor(random() * least(array_length(col.ids, 1), 1 + floor(random() * 100)))::int] AS colonia_id,
           can.ids[1 + floor(random() * array_length(can.ids, 1))::int] AS canal_id,
           tip.ids[1 + floor(random() * array_length(tip.ids, 1))::int] AS tipo_id,
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
)
INSERT INTO peticiones_peticion (
    anio, numero, folio, tipo_id, canal_id, categoria_id, direccion_id, descripcion, calle, numero_exterior,
    referencias, colonia_id, latitud, longitud, capturada_por_id, estado, resolucion, motivo_improcedencia,
    fecha_recepcion, fecha_limite, fecha_turnada, fecha_atendida, fecha_cerrada, fecha_improcedente,
    nivel_escalamiento, creada, actualizada
)
SELECT n.anio, n.numero, n.anio || '-' || lpad(n.numero::text, 6, '0'), n.tipo_id, n.canal_id, n.categoria_id,
       c.direccion_id, 'Petición de prueba de rendimiento', '', '', '', n.colonia_id,
       CASE WHEN n.r_punto < 0.75 THEN round((co.latitud + n.d_lat * 0.006)::numeric, 6) END,
       CASE WHEN n.r_punto < 0.75 THEN round((co.longitud + n.d_lng * 0.006)::numeric, 6) END,
       %(usuario)s,
       CASE WHEN n.atendida < now() AND n.r_estado < 0.55 THEN 'cerrada'
            WHEN n.atendida < now() AND n.r_estado < 0.86 THEN 'atendida'
            WHEN n.r_estado < 0.90 THEN 'improcedente'
            ELSE 'turnada' END,
       '', '',
       n.recibida, n.recibida + c.plazo_horas * interval '1 hour', n.recibida + interval '10 minutes',
       CASE WHEN n.atendida < now() AND n.r_estado < 0.86 THEN n.atendida END,
       CASE WHEN n.atendida < now() AND n.r_estado < 0.55 THEN n.atendida + interval '1 day' END,
       CASE WHEN NOT (n.atendida < now() AND n.r_estado < 0.86) AND n.r_estado < 0.90
            THEN least(now(), n.recibida + n.horas / 2 * interval '1 hour') END,
       0, now(), now()
FROM numerado n
JOIN peticiones_categoria c ON c.id = n.categoria_id
JOIN peticiones_colonia co ON co.id = n.colonia_id
"""


def preparar() -> None:
    from django.core.management import call_command
    from django.db import connection

    from indicadores.copiar import asegurar_programa
    from peticiones import demo
    from peticiones.models import Peticion

    call_command("migrate", verbosity=0)
    demo.cargar_catalogos()
    demo.cargar_usuarios()
    for anio in (2025, 2026):
        asegurar_programa(anio)
    existentes = Peticion.objects.count()
    if existentes == FILAS:
        print(f"La base de bench ya tiene {existentes:,} peticiones.")
        return
    from django.contrib.auth import get_user_model

    usuario = get_user_model().objects.get(username="operador").pk
    inicio = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE peticiones_peticion RESTART IDENTITY CASCADE")
        cursor.execute(INSERTAR, {"filas": FILAS, "inicio": "2025-01-01 06:00+00", "usuario": usuario})
        cursor.execute("VACUUM ANALYZE peticiones_peticion")
    print(f"Insertadas {FILAS:,} peticiones en {time.perf_counter() - inicio:.1f} s.")


def medir(nombre: str, funcion, repeticiones: int = REPETICIONES) -> tuple[str, float, float]:
    tiempos = []
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        funcion()
        tiempos.append(time.perf_counter() - inicio)
    return nombre, tiempos[0], statistics.median(tiempos[1:] or tiempos)


def main() -> None:
    crear_base()
    import django

    django.setup()
    preparar()

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from indicadores.pdf import generar_pdf
    from indicadores.periodos import Mes
    from indicadores.reporte import armar
    from peticiones.models import Categoria, Direccion, Peticion

    mes = Mes.actual().anterior()
    cliente = Client()
    cliente.force_login(get_user_model().objects.get(username="director"))
    categoria = Categoria.objects.get(nombre="Bache en vialidad")
    direccion = Direccion.objects.get(siglas="OP")

    def pdf_funcion():
        assert generar_pdf(armar(mes)).startswith(b"%PDF")

    def pedir(url, datos=None):
        def hacer():
            respuesta = cliente.get(url, datos or {})
            assert respuesta.status_code == 200, respuesta.status_code

        return hacer

    resultados = [
        medir(f"MIR PDF de {mes.nombre} (armar + reportlab)", pdf_funcion),
        medir("GET /indicadores/mir/pdf/ (vista completa)", pedir(reverse("indicadores:mir_pdf"), {"mes": mes.clave})),
        medir("GET /indicadores/mir/ (página)", pedir(reverse("indicadores:mir"), {"mes": mes.clave})),
        medir("GET /indicadores/ tablero, 12 meses", pedir(reverse("indicadores:tablero"))),
        medir(
            "GET /indicadores/ tablero, 12 meses, una dirección",
            pedir(reverse("indicadores:tablero"), {"direccion": direccion.pk}),
        ),
        medir("GET mapa/datos/ 12 meses, zoom 13", pedir(reverse("indicadores:mapa_datos"), {"zoom": 13})),
        medir(
            "GET mapa/datos/ 12 meses, zoom 16 (zona visible)",
            pedir(reverse("indicadores:mapa_datos"), {"zoom": 16, "caja": "19.17,-96.15,19.19,-96.12"}),
        ),
        medir(
            "GET mapa/datos/ 12 meses, una categoría",
            pedir(reverse("indicadores:mapa_datos"), {"zoom": 13, "categoria": categoria.pk}),
        ),
        medir(
            "GET exportar/por_direccion.xlsx, 12 meses",
            pedir(reverse("indicadores:exportar", args=["por_direccion", "xlsx"])),
        ),
    ]
    celdas = len(cliente.get(reverse("indicadores:mapa_datos"), {"zoom": 13}).json()["puntos"])
    total = Peticion.objects.count()
    print()
    print(
        f"Máquina: {platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} núcleos · "
        f"Python {platform.python_version()} · {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    print(f"Peticiones: {total:,} (PostgreSQL) · celdas del mapa a zoom 13: {celdas:,}")
    print()
    print("| medición | primera (s) | mediana siguientes (s) |")
    print("|---|---|---|")
    for nombre, primera, mediana in resultados:
        print(f"| {nombre} | {primera:.3f} | {mediana:.3f} |")
    pdf = resultados[1][2]
    if pdf > OBJETIVO_PDF:
        print(f"\nFUERA DE OBJETIVO: el PDF del MIR tardó {pdf:.2f} s (objetivo < {OBJETIVO_PDF} s).")
        sys.exit(1)


if __name__ == "__main__":
    main()
