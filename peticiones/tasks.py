"""Celery tasks of peticiones (thin wrappers; the work is a plain function)."""

from sirc.celery import app

from . import importaciones


@app.task(name="peticiones.importar_archivo")  # SIRC's app, not shared_task: whichever app is "current"
def importar_archivo(token: str) -> str:
    """Confirmed historical import of a checked file; safe to run twice (the second run does nothing)."""
    return importaciones.ejecutar(token).get("estado", "")
