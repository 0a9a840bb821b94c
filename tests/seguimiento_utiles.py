"""Helpers shared by the follow-up tests: an attended request and a call already due."""

from datetime import timedelta

from django.utils import timezone

from peticiones.acciones import seguimiento
from peticiones.models import LlamadaSeguimiento, Peticion

from .factories import PeticionFactory, UsuarioFactory


def peticion_atendida(hace_horas: float = 30, **kwargs) -> Peticion:
    """A request turned and attended `hace_horas` ago, with a resolution and a citizen's phone."""
    atendida = timezone.now() - timedelta(hours=hace_horas)
    kwargs.setdefault("fecha_recepcion", atendida - timedelta(hours=5))
    # One capturing user for all (an unusable password skips the slow hashing of a new user per request).
    kwargs.setdefault("capturada_por", UsuarioFactory(username="capturista-seguimiento", password=None))
    return PeticionFactory(
        estado=Peticion.Estado.ATENDIDA,
        fecha_turnada=atendida - timedelta(hours=4),
        fecha_atendida=atendida,
        resolucion="Se cambió la luminaria por una LED de 100 W.",
        **kwargs,
    )


def llamada_vencida(peticion: Peticion | None = None, **kwargs) -> LlamadaSeguimiento:
    """A pending first call, due an hour ago."""
    peticion = peticion or peticion_atendida()
    kwargs.setdefault("programada_para", timezone.now() - timedelta(hours=1))
    return LlamadaSeguimiento.objects.create(peticion=peticion, atendida_el=peticion.fecha_atendida, **kwargs)


def tomar(operador) -> LlamadaSeguimiento:
    llamada = seguimiento.siguiente_llamada(operador)
    assert llamada is not None
    return llamada
