"""Celery application: the broker comes from settings (REDIS_URL); absent, tasks run eagerly."""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sirc.settings")

app = Celery("sirc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="sirc.ping")
def ping() -> str:
    """Round-trip task used to prove the broker and worker wiring."""
    return "pong"


# Changes made by a task carry its name in the history (sirc/historial.py).
_contextos_de_tareas: dict[str, object] = {}


@signals.task_prerun.connect
def _abrir_historial(task_id=None, task=None, **kwargs) -> None:
    from sirc.historial import contexto

    manejador = contexto(tarea=task.name)
    manejador.__enter__()
    _contextos_de_tareas[task_id] = manejador


@signals.task_postrun.connect
def _cerrar_historial(task_id=None, **kwargs) -> None:
    manejador = _contextos_de_tareas.pop(task_id, None)
    if manejador is not None:
        manejador.__exit__(None, None, None)
