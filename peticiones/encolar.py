"""Publish Celery work without ever holding a person's request.

The outbox rows are the record; a broker message is only a nudge to act sooner. So publishing runs
after commit, on a background thread, and is skipped for a while after the broker failed — a hung
Redis (a paused process) would otherwise block `.delay()` for seconds. The periodic sweep picks up
whatever was not published.
"""

import logging
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)

ESPERA_TRAS_FALLO = 30.0  # seconds without trying the broker after it failed

_estado = {"ultimo_fallo": -ESPERA_TRAS_FALLO, "pid": None}
_ejecutor: ThreadPoolExecutor | None = None
_candado = threading.Lock()


def _obtener_ejecutor() -> ThreadPoolExecutor:
    """One publishing thread per process (re-created after a fork)."""
    global _ejecutor
    with _candado:
        if _ejecutor is None or _estado["pid"] != os.getpid():
            _ejecutor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sirc-publicar")
            _estado["pid"] = os.getpid()
        return _ejecutor


def broker_en_pausa() -> bool:
    return time.monotonic() - _estado["ultimo_fallo"] < ESPERA_TRAS_FALLO


def reiniciar() -> None:
    """Forget a past broker failure (tests, or after the operator fixed Redis)."""
    _estado["ultimo_fallo"] = -ESPERA_TRAS_FALLO


def _publicar(tarea: Task, args: tuple) -> None:
    if broker_en_pausa():
        logger.info("Broker en pausa tras un fallo; %s queda para el barrido periódico.", tarea.name)
        return
    try:
        tarea.apply_async(args=args, ignore_result=True, retry=False)
    except Exception as exc:  # any broker error: the database still holds the work
        _estado["ultimo_fallo"] = time.monotonic()
        logger.warning("No se pudo publicar %s (%s); lo hará el barrido periódico.", tarea.name, exc)


def encolar(tarea: Task, *args: object) -> Future | None:
    """Run `tarea` now (eager mode, no broker) or publish it in the background; never raises."""
    if tarea.app.conf.task_always_eager:
        try:
            tarea.apply(args=args)
        except Exception:
            logger.exception("Falló la tarea %s en modo local; el barrido periódico la reintentará.", tarea.name)
        return None
    if broker_en_pausa():
        return None
    return _obtener_ejecutor().submit(_publicar, tarea, args)


def encolar_al_confirmar(tarea: Task, *args: object) -> None:
    """Publish only once the current transaction has committed (the rows exist for the worker)."""
    transaction.on_commit(lambda: encolar(tarea, *args))


def esperar_publicaciones(segundos: float = 10.0) -> None:
    """Block until every publication queued so far has finished (tests, management commands)."""
    _obtener_ejecutor().submit(lambda: None).result(timeout=segundos)
