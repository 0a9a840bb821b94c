"""Benchmark: the credentials of the whole padrón (4,400 Jefes) as a batch, with no HTTP request over 5 s.

The POST only creates the batch; the sweep that `manage.py programador` runs in the embedded default
(`lotes.recoger()`, here on a thread of this process, competing for the same CPU and GIL: a worst case)
renders it while the status page polls its fragment every half second, as htmx does; then the download.
Prints each step's time and the slowest request; exits 1 if any request took > 5 s.
Uses a throwaway database (bench/_base.py).
Usage: DATABASE_URL=postgres://… .venv/bin/python bench/padron_credenciales_lote.py
"""

import os
import platform
import sys
import tempfile
import threading
import time
from decimal import Decimal
from statistics import median

from _base import base_desechable
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from jefes_manzana import lotes
from jefes_manzana.demo import generar_filas
from jefes_manzana.models import JefeManzana, LotePdf
from peticiones import demo as demo_peticiones
from peticiones import roles
from peticiones.models import Colonia

N = 4_400
LIMITE_PETICION = 5.0


def main() -> int:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

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
    usuario = get_user_model().objects.create_user("supervisora.bench", password=None)
    usuario.groups.add(Group.objects.get(name=roles.SUPERVISOR))
    cliente = Client()
    cliente.force_login(usuario)

    tiempos: list[tuple[str, float]] = []

    def pedir(etiqueta: str, metodo, url: str, **datos):
        inicio = time.perf_counter()
        respuesta = metodo(url, datos) if datos else metodo(url)
        if hasattr(respuesta, "streaming_content"):
            respuesta = b"".join(respuesta.streaming_content)
        tiempos.append((etiqueta, time.perf_counter() - inicio))
        return respuesta

    respuesta = pedir("POST credenciales de la búsqueda", cliente.post, reverse("jefes_manzana:credenciales_busqueda"),
                      consulta="")  # fmt: skip
    pk = LotePdf.objects.get().pk
    assert respuesta.status_code == 302
    pedir("GET página del lote", cliente.get, reverse("jefes_manzana:lote", args=[pk]))

    inicio_lote = time.perf_counter()
    trabajador = threading.Thread(target=lambda: (lotes.recoger(), connection.close()))  # the programador's sweep
    trabajador.start()
    avance = reverse("jefes_manzana:lote_avance", args=[pk])
    while True:
        fragmento = pedir("GET avance (htmx)", cliente.get, avance).content.decode()
        if "hx-get" not in fragmento:
            break
        time.sleep(0.5)  # htmx polls every 2 s; twice as often here to catch slow requests
    trabajador.join()
    total_lote = time.perf_counter() - inicio_lote
    lote = LotePdf.objects.get(pk=pk)
    assert lote.estado == LotePdf.Estado.TERMINADO, lote.error
    pdf = pedir("GET descarga del PDF", cliente.get, reverse("jefes_manzana:lote_descargar", args=[pk]))
    print(
        f"Lote de {N} credenciales ({N // 10} hojas): {total_lote:6.2f} s en el trabajador; PDF {len(pdf) / 1e6:.1f} MB"
    )
    sondeos = [t for e, t in tiempos if e.startswith("GET avance")]
    for etiqueta in dict.fromkeys(e for e, _ in tiempos):
        propios = [t for e, t in tiempos if e == etiqueta]
        mediana, maximo = median(propios) * 1000, max(propios) * 1000
        print(f"  {etiqueta:<34} {len(propios):3d} × mediana {mediana:7.1f} ms, máx {maximo:7.1f} ms")
    peor = max(tiempos, key=lambda x: x[1])
    print(f"Peticiones HTTP: {len(tiempos)} ({len(sondeos)} sondeos); la más lenta: {peor[0]} {peor[1]:.2f} s "
          f"({'ok' if peor[1] < LIMITE_PETICION else 'LENTA'}; límite {LIMITE_PETICION:.0f} s)")  # fmt: skip
    return 0 if peor[1] < LIMITE_PETICION else 1


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as medios, base_desechable():
        settings.MEDIA_ROOT = medios
        codigo = main()
    sys.exit(codigo)
