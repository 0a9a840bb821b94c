"""Big PDF batches (credentials, nombramientos) rendered by Celery with progress, under a lease.

`crear()` runs in the POST: it only writes the batch row and, with a broker, queues the task. `generar()`
is the plain function the task wraps: it takes the lease `lote:<pk>` (peticiones/reclamos.py), issues the
missing credentials, renders counting progress every `CADA` Jefes, and stores the file. A redelivered task
of a finished batch does nothing; one whose worker died takes over the expired lease and starts again.

`recoger()` is the periodic sweep (beat every `CELERY_BEAT_SCHEDULE` interval): it queues batches whose
nudge was lost, restarts those whose worker died and marks «Falló» (with a retry button) a batch that was
interrupted `MAXIMO_INTENTOS` times. Without a broker (`make run`) the web process never renders a batch: a
Celery task would run inline, inside the POST (4,400 cards took 70 s). The batch waits, «En espera de
turno», for the sweep that `manage.py programador` (started by `make run`) runs within seconds, in its own
process, as a worker would.
"""

import logging
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.utils import timezone

from peticiones import reclamos
from peticiones.models import Reclamo
from sirc.tareas import encolar_al_confirmar, hay_broker

from . import acciones
from .models import JefeManzana, LotePdf
from .pdf.credenciales import hoja_de_credenciales
from .pdf.nombramiento import nombramientos

logger = logging.getLogger(__name__)

LIMITE_EN_LA_PETICION = 300  # more Jefes than this: a batch in Celery, never inside a request
CADA = 100  # progress is written every this many Jefes
COLA_OLVIDADA = timedelta(minutes=2)  # with a broker: a batch nobody took this long after its POST is re-queued
MAXIMO_INTENTOS = 3  # interrupted this many times (its worker died each time): «Falló», with a retry button


def orden(jefes) -> list[int]:
    return list(jefes.order_by("cuartel__numero", "colonia__nombre", "manzana", "id").values_list("pk", flat=True))


def clave(pk: int) -> str:
    return f"lote:{pk}"


def _encolar(pk: int) -> None:
    encolar_al_confirmar("jefes_manzana.generar_lote", pk)


def _atender(pk: int) -> None:
    """From the sweep: a worker's task with a broker; without one the sweep's process is the worker."""
    if hay_broker():
        _encolar(pk)
    else:
        generar(pk)


def crear(usuario: AbstractBaseUser, tipo: str, ids: list[int]) -> LotePdf:
    """The batch row; a worker renders it (queued now with a broker; without one, the programador's sweep)."""
    lote = LotePdf.objects.create(usuario=usuario, tipo=tipo, jefes=ids, total=len(ids))
    if hay_broker():
        _encolar(lote.pk)
    return lote


def reintentar(lote: LotePdf) -> bool:
    """A failed batch back to «En espera de turno», its interruptions forgotten; False if it had not failed."""
    if not LotePdf.objects.filter(pk=lote.pk, estado=LotePdf.Estado.FALLIDO).update(
        estado=LotePdf.Estado.PENDIENTE, hechos=0, error="", terminado=None, creado=timezone.now()
    ):
        return False
    reclamos.soltar(clave(lote.pk))
    if hay_broker():
        _encolar(lote.pk)
    return True


def recoger(ahora: datetime | None = None) -> dict[str, int]:
    """Periodic sweep over the batches still «en marcha» (few rows): see the module docstring."""
    ahora = ahora or timezone.now()
    cuenta = {"encolados": 0, "fallidos": 0}
    en_marcha = list(
        LotePdf.objects.filter(estado__in=(LotePdf.Estado.PENDIENTE, LotePdf.Estado.PROCESANDO)).values_list(
            "pk", "creado"
        )
    )
    tomados = Reclamo.objects.in_bulk([clave(pk) for pk, _ in en_marcha], field_name="clave")
    for pk, creado in en_marcha:
        reclamo = tomados.get(clave(pk))
        if reclamo is None:
            if not hay_broker() or creado < ahora - COLA_OLVIDADA:
                _atender(pk)
                cuenta["encolados"] += 1
        elif reclamos.abandonado(reclamo):
            if reclamo.intentos >= MAXIMO_INTENTOS:
                LotePdf.objects.filter(pk=pk, estado__in=(LotePdf.Estado.PENDIENTE, LotePdf.Estado.PROCESANDO)).update(
                    estado=LotePdf.Estado.FALLIDO,
                    error=f"Se interrumpió {reclamo.intentos} veces: el proceso que lo generaba se detuvo.",
                )
                cuenta["fallidos"] += 1
            else:
                _atender(pk)
                cuenta["encolados"] += 1
    return cuenta


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
    clave_lote = clave(pk)
    dueno, _reclamo = reclamos.reclamar(clave_lote)
    if dueno is None:
        return lote.estado  # a live worker is on it
    LotePdf.objects.filter(pk=pk).update(estado=LotePdf.Estado.PROCESANDO, hechos=0)
    try:
        with reclamos.latido(clave_lote, dueno):
            if lote.tipo == LotePdf.Tipo.CREDENCIALES:
                acciones.emitir_credenciales(JefeManzana.objects.filter(pk__in=lote.jefes))
                contenido = hoja_de_credenciales(_con_avance(lote, _jefes(lote.jefes)))
            else:
                contenido = nombramientos(_con_avance(lote, _jefes(lote.jefes)))
            lote.refresh_from_db()
            lote.archivo.save(f"{lote.tipo}-{pk}.pdf", ContentFile(contenido), save=False)
            lote.estado, lote.hechos, lote.terminado = LotePdf.Estado.TERMINADO, lote.total, timezone.now()
            lote.save(update_fields=["archivo", "estado", "hechos", "terminado"])
            reclamos.marcar_hecho(clave_lote, dueno)
    except Exception as error:
        logger.exception("Falló el lote de PDF %s", pk)
        LotePdf.objects.filter(pk=pk).update(estado=LotePdf.Estado.FALLIDO, error=str(error)[:500])
        return LotePdf.Estado.FALLIDO
    return LotePdf.Estado.TERMINADO
