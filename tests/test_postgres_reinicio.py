"""A PostgreSQL restart under load answers no 500: persistent connections are health-checked
(CONN_HEALTH_CHECKS) and a request that meets the database down gets a Spanish 503 «reconectando».

Runs gunicorn (sync workers, CONN_MAX_AGE=600: one persistent connection each, as in production) against
a PRIVATE cluster (tests/postgres_propio.py) holding a copy of the test database; never the shared 5432.
"""

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from .postgres_propio import ClusterPropio, binarios, puerto_libre

RAIZ = Path(__file__).resolve().parent.parent
PLAZO = 90.0  # seconds: only a bound against a hung test; the test waits on responses, not on time

pytestmark = pytest.mark.django_db


def _pedir(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as respuesta:
            return respuesta.status, respuesta.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return 0, ""  # gunicorn itself unreachable (never expected)


class Carga:
    """A few threads asking for a page that reads the database, over and over."""

    def __init__(self, url: str, hilos: int = 4) -> None:
        self.url = url
        self.respuestas: list[tuple[int, str]] = []
        self.cambio = threading.Condition()
        self.alto = threading.Event()
        self.hilos = [threading.Thread(target=self._pedir_siempre, daemon=True) for _ in range(hilos)]

    def _pedir_siempre(self) -> None:
        while not self.alto.is_set():
            resultado = _pedir(self.url)
            with self.cambio:
                self.respuestas.append(resultado)
                self.cambio.notify_all()

    def esperar_exitos(self, cuantos: int, desde: int = 0) -> None:
        limite = time.monotonic() + PLAZO
        with self.cambio:
            while sum(1 for s, _ in self.respuestas[desde:] if s == 200) < cuantos:
                assert time.monotonic() < limite, Counter(s for s, _ in self.respuestas)
                self.cambio.wait(1)

    def __enter__(self) -> "Carga":
        for hilo in self.hilos:
            hilo.start()
        return self

    def __exit__(self, *exc) -> None:
        self.alto.set()
        for hilo in self.hilos:
            hilo.join(40)


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("Sólo con PostgreSQL (DATABASE_URL): se reinicia un clúster privado")
    bin = binarios()
    if bin is None:
        pytest.skip("Faltan los binarios de PostgreSQL (initdb, pg_ctl) en /usr/lib/postgresql/*/bin")
    servidor = ClusterPropio(bin)
    try:
        servidor.arrancar()
        ajustes = connection.settings_dict
        origen = (
            f"postgres://{ajustes['USER']}:{ajustes['PASSWORD'] or ''}@{ajustes['HOST'] or '127.0.0.1'}:"
            f"{ajustes['PORT'] or 5432}/{ajustes['NAME']}"
        )
        servidor.copiar_base(origen, "sirc")
        yield servidor
    finally:
        servidor.cerrar()


@pytest.fixture
def gunicorn(postgres, tmp_path):
    puerto = puerto_libre()
    bitacora = (tmp_path / "gunicorn.log").open("wb")  # a file, not a pipe nobody reads (it would fill and block)
    entorno = {
        **os.environ,
        "DATABASE_URL": postgres.url_primario("sirc"),
        "CONN_MAX_AGE": "600",
        "DEBUG": "false",
        "HTTPS": "false",
        "SECRET_KEY": "clave-de-prueba-del-reinicio-de-postgres-" + "x" * 20,
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    entorno.pop("CACHE_URL", None)
    proceso = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "sirc.wsgi:application", "-b", f"127.0.0.1:{puerto}", "-w", "2"],
        cwd=RAIZ,
        env=entorno,
        stdout=bitacora,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{puerto}"
    limite = time.monotonic() + PLAZO
    while _pedir(f"{base}/salud/")[0] != 200:
        assert proceso.poll() is None, (tmp_path / "gunicorn.log").read_text()[-2000:]
        assert time.monotonic() < limite, "gunicorn no arrancó"
        time.sleep(0.2)
    yield base
    proceso.terminate()
    proceso.wait(30)
    bitacora.close()


def test_reiniciar_postgres_bajo_carga_no_da_500(postgres, gunicorn):
    with Carga(f"{gunicorn}/tramites/") as carga:
        carga.esperar_exitos(20)  # every worker holds its persistent connection now
        postgres.reiniciar()  # fast shutdown: every connection is cut
        despues = len(carga.respuestas)
        carga.esperar_exitos(20, desde=despues)  # and the same workers serve again
    estados = Counter(s for s, _ in carga.respuestas)
    assert set(estados) <= {200, 503}, estados
    for estado, cuerpo in carga.respuestas:
        if estado == 503:
            assert "se está reconectando" in cuerpo
