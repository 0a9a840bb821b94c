"""Celery tasks: thin wrappers over plain functions, safe to run twice."""

import logging

from celery import shared_task

from . import emision, exportacion
from .reporte import SinPrograma

log = logging.getLogger(__name__)


@shared_task(name="indicadores.emitir_mir_mes_anterior")
def emitir_mir_mes_anterior() -> str:
    """On the 1st of each month: issue and archive the previous month's MIR (once)."""
    try:
        reporte = emision.emitir_mes_anterior()
    except SinPrograma as falta:
        log.error("No se emitió el MIR: %s", falta)
        return str(falta)
    return str(reporte) if reporte else "ya emitido"


@shared_task(name="indicadores.generar_exportacion")
def generar_exportacion(exportacion_id: int) -> str:
    """Produce one queued export file (claimed atomically: two workers never do the same one)."""
    return exportacion.procesar(exportacion_id)


@shared_task(name="indicadores.recoger_exportaciones")
def recoger_exportaciones() -> int:
    """Re-queue exports left pending (broker was down) or abandoned by a dead worker."""
    return exportacion.recoger_pendientes()
