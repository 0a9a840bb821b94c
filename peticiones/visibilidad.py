"""Who may see which requests, and how much of them: the one scoping module every list, page, PDF, export,
popup, search and action uses.

Two levels:
- `visibles_para(usuario)`: the requests a user may open with the citizen's data (name, phone, exact place,
  description, bitácora). A Jefe de Manzana / Cuartel sees here only his own work.
- `anonimas_de_su_colonia(usuario)`: what a Jefe de Manzana may know about the rest of his colonia — category,
  state, street, dates — as plain rows that carry no personal data at all (no instance a template could
  follow to the citizen).
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from .models import EventoBitacora, Peticion

GESTIONAR = "peticiones.gestionar_peticion"


def _jefe_de(usuario: AbstractBaseUser):
    return getattr(usuario, "jefe_manzana", None) if usuario.has_perm(GESTIONAR) else None


def visibles_para(usuario: AbstractBaseUser, queryset: QuerySet[Peticion] | None = None) -> QuerySet[Peticion]:
    """Requests `usuario` may see, with the citizen's data.

    - Operators, supervisors, directors and admins (`ver_todas_peticiones`): all of them.
    - Enlaces de Dirección (`atender_peticion`): those turned to one of their direcciones — never a «Recibida»
      one still waiting in Atención Ciudadana (the category's dirección is only a proposal until it is turned,
      and a request the dirección gave back is Atención Ciudadana's again).
    - Jefes de Manzana / Cuartel (`gestionar_peticion`): the ones they filed (as gestor or with their own
      login) and, a Jefe de Cuartel, those filed by the Jefes de Manzana of his cuartel. The rest of their
      colonia only through `anonimas_de_su_colonia`.
    - Anyone else: none.
    """
    qs = Peticion.objects.all() if queryset is None else queryset
    if not usuario.is_authenticated or not usuario.is_active:
        return qs.none()
    if usuario.has_perm("peticiones.ver_todas_peticiones"):
        return qs
    filtro = Q(pk__in=[])
    if usuario.has_perm("peticiones.atender_peticion"):
        filtro |= Q(direccion__in=usuario.direcciones.values("pk"), fecha_turnada__isnull=False) & ~Q(
            estado=Peticion.Estado.RECIBIDA
        )
    if usuario.has_perm(GESTIONAR):
        filtro |= Q(capturada_por=usuario)
        jefe = getattr(usuario, "jefe_manzana", None)
        if jefe is not None:
            filtro |= Q(gestor=jefe) | Q(gestor__cuartel__jefe=jefe)
    return qs.filter(filtro)


def solo_gestiona(usuario: AbstractBaseUser) -> bool:
    """A Jefe de Manzana / Cuartel: files requests for neighbours, is no staff of the city hall."""
    return (
        usuario.is_authenticated
        and usuario.has_perm(GESTIONAR)
        and not usuario.has_perm("peticiones.ver_todas_peticiones")
        and not usuario.has_perm("peticiones.atender_peticion")
    )


def bitacora_visible(usuario: AbstractBaseUser, peticion: Peticion) -> QuerySet[EventoBitacora]:
    """The lines of a (visible) request's timeline this user may read: staff read them all; a Jefe reads
    what happened to it (public lines and state changes), never internal comments or notices."""
    lineas = peticion.bitacora.all()
    if solo_gestiona(usuario):
        lineas = lineas.filter(Q(publico=True) | Q(tipo__in=TIPOS_PARA_GESTORES))
    return lineas


TIPOS_PARA_GESTORES = (
    EventoBitacora.Tipo.CAPTURA,
    EventoBitacora.Tipo.TURNADO,
    EventoBitacora.Tipo.CAMBIO_ESTADO,
    EventoBitacora.Tipo.EVIDENCIA,
    EventoBitacora.Tipo.VENCIMIENTO,
    EventoBitacora.Tipo.SEGUIMIENTO,
)


def ve_otros_solicitantes(usuario: AbstractBaseUser) -> bool:
    """Other citizens who reported the same thing are the staff's business, not the gestor's."""
    return not solo_gestiona(usuario)


@dataclass(frozen=True)
class PeticionAnonima:
    """A request of the Jefe's colonia he did not file: nothing in it names or locates a person."""

    folio: str
    estado: str
    categoria: str
    direccion: str
    calle: str
    colonia: str
    fecha_recepcion: datetime
    fecha_limite: datetime
    fecha_atendida: datetime | None

    def get_estado_display(self) -> str:
        return Peticion.Estado(self.estado).label


CAMPOS_ANONIMOS = {
    "folio": "folio",
    "estado": "estado",
    "categoria": "categoria__nombre",
    "direccion": "direccion__nombre",
    "calle": "calle",
    "colonia": "colonia__nombre",
    "fecha_recepcion": "fecha_recepcion",
    "fecha_limite": "fecha_limite",
    "fecha_atendida": "fecha_atendida",
}


def anonimas_de_su_colonia(usuario: AbstractBaseUser) -> QuerySet:
    """Rows (dicts of CAMPOS_ANONIMOS) of the requests in the Jefe's colonia that he may not open.

    Turn each into a `PeticionAnonima` with `como_anonimas`. Empty for anyone who is not a Jefe.
    """
    jefe = _jefe_de(usuario)
    if jefe is None or not usuario.is_active:
        return Peticion.objects.none().values(*CAMPOS_ANONIMOS.values())
    return (
        Peticion.objects.filter(colonia_id=jefe.colonia_id)
        .exclude(pk__in=visibles_para(usuario).values("pk"))
        .values(*CAMPOS_ANONIMOS.values())
    )


def como_anonimas(filas) -> list[PeticionAnonima]:
    return [PeticionAnonima(**{clave: fila[campo] for clave, campo in CAMPOS_ANONIMOS.items()}) for fila in filas]
