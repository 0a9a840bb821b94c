#!/usr/bin/env python
"""In-process profile of bench/paginas_http.py's pages: median wall time, CPU, queries and SQL time per request, and
optionally the cProfile of one page (where the time goes before optimising it).

    .venv/bin/python bench/_perfil_paginas.py --db postgres://postgres@127.0.0.1:5432/sirc_bench_200k
    .venv/bin/python bench/_perfil_paginas.py --db … --perfil lista --top 40

Uses an already-loaded bench database (bench/paginas_http.py loads them); DEBUG off, no broker, indicators uncached.
Captures made here stay in that bench database like bench/paginas_http.py's.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
import uuid
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != RAIZ / "bench"]
sys.path.insert(0, str(RAIZ))


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--db", default="postgres://postgres@127.0.0.1:5432/sirc_bench_200k")
    p.add_argument("--veces", type=int, default=20)
    p.add_argument("--perfil", default="", help="page key to cProfile")
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--paginas", default="")
    a = p.parse_args()
    os.environ["DATABASE_URL"] = a.db
    for variable in ("REDIS_URL", "CELERY_BROKER_URL", "CACHE_URL"):
        os.environ.pop(variable, None)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench._ajustes",
            "DEBUG": "false",
            "SECRET_KEY": "bench-" + "x" * 60,
            "HTTPS": "false",
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "CONN_MAX_AGE": "600",
            "LOG_LEVEL": "WARNING",
            "INDICADORES_CACHE_SEGUNDOS": "0",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    sys.argv = [sys.argv[0]]
    from bench.paginas_http import datos_de_prueba, paginas

    datos = datos_de_prueba(a.db)
    clientes = {}
    for usuario in ("operador", "director"):
        c = Client()
        c.force_login(get_user_model().objects.get(username=usuario))
        clientes[usuario] = c

    def hacer(pagina: dict, i: int):
        c = clientes[pagina.get("usuario", "operador")]
        ruta = pagina["rutas"][i % len(pagina["rutas"])]
        if pagina.get("metodo") == "POST":
            cuerpo = (
                pagina["cuerpo"]
                .replace("@CSRF@", "x")
                .replace("@CLAVE@", str(uuid.uuid4()))
                .replace("@TELEFONO@", f"9{uuid.uuid4().int % 10**9:09d}")
            )
            r = c.post(ruta, cuerpo, content_type="application/x-www-form-urlencoded")
            assert r.status_code == 302, (r.status_code, r.content[:3000])
        else:
            r = c.get(ruta)
            assert r.status_code == 200, r.status_code
        return r

    print("| página | mediana ms | CPU ms | consultas | SQL ms |")
    print("|---|---|---|---|---|")
    for pagina in paginas(datos):
        if a.paginas and pagina["clave"] not in a.paginas.split(","):
            continue
        veces = a.veces if pagina["clave"] not in ("tablero", "mir") else max(3, a.veces // 4)
        hacer(pagina, 0)
        tiempos, cpus, consultas, sql = [], [], [], []
        for i in range(veces):
            t0, c0 = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as cq:
                hacer(pagina, i + 1)
            tiempos.append((time.perf_counter() - t0) * 1000)
            cpus.append((time.process_time() - c0) * 1000)
            consultas.append(len(cq.captured_queries))
            sql.append(sum(float(q["time"]) for q in cq.captured_queries) * 1000)
        print(
            f"| {pagina['clave']} | {statistics.median(tiempos):.1f} | {statistics.median(cpus):.1f} "
            f"| {statistics.median(consultas):.0f} | {statistics.median(sql):.1f} |",
            flush=True,
        )
        if pagina["clave"] == a.perfil:
            perfil = cProfile.Profile()
            perfil.enable()
            for i in range(veces):
                hacer(pagina, i + 100)
            perfil.disable()
            pstats.Stats(perfil).sort_stats("cumulative").print_stats(a.top)
            pstats.Stats(perfil).sort_stats("tottime").print_stats(a.top)
            with CaptureQueriesContext(connection) as cq:
                hacer(pagina, 7)
            for q in cq.captured_queries:
                print(f"{float(q['time']) * 1000:7.1f} ms  {q['sql'][:300]}")


if __name__ == "__main__":
    main()
