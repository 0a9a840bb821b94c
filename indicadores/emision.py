"""Issuing the monthly MIR report: render, store the file with its SHA-256, never touch it again.

The first issue of a month is version 1 (the Celery beat task on the 1st does it, once); a director may
issue later versions, each a new file and row; every version stays listed and downloadable.
"""

import hashlib
import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from . import reporte as reporte_mir
from .models import ReporteMensual
from .pdf import generar_pdf
from .periodos import Mes

log = logging.getLogger(__name__)


def sha256_de(contenido: bytes) -> str:
    return hashlib.sha256(contenido).hexdigest()


def _crear_version(mes: Mes, usuario: AbstractBaseUser | None, version: int) -> ReporteMensual:
    corte = timezone.now()
    datos = reporte_mir.armar(mes, corte=corte)
    contenido = generar_pdf(datos, version=version)
    digest = sha256_de(contenido)
    nombre = f"mir-{mes.clave}-v{version}-{digest[:12]}.pdf"
    with transaction.atomic():
        reporte = ReporteMensual(
            programa=datos.programa,
            anio=mes.anio,
            mes=mes.mes,
            version=version,
            sha256=digest,
            tamano=len(contenido),
            emitido=corte,
            emitido_por=usuario if usuario is not None and usuario.is_authenticated else None,
            datos=datos.datos(),
        )
        # Storage never overwrites: an existing name gets a new suffix, so an old file is never replaced.
        reporte.archivo.save(nombre, ContentFile(contenido), save=False)
        try:
            reporte.save()
        except IntegrityError:
            default_storage.delete(reporte.archivo.name)
            raise
    return reporte


def emitir_del_mes(mes: Mes) -> ReporteMensual | None:
    """The automatic issue of `mes` (version 1). Does nothing if the month was already issued."""
    if ReporteMensual.objects.filter(anio=mes.anio, mes=mes.mes).exists():
        log.info("MIR de %s ya emitido; no se emite de nuevo.", mes)
        return None
    try:
        return _crear_version(mes, None, 1)
    except IntegrityError:
        log.info("MIR de %s emitido al mismo tiempo por otra tarea.", mes)
        return None


def emitir_mes_anterior() -> ReporteMensual | None:
    """What the 1st-of-the-month task does: issue the month that just ended."""
    return emitir_del_mes(Mes.actual().anterior())


def emitir_nueva_version(mes: Mes, usuario: AbstractBaseUser) -> ReporteMensual:
    """A director issues a new version of `mes` (e.g. after late captures); earlier versions stay."""
    if not usuario.has_perm("indicadores.emitir_reporte"):
        raise PermissionDenied("Su usuario no puede emitir reportes MIR.")
    if mes >= Mes.actual():
        raise ValueError(f"{mes.nombre.capitalize()} aún no termina: sólo se emiten meses cerrados.")
    for _intento in range(3):
        siguiente = (
            ReporteMensual.objects.filter(anio=mes.anio, mes=mes.mes).aggregate(v=Max("version"))["v"] or 0
        ) + 1
        try:
            return _crear_version(mes, usuario, siguiente)
        except IntegrityError:
            continue
    raise RuntimeError("No se pudo emitir la nueva versión: otro usuario emitió al mismo tiempo. Intente de nuevo.")


def verificar(reporte: ReporteMensual) -> bool:
    """True when the stored file still has the SHA-256 recorded when it was issued."""
    try:
        with default_storage.open(reporte.archivo.name, "rb") as archivo:
            return sha256_de(archivo.read()) == reporte.sha256
    except FileNotFoundError:
        return False
