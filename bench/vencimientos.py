"""Bench: the 24-hour policy job over a year's worth of open requests.

Creates N open requests (a share of them overdue at 1×, 2× and 3× the plazo) inside a transaction that
is rolled back at the end, so it leaves the database as it found it. Run by hand:

    DATABASE_URL=postgres://… .venv/bin/python bench/vencimientos.py [N]
"""

import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sirc.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from peticiones.models import Canal, Categoria, Colonia, Direccion, Peticion, TipoPeticion  # noqa: E402
from peticiones.vencimientos import escalar, marcar_vencidas  # noqa: E402


class Deshacer(Exception):
    pass


def main(total: int) -> None:
    ahora = timezone.now()
    try:
        with transaction.atomic():
            usuario = get_user_model().objects.create(username="bench-vencimientos")
            direccion = Direccion.objects.create(nombre="Bench Dirección", siglas="BENCHV")
            direccion.enlaces.add(usuario)
            direccion.titular = usuario
            direccion.save()
            categoria = Categoria.objects.create(nombre="Bench", direccion=direccion, plazo_horas=24)
            colonia = Colonia.objects.create(nombre="Bench Colonia", codigo_postal="00000")
            canal, _ = Canal.objects.get_or_create(clave="bench", defaults={"nombre": "Bench"})
            tipo, _ = TipoPeticion.objects.get_or_create(clave="bench", defaults={"nombre": "Bench"})
            filas = []
            for i in range(total):
                # 10 % overdue: spread over 1×, 2× and 3× the plazo; the rest on time.
                horas = [30, 54, 80][i % 3] if i % 10 == 0 else 2
                recibida = ahora - timedelta(hours=horas)
                filas.append(
                    Peticion(
                        anio=1900, numero=i + 1, folio=f"B{i + 1:09d}", tipo=tipo, canal=canal, categoria=categoria,
                        direccion=direccion, colonia=colonia, capturada_por=usuario, descripcion="bench",
                        estado=Peticion.Estado.TURNADA, fecha_recepcion=recibida,
                        fecha_limite=recibida + timedelta(hours=24),
                    )
                )  # fmt: skip
            Peticion.objects.bulk_create(filas, batch_size=2000)
            inicio = time.perf_counter()
            marcadas = marcar_vencidas(ahora)
            t_marcar = time.perf_counter() - inicio
            inicio = time.perf_counter()
            escaladas = escalar(ahora)
            t_escalar = time.perf_counter() - inicio
            inicio = time.perf_counter()
            marcar_vencidas(ahora)
            escalar(ahora)
            t_repetir = time.perf_counter() - inicio
            print(f"{connection.vendor}, {total} peticiones abiertas")
            print(f"marcar_vencidas: {len(marcadas)} nuevas vencidas en {t_marcar:.2f} s")
            print(f"escalar: {len(escaladas)} escalamientos en {t_escalar:.2f} s")
            print(f"segunda corrida (nada nuevo): {t_repetir:.2f} s")
            raise Deshacer
    except Deshacer:
        pass


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
