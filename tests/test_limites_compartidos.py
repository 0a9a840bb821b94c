"""Rate limits that hold: one store shared by every process (Redis, or the database in the embedded default),
fail closed for anonymous lookups when it is down, and X-Forwarded-For believed only from trusted proxies.

The proof runs gunicorn with 3 sync workers (DEBUG off) in a subprocess against the test database and a private
redis-server (tests/redis_propio.py); the shared Redis is never stopped.
"""

import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from peticiones import roles
from sirc import limites, proxies

from .factories import UsuarioFactory
from .redis_propio import RedisPropio

RAIZ = Path(__file__).resolve().parent.parent
PUERTO = 8161
LIMITE = 10


def _peticion(remote: str, xff: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **extra)


def test_sin_proxies_de_confianza_x_forwarded_for_no_cuenta(settings):
    settings.SIRC_PROXIES_DE_CONFIANZA = []
    assert proxies.direccion_cliente(_peticion("200.1.1.1", "1.2.3.4")) == "200.1.1.1"


def test_x_forwarded_for_solo_se_cree_si_viene_de_un_proxy_de_confianza(settings):
    settings.SIRC_PROXIES_DE_CONFIANZA = ["10.0.0.5", "172.16.0.0/12"]
    # A client that reaches gunicorn directly cannot choose its address with the header.
    assert proxies.direccion_cliente(_peticion("200.1.1.1", "1.2.3.4")) == "200.1.1.1"
    # Through the proxy: the address the proxy appended (the rightmost that is not a proxy)…
    assert proxies.direccion_cliente(_peticion("10.0.0.5", "200.1.1.1")) == "200.1.1.1"
    # …whatever the client wrote at the left, and across a chain of trusted proxies (CIDR).
    assert proxies.direccion_cliente(_peticion("172.18.0.1", "1.2.3.4, 200.1.1.1, 10.0.0.5")) == "200.1.1.1"


def test_una_cantidad_en_vez_de_direcciones_no_arranca():
    entorno = {"PATH": os.environ.get("PATH", ""), "DEBUG": "true", "SIRC_PROXIES_DE_CONFIANZA": "1"}
    resultado = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=RAIZ, env=entorno, capture_output=True, text=True, timeout=120
    )
    assert resultado.returncode != 0
    assert "SIRC_PROXIES_DE_CONFIANZA: «1» no es una dirección IP ni una red CIDR" in resultado.stderr


def test_docker_compose_publica_la_web_solo_en_localhost():
    yaml = pytest.importorskip("yaml", reason="PyYAML no está instalado: no se puede leer docker-compose.yml")
    compose = yaml.safe_load((RAIZ / "docker-compose.yml").read_text())
    puertos = compose["services"]["web"]["ports"]
    assert puertos and all(str(p).startswith("${IP_WEB:-127.0.0.1}:") for p in puertos), puertos
    for nombre, servicio in compose["services"].items():
        if nombre != "web":
            assert "ports" not in servicio, f"{nombre} no debe publicar puertos"


@pytest.mark.django_db
def test_el_contador_en_la_base_es_de_ventana_fija(settings, monkeypatch):
    settings.SIRC_LIMITES_REDIS_URL = ""
    assert [limites.excede("prueba:a", 2, 60) for _ in range(4)] == [False, False, True, True]
    assert limites.usos("prueba:a") == 4 and limites.usos("prueba:b") == 0
    ahora = time.time()
    monkeypatch.setattr(limites.time, "time", lambda: ahora + 61)  # the window ended
    assert limites.usos("prueba:a") == 0
    assert limites.excede("prueba:a", 2, 60) is False


def test_almacen_caido_rechaza_salvo_que_el_llamador_permita_pasar(settings):
    settings.SIRC_LIMITES_REDIS_URL = "redis://127.0.0.1:1/0"
    with pytest.raises(limites.AlmacenNoDisponible):
        limites.excede("prueba:c", 5, 60)
    assert limites.excede("prueba:c", 5, 60, abierto_sin_almacen=True) is False


# --- The proof on gunicorn ------------------------------------------------------------------------------------


def _url_base_de_datos() -> str:
    datos = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{datos['NAME']}"
    usuario = urllib.parse.quote(datos.get("USER") or "")
    clave = ":" + urllib.parse.quote(datos["PASSWORD"]) if datos.get("PASSWORD") else ""
    return f"postgres://{usuario}{clave}@{datos.get('HOST') or '127.0.0.1'}:{datos.get('PORT') or 5432}/{datos['NAME']}"


@pytest.fixture(scope="module")
def estaticos(tmp_path_factory) -> Path:
    """collectstatic once for the module (DEBUG off serves the hashed, compressed names of the manifest)."""
    destino = tmp_path_factory.mktemp("static")
    entorno = {
        "PATH": os.environ.get("PATH", ""),
        "DEBUG": "false",
        "SECRET_KEY": "x" * 60,
        "STATIC_ROOT": str(destino),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=RAIZ,
        env=entorno,
        check=True,
        timeout=300,
    )
    return destino


class Gunicorn:
    def __init__(self, tmp_path: Path, estaticos: Path, settings, **variables: str) -> None:
        self.bitacora = tmp_path / "acceso.log"
        self.entorno = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/tmp"),
            "DEBUG": "false",
            "HTTPS": "false",
            "SECRET_KEY": settings.SECRET_KEY,  # the same key: the test's session cookie is valid there
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": _url_base_de_datos(),
            "STATIC_ROOT": str(estaticos),
            "SIRC_CONSULTA_LIMITE": str(LIMITE),
            **variables,
        }
        self.proceso = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "sirc.wsgi:application",
                "--workers",
                "3",
                "--bind",
                f"127.0.0.1:{PUERTO}",
                "--access-logfile",
                str(self.bitacora),
                "--access-logformat",
                "%(p)s %(m)s %(U)s %(s)s",
            ],
            cwd=RAIZ,
            env=self.entorno,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        limite = time.monotonic() + 90
        while time.monotonic() < limite:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{PUERTO}/salud/", timeout=5).status == 200:
                    return
            except OSError:
                if self.proceso.poll() is not None:
                    raise RuntimeError("gunicorn terminó al arrancar") from None
                time.sleep(0.2)
        raise RuntimeError("gunicorn no respondió en 90 s")

    def cerrar(self) -> None:
        if self.proceso.poll() is None:
            self.proceso.terminate()
            self.proceso.wait(30)

    def procesos_que_atendieron(self, ruta: str) -> set[str]:
        lineas = self.bitacora.read_text().splitlines() if self.bitacora.exists() else []
        return {linea.split()[0] for linea in lineas if f"POST {ruta} " in linea}


def _navegante(sesion: str | None = None) -> tuple[urllib.request.OpenerDirector, str]:
    """An HTTP client with cookies (the session, if given) and the CSRF token of /consulta/."""
    frasco = http.cookiejar.CookieJar()
    abridor = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(frasco))
    if sesion:
        abridor.addheaders = [("Cookie", f"sessionid={sesion}")]
    html = abridor.open(f"http://127.0.0.1:{PUERTO}/consulta/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    return abridor, token


def _consultar(abridor, token: str) -> tuple[int, str]:
    datos = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "folio": "2031-000001", "telefono": "1234"})
    try:
        respuesta = abridor.open(f"http://127.0.0.1:{PUERTO}/consulta/", data=datos.encode(), timeout=30)
        return respuesta.status, respuesta.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _disparar(n: int) -> list[tuple[int, str]]:
    clientes = [_navegante() for _ in range(6)]
    with ThreadPoolExecutor(6) as hilos:
        return list(hilos.map(lambda i: _consultar(*clientes[i % 6]), range(n)))


@pytest.mark.parametrize("almacen", ["redis", "base de datos"])
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not shutil.which("redis-server"), reason="Falta redis-server para el almacén propio")
def test_consulta_responde_a_lo_mas_su_limite_entre_tres_workers_de_gunicorn(tmp_path, estaticos, settings, almacen):
    redis = RedisPropio()
    redis.arrancar()
    servidor = None
    try:
        url = redis.url if almacen == "redis" else ""
        servidor = Gunicorn(tmp_path, estaticos, settings, SIRC_LIMITES_REDIS_URL=url, REDIS_URL="")
        respuestas = _disparar(3 * LIMITE)
        estados = [estado for estado, _ in respuestas]
        assert estados.count(200) == LIMITE, estados
        assert estados.count(429) == 2 * LIMITE, estados
        assert any("Demasiadas consultas desde su conexión" in html for _, html in respuestas)
        atendieron = servidor.procesos_que_atendieron("/consulta/")
        assert len(atendieron) >= 2, f"sólo un worker atendió: {atendieron}"
    finally:
        if servidor:
            servidor.cerrar()
        redis.cerrar()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not shutil.which("redis-server"), reason="Falta redis-server para simular la caída")
def test_con_el_almacen_caido_la_consulta_anonima_se_rechaza_y_el_personal_sigue(tmp_path, estaticos, settings):
    supervisor = UsuarioFactory(username="supervisor", rol=roles.SUPERVISOR)
    navegador = Client()
    navegador.force_login(supervisor)
    sesion = navegador.cookies["sessionid"].value
    redis = RedisPropio()
    redis.arrancar()
    servidor = None
    try:
        servidor = Gunicorn(tmp_path, estaticos, settings, SIRC_LIMITES_REDIS_URL=redis.url, REDIS_URL="")
        anonimo, token = _navegante()
        assert _consultar(anonimo, token)[0] == 200
        redis.detener()
        estado, html = _consultar(anonimo, token)
        assert estado == 503
        assert "Por el momento no podemos atender esta consulta" in html
        personal, _ = _navegante(sesion)
        inicio = personal.open(f"http://127.0.0.1:{PUERTO}{reverse('inicio')}", timeout=30)
        assert inicio.status == 200 and "supervisor" in inicio.read().decode().lower()
    finally:
        if servidor:
            servidor.cerrar()
        redis.cerrar()
