"""Celery tasks of the follow-up: thin wrappers over peticiones.acciones.seguimiento (each also a command)."""

from celery import shared_task

from .acciones import seguimiento


@shared_task(name="peticiones.tasks_seguimiento.encolar_llamadas")
def encolar_llamadas() -> int:
    """Periodic sweep (CELERY_BEAT_SCHEDULE): queue the follow-up calls the database says are missing."""
    return seguimiento.encolar_llamadas()
