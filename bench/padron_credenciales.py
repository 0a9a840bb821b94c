"""Benchmark: render the credential cards of 4,400 Jefes de Manzana (A4 sheets of 10). Target < 60 s.

Uses a throwaway database (bench/_base.py); exits 1 if the target is missed.
Usage: DATABASE_URL=postgres://… .venv/bin/python bench/padron_credenciales.py
"""

import os
import platform
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from _base import base_desechable
from django.conf import settings
from django.db import connection
from PIL import Image

from jefes_manzana import acciones
from jefes_manzana.demo import generar_filas
from jefes_manzana.models import JefeManzana
from jefes_manzana.pdf.credenciales import hoja_de_credenciales
from peticiones import demo as demo_peticiones
from peticiones.models import Colonia

N = 4_400
META = 60.0


def main() -> int:
    with open("/proc/loadavg") as f:
        carga = f.read().split()[0]
    print(f"Máquina: {platform.machine()}, {os.cpu_count()} núcleos, carga {carga}, {connection.vendor}")
    demo_peticiones.cargar_catalogos()
    colonias = {(c.nombre, c.codigo_postal): c for c in Colonia.objects.all()}
    JefeManzana.objects.bulk_create(
        [
            JefeManzana(
                curp=f["CURP"], nombres=f["Nombre(s)"], apellidos=f["Apellidos"], manzana=f["Manzana"],
                colonia=colonias[(f["Colonia"], f["Código postal"])], estado="activo",
                latitud=Decimal(f["Latitud"]), longitud=Decimal(f["Longitud"]),
            )
            for f in generar_filas(N, list(colonias.values()), {})
        ]
    )  # fmt: skip
    inicio = time.perf_counter()
    acciones.emitir_credenciales(JefeManzana.objects.all())
    emitir = time.perf_counter() - inicio
    print(f"Emitir {N} credenciales (número, QR, vigencia): {emitir:6.2f} s")
    fallas = 0
    for etiqueta in ("sin foto", "con foto propia (JPEG 300×375)"):
        if etiqueta.startswith("con"):
            fotos = Path(settings.MEDIA_ROOT) / "jefes_manzana" / "fotos"
            fotos.mkdir(parents=True, exist_ok=True)
            jefes = list(JefeManzana.objects.only("id"))
            for jefe in jefes:  # a distinct photo each, as in real life (not timed)
                color = (jefe.pk * 7 % 255, 120, jefe.pk % 255)
                Image.new("RGB", (300, 375), color).save(fotos / f"{jefe.pk}.jpg", quality=80)
                jefe.foto.name = f"jefes_manzana/fotos/{jefe.pk}.jpg"
            JefeManzana.objects.bulk_update(jefes, ["foto"], batch_size=500)
        qs = JefeManzana.objects.select_related("colonia", "cuartel").order_by("id")
        inicio, cpu = time.perf_counter(), time.process_time()
        pdf = hoja_de_credenciales(qs.iterator(chunk_size=500))
        dibujar, cpu = time.perf_counter() - inicio, time.process_time() - cpu
        marca = "ok" if emitir + dibujar < META else "LENTO"
        fallas += emitir + dibujar >= META
        tamano = len(pdf) / 1e6
        print(
            f"Dibujar {N} ({N // 10} hojas), {etiqueta}: {dibujar:6.2f} s (CPU {cpu:5.2f} s; {tamano:.1f} MB; {marca})"
        )
    return 1 if fallas else 0


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as medios, base_desechable():
        settings.MEDIA_ROOT = medios
        codigo = main()
    sys.exit(codigo)
