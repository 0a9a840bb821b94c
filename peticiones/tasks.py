"""Celery tasks of peticiones (thin wrappers; the work is a plain function)."""

from celery import shared_task

from . import importaciones


@shared_task(name="peticiones.importar_archivo")
def importar_archivo(token: str) -> str:
    """Confirmed historical import of a checked file; safe to run twice (the second run does nothing)."""
    return importaciones.ejecutar(token).get("estado", "")
