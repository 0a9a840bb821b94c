#!/usr/bin/env python
"""Bench: what the history triggers (django-pghistory, sirc/historial.py) cost on a write.

One capture (`peticiones.acciones.captura.capturar`: a new caller → a new Ciudadano, the Peticion, its folio,
bitácora line, consent and outbox notice, in one transaction) measured in-process on PostgreSQL, in three
variants interleaved in the same run so the shared machine's noise hits them alike:

- sin disparadores: the pghistory triggers disabled (ALTER TABLE … DISABLE TRIGGER) — SIRC before the history;
- con disparadores: enabled, no context (a background process);
- con disparadores y contexto: enabled, inside `historial.contexto(usuario=…, url=…)`, as every web POST runs
  (the middleware): pghistory prefixes each statement with `set_config(…)` and upserts a context row;

next to the stack's floor: one bare INSERT of one row in its own transaction through the same connection.

Reported per capture: median and p90 wall time, the client's CPU (Python) and the PostgreSQL backend's CPU
(read from /proc/<backend pid>/stat, so only when PostgreSQL runs on this machine), and the ratios to
«sin disparadores». The notice's Celery hand-off is replaced by a no-op (it runs off the request's thread in
production). Run by hand, never in CI:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/sirc_NOMBRE
    .venv/bin/python bench/historial_escritura.py [--rondas 12 --lote 25]
"""

import argparse
import os
import random
import statistics
import time
from pathlib import Path

from _base import base_desechable
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction

from peticiones import demo, notificaciones, roles
from peticiones.acciones.captura import DatosCiudadano, capturar
from peticiones.models import Canal, Categoria, Colonia, TipoPeticion
from sirc import historial

VARIANTES = ("sin disparadores", "con disparadores", "con disparadores y contexto")
PISO = "piso: 1 INSERT"


def _disparadores_del_historial() -> list:
    """(model, trigger) of every pghistory trigger that writes an event (not the event tables' protection)."""
    import pgtrigger

    return [(m, t) for m, t in pgtrigger.registered() if type(t).__module__.startswith("pghistory")]


def _activar(disparadores: list, activos: bool) -> None:
    with connection.cursor() as cursor:
        for modelo, disparador in disparadores:
            accion = "ENABLE" if activos else "DISABLE"
            cursor.execute(f'ALTER TABLE "{modelo._meta.db_table}" {accion} TRIGGER "{disparador.get_pgid(modelo)}"')


def _cpu_backend(pid: int) -> float:
    """utime + stime of the PostgreSQL backend, in seconds (0 if it is not on this machine)."""
    try:
        campos = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(campos[11]) + int(campos[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rondas", type=int, default=12, help="rondas; en cada una, cada variante en orden al azar")
    parser.add_argument("--lote", type=int, default=25, help="capturas seguidas por variante en cada ronda")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Este banco necesita PostgreSQL: exporte DATABASE_URL=postgres://…")
    notificaciones.encolar_al_confirmar = lambda *a, **k: ""  # measure the transaction, not the hand-off

    with base_desechable():
        demo.cargar_catalogos()
        operador = get_user_model().objects.create(username="bench-historial")
        operador.groups.add(Group.objects.get(name=roles.OPERADOR))
        categorias = list(Categoria.objects.filter(activa=True).select_related("direccion"))
        colonias = list(Colonia.objects.all())
        tipo, canal = TipoPeticion.objects.get(clave="peticion"), Canal.objects.get(clave="linea-072")
        disparadores = _disparadores_del_historial()
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_piso (id bigserial PRIMARY KEY, texto text NOT NULL)")
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        azar = random.Random(11)
        telefonos = iter(range(2_290_000_000, 2_299_999_999, 7))

        def una_captura(con_contexto: bool) -> None:
            datos = {
                "usuario": operador,
                "categoria": azar.choice(categorias),
                "colonia": azar.choice(colonias),
                "descripcion": "Luminaria apagada frente a la escuela",
                "tipo": tipo,
                "canal": canal,
                "calle": "Av. Independencia",
                "numero_exterior": "1200",
                "ciudadano": DatosCiudadano(
                    nombre="María", apellidos="López", telefono=str(next(telefonos)), acepta_aviso=True
                ),
            }
            if con_contexto:
                with historial.contexto(usuario=operador.pk, url="/peticiones/captura/"):
                    capturar(**datos)
            else:
                capturar(**datos)

        def un_insert() -> None:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("INSERT INTO bench_piso (texto) VALUES (%s)", ["x"])

        trabajos = {
            "sin disparadores": (False, lambda: una_captura(False)),
            "con disparadores": (True, lambda: una_captura(False)),
            "con disparadores y contexto": (True, lambda: una_captura(True)),
            PISO: (True, un_insert),
        }
        tiempos: dict[str, list[float]] = {v: [] for v in trabajos}
        cpu_cliente = dict.fromkeys(trabajos, 0.0)
        cpu_servidor = dict.fromkeys(trabajos, 0.0)
        from peticiones.models import CiudadanoEvent, PeticionEvent

        for nombre in trabajos:  # warm-up: caches, prepared catalogs, first folio counter row
            _activar(disparadores, trabajos[nombre][0])
            for _ in range(5):
                trabajos[nombre][1]()
        eventos_antes = CiudadanoEvent.objects.count() + PeticionEvent.objects.count()
        for _ in range(args.rondas):
            orden = list(trabajos)
            azar.shuffle(orden)
            for nombre in orden:
                activos, trabajo = trabajos[nombre]
                _activar(disparadores, activos)
                cpu0, srv0 = time.process_time(), _cpu_backend(pid)
                for _ in range(args.lote):
                    inicio = time.perf_counter()
                    trabajo()
                    tiempos[nombre].append((time.perf_counter() - inicio) * 1000)
                cpu_cliente[nombre] += time.process_time() - cpu0
                cpu_servidor[nombre] += _cpu_backend(pid) - srv0
        _activar(disparadores, True)
        eventos = CiudadanoEvent.objects.count() + PeticionEvent.objects.count() - eventos_antes
        capturas_con = 2 * args.rondas * args.lote

    n = args.rondas * args.lote
    base = statistics.median(tiempos["sin disparadores"])
    base_cpu = (cpu_cliente["sin disparadores"] + cpu_servidor["sin disparadores"]) / n * 1000
    print(f"{n} operaciones por variante ({args.rondas} rondas × {args.lote}), PostgreSQL en proceso")
    print(f"carga: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    print(f"{'variante':32} {'mediana':>9} {'p90':>9} {'×':>6} {'CPU cliente':>12} {'CPU PostgreSQL':>15} {'CPU ×':>6}")
    for nombre in trabajos:
        muestra = sorted(tiempos[nombre])
        mediana, p90 = statistics.median(muestra), muestra[int(len(muestra) * 0.9)]
        cliente, servidor = cpu_cliente[nombre] / n * 1000, cpu_servidor[nombre] / n * 1000
        print(
            f"{nombre:32} {mediana:7.2f}ms {p90:7.2f}ms {mediana / base:6.2f} {cliente:10.2f}ms {servidor:13.2f}ms "
            f"{(cliente + servidor) / base_cpu:6.2f}"
        )
    print(f"eventos de historial escritos por captura con disparadores: {eventos / capturas_con:.2f}")


if __name__ == "__main__":
    main()
