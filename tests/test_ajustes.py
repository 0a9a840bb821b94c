"""Settings read from the environment: safe defaults for `make run`, hardened and checked for production.

Each case runs Django in a subprocess with a clean environment, as a server would start.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

RAIZ = Path(__file__).resolve().parent.parent


def _django(*argumentos: str, **variables: str) -> subprocess.CompletedProcess:
    """Run `python <argumentos>` in the project with ONLY `variables` in the environment (no pytest marker)."""
    entorno = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"), **variables}
    return subprocess.run(
        [sys.executable, *argumentos], cwd=RAIZ, env=entorno, capture_output=True, text=True, timeout=120
    )


def _produccion() -> dict[str, str]:
    variables = {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "sirc.veracruzmunicipio.gob.mx",
        "HTTPS": "true",
    }
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        variables["DATABASE_URL"] = os.environ["DATABASE_URL"]
    return variables


def test_check_deploy_sin_advertencias_con_valores_de_produccion():
    variables = _produccion()
    argumentos = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    if "DATABASE_URL" in variables:
        argumentos += ["--database", "default"]  # also the database checks, on the real PostgreSQL
    resultado = _django(*argumentos, **variables)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    assert "System check identified no issues (0 silenced)." in resultado.stdout


def test_collectstatic_de_produccion_no_falla(tmp_path):
    """The manifest storage (hashed, compressed names) refuses any reference to a missing file."""
    resultado = _django(
        "manage.py", "collectstatic", "--noinput", "--verbosity", "0", STATIC_ROOT=str(tmp_path), **_produccion()
    )
    assert resultado.returncode == 0, resultado.stderr
    manifiesto = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert re.fullmatch(r"css/sirc\.[0-9a-f]{12}\.css", manifiesto["css/sirc.css"])
    assert (tmp_path / (manifiesto["css/sirc.css"] + ".gz")).exists()


def test_sin_debug_y_sin_secret_key_el_servidor_no_arranca():
    resultado = _django("manage.py", "check", DEBUG="false", ALLOWED_HOSTS="sirc.veracruzmunicipio.gob.mx")
    assert resultado.returncode != 0
    assert "Falta SECRET_KEY: con DEBUG desactivado SIRC no arranca sin una clave secreta." in resultado.stderr


def test_sin_debug_una_secret_key_corta_no_arranca():
    resultado = _django("manage.py", "check", DEBUG="false", SECRET_KEY="corta")
    assert resultado.returncode != 0
    assert "SECRET_KEY es demasiado corta (5 caracteres)" in resultado.stderr


def test_sin_variables_usa_sqlite_y_celery_en_modo_eager():
    """`make run` on a fresh machine: nothing but DEBUG; SQLite file under var/ and tasks run in-process."""
    programa = (
        "import json, django; django.setup()\n"
        "from django.conf import settings; from sirc.celery import app\n"
        "db = settings.DATABASES['default']\n"
        "print(json.dumps({'motor': db['ENGINE'], 'nombre': str(db['NAME']), 'es_postgres': settings.ES_POSTGRES,"
        " 'eager': app.conf.task_always_eager, 'broker': app.conf.broker_url, 'idioma': settings.LANGUAGE_CODE,"
        " 'zona': settings.TIME_ZONE, 'tz': settings.USE_TZ, 'correo': settings.EMAIL_BACKEND}))"
    )
    resultado = _django("-c", programa, DEBUG="true", DJANGO_SETTINGS_MODULE="sirc.settings")
    assert resultado.returncode == 0, resultado.stderr
    ajustes = json.loads(resultado.stdout.strip().splitlines()[-1])
    assert ajustes["motor"] == "django.db.backends.sqlite3"
    assert ajustes["nombre"] == str(RAIZ / "var" / "sirc.sqlite3")
    assert ajustes["es_postgres"] is False
    assert ajustes["eager"] is True
    assert ajustes["broker"] == "memory://"
    assert (ajustes["idioma"], ajustes["zona"], ajustes["tz"]) == ("es-mx", "America/Mexico_City", True)
    assert ajustes["correo"] == "django.core.mail.backends.console.EmailBackend"


def test_con_redis_url_celery_usa_el_broker_y_no_es_eager():
    programa = (
        "import django; django.setup()\n"
        "from sirc.celery import app\n"
        "print(app.conf.task_always_eager, app.conf.broker_url, app.conf.task_acks_late)"
    )
    resultado = _django(
        "-c", programa, DEBUG="true", DJANGO_SETTINGS_MODULE="sirc.settings", REDIS_URL="redis://redis:6379/0"
    )
    assert resultado.returncode == 0, resultado.stderr
    assert resultado.stdout.split() == ["False", "redis://redis:6379/0", "True"]


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True)
def test_con_https_todo_redirige_menos_la_sonda_de_salud(client):
    assert client.get("/cuentas/login/").status_code == 301
    salud = client.get("/salud/")
    assert salud.status_code == 200
    assert salud.content == b"ok"


def test_el_readme_documenta_cada_variable_de_entorno_de_los_ajustes():
    ajustes = (RAIZ / "sirc" / "settings.py").read_text()
    variables = set(re.findall(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", ajustes))
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "EMAIL_URL"} <= variables
    readme = (RAIZ / "README.md").read_text()
    faltan = sorted(v for v in variables if f"| `{v}` |" not in readme)
    assert not faltan, f"Agregue a la tabla de variables de README.md: {', '.join(faltan)}"


def test_docker_compose_tiene_los_servicios_de_produccion():
    yaml = pytest.importorskip("yaml", reason="PyYAML no está instalado: no se puede leer docker-compose.yml")
    compose = yaml.safe_load((RAIZ / "docker-compose.yml").read_text())
    servicios = compose["services"]
    assert {"web", "worker", "beat", "db", "redis"} <= set(servicios)
    arranque = str(servicios["web"]["command"])
    if "iniciar-web.sh" in arranque:
        arranque = (RAIZ / "docker" / "iniciar-web.sh").read_text()
    assert "exec gunicorn sirc.wsgi" in arranque
    assert "/salud/" in str(servicios["web"]["healthcheck"]["test"])
    assert {"db", "media"} <= set(compose["volumes"])


def test_docker_compose_perfil_escala_agrega_replica_y_pgbouncer():
    yaml = pytest.importorskip("yaml", reason="PyYAML no está instalado: no se puede leer docker-compose.yml")
    compose = yaml.safe_load((RAIZ / "docker-compose.yml").read_text())
    servicios = compose["services"]
    escala = {nombre for nombre, s in servicios.items() if "escala" in s.get("profiles", [])}
    assert escala == {"db-replica", "pgbouncer"}
    # Without the profile nothing changes: the production services belong to no profile.
    assert all("profiles" not in servicios[n] for n in ("web", "worker", "beat", "db", "redis"))

    # The replica copies the primary with pg_basebackup -R and runs as a hot standby with its own volume.
    replica = servicios["db-replica"]
    script = (RAIZ / "docker" / "postgres" / "replica.sh").read_text()
    assert "/sirc/replica.sh" in str(replica["entrypoint"])
    assert "./docker/postgres/replica.sh:/sirc/replica.sh:ro" in replica["volumes"]
    assert "pg_basebackup -h db" in script and " -R " in script and "hot_standby=on" in script
    assert replica["depends_on"]["db"]["condition"] == "service_healthy"
    assert "db-replica" in compose["volumes"]
    # The primary creates the replication role on its first start.
    assert any("replicacion.sh:/docker-entrypoint-initdb.d/" in v for v in servicios["db"]["volumes"])
    assert "REPLICATION" in (RAIZ / "docker" / "postgres" / "replicacion.sh").read_text()

    # PgBouncer in transaction mode in front of db; web, worker and beat reach it through SIRC_BD.
    ini = (RAIZ / "docker" / "pgbouncer" / "pgbouncer.ini").read_text()
    assert re.search(r"^pool_mode = transaction$", ini, re.MULTILINE)
    assert re.search(r"^sirc = host=db port=5432 dbname=sirc$", ini, re.MULTILINE)
    assert servicios["pgbouncer"]["build"] == "docker/pgbouncer"
    for nombre in ("web", "worker", "beat"):
        assert "${SIRC_BD:-db:5432}" in servicios[nombre]["environment"]["DATABASE_URL"]
        assert servicios[nombre]["depends_on"]["pgbouncer"]["required"] is False

    # web is published on the loopback only: the HTTPS proxy is the one door.
    (puerto,) = servicios["web"]["ports"]
    assert puerto.startswith("${IP_WEB:-127.0.0.1}:")
    assert "ports" not in servicios["db-replica"] and "ports" not in servicios["pgbouncer"]
