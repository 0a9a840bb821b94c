"""Benchmark: render the credential cards of 4,400 Jefes de Manzana (A4 sheets of 10). Target < 60 s.

Runs inside a transaction that is rolled back. Usage: DATABASE_URL=postgres://… python bench/padron_credenciales.py
"""

import platform
import time
from decimal import Decimal

import _django  # noqa: F401  (sets up Django)
from django.db import connection, transaction

from jefes_manzana import acciones
from jefes_manzana.demo import generar_filas
from jefes_manzana.models import JefeManzana
from jefes_manzana.pdf.credenciales import hoja_de_credenciales
from peticiones import demo as demo_peticiones
from peticiones.models import Colonia

N = 4_400


class Revertir(Exception):
    pass


def main() -> None:
    maquina = platform.processor() or platform.machine()
    print(f"Máquina: {maquina}, Python {platform.python_version()}, {connection.vendor}")
    try:
        with transaction.atomic():
            if not Colonia.objects.exists():
                demo_peticiones.cargar_catalogos()
            colonias = {c.nombre: c for c in Colonia.objects.all()}
            JefeManzana.objects.all().delete()
            JefeManzana.objects.bulk_create(
                [
                    JefeManzana(
                        curp=f["CURP"], nombres=f["Nombre(s)"], apellidos=f["Apellidos"], manzana=f["Manzana"],
                        colonia=colonias[f["Colonia"]], estado="activo", latitud=Decimal(f["Latitud"]),
                        longitud=Decimal(f["Longitud"]),
                    )
                    for f in generar_filas(N, list(colonias.values()), {})
                ]
            )  # fmt: skip
            inicio = time.perf_counter()
            acciones.emitir_credenciales(JefeManzana.objects.all())
            emitir = time.perf_counter() - inicio
            jefes = JefeManzana.objects.select_related("colonia", "cuartel").order_by("id")
            inicio = time.perf_counter()
            pdf = hoja_de_credenciales(jefes.iterator(chunk_size=500))
            render = time.perf_counter() - inicio
            print(f"Emitir {N} credenciales (número, QR, vigencia): {emitir:6.2f} s")
            print(f"Dibujar {N} credenciales en {N // 10} hojas A4:      {render:6.2f} s  ({len(pdf) / 1e6:.1f} MB)")
            raise Revertir
    except Revertir:
        pass


if __name__ == "__main__":
    main()
