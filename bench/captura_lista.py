#!/usr/bin/env python
"""Benchmark of capture and list: bulk-loads requests into a PostgreSQL bench database, serves SIRC with
gunicorn on loopback and measures, with a small threaded HTTP load client (keep-alive, 8 clients):

- capture POST (302 with its folio), p50/p95 and captures per second;
- list first page, and a filtered page (dirección + estado + one month);
- a text search page;
- the request page (detalle) of random folios.

Usage (by hand, never in CI):
    .venv/bin/python bench/captura_lista.py [--peticiones 37000] [--clientes 8] [--solicitudes 400]
Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/sirc_bench_peticiones).
The bench database is created if missing and reloaded when its request count differs.
"""

import argparse
import contextlib
import http.client
import os
import platform
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
URL_BD = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sirc_bench_peticiones")
os.environ["DATABASE_URL"] = URL_BD
os.environ["DJANGO_SETTINGS_MODULE"] = "sirc.settings"
os.environ.pop("REDIS_URL", None)  # eager Celery: nothing queued during the bench
os.environ.update({"DEBUG": "false", "SECRET_KEY": "bench-" + "x" * 60, "HTTPS": "false", "LOG_LEVEL": "WARNING"})
sys.path.insert(0, str(RAIZ))


def crear_bd() -> None:
    import psycopg

    nombre = urllib.parse.urlparse(URL_BD).path.lstrip("/")
    admin = URL_BD.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conexion:
        existe = conexion.execute("SELECT 1 FROM pg_database WHERE datname = %s", [nombre]).fetchone()
        if not existe:
            conexion.execute(f'CREATE DATABASE "{nombre}"')


def cargar(total: int) -> None:
    """Catalogs, demo users and `total` requests spread over 3 years (bulk, no per-row capture)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from peticiones import demo
    from peticiones.models import Ciudadano, ContadorFolio, EventoBitacora, Peticion

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # gunicorn serves static files as in production
    demo.cargar_catalogos()
    demo.cargar_usuarios()
    existentes = Peticion.objects.count()
    if total <= existentes <= total + total // 50:  # earlier runs' captures (a few hundred) do not force a reload
        print(f"La base ya tiene {existentes:,} peticiones; no se recarga.")
        return
    print(f"Cargando {total:,} peticiones…", flush=True)
    inicio = time.perf_counter()
    with connection.cursor() as c:
        c.execute(
            "TRUNCATE peticiones_eventobitacora, peticiones_peticion_solicitantes, peticiones_peticion, "
            "peticiones_ciudadano, peticiones_contadorfolio CASCADE"
        )
    azar = random.Random(37)
    from django.contrib.auth import get_user_model

    from peticiones.models import Canal, Categoria, Colonia, TipoPeticion

    operador = get_user_model().objects.get(username="operador")
    categorias = list(Categoria.objects.select_related("direccion"))
    colonias = list(Colonia.objects.all())
    canales = list(Canal.objects.all())
    tipos = list(TipoPeticion.objects.all())
    estados = (
        ["cerrada"] * 50
        + ["atendida"] * 12
        + ["turnada"] * 12
        + ["en_proceso"] * 8
        + ["recibida"] * 6
        + ["improcedente"] * 6
        + ["cancelada"] * 3
        + ["duplicada"] * 3
    )
    palabras = [
        "luminaria apagada",
        "bache profundo",
        "fuga de agua",
        "basura acumulada",
        "drenaje tapado",
        "árbol caído",
        "poda de árbol",
        "semáforo descompuesto",
        "encharcamiento",
        "ruido excesivo",
    ]
    n_ciudadanos = max(total // 3, 1)
    with transaction.atomic():
        Ciudadano.objects.bulk_create(
            (
                Ciudadano(
                    nombre=f"Ciudadano {i}", apellidos="Bench", telefono=f"22{i:08d}", colonia=azar.choice(colonias)
                )
                for i in range(n_ciudadanos)
            ),
            batch_size=5000,
        )
    ids_ciudadanos = list(Ciudadano.objects.values_list("pk", flat=True))
    ahora = timezone.now()
    inicio_periodo = ahora - timedelta(days=3 * 365)
    fechas = sorted(inicio_periodo + timedelta(seconds=azar.randint(0, 3 * 365 * 86400)) for _ in range(total))
    contador: dict[int, int] = {}
    lote: list[Peticion] = []

    def guardar(lote: list[Peticion]) -> None:
        creadas = Peticion.objects.bulk_create(lote, batch_size=5000)
        EventoBitacora.objects.bulk_create(
            (
                EventoBitacora(
                    peticion=p,
                    fecha=p.fecha_recepcion,
                    usuario=operador,
                    tipo="captura",
                    descripcion="Recibida (carga de benchmark).",
                    publico=True,
                )
                for p in creadas
            ),
            batch_size=5000,
        )

    with transaction.atomic():
        for recepcion in fechas:
            anio = timezone.localtime(recepcion).year
            contador[anio] = contador.get(anio, 0) + 1
            categoria = azar.choice(categorias)
            colonia = azar.choice(colonias)
            estado = azar.choice(estados)
            limite = recepcion + timedelta(hours=categoria.plazo_horas)
            lote.append(
                Peticion(
                    anio=anio,
                    numero=contador[anio],
                    folio=f"{anio}-{contador[anio]:06d}",
                    tipo=azar.choice(tipos),
                    canal=azar.choice(canales),
                    categoria=categoria,
                    direccion=categoria.direccion,
                    descripcion=f"{azar.choice(palabras).capitalize()} en la calle {azar.randint(1, 400)}",
                    calle=f"Calle {azar.randint(1, 400)}",
                    numero_exterior=str(azar.randint(1, 3000)),
                    colonia=colonia,
                    latitud=colonia.latitud,
                    longitud=colonia.longitud,
                    ciudadano_id=azar.choice(ids_ciudadanos),
                    capturada_por=operador,
                    estado=estado,
                    fecha_recepcion=recepcion,
                    fecha_limite=limite,
                    fecha_cerrada=limite if estado == "cerrada" else None,
                )
            )
            if len(lote) == 20000:
                guardar(lote)
                lote = []
        if lote:
            guardar(lote)
        for anio, ultimo in contador.items():
            ContadorFolio.objects.update_or_create(anio=anio, defaults={"ultimo": ultimo})
    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE")
    print(f"Carga: {time.perf_counter() - inicio:.1f} s", flush=True)


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cliente:
    """One keep-alive HTTP client logged in as `usuario`."""

    def __init__(self, puerto: int, usuario: str, contrasena: str):
        self.puerto = puerto
        self.conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=30)
        self.cookies: dict[str, str] = {}
        html = self.get("/cuentas/login/")[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        estado, _ = self.post(
            "/cuentas/login/", {"username": usuario, "password": contrasena, "csrfmiddlewaretoken": token}
        )
        assert estado == 302, f"login falló ({estado})"

    def _cabeceras(self) -> dict:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": f"127.0.0.1:{self.puerto}"}

    def _leer(self) -> tuple[int, str]:
        r = self.conexion.getresponse()
        cuerpo = r.read().decode("utf-8", "replace")
        for cabecera in r.headers.get_all("Set-Cookie") or []:
            nombre, valor = cabecera.split(";", 1)[0].split("=", 1)
            self.cookies[nombre] = valor
        return r.status, cuerpo

    def get(self, ruta: str) -> tuple[int, str]:
        self.conexion.request("GET", ruta, headers=self._cabeceras())
        return self._leer()

    def post(self, ruta: str, datos: dict) -> tuple[int, str]:
        cuerpo = urllib.parse.urlencode(datos)
        cabeceras = self._cabeceras() | {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{self.puerto}{ruta}",
        }
        self.conexion.request("POST", ruta, body=cuerpo, headers=cabeceras)
        return self._leer()


def medir(nombre: str, clientes: list[Cliente], solicitudes: int, hacer) -> dict:
    """Run `hacer(cliente, i)` `solicitudes` times spread over the clients concurrently; latency stats."""
    tiempos: list[float] = []
    errores = []
    candado = threading.Lock()
    por_cliente = solicitudes // len(clientes)

    def trabajar(k: int, cliente: Cliente) -> None:
        for i in range(por_cliente):
            t0 = time.perf_counter()
            try:
                hacer(cliente, k * por_cliente + i)
            except AssertionError as e:
                errores.append(str(e))
            dt = time.perf_counter() - t0
            with candado:
                tiempos.append(dt)

    inicio = time.perf_counter()
    hilos = [threading.Thread(target=trabajar, args=(k, c)) for k, c in enumerate(clientes)]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join()
    total = time.perf_counter() - inicio
    tiempos.sort()
    p = lambda q: tiempos[min(len(tiempos) - 1, int(q * len(tiempos)))] * 1000  # noqa: E731
    resultado = {
        "nombre": nombre,
        "n": len(tiempos),
        "p50": p(0.50),
        "p95": p(0.95),
        "max": tiempos[-1] * 1000,
        "por_segundo": len(tiempos) / total,
        "errores": len(errores),
    }
    print(
        f"{nombre:<42} n={resultado['n']:>4}  p50={resultado['p50']:6.1f} ms  p95={resultado['p95']:6.1f} ms  "
        f"máx={resultado['max']:6.1f} ms  {resultado['por_segundo']:6.1f}/s  errores={len(errores)}",
        flush=True,
    )
    if errores:
        print("  primer error:", errores[0][:300])
    return resultado


def main() -> None:
    argumentos = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    argumentos.add_argument("--peticiones", type=int, default=37_000)
    argumentos.add_argument("--clientes", type=int, default=8)
    argumentos.add_argument("--solicitudes", type=int, default=400)
    argumentos.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2 + 1)
    a = argumentos.parse_args()

    crear_bd()
    cargar(a.peticiones)

    from django.db import connection

    from peticiones.models import Canal, Categoria, Colonia, Direccion, Peticion, TipoPeticion

    folios = list(Peticion.objects.order_by("?").values_list("folio", flat=True)[:500])
    categorias = list(Categoria.objects.values_list("pk", flat=True))
    colonias = [str(c) for c in Colonia.objects.all()]
    direccion = Direccion.objects.get(siglas="OP").pk
    tipo = TipoPeticion.objects.get(clave="peticion").pk
    canal = Canal.objects.get(clave="linea-072").pk
    hace_un_anio = datetime.now() - timedelta(days=365)
    mes = hace_un_anio.strftime("%Y-%m")
    connection.close()

    puerto = puerto_libre()
    entorno = os.environ | {
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 60,
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }
    servidor = subprocess.Popen(
        [
            str(RAIZ / ".venv/bin/gunicorn"),
            "sirc.wsgi",
            "-b",
            f"127.0.0.1:{puerto}",
            "-w",
            str(a.workers),
            "--log-level",
            "warning",
        ],
        cwd=RAIZ,
        env=entorno,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", puerto), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        clientes = [Cliente(puerto, "operador", "sirc-demo-2026") for _ in range(a.clientes)]
        token = clientes[0].cookies["csrftoken"]
        for c in clientes:
            c.cookies["csrftoken"] = token
        for c in clientes:  # warm-up (one request per worker connection)
            c.get("/peticiones/")
            c.get("/peticiones/captura/")

        def capturar(cliente: Cliente, i: int) -> None:
            estado, _ = cliente.post(
                "/peticiones/captura/",
                {
                    "csrfmiddlewaretoken": token,
                    "clave_idempotencia": str(uuid.uuid4()),
                    "telefono": f"229{random.randint(1000000, 9999999)}",
                    "nombre": "Bench",
                    "apellidos": "Captura",
                    "categoria": random.choice(categorias),
                    "descripcion": "Luminaria apagada frente al número 10",
                    "colonia": random.choice(colonias),
                    "calle": "Av. Independencia",
                    "numero_exterior": "10",
                    "tipo": tipo,
                    "canal": canal,
                },
            )
            assert estado == 302, f"captura respondió {estado}"

        def pagina(ruta_de):
            def hacer(cliente: Cliente, i: int) -> None:
                estado, _ = cliente.get(ruta_de(i))
                assert estado == 200, f"{ruta_de(i)} respondió {estado}"

            return hacer

        carga_inicio = os.getloadavg()
        resultados = [
            medir("Captura (POST → 302 con folio)", clientes, a.solicitudes, capturar),
            medir("Lista, primera página", clientes, a.solicitudes, pagina(lambda i: "/peticiones/")),
            medir(
                "Lista filtrada (dirección + estado + mes)",
                clientes,
                a.solicitudes,
                pagina(lambda i: f"/peticiones/?direccion={direccion}&estado=cerrada&desde={mes}-01&hasta={mes}-28"),
            ),
            medir(
                "Lista, búsqueda de texto («fuga agua»)",
                clientes,
                a.solicitudes,
                pagina(lambda i: "/peticiones/?texto=fuga+agua"),
            ),
            medir(
                "Página de la petición (detalle)",
                clientes,
                a.solicitudes,
                pagina(lambda i: f"/peticiones/folio/{folios[i % len(folios)]}/"),
            ),
        ]
        carga_fin = os.getloadavg()
    finally:
        servidor.terminate()
        servidor.wait(10)

    cpu = "?"
    with contextlib.suppress(OSError, AttributeError):
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()).group(1)
    print()
    print(f"Máquina: {platform.node()} · {cpu} · {os.cpu_count()} núcleos · Python {platform.python_version()}")
    print(
        f"Fecha: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {a.peticiones:,} peticiones · {a.clientes} clientes · "
        f"gunicorn {a.workers} workers · carga promedio (1 min) {carga_inicio[0]:.1f} al empezar, "
        f"{carga_fin[0]:.1f} al terminar"
    )
    print()
    print("| medición | n | p50 (ms) | p95 (ms) | por segundo |")
    print("|---|---|---|---|---|")
    for r in resultados:
        print(f"| {r['nombre']} | {r['n']} | {r['p50']:.1f} | {r['p95']:.1f} | {r['por_segundo']:.1f} |")


if __name__ == "__main__":
    main()
