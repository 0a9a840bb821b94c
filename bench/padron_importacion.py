"""Benchmark: import (dry-run and confirmed) of 4,400 and 50,000 padrón rows, and CSV/XLSX exports.

Targets (issue 6): 4,400 rows < 3 s each step with a constant number of SQL statements; 50,000 rows
< 30 s; export CSV < 1 s and XLSX < 3 s. Runs inside a transaction that is rolled back: the database
is left as it was. Usage: DATABASE_URL=postgres://… python bench/padron_importacion.py
"""

import csv
import io
import os
import platform
import time
from collections import deque

import _django  # noqa: F401  (sets up Django)
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from jefes_manzana.demo import generar_filas
from jefes_manzana.exportacion import exportar_padron
from jefes_manzana.importacion import importar_padron, leer_archivo
from jefes_manzana.models import Cuartel, JefeManzana
from jefes_manzana.recursos import ENCABEZADOS
from peticiones import demo as demo_peticiones
from peticiones.models import Colonia


class Revertir(Exception):
    pass


def archivo_csv(filas: list[dict]) -> bytes:
    salida = io.StringIO()
    escritor = csv.DictWriter(salida, fieldnames=ENCABEZADOS, extrasaction="ignore")
    escritor.writeheader()
    escritor.writerows(filas)
    return salida.getvalue().encode("utf-8")


def medir(etiqueta: str, funcion):
    connection.queries_log = deque(maxlen=1_000_000)  # count every statement, even for 50,000 rows
    with CaptureQueriesContext(connection) as consultas:
        inicio = time.perf_counter()
        resultado = funcion()
        segundos = time.perf_counter() - inicio
    print(f"{etiqueta:<48} {segundos:7.2f} s  {len(consultas.captured_queries):4d} sentencias SQL")
    return resultado


def importar(contenido: bytes, confirmar: bool):
    resultado = importar_padron(leer_archivo("padron.csv", contenido), confirmar=confirmar)
    assert resultado.valido, resultado.errores[:5]
    return resultado


def main() -> None:
    with open("/proc/loadavg") as f:
        carga = f.read().split()[0]
    python = platform.python_version()
    print(
        f"Máquina: {platform.machine()}, {os.cpu_count()} núcleos, carga {carga}, Python {python}, {connection.vendor}"
    )
    try:
        with transaction.atomic():
            if not Colonia.objects.exists():
                demo_peticiones.cargar_catalogos()
            colonias = list(Colonia.objects.order_by("nombre"))
            if not Cuartel.objects.exists():
                Cuartel.objects.bulk_create([Cuartel(numero=n, nombre=f"Cuartel {n}") for n in range(1, 14)])
            por_colonia = {c.pk: (i % 13) + 1 for i, c in enumerate(colonias)}
            JefeManzana.objects.all().delete()

            for n in (4_400, 50_000):
                filas = generar_filas(n, colonias, por_colonia, semilla=n)
                contenido = archivo_csv(filas)
                medir(f"{n:>6} filas · vista previa (dry-run)", lambda c=contenido: importar(c, False))
                medir(f"{n:>6} filas · importación confirmada (altas)", lambda c=contenido: importar(c, True))
                medir(f"{n:>6} filas · reimportación (actualizaciones)", lambda c=contenido: importar(c, True))
                if n == 4_400:
                    qs = JefeManzana.objects.order_by("apellidos", "nombres", "id")
                    medir(f"{n:>6} filas · exportar CSV", lambda q=qs: exportar_padron(q, "csv"))
                    medir(f"{n:>6} filas · exportar XLSX", lambda q=qs: exportar_padron(q, "xlsx"))
                JefeManzana.objects.all().delete()
            raise Revertir
    except Revertir:
        pass


if __name__ == "__main__":
    main()
