"""Reads of the citizens' review: who is «por verificar», and both records side by side (staff only)."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from ..models import Ciudadano, Peticion
from .privacidad import peticiones_de

PERMISO = "peticiones.verificar_ciudadanos"


def por_verificar() -> QuerySet[Ciudadano]:
    """Citizens waiting for staff review, oldest first, each with `titular_pk` (the phone's owner, if any)
    and `num_peticiones`."""
    titular = Ciudadano.objects.filter(telefono=OuterRef("telefono_por_verificar")).exclude(telefono="")
    return (
        Ciudadano.objects.filter(unificado_en__isnull=True, anonimizado__isnull=True)
        .exclude(revisar="")
        .annotate(
            titular_pk=Subquery(titular.values("pk")[:1]),
            num_peticiones=Count("peticiones", distinct=True) + Count("peticiones_vinculadas", distinct=True),
        )
        .select_related("colonia")
        .order_by("creado", "pk")
    )


def cuantos_por_verificar(usuario: AbstractBaseUser) -> int:
    """The menu's badge."""
    if not usuario.has_perm(PERMISO):
        return 0
    return Ciudadano.objects.filter(unificado_en__isnull=True, anonimizado__isnull=True).exclude(revisar="").count()


@dataclass(frozen=True)
class Comparacion:
    ciudadano: Ciudadano
    titular: Ciudadano | None
    peticiones: list[Peticion]
    peticiones_titular: list[Peticion]

    @property
    def pendiente(self) -> bool:
        c = self.ciudadano
        return bool(c.revisar) and c.unificado_en_id is None and c.anonimizado is None


def _peticiones(ciudadano: Ciudadano) -> list[Peticion]:
    return list(peticiones_de(ciudadano).select_related("gestor").order_by("-fecha_recepcion")[:20])


def comparacion(ciudadano: Ciudadano) -> Comparacion:
    """The flagged citizen and the owner of the phone typed for them, with their requests."""
    titular = None
    if ciudadano.telefono_por_verificar:
        titular = (
            Ciudadano.objects.select_related("colonia", "aviso_privacidad_canal")
            .filter(Q(telefono=ciudadano.telefono_por_verificar) & ~Q(pk=ciudadano.pk))
            .first()
        )
    return Comparacion(
        ciudadano=ciudadano,
        titular=titular,
        peticiones=_peticiones(ciudadano),
        peticiones_titular=_peticiones(titular) if titular else [],
    )
