"""Benchmark: import (dry-run and confirmed) of 4,400 and 50,000 padrón rows, and CSV/XLSX exports.

Targets (issue 6): 4,400 rows < 3 s each step with a number of SQL statements that does not grow with the
rows (same count for 4,400 and 50,000); 50,000 rows < 30 s; export CSV < 1 s and XLSX < 3 s. Uses a
throwaway database (bench/_base.py); exits 1 if a target is missed.
Usage: DATABASE_URL=postgres://… .venv/bin/python bench/padron_importacion.py
"""

import csv
import io
import os
import platform
import sys
import time
from collections import deque

from _base import base_desechable
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jefes_manzana.demo import generar_filas
from jefes_manzana.exportacion import exportar_padron
from jefes_manzana.importacion import importar_padron, leer_archivo
from jefes_manzana.models import Cuartel, JefeManzana
from jefes_manzana.recursos import ENCABEZADOS
from peticiones import demo as demo_peticiones
from peticiones.models import Colonia

METAS = {4_400: 3.0, 50_000: 30.0}
METAS_EXPORTAR = {"csv": 1.0, "xlsx": 3.0}


def archivo_csv(filas: list[dict]) -> bytes:
    salida = io.StringIO()
    escritor = csv.DictWriter(salida, fieldnames=ENCABEZADOS, extrasaction="ignore")
    escritor.writeheader()
    escritor.writerows(filas)
    return salida.getvalue().encode("utf-8")


def medir(etiqueta: str, funcion, meta: float) -> tuple[float, int]:
    connection.queries_log = deque(maxlen=1_000_000)  # count every statement, even for 50,000 rows
    with CaptureQueriesContext(connection) as consultas:
        inicio, cpu = time.perf_counter(), time.process_time()
        funcion()
        segundos, cpu = time.perf_counter() - inicio, time.process_time() - cpu
    n = len(consultas.captured_queries)
    marca = "ok" if segundos < meta else "LENTO"
    print(
        f"{etiqueta:<40} {segundos:6.2f} s (CPU de Python {cpu:5.2f} s; meta < {meta:g} s, {marca}) {n:3d} sentencias"
    )
    return segundos, n


def importar(contenido: bytes, confirmar: bool) -> None:
    resultado = importar_padron(leer_archivo("padron.csv", contenido), confirmar=confirmar)
    assert resultado.valido, resultado.errores[:5]


def main() -> int:
    with open("/proc/loadavg") as f:
        carga = f.read().split()[0]
    python = platform.python_version()
    print(
        f"Máquina: {platform.machine()}, {os.cpu_count()} núcleos, carga {carga}, Python {python}, {connection.vendor}"
    )
    fallas = 0
    sentencias: dict[str, set[int]] = {"vista previa": set(), "altas": set(), "actualizaciones": set()}
    demo_peticiones.cargar_catalogos()
    colonias = list(Colonia.objects.order_by("nombre"))
    Cuartel.objects.bulk_create([Cuartel(numero=n, nombre=f"Cuartel {n}") for n in range(1, 14)])
    por_colonia = {c.pk: (i % 13) + 1 for i, c in enumerate(colonias)}
    for n, meta in METAS.items():
        contenido = archivo_csv(generar_filas(n, colonias, por_colonia, semilla=n))
        for paso, confirmar in (("vista previa", False), ("altas", True), ("actualizaciones", True)):
            segundos, consultas = medir(f"{n:>6} filas · {paso}", lambda c=contenido, x=confirmar: importar(c, x), meta)
            fallas += segundos >= meta
            sentencias[paso].add(consultas)
        if n == 4_400:
            qs = JefeManzana.objects.order_by("apellidos", "nombres", "id")
            for formato, meta_exp in METAS_EXPORTAR.items():
                segundos, _ = medir(
                    f"{n:>6} filas · exportar {formato.upper()}",
                    lambda q=qs, f=formato: exportar_padron(q, f),
                    meta_exp,
                )
                fallas += segundos >= meta_exp
        JefeManzana.objects.all().delete()
    for paso, cuentas in sentencias.items():
        if len(cuentas) != 1:
            print(f"Las sentencias SQL de «{paso}» crecen con las filas: {sorted(cuentas)}")
            fallas += 1
    return 1 if fallas else 0


if __name__ == "__main__":
    with base_desechable():
        codigo = main()
    sys.exit(codigo)
