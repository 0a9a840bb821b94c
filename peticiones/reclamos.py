"""Leases for long work (imports, PDF batches): an owner and an expiry, renewed while the work runs.

A task that is redelivered (acks_late) or re-queued by a sweep may find its work claimed. Before, a
marker file made any second run do nothing, so a worker killed with SIGKILL left its import «en curso»
forever. Now the claim is a `Reclamo` row: the owner (host:pid:random) renews `vence` from a heartbeat
thread every third of the lease; a run that finds the lease expired, or held by a process of this host
that no longer exists, takes it over (and counts the attempt). The database row lock decides between
two runs at once.
"""

import os
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .models import Reclamo


def duracion() -> timedelta:
    return timedelta(seconds=getattr(settings, "SIRC_RECLAMO_SEGUNDOS", 120))


def nuevo_dueno() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def dueno_muerto(dueno: str) -> bool:
    """The owner is a process of this host that no longer runs (a killed worker)."""
    host, _, resto = dueno.partition(":")
    pid = resto.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def abandonado(reclamo: Reclamo) -> bool:
    return not reclamo.hecho and (reclamo.vence < timezone.now() or dueno_muerto(reclamo.dueno))


def reclamar(clave: str) -> tuple[str | None, Reclamo | None]:
    """(owner, row) if this run now holds `clave`; (None, row) if a live owner holds it or it is done."""
    dueno = nuevo_dueno()
    vence = timezone.now() + duracion()
    try:
        with transaction.atomic():
            reclamo = Reclamo.objects.select_for_update().filter(clave=clave).first()
            if reclamo is None:
                reclamo = Reclamo.objects.create(clave=clave, dueno=dueno, vence=vence, intentos=1)
                return dueno, reclamo
            if reclamo.hecho or not abandonado(reclamo):
                return None, reclamo
            reclamo.dueno, reclamo.vence, reclamo.intentos = dueno, vence, reclamo.intentos + 1
            reclamo.save(update_fields=["dueno", "vence", "intentos"])
            return dueno, reclamo
    except IntegrityError:  # another run created it at the same moment
        return None, Reclamo.objects.filter(clave=clave).first()


def renovar(clave: str, dueno: str) -> bool:
    return bool(Reclamo.objects.filter(clave=clave, dueno=dueno).update(vence=timezone.now() + duracion()))


def marcar_hecho(clave: str, dueno: str) -> None:
    """Inside the work's transaction: the work and this mark commit together."""
    Reclamo.objects.filter(clave=clave, dueno=dueno).update(hecho=True)


def soltar(clave: str) -> None:
    """Forget the claim (a retry asked by a person starts from zero attempts)."""
    Reclamo.objects.filter(clave=clave, hecho=False).delete()


@contextmanager
def latido(clave: str, dueno: str) -> Iterator[None]:
    """Renew the lease every third of its length while the block runs (on its own connection)."""
    alto = threading.Event()

    def renovar_siempre() -> None:
        try:
            while not alto.wait(duracion().total_seconds() / 3):
                renovar(clave, dueno)
        finally:
            connection.close()

    hilo = threading.Thread(target=renovar_siempre, name=f"latido-{clave}", daemon=True)
    hilo.start()
    try:
        yield
    finally:
        alto.set()
        hilo.join(10)
