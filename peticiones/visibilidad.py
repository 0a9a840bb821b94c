"""Who may see which requests: the one scoping module every list, page, export and action uses."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from .models import Peticion


def visibles_para(usuario: AbstractBaseUser, queryset: QuerySet[Peticion] | None = None) -> QuerySet[Peticion]:
    """Requests `usuario` may see.

    - Operators, supervisors, directors and admins (`ver_todas_peticiones`): all of them.
    - Enlaces de Dirección (`atender_peticion`): those whose dirección is one of theirs.
    - Jefes de Manzana / Cuartel (`gestionar_peticion`): the ones they filed, those in their
      manzana's colonia, and (Jefe de Cuartel) those filed by the Jefes de Manzana under them.
    - Anyone else: none.
    """
    qs = Peticion.objects.all() if queryset is None else queryset
    if not usuario.is_authenticated or not usuario.is_active:
        return qs.none()
    if usuario.has_perm("peticiones.ver_todas_peticiones"):
        return qs
    filtro = Q(pk__in=[])
    if usuario.has_perm("peticiones.atender_peticion"):
        filtro |= Q(direccion__in=usuario.direcciones.values("pk"))
    if usuario.has_perm("peticiones.gestionar_peticion"):
        jefe = getattr(usuario, "jefe_manzana", None)
        if jefe is not None:
            filtro |= Q(gestor=jefe) | Q(colonia_id=jefe.colonia_id) | Q(gestor__cuartel__jefe=jefe)
    return qs.filter(filtro)
