"""Long work holds a lease: a worker killed with SIGKILL in the middle of an import does not strand it.
The import is redone by the next worker (the dead one's transaction was rolled back: no duplicate rows);
after repeated interruptions it is «fallida» with a retry button; old files are deleted."""

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from peticiones import importacion, roles
from peticiones.models import Peticion, Reclamo
from sirc import tareas
from sirc.celery import app

from .factories import CanalFactory, CategoriaFactory, ColoniaFactory, TipoPeticionFactory, UsuarioFactory
from .redis_propio import RedisPropio

RAIZ = Path(__file__).resolve().parent.parent
PLAZO = 240.0  # seconds: only a bound against a hung test; each wait ends on the state it waits for

ENCABEZADO = "fecha_recepcion,estado,categoria,descripcion,colonia"


def archivo(filas: int) -> bytes:
    lineas = [ENCABEZADO]
    for i in range(1, filas + 1):
        categoria = "Bache" if i % 2 else "Luminaria apagada"
        lineas.append(f"{(i % 28) + 1:02d}/{(i % 12) + 1:02d}/2024 10:{i % 60:02d},Cerrada,{categoria},Fila {i},Centro")
    return ("\n".join(lineas) + "\n").encode()


@pytest.fixture
def supervisor(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    TipoPeticionFactory()
    CanalFactory()
    CategoriaFactory(nombre="Luminaria apagada", plazo_horas=24)
    CategoriaFactory(nombre="Bache", plazo_horas=72)
    ColoniaFactory(nombre="Centro")
    return UsuarioFactory(rol=roles.SUPERVISOR, username="jorge")


def confirmada(usuario, filas: int) -> str:
    """A checked file confirmed by its owner: «en cola», as the confirm button leaves it."""
    token = str(__import__("uuid").uuid4())
    importacion.ruta_archivo(token, "historico.csv").write_bytes(archivo(filas))
    importacion.guardar_estado(
        token, estado=importacion.EN_COLA, nombre="historico.csv", usuario=usuario.pk, filas=filas
    )
    return token


def esperar(condicion, que: str):
    limite = time.monotonic() + PLAZO
    while not (resultado := condicion()):
        assert time.monotonic() < limite, f"No llegó: {que}"
        time.sleep(0.05)  # poll the state again; the loop ends on the state, not on this pause
    return resultado


# --- The lease rules, in process -------------------------------------------------------------------


@pytest.mark.django_db
def test_un_reclamo_vivo_impide_otra_corrida_y_uno_vencido_se_retoma(supervisor):
    token = confirmada(supervisor, 3)
    Reclamo.objects.create(
        clave=importacion.clave(token), dueno="otro-host:1:abc", vence=timezone.now() + timedelta(minutes=1), intentos=1
    )
    assert importacion.ejecutar(token)["estado"] == importacion.EN_COLA  # a live worker elsewhere holds it
    assert Peticion.objects.count() == 0
    Reclamo.objects.update(vence=timezone.now() - timedelta(seconds=1))  # its heartbeat stopped
    assert importacion.ejecutar(token)["estado"] == importacion.TERMINADA
    assert Peticion.objects.count() == 3
    assert Reclamo.objects.get().hecho and Reclamo.objects.get().intentos == 2
    assert not importacion.ruta_archivo(token, "historico.csv").exists()  # temporary file removed
    assert importacion.ejecutar(token)["estado"] == importacion.TERMINADA  # a redelivery does nothing
    assert Peticion.objects.count() == 3


@pytest.mark.django_db
def test_tras_varias_interrupciones_queda_fallida_con_reintento(
    client, supervisor, django_capture_on_commit_callbacks, celery_en_proceso
):
    token = confirmada(supervisor, 3)
    importacion.guardar_estado(token, estado=importacion.EN_CURSO)
    Reclamo.objects.create(
        clave=importacion.clave(token),
        dueno="otro-host:1:abc",
        vence=timezone.now() - timedelta(seconds=1),
        intentos=importacion.MAXIMO_INTENTOS,
    )
    assert importacion.recoger()["fallidas"] == 1
    client.force_login(supervisor)
    url = reverse("peticiones:importacion", args=[token])
    pagina = client.get(url).content.decode()
    assert "no terminó y no se importó nada" in pagina and "se interrumpió 3 veces" in pagina
    assert "Reintentar la importación" in pagina
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(url)
    assert respuesta.status_code == 302
    assert importacion.leer_estado(token)["estado"] == importacion.TERMINADA  # eager: retried at once
    assert Peticion.objects.count() == 3


@pytest.mark.django_db
def test_otro_usuario_no_reintenta_y_una_revisada_vieja_se_borra(client, supervisor):
    token = confirmada(supervisor, 3)
    importacion.guardar_estado(token, estado=importacion.FALLIDA)
    client.force_login(UsuarioFactory(rol=roles.SUPERVISOR))
    assert client.post(reverse("peticiones:importacion", args=[token])).status_code == 404
    assert importacion.leer_estado(token)["estado"] == importacion.FALLIDA

    vieja = confirmada(supervisor, 3)
    importacion.guardar_estado(vieja, estado=importacion.REVISADA)
    estado = importacion.leer_estado(vieja)
    estado["actualizado"] = (timezone.now() - timedelta(days=2)).isoformat()
    importacion._ruta_estado(vieja).write_text(__import__("json").dumps(estado))
    assert importacion.recoger()["borradas"] == 1
    assert importacion.leer_estado(vieja) is None
    assert not importacion.ruta_archivo(vieja, "historico.csv").exists()


# --- A real worker killed with SIGKILL mid-import ---------------------------------------------------


@pytest.fixture
def broker():
    if not shutil.which("redis-server"):
        pytest.skip("Falta redis-server para el broker propio")
    servidor = RedisPropio()
    servidor.arrancar()
    anterior = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "result_backend")}
    app.conf.update(broker_url=servidor.url, task_always_eager=False, result_backend=None)
    app._pool = None
    app.amqp._producer_pool = None
    tareas.reiniciar()
    yield servidor
    servidor.cerrar()
    app.conf.update(anterior)
    app._pool = None
    app.amqp._producer_pool = None
    tareas.reiniciar()


def trabajador(broker, media: str, bitacora: Path) -> subprocess.Popen:
    ajustes = connection.settings_dict
    entorno = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{ajustes['USER']}:{ajustes['PASSWORD'] or ''}@{ajustes['HOST'] or '127.0.0.1'}:"
            f"{ajustes['PORT'] or 5432}/{ajustes['NAME']}"
        ),
        "REDIS_URL": broker.url,
        "CELERY_BROKER_URL": broker.url,
        "MEDIA_ROOT": media,
        "DEBUG": "true",
    }
    entorno.pop("CACHE_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "sirc", "worker", "-P", "solo", "-l", "warning",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=RAIZ, env=entorno, stdout=bitacora.open("ab"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def importando_en_la_base() -> bool:
    """A connection other than ours has an open transaction on the test database: the import is inside it."""
    with connection.cursor() as c:
        c.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND xact_start IS NOT NULL AND backend_type = 'client backend'"
        )
        return c.fetchone()[0] > 0


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_un_trabajador_muerto_a_media_importacion_no_la_deja_en_curso(supervisor, broker, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("Con SQLite el trabajador no comparte la base de la prueba")
    filas = 6000
    token = confirmada(supervisor, filas)
    bitacora = tmp_path / "celery.log"
    primero = trabajador(broker, settings.MEDIA_ROOT, bitacora)
    try:
        importacion.encolar(token)
        assert tareas.esperar_publicaciones()
        esperar(lambda: importacion.leer_estado(token)["estado"] == importacion.EN_CURSO, "«en curso»")
        esperar(importando_en_la_base, "la transacción de la importación abierta")
    finally:
        os.kill(primero.pid, signal.SIGKILL)
        primero.wait(30)
    assert Peticion.objects.count() == 0  # its transaction died with it
    assert importacion.leer_estado(token)["estado"] == importacion.EN_CURSO

    segundo = trabajador(broker, settings.MEDIA_ROOT, bitacora)
    try:
        assert importacion.recoger()["reenviadas"] == 1  # the sweep (beat) sees the dead owner
        assert tareas.esperar_publicaciones()
        esperar(
            lambda: importacion.leer_estado(token)["estado"] in (importacion.TERMINADA, importacion.CON_ERRORES),
            "el final de la importación\n" + bitacora.read_text()[-3000:],
        )
    finally:
        segundo.terminate()
        segundo.wait(60)
    estado = importacion.leer_estado(token)
    assert estado["estado"] == importacion.TERMINADA, estado
    assert estado["nuevas"] == filas and Peticion.objects.count() == filas
    assert Peticion.objects.values("folio").distinct().count() == filas  # no duplicate rows
    assert not importacion.ruta_archivo(token, "historico.csv").exists()
    assert importacion.ejecutar(token)["estado"] == importacion.TERMINADA  # the old message, redelivered later
    assert Peticion.objects.count() == filas
