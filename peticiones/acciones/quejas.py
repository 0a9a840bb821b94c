"""Quejas and sugerencias about the service itself (TipoPeticion.para_supervisor) reach the supervisor.

They are turned only to Atención Ciudadana's own tray (the Direccion whose siglas are
settings.DIRECCION_ATENCION_CIUDADANA, which has no enlaces), where supervisors work them with the
usual transitions (iniciar, marcar_atendida, declarar_improcedente) and follow-up calls verify them.
"""

from django.conf import settings

from ..models import Direccion, Peticion


def direccion_atencion_ciudadana() -> Direccion:
    """Atención Ciudadana's own tray (created on first use)."""
    direccion, _ = Direccion.objects.get_or_create(
        siglas=settings.DIRECCION_ATENCION_CIUDADANA,
        defaults={"nombre": "Dirección de Atención Ciudadana"},
    )
    return direccion


def es_para_supervisor(peticion: Peticion) -> bool:
    return peticion.tipo.para_supervisor


def destino_permitido(peticion: Peticion, direccion: Direccion) -> bool:
    """A queja or sugerencia about the service may only go to Atención Ciudadana, never to a dirección."""
    return not es_para_supervisor(peticion) or direccion.siglas == settings.DIRECCION_ATENCION_CIUDADANA


def direccion_para(peticion: Peticion) -> Direccion:
    """Where a request should go: Atención Ciudadana for quejas/sugerencias, else its category's dirección."""
    return direccion_atencion_ciudadana() if es_para_supervisor(peticion) else peticion.categoria.direccion
