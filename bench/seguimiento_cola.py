"""Bench: the follow-up call queue on PostgreSQL at a year's volume.

Uses its own database (BENCH_DATABASE_URL, default sirc_bench_seguimiento — never the test DB), fills it
with BENCH_ATENDIDAS attended requests (default 20,000), then times:
- the sweep that queues the missing calls (first run creates them all; a second run finds nothing);
- `siguiente_llamada` latency with the whole queue due, and 8 threads taking calls at once (no call twice);
- the month's bitácora de llamadas export (CSV and XLSX) with the PAT's 1,500 calls.
Prints a Markdown table for docs/benchmarks.md.

    .venv/bin/python bench/seguimiento_cola.py
"""

import os
import platform
import statistics
import sys
import threading
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sirc_bench_seguimiento")
ATENDIDAS = int(os.environ.get("BENCH_ATENDIDAS", "20000"))
os.environ["DATABASE_URL"] = URL
os.environ.setdefault("DEBUG", "true")
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sirc.settings")


def crear_base() -> None:
    import psycopg

    nombre = URL.rsplit("/", 1)[1]
    servidor = URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(servidor, autocommit=True) as conexion:
        conexion.execute(f'DROP DATABASE IF EXISTS "{nombre}"')
        conexion.execute(f'CREATE DATABASE "{nombre}"')


def cronometrar(funcion, veces: int = 1) -> list[float]:
    tiempos = []
    for _ in range(veces):
        inicio = time.perf_counter()
        funcion()
        tiempos.append((time.perf_counter() - inicio) * 1000)
    return tiempos


def main() -> None:
    crear_base()
    import django

    django.setup()
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client, override_settings
    from django.utils import timezone

    from peticiones import demo, roles
    from peticiones.acciones import seguimiento
    from peticiones.models import Canal, Categoria, Ciudadano, Colonia, LlamadaSeguimiento, Peticion, TipoPeticion

    call_command("migrate", verbosity=0)
    demo.cargar_catalogos()
    demo.cargar_usuarios()
    Usuario = get_user_model()
    operador = Usuario.objects.get(username="operador")
    ahora = timezone.now()
    categorias = list(Categoria.objects.select_related("direccion"))
    colonia, canal, tipo = Colonia.objects.first(), Canal.objects.first(), TipoPeticion.objects.get(clave="peticion")
    ciudadanos = Ciudadano.objects.bulk_create(
        [Ciudadano(nombre="Ciudadano", apellidos=str(i), telefono=f"229{i:07d}") for i in range(ATENDIDAS)]
    )
    peticiones = []
    for i, ciudadano in enumerate(ciudadanos):
        categoria = categorias[i % len(categorias)]
        atendida = ahora - timedelta(minutes=1 + (i * 29 * 24 * 60) // ATENDIDAS)
        peticiones.append(
            Peticion(
                anio=2026,
                numero=i + 1,
                folio=f"2026-{i + 1:06d}",
                tipo=tipo,
                canal=canal,
                categoria=categoria,
                direccion=categoria.direccion,
                descripcion="Bench",
                colonia=colonia,
                ciudadano=ciudadano,
                capturada_por=operador,
                estado=Peticion.Estado.ATENDIDA,
                resolucion="Hecho",
                fecha_recepcion=atendida - timedelta(days=1),
                fecha_limite=atendida,
                fecha_atendida=atendida,
            )
        )
    Peticion.objects.bulk_create(peticiones, batch_size=2000)
    with connections["default"].cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after a load
    filas = []

    with override_settings(SEGUIMIENTO_DEMORA_HORAS=0, SEGUIMIENTO_HORARIO=(0, 24)):
        primera = cronometrar(seguimiento.encolar_llamadas)[0]
        with connections["default"].cursor() as cursor:
            cursor.execute("ANALYZE")
        segunda = cronometrar(seguimiento.encolar_llamadas, 5)
    filas.append((f"Barrida que encola {ATENDIDAS:,} llamadas (primera vez)", f"{primera / 1000:.1f} s"))
    filas.append(("Barrida sin nada nuevo (estado estable, mediana de 5)", f"{statistics.median(segunda):.0f} ms"))

    operadores = [Usuario.objects.create(username=f"op{i}") for i in range(8)]
    for usuario in operadores:
        usuario.groups.add(roles.grupo(roles.OPERADOR) if hasattr(roles, "grupo") else _grupo(roles.OPERADOR))
    latencias = []
    for _ in range(200):
        inicio = time.perf_counter()
        llamada = seguimiento.siguiente_llamada(operador)
        latencias.append((time.perf_counter() - inicio) * 1000)
        seguimiento.liberar_llamada(llamada, operador)
    latencias.sort()
    filas.append(
        (
            f"`siguiente_llamada` con {ATENDIDAS:,} en cola (p50 / p95 de 200)",
            f"{latencias[100]:.1f} ms / {latencias[190]:.1f} ms",
        )
    )

    entregadas: list[int] = []
    candado = threading.Lock()

    def trabajar(usuario) -> None:
        for _ in range(50):
            llamada = seguimiento.siguiente_llamada(usuario)
            with candado:
                entregadas.append(llamada.pk)
            seguimiento.registrar_resultado(llamada, usuario, LlamadaSeguimiento.Estado.NUMERO_EQUIVOCADO)
        connections.close_all()

    inicio = time.perf_counter()
    hilos = [threading.Thread(target=trabajar, args=(u,)) for u in operadores]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    segundos = time.perf_counter() - inicio
    repetidas = len(entregadas) - len(set(entregadas))
    filas.append(
        (
            "8 operadores a la vez: tomar + registrar 400 llamadas",
            f"{400 / segundos:.0f} llamadas/s, {repetidas} entregadas dos veces",
        )
    )

    # 1,500 calls made this month (the PAT's monthly target).
    hechas = LlamadaSeguimiento.objects.filter(estado=LlamadaSeguimiento.Estado.PENDIENTE)[:1500]
    LlamadaSeguimiento.objects.filter(pk__in=[ll.pk for ll in hechas]).update(
        estado=LlamadaSeguimiento.Estado.CONTACTADO,
        se_resolvio=True,
        satisfaccion=5,
        tomada_por=operador,
        tomada_el=ahora,
        fecha_resultado=ahora,
    )
    cliente = Client()
    cliente.force_login(operador)
    mes = f"{timezone.localdate():%Y-%m}"
    for formato in ("csv", "xlsx"):
        tiempos = cronometrar(
            lambda f=formato: cliente.get("/peticiones/seguimiento/bitacora/exportar/", {"mes": mes, "formato": f}), 3
        )
        filas.append((f"Exportar la bitácora del mes ({formato.upper()}, ~1,900 filas)", f"{min(tiempos):.0f} ms"))
    tiempos = cronometrar(lambda: cliente.get("/peticiones/seguimiento/bitacora/", {"mes": mes}), 3)
    filas.append(("Página de la bitácora del mes (100 por página + conteo)", f"{min(tiempos):.0f} ms"))

    print(f"\nMáquina: {platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} núcleos")
    print(f"PostgreSQL: {connections['default'].cursor().connection.info.server_version} · {settings.TIME_ZONE}\n")
    print("| Medida | Resultado |\n|---|---|")
    for medida, resultado in filas:
        print(f"| {medida} | {resultado} |")


def _grupo(nombre: str):
    from django.contrib.auth.models import Group

    return Group.objects.get(name=nombre)


if __name__ == "__main__":
    main()
