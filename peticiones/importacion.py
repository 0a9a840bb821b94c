"""A confirmed historical import runs outside the web request (Celery), with a status the page polls.

The checked file and its status live side by side in MEDIA_ROOT/importaciones/ (the web and the worker share
that volume): `<token>.csv|xlsx` and `<token>.json`. `ejecutar()` is the plain function the task wraps; it
claims the import once (a second run of the same task does nothing), so the file is never imported twice.
"""

import json
import os
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from .recursos import importar

EN_COLA, EN_CURSO, TERMINADA, CON_ERRORES = "en_cola", "en_curso", "terminada", "con_errores"


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


def _reclamar(token: str) -> bool:
    """True for the first caller only (O_EXCL marker), so a repeated task never imports twice."""
    try:
        os.close(os.open(carpeta() / f"{token}.reclamada", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def ejecutar(token: str) -> dict:
    """Import the checked file of `token` (all or nothing) and record the outcome in its status."""
    estado = leer_estado(token)
    if estado is None or not _reclamar(token):
        return estado or {}
    guardar_estado(token, estado=EN_CURSO, inicio=timezone.now().isoformat())
    ruta = ruta_archivo(token, estado["nombre"])
    try:
        usuario = get_user_model().objects.get(pk=estado["usuario"])
        resultado = importar(ruta.read_bytes(), estado["nombre"], usuario=usuario, confirmar=True)
    except Exception as error:  # the page must say it failed, not spin forever
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
