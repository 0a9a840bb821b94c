"""A confirmed historical import runs outside the web request (Celery), with a status the page polls.

The checked file and its status live side by side in MEDIA_ROOT/importaciones/ (the web and the worker share
that volume): `<token>.csv|xlsx` and `<token>.json`. `ejecutar()` is the plain function the task wraps. It
holds a lease (`peticiones/reclamos.py`) while it works: a redelivered task, or one re-queued by
`recoger_importaciones` after its worker died, takes over an expired lease and imports from the start (the
import is one transaction: the dead worker's rows were rolled back); the lease is marked done in the
import's own transaction, so the file is never imported twice. After `MAXIMO_INTENTOS` interrupted runs
the import is «fallida» and its page offers to retry.
"""

import json
import logging
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from sirc.tareas import encolar_al_confirmar

from . import reclamos
from .models import Reclamo
from .recursos import importar

logger = logging.getLogger(__name__)

REVISADA, EN_COLA, EN_CURSO = "revisada", "en_cola", "en_curso"
TERMINADA, CON_ERRORES, FALLIDA = "terminada", "con_errores", "fallida"
MAXIMO_INTENTOS = 3
COLA_OLVIDADA = timedelta(minutes=2)  # «en cola» this long: the broker lost the nudge, queue it again
CONSERVAR_REVISADAS = timedelta(days=1)  # checked but never confirmed: the file is deleted after this
CONSERVAR_TERMINADAS = timedelta(days=7)  # status of finished imports, and files of failed ones


def carpeta() -> Path:
    ruta = Path(settings.MEDIA_ROOT) / "importaciones"
    ruta.mkdir(parents=True, exist_ok=True)
    return ruta


def ruta_archivo(token: str, nombre: str) -> Path:
    uuid.UUID(token)  # ValueError on anything else: no path tricks
    return carpeta() / f"{token}{Path(nombre).suffix.lower()}"


def _ruta_estado(token: str) -> Path:
    uuid.UUID(token)
    return carpeta() / f"{token}.json"


def guardar_estado(token: str, **datos: Any) -> dict:
    estado = {**(leer_estado(token) or {}), **datos, "actualizado": timezone.now().isoformat()}
    temporal = _ruta_estado(token).with_suffix(".tmp")
    temporal.write_text(json.dumps(estado, ensure_ascii=False))
    temporal.replace(_ruta_estado(token))  # atomic: the page never reads half a file
    return estado


def leer_estado(token: str) -> dict | None:
    try:
        return json.loads(_ruta_estado(token).read_text())
    except (OSError, ValueError):
        return None


def clave(token: str) -> str:
    return f"importacion:{token}"


def ejecutar(token: str) -> dict:
    """Import the checked file of `token` (all or nothing) and record the outcome in its status."""
    estado = leer_estado(token)
    if estado is None or estado.get("estado") not in (EN_COLA, EN_CURSO):
        return estado or {}
    dueno, reclamo = reclamos.reclamar(clave(token))
    if dueno is None:
        if reclamo is not None and reclamo.hecho:  # imported, but the status was not written (crash between)
            return guardar_estado(token, estado=TERMINADA, fin=timezone.now().isoformat())
        return estado  # a live worker is on it
    guardar_estado(token, estado=EN_CURSO, inicio=timezone.now().isoformat(), intento=reclamo.intentos)
    ruta = ruta_archivo(token, estado["nombre"])
    try:
        with reclamos.latido(clave(token), dueno), transaction.atomic():
            usuario = get_user_model().objects.get(pk=estado["usuario"])
            resultado = importar(ruta.read_bytes(), estado["nombre"], usuario=usuario, confirmar=True)
            if resultado.valido:
                reclamos.marcar_hecho(clave(token), dueno)
    except Exception as error:  # the page must say it failed, not spin forever
        logger.exception("Falló la importación %s", token)
        return guardar_estado(token, estado=CON_ERRORES, errores=[f"Error general: {error}"], nuevas=0)
    if resultado.valido:
        ruta.unlink(missing_ok=True)
    return guardar_estado(
        token,
        estado=TERMINADA if resultado.valido else CON_ERRORES,
        nuevas=resultado.nuevas,
        errores=resultado.errores,
        fin=timezone.now().isoformat(),
    )


def encolar(token: str) -> None:
    encolar_al_confirmar("peticiones.importar_archivo", token)


def reintentar(token: str) -> bool:
    """A person asks again for a failed import: attempts start from zero. False if it cannot be retried."""
    estado = leer_estado(token)
    if estado is None or estado.get("estado") != FALLIDA or not ruta_archivo(token, estado["nombre"]).exists():
        return False
    reclamos.soltar(clave(token))
    guardar_estado(token, estado=EN_COLA, errores=[])
    encolar(token)
    return True


def _antiguedad(estado: dict) -> timedelta:
    try:
        return timezone.now() - datetime.fromisoformat(estado["actualizado"])
    except (KeyError, TypeError, ValueError):
        return timedelta(0)


def recoger() -> dict[str, int]:
    """Periodic sweep: re-queue imports whose nudge was lost or whose worker died, fail them after
    MAXIMO_INTENTOS interruptions, and delete old files. Safe to run twice or on two workers."""
    cuenta = {"reenviadas": 0, "fallidas": 0, "borradas": 0}
    for ruta_estado in sorted(carpeta().glob("*.json")):
        token = ruta_estado.stem
        estado = leer_estado(token) if _es_token(token) else None
        if estado is None:
            continue
        situacion, antiguedad = estado.get("estado"), _antiguedad(estado)
        archivo = ruta_archivo(token, estado.get("nombre", ""))
        if situacion in (EN_COLA, EN_CURSO):
            reclamo = Reclamo.objects.filter(clave=clave(token)).first()
            if reclamo is None:
                if situacion == EN_COLA and antiguedad > COLA_OLVIDADA:
                    encolar(token)
                    cuenta["reenviadas"] += 1
            elif reclamo.hecho:
                guardar_estado(token, estado=TERMINADA, fin=timezone.now().isoformat())
                archivo.unlink(missing_ok=True)
            elif reclamos.abandonado(reclamo):
                if reclamo.intentos >= MAXIMO_INTENTOS:
                    guardar_estado(
                        token,
                        estado=FALLIDA,
                        errores=[f"La importación se interrumpió {reclamo.intentos} veces (el proceso se detuvo)."],
                        nuevas=0,
                    )
                    cuenta["fallidas"] += 1
                else:
                    guardar_estado(token, estado=EN_COLA)
                    encolar(token)
                    cuenta["reenviadas"] += 1
        elif (situacion == REVISADA and antiguedad > CONSERVAR_REVISADAS) or (
            situacion in (TERMINADA, CON_ERRORES, FALLIDA) and antiguedad > CONSERVAR_TERMINADAS
        ):
            archivo.unlink(missing_ok=True)
            ruta_estado.unlink(missing_ok=True)
            Reclamo.objects.filter(clave=clave(token)).delete()
            cuenta["borradas"] += 1
    return cuenta


def _es_token(texto: str) -> bool:
    try:
        uuid.UUID(texto)
    except ValueError:
        return False
    return True
