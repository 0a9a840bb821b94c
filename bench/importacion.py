"""Bench: historical import of a year's file (37,000 rows, CSV) with django-import-export in bulk.

Measures the dry run (revisión: every row checked, nothing written) and the confirmed import, each once,
over a database with 3,000 citizens whose phones the file repeats, and counts their SQL statements.
Target: each under 30 s on PostgreSQL. Usage: `.venv/bin/python bench/importacion.py [--filas 37000]`.
"""

import argparse
import random
import sys
import time
from datetime import datetime

from _base import base_desechable
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peticiones import demo, roles
from peticiones.models import Categoria, Ciudadano, Colonia, Peticion
from peticiones.recursos import COLUMNAS, importar

OBJETIVO_S = 30


def archivo(filas: int) -> bytes:
    """A city spreadsheet of 2025: half the rows with their folio, two thirds with a citizen (phones repeat)."""
    azar = random.Random(2025)
    categorias = list(Categoria.objects.values_list("nombre", flat=True))
    colonias = [str(c) for c in Colonia.objects.all()]
    estados = ["Cerrada"] * 6 + ["Atendida", "Turnada", "Recibida", "Improcedente"]
    lineas = [",".join(COLUMNAS)]
    for n in range(1, filas + 1):
        recepcion = datetime(2025, 1, 1) + (datetime(2025, 12, 31) - datetime(2025, 1, 1)) * azar.random()
        folio = f"2025-{n:06d}" if n % 2 else ""
        con_ciudadano = n % 3 != 0
        valores = {
            "folio": folio,
            "fecha_recepcion": f"{recepcion:%d/%m/%Y %H:%M}",
            "estado": azar.choice(estados),
            "categoria": azar.choice(categorias),
            "descripcion": f"Reporte histórico número {n}, frente a la escuela",
            "calle": "Av. Díaz Mirón",
            "numero": str(azar.randint(1, 3000)),
            "colonia": azar.choice(colonias),
            "ciudadano_nombre": "Vecina" if con_ciudadano else "",
            "ciudadano_apellidos": "Histórica" if con_ciudadano else "",
            "ciudadano_telefono": f"229{azar.randint(1000000, 1020000)}" if con_ciudadano else "",
            "fecha_cierre": f"{recepcion:%d/%m/%Y} 18:00",
        }
        lineas.append(",".join(f'"{valores.get(c, "")}"' for c in COLUMNAS))
    return ("\n".join(lineas) + "\n").encode()


def medir_importacion(contenido: bytes, usuario, *, confirmar: bool) -> tuple[float, int, int]:
    with CaptureQueriesContext(connection) as consultas:
        inicio = time.perf_counter()
        resultado = importar(contenido, "historico-2025.csv", usuario=usuario, confirmar=confirmar)
        segundos = time.perf_counter() - inicio
    if not resultado.valido:
        sys.exit("La importación falló: " + "; ".join(resultado.errores[:5]))
    en_sql = sum(float(c["time"]) for c in consultas.captured_queries)
    lentas = sorted(consultas.captured_queries, key=lambda c: -float(c["time"]))[:3]
    print(
        f"  ({'importación' if confirmar else 'revisión'}: {en_sql:.1f} s en SQL; más lentas: "
        + "; ".join(f"{float(c['time']):.2f} s {c['sql'][:60]}" for c in lentas)
        + ")"
    )
    return segundos, len(consultas.captured_queries), resultado.nuevas


def main() -> None:
    argumentos = argparse.ArgumentParser(description=__doc__)
    argumentos.add_argument("--filas", type=int, default=37_000)
    a = argumentos.parse_args()
    with base_desechable():
        demo.cargar_catalogos()
        usuario = get_user_model().objects.create(username="bench-importa")
        usuario.groups.add(Group.objects.get(name=roles.SUPERVISOR))
        # A year already in the database (2026) and a few thousand citizens with phones the file repeats.
        Ciudadano.objects.bulk_create(
            [Ciudadano(nombre="Conocida", telefono=f"229{1000000 + i * 7}") for i in range(3000)], batch_size=1000
        )
        contenido = archivo(a.filas)
        revision = medir_importacion(contenido, usuario, confirmar=False)
        assert Peticion.objects.count() == 0
        importacion = medir_importacion(contenido, usuario, confirmar=True)
        assert Peticion.objects.count() == a.filas
        ciudadanos = Ciudadano.objects.count()
    fallo = False
    for nombre, (segundos, sentencias, nuevas) in (("Revisión", revision), ("Importación", importacion)):
        fallo |= segundos > OBJETIVO_S
        print(
            f"{nombre}: {nuevas:,} filas en {segundos:.1f} s ({nuevas / segundos:,.0f} filas/s), "
            f"{sentencias} sentencias SQL (meta < {OBJETIVO_S} s)"
        )
    print(f"Ciudadanos al final: {ciudadanos:,} ({connection.vendor})")
    sys.exit(1 if fallo else 0)


if __name__ == "__main__":
    main()
