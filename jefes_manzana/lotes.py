"""Big PDF batches (credentials, nombramientos) rendered by Celery with progress, under a lease.

`crear()` runs in the POST (it only writes the batch row and queues the task); `generar()` is the plain
function the task wraps: it takes the lease `lote:<pk>` (peticiones/reclamos.py), issues the missing
credentials, renders counting progress every `CADA` Jefes, and stores the file. A redelivered task of a
finished batch does nothing; one whose worker died takes over the expired lease and starts again.
"""

import logging
from collections.abc import Iterable, Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.utils import timezone

from peticiones import reclamos
from sirc.tareas import encolar_al_confirmar

from . import acciones
from .models import JefeManzana, LotePdf
from .pdf.credenciales import hoja_de_credenciales
from .pdf.nombramiento import nombramientos

logger = logging.getLogger(__name__)

LIMITE_EN_LA_PETICION = 300  # more Jefes than this: a batch in Celery, never inside a request
CADA = 100  # progress is written every this many Jefes


def orden(jefes) -> list[int]:
    return list(jefes.order_by("cuartel__numero", "colonia__nombre", "manzana", "id").values_list("pk", flat=True))


def crear(usuario: AbstractBaseUser, tipo: str, ids: list[int]) -> LotePdf:
    lote = LotePdf.objects.create(usuario=usuario, tipo=tipo, jefes=ids, total=len(ids))
    encolar_al_confirmar("jefes_manzana.generar_lote", lote.pk)
    return lote


def _con_avance(lote: LotePdf, jefes: Iterable[JefeManzana]) -> Iterator[JefeManzana]:
    for n, jefe in enumerate(jefes, start=1):
        yield jefe
        if n % CADA == 0:
            LotePdf.objects.filter(pk=lote.pk).update(hechos=n)


def _jefes(ids: list[int]) -> Iterator[JefeManzana]:
    """In the batch's order, a chunk of ids at a time (no 4,400-parameter query, little memory)."""
    for i in range(0, len(ids), 500):
        trozo = ids[i : i + 500]
        por_id = JefeManzana.objects.select_related("colonia", "cuartel").in_bulk(trozo)
        yield from (por_id[pk] for pk in trozo if pk in por_id)


def generar(pk: int) -> str:
    lote = LotePdf.objects.filter(pk=pk).first()
    if lote is None or not lote.en_marcha:
        return lote.estado if lote else ""
    clave = f"lote:{pk}"
    dueno, _reclamo = reclamos.reclamar(clave)
    if dueno is None:
        return lote.estado  # a live worker is on it
    LotePdf.objects.filter(pk=pk).update(estado=LotePdf.Estado.PROCESANDO, hechos=0)
    try:
        with reclamos.latido(clave, dueno):
            if lote.tipo == LotePdf.Tipo.CREDENCIALES:
                acciones.emitir_credenciales(JefeManzana.objects.filter(pk__in=lote.jefes))
                contenido = hoja_de_credenciales(_con_avance(lote, _jefes(lote.jefes)))
            else:
                contenido = nombramientos(_con_avance(lote, _jefes(lote.jefes)))
            lote.refresh_from_db()
            lote.archivo.save(f"{lote.tipo}-{pk}.pdf", ContentFile(contenido), save=False)
            lote.estado, lote.hechos, lote.terminado = LotePdf.Estado.TERMINADO, lote.total, timezone.now()
            lote.save(update_fields=["archivo", "estado", "hechos", "terminado"])
            reclamos.marcar_hecho(clave, dueno)
    except Exception as error:
        logger.exception("Falló el lote de PDF %s", pk)
        LotePdf.objects.filter(pk=pk).update(estado=LotePdf.Estado.FALLIDO, error=str(error)[:500])
        return LotePdf.Estado.FALLIDO
    return LotePdf.Estado.TERMINADO
