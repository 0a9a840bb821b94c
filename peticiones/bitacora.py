"""The one way to write a line in a request's bitácora."""

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
    return EventoBitacora.objects.create(
        peticion=peticion,
        tipo=tipo,
        descripcion=descripcion,
        usuario=usuario if usuario is not None and usuario.is_authenticated else None,
        publico=publico,
        datos=datos,
    )


def evento_sin_guardar(
    peticion: Peticion,
    tipo: str,
    descripcion: str,
    *,
    usuario: AbstractBaseUser | None = None,
    publico: bool = False,
    **datos: Any,
) -> EventoBitacora:
    """The same line as registrar_evento, unsaved: batch jobs write many with one bulk_create."""
    return EventoBitacora(
        peticion=peticion,
        tipo=tipo,
        descripcion=descripcion,
        usuario=usuario if usuario is not None and usuario.is_authenticated else None,
        publico=publico,
        datos=datos,
    )
