"""The figures on each role's home page: counts over the requests the user may see, in one query."""

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from .models import Peticion
from .visibilidad import visibles_para

Estado = Peticion.Estado


@dataclass(frozen=True)
class Cifra:
    etiqueta: str
    valor: int
    url: str = ""  # where the figure leads, "" while that screen does not exist
    alerta: bool = False  # drawn in red when the value is not zero


def _url(*nombres: str) -> str:
    """The first of the URL names that resolves (screens arrive with later issues)."""
    for nombre in nombres:
        try:
            return reverse(nombre)
        except NoReverseMatch:
            continue
    return ""


def cifras_de_inicio(usuario: AbstractBaseUser) -> list[Cifra]:
    """What a user's home page counts: open and overdue requests they may see, plus their role's own work.

    - everyone who sees requests: abiertas, vencidas (open past their fecha_limite);
    - who turns (Operador, Supervisor): por turnar (recibidas);
    - Enlaces: turnadas sin iniciar, in their direcciones;
    - who follows up: atendidas por confirmar con el ciudadano;
    - Jefes de Manzana / Cuartel: those they filed themselves;
    - who sees the indicators (Supervisor, Director): recibidas hoy.
    """
    puede = usuario.has_perm
    if not usuario.is_authenticated or not (
        puede("peticiones.ver_todas_peticiones")
        or puede("peticiones.atender_peticion")
        or puede("peticiones.gestionar_peticion")
    ):
        return []
    abiertas = Q(estado__in=Peticion.ABIERTOS)
    conteos = {
        "abiertas": Count("pk", filter=abiertas),
        "vencidas": Count("pk", filter=abiertas & Q(fecha_limite__lt=timezone.now())),
    }
    if puede("peticiones.turnar_peticion"):
        conteos["por_turnar"] = Count("pk", filter=Q(estado=Estado.RECIBIDA))
    if puede("peticiones.atender_peticion"):
        conteos["sin_iniciar"] = Count("pk", filter=Q(estado=Estado.TURNADA))
    if puede("peticiones.hacer_seguimiento"):
        conteos["por_confirmar"] = Count("pk", filter=Q(estado=Estado.ATENDIDA))
    jefe = getattr(usuario, "jefe_manzana", None) if puede("peticiones.gestionar_peticion") else None
    if jefe is not None:
        conteos["mias"] = Count("pk", filter=Q(gestor=jefe))
    if puede("peticiones.ver_indicadores"):
        hoy = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
        conteos["hoy"] = Count("pk", filter=Q(fecha_recepcion__gte=hoy))

    valores = visibles_para(usuario).aggregate(**conteos)

    lista = _url(
        *(["peticiones:bandeja_direccion"] if puede("peticiones.atender_peticion") else []),
        *(["jefes_manzana:mis_peticiones"] if puede("peticiones.gestionar_peticion") else []),
        "peticiones:lista",
    )
    etiquetas = {
        "abiertas": ("Abiertas", lista, False),
        "vencidas": ("Vencidas", lista, True),
        "por_turnar": ("Por turnar", _url("peticiones:bandeja_atencion"), False),
        "sin_iniciar": ("Turnadas sin iniciar", _url("peticiones:bandeja_direccion"), False),
        "por_confirmar": ("Atendidas por confirmar", _url("peticiones:seguimiento"), False),
        "mias": ("Presentadas por mí", _url("jefes_manzana:mis_peticiones"), False),
        "hoy": ("Recibidas hoy", _url("peticiones:lista"), False),
    }
    return [
        Cifra(etiqueta, valores[clave], url, alerta and valores[clave] > 0)
        for clave, (etiqueta, url, alerta) in etiquetas.items()
        if clave in valores
    ]
