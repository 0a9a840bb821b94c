#!/usr/bin/env python
# ruff: noqa: E402  (the path fix below must run before `import http.client`)
"""HTTP bench of issue 13: SIRC's hot pages next to the stack's floor, in one run, driven by wrk.

1. Loads N requests into a PostgreSQL bench database (bench/_carga.py: SQL bulk load, 1,000,000 in a few
   minutes), or reuses one (`--db`).
2. Starts gunicorn with 3 sync workers, DEBUG off, no broker (Celery eager), persistent DB connections, and
   the bench settings (bench/_ajustes.py) that mount the floor: /bench/piso/, one INSERT and a 302.
3. Logs in (operador for the operator pages, director for the dashboard and the MIR) and drives each page
   with wrk (bench/paginas_http.lua: every POST with a fresh idempotency key, phone and masked CSRF token).
4. Prints ONE markdown table: req/s, × floor, p50/p95/p99, CPU per request (gunicorn workers + the
   PostgreSQL backends of the bench database, from /proc), answers that were not 2xx/3xx, rows made.

Usage (by hand, never in CI; needs wrk, the Debian package):
    .venv/bin/python bench/paginas_http.py --peticiones 200000            # creates/loads sirc_bench_200k
    .venv/bin/python bench/paginas_http.py --peticiones 1000000           # sirc_bench_1m
    .venv/bin/python bench/paginas_http.py --db postgres://…/sirc_bench_10m   # an already-loaded database, as it is
Options: --duracion 10 --hilos 2 --conexiones 8 --workers 3 --puerto 8130 --paginas piso,captura,…
"""

import sys
from pathlib import Path

# bench/ off the path: no module of it may shadow a standard library one.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import contextlib
import http.client
import json
import os
import platform
import random
import re
import shutil
import subprocess
import time
import urllib.parse
from datetime import UTC, datetime, timedelta

RAIZ = Path(__file__).resolve().parent.parent

SECRETO = "bench-" + "x" * 60
ENTORNO_SERVIDOR = {
    "DJANGO_SETTINGS_MODULE": "bench._ajustes",
    "DEBUG": "false",
    "SECRET_KEY": SECRETO,
    "HTTPS": "false",
    "ALLOWED_HOSTS": "127.0.0.1",
    "CONN_MAX_AGE": "600",
    "LOG_LEVEL": "WARNING",
    "INDICADORES_CACHE_SEGUNDOS": "0",  # the dashboard is measured uncached
}
SIN_BROKER = ("REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL")
CONTRASENA = "sirc-demo-2026"
TICKS = os.sysconf("SC_CLK_TCK")


def url_por_defecto(filas: int) -> str:
    etiqueta = f"{filas // 1_000_000}m" if filas % 1_000_000 == 0 else f"{filas // 1000}k"
    return f"postgres://postgres@127.0.0.1:5432/sirc_bench_{etiqueta}"


# --- CPU from /proc --------------------------------------------------------------------------------------


def _cpu_ticks(pid: int) -> int | None:
    try:
        campos = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(campos[11]) + int(campos[12])  # utime + stime (fields 14 and 15)


def _hijos(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _backends(bd: str) -> list[int]:
    """PostgreSQL backends connected to database `bd` (found by their process title)."""
    pids = []
    for entrada in Path("/proc").iterdir():
        if not entrada.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            titulo = (entrada / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            partes = titulo.split()  # Debian adds the cluster: «postgres: 15/main: USER DB HOST(PORT) STATE»
            if partes[:1] == ["postgres:"] and bd in partes[1:5]:
                pids.append(int(entrada.name))
    return pids


def muestra_cpu(gunicorn: int, bd: str) -> dict[str, dict[int, int]]:
    web = {p: t for p in _hijos(gunicorn) if (t := _cpu_ticks(p)) is not None}
    pg = {p: t for p in _backends(bd) if (t := _cpu_ticks(p)) is not None}
    return {"web": web, "pg": pg}


def cpu_ms(antes: dict, despues: dict, clave: str) -> float:
    """CPU ms spent between two samples by the processes of `clave` (new processes count from zero)."""
    ticks = sum(t - antes[clave].get(p, 0) for p, t in despues[clave].items())
    return ticks * 1000 / TICKS


# --- HTTP session ---------------------------------------------------------------------------------------


def iniciar_sesion(puerto: int, usuario: str) -> dict[str, str]:
    """Log in through the real form; return the cookies (sessionid, csrftoken)."""
    cookies: dict[str, str] = {}

    def pedir(metodo: str, ruta: str, cuerpo: str | None = None) -> tuple[int, str]:
        conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=30)
        cabeceras = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        if cuerpo is not None:
            cabeceras["Content-Type"] = "application/x-www-form-urlencoded"
        conexion.request(metodo, ruta, body=cuerpo, headers=cabeceras)
        respuesta = conexion.getresponse()
        texto = respuesta.read().decode("utf-8", "replace")
        for cabecera in respuesta.headers.get_all("Set-Cookie") or []:
            nombre, valor = cabecera.split(";", 1)[0].split("=", 1)
            cookies[nombre] = valor
        conexion.close()
        return respuesta.status, texto

    _, html = pedir("GET", "/cuentas/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    datos = urllib.parse.urlencode({"username": usuario, "password": CONTRASENA, "csrfmiddlewaretoken": token})
    estado, _ = pedir("POST", "/cuentas/login/", datos)
    if estado != 302 or "sessionid" not in cookies:
        raise SystemExit(f"No se pudo iniciar sesión como {usuario} (HTTP {estado}).")
    return cookies


def obtener(puerto: int, ruta: str, cookies: dict[str, str]) -> int:
    conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=60)
    conexion.request("GET", ruta, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    respuesta = conexion.getresponse()
    respuesta.read()
    conexion.close()
    return respuesta.status


# --- The pages ------------------------------------------------------------------------------------------


def paginas(datos: dict) -> list[dict]:
    """Every measured page: name, method, paths, who, connections (None = --conexiones), body."""
    captura = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": "@CSRF@",
            "clave_idempotencia": "@CLAVE@",
            "telefono": "@TELEFONO@",
            "nombre": "Bench",
            "apellidos": "Captura",
            "acepta_aviso": "on",
            "categoria": datos["categoria"],
            "descripcion": "Luminaria apagada frente al número 10",
            "colonia": datos["colonia"],
            "calle": "Av. Independencia",
            "numero_exterior": "10",
            "tipo": datos["tipo"],
            "canal": datos["canal"],
        }
    )
    captura = captura.replace("%40", "@")
    filtro = urllib.parse.urlencode(
        {"direccion": datos["direccion"], "estado": "cerrada", "desde": datos["desde"], "hasta": datos["hasta"]}
    )
    folios = datos["folios"]
    return [
        {
            "clave": "piso",
            "nombre": "Piso: vista de un INSERT (POST → 302)",
            "metodo": "POST",
            "rutas": ["/bench/piso/"],
            "usuario": "operador",
            "cuerpo": "csrfmiddlewaretoken=@CSRF@&telefono=@TELEFONO@",
            "tabla": "bench_piso",
        },
        {
            "clave": "captura",
            "nombre": "Captura (POST → 302 con folio)",
            "metodo": "POST",
            "rutas": ["/peticiones/captura/"],
            "usuario": "operador",
            "cuerpo": captura,
            "tabla": "peticiones_peticion",
        },
        {"clave": "lista", "nombre": "Lista, primera página (25 filas)", "rutas": ["/peticiones/"]},
        {
            "clave": "filtrada",
            "nombre": "Lista filtrada (dirección + estado + mes)",
            "rutas": [f"/peticiones/?{filtro}"],
        },
        {"clave": "detalle", "nombre": "Página de la petición", "rutas": [f"/peticiones/folio/{f}/" for f in folios]},
        {"clave": "busqueda", "nombre": "Búsqueda de texto «fuga agua»", "rutas": ["/peticiones/?texto=fuga+agua"]},
        {
            "clave": "tablero",
            "nombre": "Tablero del director, sin caché",
            "rutas": ["/indicadores/"],
            "usuario": "director",
            "conexiones": 3,
            "duracion_minima": 20,  # seconds: a request of several seconds needs more than 10 s to be counted
        },
        {
            "clave": "mir",
            "nombre": f"MIR en PDF de un mes ({datos['mes']})",
            "rutas": [f"/indicadores/mir/pdf/?mes={datos['mes']}"],
            "usuario": "director",
            "conexiones": 1,
            "hilos": 1,
            "duracion_minima": 20,
        },
    ]


def contar(url: str, tabla: str | None) -> int:
    if not tabla:
        return 0
    import psycopg

    with psycopg.connect(url) as conexion:
        return conexion.execute(f"SELECT count(*) FROM {tabla}").fetchone()[0]


def correr_wrk(a, pagina: dict, puerto: int, cookies: dict[str, str]) -> dict:
    conexiones = pagina.get("conexiones") or a.conexiones
    hilos = min(pagina.get("hilos") or a.hilos, conexiones)
    entorno = os.environ | {
        "WRK_METODO": pagina.get("metodo", "GET"),
        "WRK_RUTAS": "\n".join(pagina["rutas"]),
        "WRK_COOKIE": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        "WRK_SECRETO": cookies.get("csrftoken", ""),
        "WRK_CUERPO": pagina.get("cuerpo", ""),
    }
    lua = str(RAIZ / "bench" / "paginas_http.lua")
    duracion = max(a.duracion, pagina.get("duracion_minima", 0))
    orden = ["wrk", f"-t{hilos}", f"-c{conexiones}", f"-d{duracion}s", "--timeout", "30s", "-s", lua]
    orden.append(f"http://127.0.0.1:{puerto}")
    salida = subprocess.run(orden, env=entorno, capture_output=True, text=True, check=True).stdout
    linea = next(x for x in salida.splitlines() if x.startswith("{"))
    return json.loads(linea) | {"conexiones": conexiones, "hilos": hilos}


def datos_de_prueba(url: str) -> dict:
    from django.utils import timezone

    from indicadores.periodos import Mes
    from peticiones.models import Canal, Categoria, Colonia, Direccion, Peticion, TipoPeticion

    categoria = Categoria.objects.get(nombre="Luminaria apagada")
    hace_un_anio = timezone.localdate() - timedelta(days=365)
    azar = random.Random(13)
    ultimo = Peticion.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ids = [azar.randint(1, ultimo) for _ in range(400)]
    folios = list(Peticion.objects.filter(id__in=ids).values_list("folio", flat=True)[:200])
    return {
        "categoria": categoria.pk,
        "colonia": Colonia.objects.order_by("id").first().nombre,
        "tipo": TipoPeticion.objects.get(clave="peticion").pk,
        "canal": Canal.objects.get(clave="linea-072").pk,
        "direccion": Direccion.objects.get(siglas="OP").pk,
        "desde": hace_un_anio.replace(day=1).isoformat(),
        "hasta": hace_un_anio.replace(day=28).isoformat(),
        "folios": folios,
        "mes": Mes.actual().anterior().clave,
    }


def esperar_puerto(puerto: int, servidor: subprocess.Popen) -> None:
    for _ in range(300):
        if servidor.poll() is not None:
            raise SystemExit("gunicorn terminó al arrancar.")
        try:
            conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=120)
            conexion.request("GET", "/salud/")  # answered once a worker has loaded Django (slow on a busy machine)
            conexion.getresponse().read()
            conexion.close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn no respondió en el puerto {puerto}.")


def maquina() -> str:
    modelo = "?"
    with contextlib.suppress(OSError, AttributeError):
        modelo = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()).group(1)
    return f"{platform.node()} · {modelo} · {os.cpu_count()} núcleos · Python {platform.python_version()}"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--peticiones", type=int, default=200_000, help="requests to load (ignored with --db)")
    p.add_argument("--db", help="PostgreSQL URL of an already-loaded bench database (not reloaded)")
    p.add_argument("--recargar", action="store_true", help="reload even if the count already matches")
    p.add_argument("--duracion", type=int, default=10, help="seconds of wrk per page")
    p.add_argument("--hilos", type=int, default=2)
    p.add_argument("--conexiones", type=int, default=8)
    p.add_argument("--workers", type=int, default=3)
    p.add_argument("--puerto", type=int, default=8130)
    p.add_argument("--paginas", default="", help="comma-separated subset: piso,captura,lista,filtrada,…")
    a = p.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("Falta wrk: apt-get install wrk")

    url = a.db or url_por_defecto(a.peticiones)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench._ajustes"
    for variable in SIN_BROKER:
        os.environ.pop(variable, None)
    os.environ.update(ENTORNO_SERVIDOR)
    sys.path.insert(0, str(RAIZ))
    from bench import _carga as carga

    carga.crear_bd(url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench._urls_bench import CREAR_TABLA_PISO

    filas = carga.preparar(url, None if a.db else a.peticiones, recargar=a.recargar)
    call_command("collectstatic", interactive=False, verbosity=0)  # whitenoise's manifest, as in production
    with connection.cursor() as cursor:
        cursor.execute(CREAR_TABLA_PISO)
    datos = datos_de_prueba(url)
    connection.close()
    bd = carga.nombre_bd(url)

    elegidas = [x for x in paginas(datos) if not a.paginas or x["clave"] in a.paginas.split(",")]
    orden = [str(RAIZ / ".venv/bin/gunicorn"), "sirc.wsgi", "-b", f"127.0.0.1:{a.puerto}", "-w", str(a.workers)]
    orden += ["-k", "sync", "--log-level", "warning", "--timeout", "120"]
    servidor = subprocess.Popen(orden, cwd=RAIZ, env=os.environ.copy())
    resultados = []
    try:
        esperar_puerto(a.puerto, servidor)
        sesiones = {u: iniciar_sesion(a.puerto, u) for u in {x.get("usuario", "operador") for x in elegidas}}
        for pagina in elegidas:  # warm-up: every worker loads templates, catalogs and its DB connection
            if pagina.get("metodo") != "POST":
                for i in range(3 if pagina.get("duracion_minima") else 6):
                    obtener(
                        a.puerto, pagina["rutas"][i % len(pagina["rutas"])], sesiones[pagina.get("usuario", "operador")]
                    )
        carga_inicio = os.getloadavg()
        for pagina in elegidas:
            filas_antes = contar(url, pagina.get("tabla"))
            antes = muestra_cpu(servidor.pid, bd)
            r = correr_wrk(a, pagina, a.puerto, sesiones[pagina.get("usuario", "operador")])
            despues = muestra_cpu(servidor.pid, bd)
            r |= {
                "pagina": pagina,
                "cpu_web": cpu_ms(antes, despues, "web"),
                "cpu_pg": cpu_ms(antes, despues, "pg"),
                "filas": contar(url, pagina.get("tabla")) - filas_antes,
            }
            resultados.append(r)
            print(f"  {pagina['nombre']}: {r['solicitudes'] / (r['duracion_us'] / 1e6):.1f}/s", flush=True)
        carga_fin = os.getloadavg()
    finally:
        servidor.terminate()
        servidor.wait(30)

    print()
    print(f"Máquina: {maquina()}")
    print(
        f"Fecha: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · base {bd}: {filas:,} peticiones · gunicorn {a.workers} "
        f"workers sync · wrk {a.hilos} hilos, {a.duracion} s · carga promedio (1 min) {carga_inicio[0]:.1f} al "
        f"empezar, {carga_fin[0]:.1f} al terminar"
    )
    print()
    piso = next((r for r in resultados if r["pagina"]["clave"] == "piso"), None)
    por_segundo_piso = piso["solicitudes"] / (piso["duracion_us"] / 1e6) if piso else None
    print(
        "| página | conexiones | req/s | × piso | p50 ms | p95 ms | p99 ms | CPU ms/req (web + PG) "
        "| respuestas no 2xx/3xx | filas hechas |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in resultados:
        n = r["solicitudes"]
        por_segundo = n / (r["duracion_us"] / 1e6)
        relacion = f"{por_segundo / por_segundo_piso:.2f}" if por_segundo_piso else "—"
        cpu = (r["cpu_web"] + r["cpu_pg"]) / n if n else 0
        errores = r["errores_estado"] + r["errores_conexion"] + r["errores_lectura"] + r["errores_tiempo"]
        print(
            f"| {r['pagina']['nombre']} | {r['conexiones']} | {por_segundo:.1f} | {relacion} "
            f"| {r['p50_us'] / 1000:.1f} | {r['p95_us'] / 1000:.1f} | {r['p99_us'] / 1000:.1f} "
            f"| {cpu:.1f} ({r['cpu_web'] / n if n else 0:.1f} + {r['cpu_pg'] / n if n else 0:.1f}) "
            f"| {errores} | {r['filas']:,} |"
        )


if __name__ == "__main__":
    main()
