"""Celery tasks: thin wrappers over plain functions; each periodic one is also a management command.

Every task is safe to run twice: the functions claim their work in the database. Results are not
stored (`ignore_result`), so publishing never waits on the result backend.
"""

from celery import shared_task

from sirc.celery import app

from . import importacion, notificaciones, vencimientos
from .acciones import privacidad, seguimiento, whatsapp


@shared_task(name="peticiones.revisar_vencimientos", ignore_result=True)
def revisar_vencimientos() -> str:
    """Beat, every 10 minutes: mark overdue requests, notify the enlaces, escalate (manage.py revisar_vencimientos)."""
    return str(vencimientos.revisar_vencimientos())


@shared_task(name="peticiones.enviar_notificaciones_pendientes", ignore_result=True)
def enviar_notificaciones_pendientes() -> int:
    """Beat, every minute: the outbox sweep (manage.py enviar_notificaciones)."""
    return notificaciones.enviar_pendientes()


@shared_task(
    bind=True, name="peticiones.enviar_notificacion", ignore_result=True, max_retries=notificaciones.MAX_INTENTOS
)
def enviar_notificacion(self, notificacion_id: int) -> bool:
    """Send one notice now; on failure retry with the outbox's backoff (the sweep also would)."""
    resultado = notificaciones.enviar(notificacion_id)
    if resultado.reintentar_en is not None and not self.request.is_eager:
        raise self.retry(countdown=resultado.reintentar_en)
    return resultado.enviada


@app.task(name="peticiones.importar_archivo")  # SIRC's app, not shared_task: whichever app is "current"
def importar_archivo(token: str) -> str:
    """Confirmed historical import of a checked file; safe to run twice (the second run does nothing)."""
    return importacion.ejecutar(token).get("estado", "")


@shared_task(name="peticiones.recoger_importaciones", ignore_result=True)
def recoger_importaciones() -> str:
    """Beat, every 2 minutes: imports whose worker died or whose nudge was lost (manage.py recoger_importaciones)."""
    return str(importacion.recoger())


@shared_task(name="peticiones.encolar_llamadas", ignore_result=True)
def encolar_llamadas() -> int:
    """Beat, every 5 minutes: queue the follow-up calls the database says are missing (manage.py encolar_llamadas)."""
    return seguimiento.encolar_llamadas()


@shared_task(name="peticiones.descargar_medio_whatsapp", ignore_result=True)
def descargar_medio_whatsapp(mensaje_id: int) -> bool:
    """Download one WhatsApp image after the webhook stored its message (safe to run twice)."""
    return whatsapp.descargar_medio(mensaje_id)


@shared_task(name="peticiones.descargar_medios_whatsapp", ignore_result=True)
def descargar_medios_whatsapp() -> int:
    """Beat, every 5 minutes: images still to download (manage.py descargar_medios_whatsapp)."""
    return whatsapp.descargar_pendientes()


@shared_task(name="peticiones.revisar_arco", ignore_result=True)
def revisar_arco() -> int:
    """Beat, hourly: alert the staff of ARCO requests at their 15th día hábil (manage.py revisar_arco)."""
    return len(privacidad.alertar_plazos().alertadas)


@shared_task(name="peticiones.aplicar_retencion", ignore_result=True)
def aplicar_retencion() -> int:
    """Beat, daily: anonymise citizens past the retention period (manage.py aplicar_retencion)."""
    return len(privacidad.aplicar_retencion().anonimizados)
