"""Celery tasks of the padrón: thin wrappers over plain functions."""

from celery import shared_task

from . import lotes


@shared_task(name="jefes_manzana.generar_lote", ignore_result=True)
def generar_lote(pk: int) -> str:
    """Render a big PDF batch (credentials, nombramientos) with progress; safe to run twice."""
    return lotes.generar(pk)


@shared_task(name="jefes_manzana.recoger_lotes", ignore_result=True)
def recoger_lotes() -> str:
    """Beat: batches whose nudge was lost or whose worker died; without a broker, every waiting batch."""
    return str(lotes.recoger())
