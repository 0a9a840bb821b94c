#!/usr/bin/env python
"""Load a very large bench database (10,000,000 requests) with bench/_carga.py, fast.

bench/_carga.py inserts into tables that keep all their indexes; at 10M rows, keeping the trigram and
full-text GIN indexes and a dozen b-trees up to date row by row takes hours. This script migrates the bench
database, drops the secondary (non-constraint) indexes of the loaded tables, runs the very same loader, and
then rebuilds those indexes from their saved definitions (CREATE INDEX sorts once) and ANALYZEs.

Usage (by hand; the database is a bench one: the loader TRUNCATEs its request tables):
    .venv/bin/python bench/carga_grande.py --peticiones 10000000 --db postgres://postgres@127.0.0.1:5440/sirc_bench_10m
then measure it as it is:
    .venv/bin/python bench/paginas_http.py --db postgres://postgres@127.0.0.1:5440/sirc_bench_10m
"""

import sys
from pathlib import Path

# bench/ off the path: no module of it may shadow a standard library one.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import os  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

import psycopg  # noqa: E402

RAIZ = Path(__file__).resolve().parent.parent
TABLAS = ("peticiones_peticion", "peticiones_eventobitacora", "peticiones_ciudadano")

INDICES = """
SELECT i.relname, pg_get_indexdef(i.oid)
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
WHERE t.relname = ANY(%s)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
ORDER BY t.relname, i.relname
"""


def reconstruir(url: str, indices: list[tuple[str, str]], memoria: str, paralelo: int) -> None:
    """CREATE INDEX each saved definition: b-trees, then full-text GIN, then trigram GIN (the slowest, only for
    the typo fallback of the search and name look-ups),
    on `paralelo` connections at once; each one leaves the list when built."""
    pendientes = sorted(indices, key=lambda i: (" USING gin " in i[1], "gin_trgm_ops" in i[1], i[0]))
    candado = threading.Lock()

    def trabajar() -> None:
        with psycopg.connect(url, autocommit=True) as c:
            c.execute(f"SET maintenance_work_mem = '{memoria}'")
            while True:
                with candado:
                    if not pendientes:
                        return
                    nombre, definicion = pendientes.pop(0)
                t = time.perf_counter()
                c.execute(definicion.replace(" INDEX ", " INDEX IF NOT EXISTS ", 1))
                c.execute("DELETE FROM bench_indices_quitados WHERE nombre = %s", [nombre])
                print(f"  {nombre}: {time.perf_counter() - t:.0f} s", flush=True)

    hilos = [threading.Thread(target=trabajar) for _ in range(paralelo)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--peticiones", type=int, default=10_000_000)
    p.add_argument("--db", required=True, help="PostgreSQL URL of the bench database (created if missing)")
    p.add_argument("--memoria", default="512MB", help="maintenance_work_mem of each index build")
    p.add_argument("--paralelo", type=int, default=3, help="indexes built at once")
    p.add_argument("--solo-indices", action="store_true", help="only rebuild the indexes a failed run left out")
    a = p.parse_args()

    os.environ["DATABASE_URL"] = a.db
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench._ajustes")
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
    for variable in ("REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL"):
        os.environ.pop(variable, None)
    sys.path.insert(0, str(RAIZ))
    from bench import _carga as carga

    carga.crear_bd(a.db)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    t0 = time.perf_counter()
    if not a.solo_indices:
        call_command("migrate", verbosity=0)
    with connection.cursor() as c:
        # The definitions are kept in the database itself: a load that fails half-way rebuilds them next time.
        c.execute("CREATE TABLE IF NOT EXISTS bench_indices_quitados (nombre text PRIMARY KEY, definicion text)")
        if not a.solo_indices:
            c.execute(f"INSERT INTO bench_indices_quitados {INDICES} ON CONFLICT DO NOTHING", [list(TABLAS)])
        c.execute("SELECT nombre, definicion FROM bench_indices_quitados ORDER BY nombre")
        indices = c.fetchall()
        if not a.solo_indices:
            for nombre, _definicion in indices:
                c.execute(f'DROP INDEX IF EXISTS "{nombre}"')
    if not a.solo_indices:
        print(f"{len(indices)} índices secundarios quitados; cargando…", flush=True)
        carga.preparar(a.db, a.peticiones, recargar=True)
        print(f"Carga lista a los {time.perf_counter() - t0:.0f} s; reconstruyendo índices…", flush=True)
    connection.close()
    reconstruir(a.db, indices, a.memoria, a.paralelo)
    with psycopg.connect(a.db, autocommit=True) as c:
        # Planner statistics. (--solo-indices after an interrupted VACUUM: the visibility map stays empty.)
        c.execute("ANALYZE")
    print(f"Total {time.perf_counter() - t0:.0f} s", flush=True)


if __name__ == "__main__":
    main()
