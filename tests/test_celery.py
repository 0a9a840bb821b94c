"""Celery wiring: tasks queued after commit, a broker that is down never breaks a request, and a real
worker on the real Redis runs what SIRC queues (not only eager mode)."""

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery
from celery.result import AsyncResult
from django.conf import settings
from django.db import transaction

from sirc import tareas
from sirc.celery import app, ping
from sirc.tareas import encolar_al_confirmar, esperar_publicaciones

RAIZ = Path(__file__).resolve().parent.parent


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _app_de_prueba(broker: str, eager: bool = False) -> tuple[Celery, object, list]:
    """A throwaway Celery app with SIRC's broker timeouts and one task that records its calls."""
    prueba = Celery("prueba", broker=broker)
    prueba.conf.update(
        task_always_eager=eager,
        broker_connection_timeout=settings.CELERY_BROKER_CONNECTION_TIMEOUT,
        broker_transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        task_publish_retry=settings.CELERY_TASK_PUBLISH_RETRY,
    )
    llamadas: list = []

    @prueba.task(name="prueba.anotar", shared=False)  # not registered in every other app (sirc's)
    def anotar(*args, **kwargs):
        llamadas.append((args, kwargs))

    return prueba, anotar, llamadas


@pytest.fixture(autouse=True)
def interruptor_cerrado():
    """Each test starts (and leaves) with the broker breaker closed: a failure here must not pause others."""
    tareas.reiniciar()
    yield
    esperar_publicaciones()
    tareas.reiniciar()


def test_acks_late_y_tareas_perdidas_se_reintentan():
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert ping.acks_late is True


@pytest.mark.django_db
def test_la_tarea_se_encola_solo_al_confirmar_la_transaccion(django_capture_on_commit_callbacks):
    _prueba, anotar, llamadas = _app_de_prueba("memory://", eager=True)
    with django_capture_on_commit_callbacks(execute=True):
        id_tarea = encolar_al_confirmar(anotar, 7, folio="2026-000007")
        assert llamadas == []  # not before the commit
    assert llamadas == [((7,), {"folio": "2026-000007"})]
    assert uuid.UUID(id_tarea)


@pytest.mark.django_db
def test_en_modo_eager_la_tarea_corre_en_el_mismo_hilo_y_sus_errores_se_registran(
    django_capture_on_commit_callbacks, caplog
):
    prueba = Celery("prueba-eager", broker="memory://")
    prueba.conf.update(task_always_eager=True, task_eager_propagates=True)
    hilos: list = []

    @prueba.task(name="prueba.falla", shared=False)
    def falla():
        hilos.append(threading.current_thread())
        raise ValueError("sin servicio de correo")

    with caplog.at_level(logging.ERROR, logger="sirc.tareas"), django_capture_on_commit_callbacks(execute=True):
        id_tarea = encolar_al_confirmar(falla)
    assert hilos == [threading.current_thread()]  # inline, not on the publishing thread: deterministic
    assert f"Falló la tarea prueba.falla (id {id_tarea}) en modo local" in caplog.text


@pytest.mark.django_db
def test_si_la_transaccion_se_revierte_no_se_encola_nada(django_capture_on_commit_callbacks):
    _prueba, anotar, llamadas = _app_de_prueba("memory://", eager=True)
    with (
        django_capture_on_commit_callbacks(execute=True) as pendientes,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        encolar_al_confirmar(anotar, 1)
        raise RuntimeError("falla la captura")
    assert pendientes == []
    assert llamadas == []


@pytest.mark.django_db
def test_broker_caido_no_lanza_error_y_queda_en_el_log(django_capture_on_commit_callbacks, caplog):
    _prueba, anotar, _ = _app_de_prueba(f"redis://127.0.0.1:{_puerto_libre()}/0")
    with caplog.at_level(logging.WARNING, logger="sirc.tareas"):
        with django_capture_on_commit_callbacks(execute=True):
            id_tarea = encolar_al_confirmar(anotar, 1)
        assert esperar_publicaciones()
        assert f"No se pudo encolar la tarea prueba.anotar (id {id_tarea})" in caplog.text
        assert tareas.broker_en_pausa()

        # While the breaker is open the broker is not even tried: the next one is only logged.
        with django_capture_on_commit_callbacks(execute=True):
            siguiente = encolar_al_confirmar(anotar, 2)
        assert f"Broker en pausa tras un fallo: la tarea prueba.anotar (id {siguiente}) no se encola" in caplog.text
    assert caplog.text.count("No se pudo encolar") == 1


@pytest.mark.django_db
def test_tras_la_pausa_se_vuelve_a_intentar_el_broker(django_capture_on_commit_callbacks, caplog, monkeypatch):
    _prueba, anotar, _ = _app_de_prueba(f"redis://127.0.0.1:{_puerto_libre()}/0")
    with caplog.at_level(logging.ERROR, logger="sirc.tareas"):
        with django_capture_on_commit_callbacks(execute=True):
            encolar_al_confirmar(anotar, 1)
        assert esperar_publicaciones()
        monkeypatch.setattr(tareas, "ESPERA_TRAS_FALLO", 0.0)  # the pause is over
        assert not tareas.broker_en_pausa()
        with django_capture_on_commit_callbacks(execute=True):
            encolar_al_confirmar(anotar, 2)
        assert esperar_publicaciones()
    assert caplog.text.count("No se pudo encolar la tarea prueba.anotar") == 2


@pytest.mark.django_db
def test_broker_colgado_no_retiene_la_peticion(django_capture_on_commit_callbacks, caplog):
    """A broker that accepts the connection but never answers (paused): the publish times out."""
    puerto = _puerto_libre()
    try:
        redis = subprocess.Popen(
            ["redis-server", "--port", str(puerto), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        pytest.skip("No está redis-server para simular un broker colgado")
    try:
        for _ in range(50):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", puerto)) == 0:
                    break
            time.sleep(0.1)
        redis.send_signal(signal.SIGSTOP)
        _prueba, anotar, _ = _app_de_prueba(f"redis://127.0.0.1:{puerto}/0")
        with caplog.at_level(logging.ERROR, logger="sirc.tareas"):
            inicio = time.monotonic()
            with django_capture_on_commit_callbacks(execute=True):
                encolar_al_confirmar(anotar, 1)
            duracion = time.monotonic() - inicio
            assert duracion < 0.5, f"el commit esperó {duracion:.2f} s al broker colgado"
            assert "No se pudo encolar" not in caplog.text  # still trying, on the publishing thread
            assert esperar_publicaciones(15)  # it gives up after the ~2 s socket timeout
        assert "No se pudo encolar la tarea prueba.anotar" in caplog.text
        assert tareas.broker_en_pausa()
    finally:
        redis.send_signal(signal.SIGCONT)
        redis.terminate()
        redis.wait(timeout=10)


def test_un_proceso_hijo_publica_con_su_propio_hilo():
    """gunicorn / Celery prefork fork after SIRC is loaded: the child must not wait on its parent's thread."""
    tareas._cola_de_publicacion()  # the parent's thread is running
    pid = os.fork()
    if pid == 0:  # child: a fresh queue and thread on first use, and publishing still works
        ok = tareas._cola is None and tareas.esperar_publicaciones(5)
        os._exit(0 if ok else 1)
    _, estado = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(estado) == 0


@pytest.fixture
def trabajador_real(tmp_path):
    """A real `celery worker` process on REDIS_URL, consuming a queue of its own (so it takes no one else's work)."""
    if not os.environ.get("REDIS_URL") or app.conf.task_always_eager:
        pytest.skip("Sin REDIS_URL no hay broker real: Celery corre en modo eager")
    cola = f"prueba-{uuid.uuid4().hex[:12]}"
    bitacora = tmp_path / "celery.log"
    entorno = {**os.environ, "DEBUG": "true"}
    with bitacora.open("w") as salida:
        proceso = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "sirc",
                "worker",
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
                "-Q",
                cola,
                "-n",
                f"{cola}@%h",
            ],
            cwd=RAIZ,
            env=entorno,
            stdout=salida,
            stderr=subprocess.STDOUT,
        )
    try:
        yield cola, bitacora
    finally:
        proceso.terminate()
        try:
            proceso.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proceso.kill()
            proceso.wait()


@pytest.mark.broker
@pytest.mark.django_db
def test_un_trabajador_real_ejecuta_las_tareas_por_redis(trabajador_real, django_capture_on_commit_callbacks):
    cola, bitacora = trabajador_real
    directa = ping.apply_async(queue=cola)
    with django_capture_on_commit_callbacks(execute=True):
        id_tarea = encolar_al_confirmar(ping, opciones={"queue": cola})
    try:
        assert directa.get(timeout=60) == "pong"
        assert AsyncResult(id_tarea, app=app).get(timeout=30) == "pong"
    except Exception:
        print(bitacora.read_text())
        raise
    # The worker logs "succeeded" just after storing the result: give its log a moment to catch up.
    exito = f"Task sirc.ping[{id_tarea}] succeeded"
    for _ in range(100):
        if exito in bitacora.read_text():
            break
        time.sleep(0.1)
    registro = bitacora.read_text()
    assert "redis://" in registro  # the worker really talked to Redis, not the in-memory transport
    assert exito in registro
