"""Queue Celery tasks once the data they read is committed, and never let the broker hold a request.

The database is the source of truth; a broker message is only a nudge to act sooner. So:

- Publishing happens after commit (a rolled-back transaction queues nothing) on ONE background daemon
  thread per process, so a hung Redis (a paused process: each publish waits for the ~2 s socket timeout)
  never delays the person's page.
- After a failure the broker is skipped for `ESPERA_TRAS_FALLO` seconds (a small circuit breaker), so a
  queue of publications does not pay the timeout one after another.
- With no broker (no REDIS_URL: tests, `make run`) the task runs inline right after the commit, on the
  calling thread, so results are deterministic.

The contract for callers: only queue work the database can re-derive (an outbox row, a pending state a
periodic sweep finds). A publication that fails, is skipped by the breaker, or is still queued when the
process exits (the thread is a daemon: exit does not wait for it) is only logged; the periodic job in
`CELERY_BEAT_SCHEDULE` does the work later. Management commands that want their nudges sent before they
exit call `esperar_publicaciones()`.
"""

import logging
import os
import queue
import threading
import time
from collections.abc import Callable
from typing import Any
from uuid import uuid4

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)

ESPERA_TRAS_FALLO = 30.0  # seconds without trying the broker after a failed publish

# Per-process state. The lock guards both the breaker timestamp (written by the publishing thread, read
# by request threads) and the lazy start of the thread. A forked child (gunicorn, Celery prefork) gets a
# new lock (the parent's could be held at fork time) and starts its own thread (the parent's is not
# copied); it keeps the breaker timestamp, which is still true.
_candado = threading.Lock()
_ultimo_fallo = float("-inf")
_cola: "queue.Queue[Callable[[], None]] | None" = None


def _al_bifurcar() -> None:
    global _candado, _cola
    _candado = threading.Lock()
    _cola = None


os.register_at_fork(after_in_child=_al_bifurcar)


def broker_en_pausa() -> bool:
    """True while the breaker is open (the broker failed less than ESPERA_TRAS_FALLO seconds ago)."""
    with _candado:
        return time.monotonic() - _ultimo_fallo < ESPERA_TRAS_FALLO


def _anotar_fallo() -> None:
    global _ultimo_fallo
    with _candado:
        _ultimo_fallo = time.monotonic()


def reiniciar() -> None:
    """Close the breaker: forget a past broker failure (tests, or once Redis is fixed)."""
    global _ultimo_fallo
    with _candado:
        _ultimo_fallo = float("-inf")


def _publicar_en_orden(cola: "queue.Queue[Callable[[], None]]") -> None:
    while True:
        trabajo = cola.get()
        try:
            trabajo()
        except Exception:  # the loop must survive anything; the work is still in the database
            logger.exception("Error inesperado al publicar una tarea.")
        finally:
            cola.task_done()


def _cola_de_publicacion() -> "queue.Queue[Callable[[], None]]":
    """The process's publishing queue, starting its daemon thread on first use."""
    global _cola
    with _candado:
        if _cola is None:
            _cola = queue.Queue()
            threading.Thread(target=_publicar_en_orden, args=(_cola,), name="sirc-publicar", daemon=True).start()
        return _cola


def _publicar(tarea: Task, args: tuple, kwargs: dict, opciones: dict[str, Any]) -> None:
    if broker_en_pausa():
        logger.warning(
            "Broker en pausa tras un fallo: la tarea %s (id %s) no se encola; la hará el trabajo periódico.",
            tarea.name,
            opciones["task_id"],
        )
        return
    try:
        tarea.apply_async(args=args, kwargs=kwargs, **opciones)
    except Exception:  # any broker error: the database still holds the work
        _anotar_fallo()
        logger.exception(
            "No se pudo encolar la tarea %s (id %s); la base de datos conserva el trabajo pendiente.",
            tarea.name,
            opciones["task_id"],
        )


def _ejecutar_en_linea(tarea: Task, args: tuple, kwargs: dict, opciones: dict[str, Any]) -> None:
    try:
        tarea.apply_async(args=args, kwargs=kwargs, **opciones)  # eager: runs here and now
    except Exception:
        logger.exception(
            "Falló la tarea %s (id %s) en modo local; el trabajo periódico la reintentará.",
            tarea.name,
            opciones["task_id"],
        )


def hay_broker() -> bool:
    """False in the embedded default (no broker: tasks run inline, in the calling process)."""
    from .celery import app

    return not app.conf.task_always_eager


def encolar_al_confirmar(tarea: Task | str, *args: Any, opciones: dict[str, Any] | None = None, **kwargs: Any) -> str:
    """Queue `tarea(*args, **kwargs)` after the current transaction commits; return the task id.

    `tarea` is the task or its registered name: domain modules name their task ("peticiones.enviar_notificacion")
    so that they never import the `tasks` module that imports them.

    Outside a transaction it is handed over at once. If the transaction rolls back, nothing happens.
    `opciones` go to `apply_async` (e.g. `{"queue": "correo", "countdown": 60}`). Never raises: a failure
    to publish (or to run, in eager mode) is logged. The publication itself runs on a background
    thread; in eager mode (no broker) the task runs inline after the commit.
    """
    if isinstance(tarea, str):
        from .celery import app

        if tarea not in app.tasks:  # autodiscovery of each app's tasks.py is lazy (worker start): import them now
            app.autodiscover_tasks(force=True)
        tarea = app.tasks[tarea]  # an unknown name is a programming error: raise here, not after the commit
    id_tarea = str(uuid4())
    opciones = {**(opciones or {}), "task_id": id_tarea}

    def al_confirmar() -> None:
        if tarea.app.conf.task_always_eager:
            _ejecutar_en_linea(tarea, args, kwargs, opciones)
        elif broker_en_pausa():
            _publicar(tarea, args, kwargs, opciones)  # only logs; no thread hand-off needed
        else:
            _cola_de_publicacion().put(lambda: _publicar(tarea, args, kwargs, opciones))

    transaction.on_commit(al_confirmar)
    return id_tarea


def esperar_publicaciones(segundos: float = 10.0) -> bool:
    """Wait until every publication handed over so far is done; False if `segundos` passed first.

    For tests and management commands (a short-lived process whose daemon thread would die with it).
    """
    listo = threading.Event()
    _cola_de_publicacion().put(listo.set)
    return listo.wait(segundos)
