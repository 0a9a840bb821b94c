"""The one way to write a line in a request's bitácora."""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from .models import EventoBitacora, Peticion


def registrar_evento(
    peticion: Peticion,
    tipo: str,
    descripcion: str,
    *,
    usuario: AbstractBaseUser | None = None,
    publico: bool = False,
    **datos: Any,
) -> EventoBitacora:
    """Append one event to the request's timeline and return it."""
    evento = nuevo_evento(peticion, tipo, descripcion, usuario=usuario, publico=publico, **datos)
    evento.save(force_insert=True)
    return evento


def nuevo_evento(
    peticion: Peticion,
    tipo: str,
    descripcion: str,
    *,
    usuario: AbstractBaseUser | None = None,
    publico: bool = False,
    fecha: datetime | None = None,
    **datos: Any,
) -> EventoBitacora:
    """The same event, unsaved: for `registrar_eventos` (many requests at once, e.g. an import)."""
    evento = EventoBitacora(
        peticion=peticion,
        tipo=tipo,
        descripcion=descripcion,
        usuario=usuario if usuario is not None and usuario.is_authenticated else None,
        publico=publico,
        datos=datos,
    )
    if fecha is not None:
        evento.fecha = fecha
    return evento


def registrar_eventos(eventos: list[EventoBitacora], *, lote: int = 1000) -> None:
    """Write events built with `nuevo_evento` in a few INSERTs of `lote` rows."""
    EventoBitacora.objects.bulk_create(eventos, batch_size=lote)
