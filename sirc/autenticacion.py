"""Authentication backend: Django's ModelBackend with the permissions and groups of a user in ONE query.

ModelBackend reads a user's permissions with two queries (own and through groups) on the first `has_perm`
of each request, and `roles_de` (the menu, the header) read the groups with a third. Every page pays them;
this backend reads the three in one round trip and leaves them on the user object for the request, like
ModelBackend's own `_perm_cache`. Superusers keep ModelBackend's path (every permission).
"""

from django.contrib.auth.backends import ModelBackend
from django.db import connection

CONSULTA = """
SELECT ct.app_label, p.codename, NULL FROM auth_permission p
JOIN django_content_type ct ON ct.id = p.content_type_id
WHERE p.id IN (SELECT permission_id FROM auth_user_user_permissions WHERE user_id = %(usuario)s)
   OR p.id IN (SELECT gp.permission_id FROM auth_group_permissions gp
               JOIN auth_user_groups ug ON ug.group_id = gp.group_id WHERE ug.user_id = %(usuario)s)
UNION ALL
SELECT NULL, NULL, g.name FROM auth_group g
JOIN auth_user_groups ug ON ug.group_id = g.id WHERE ug.user_id = %(usuario)s
"""


class BackendPermisosEnUnaConsulta(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None or user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            cargar(user_obj)
        return user_obj._perm_cache


def cargar(usuario) -> None:
    """Set `usuario._perm_cache` («app.codename») and `usuario._grupos_cache` (group names) in one query."""
    with connection.cursor() as cursor:
        cursor.execute(CONSULTA, {"usuario": usuario.pk})
        filas = cursor.fetchall()
    usuario._perm_cache = {f"{app}.{codigo}" for app, codigo, grupo in filas if grupo is None}
    usuario._grupos_cache = [grupo for _, _, grupo in filas if grupo is not None]


def grupos_de(usuario) -> list[str]:
    """Group names of an active, authenticated user (from the permissions query when it already ran)."""
    if not hasattr(usuario, "_grupos_cache"):
        if usuario.is_superuser or not usuario.is_active:
            return list(usuario.groups.values_list("name", flat=True))
        cargar(usuario)
    return usuario._grupos_cache
