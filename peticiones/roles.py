"""SIRC roles as Django groups, and the permissions each one carries.

The groups are created by a migration and kept in sync after every `migrate` (post_migrate), so a
permission added later reaches its roles without hand work. Who belongs to which dirección is data
(`Direccion.enlaces`), not code.
"""

from django.apps import apps as django_apps
from django.apps.registry import Apps
from django.contrib.auth.models import AbstractBaseUser

OPERADOR = "Operador"
ENLACE = "Enlace de Dirección"
SUPERVISOR = "Supervisor de Atención Ciudadana"
DIRECTOR = "Director"
JEFE_MANZANA = "Jefe de Manzana"
JEFE_CUARTEL = "Jefe de Cuartel"
ADMINISTRADOR = "Administrador"

ROLES = [OPERADOR, ENLACE, SUPERVISOR, DIRECTOR, JEFE_MANZANA, JEFE_CUARTEL, ADMINISTRADOR]

_CATALOGOS = ["direccion", "categoria", "colonia", "canal", "tipopeticion", "evento"]
_VER_CATALOGOS = [f"peticiones.view_{m}" for m in _CATALOGOS]

PERMISOS: dict[str, list[str]] = {
    OPERADOR: [
        "peticiones.capturar_peticion",
        "peticiones.turnar_peticion",
        "peticiones.ver_todas_peticiones",
        "peticiones.hacer_seguimiento",
        "peticiones.view_peticion",
        "peticiones.view_ciudadano",
        "peticiones.add_ciudadano",
        "peticiones.change_ciudadano",
        *_VER_CATALOGOS,
    ],
    ENLACE: [
        "peticiones.atender_peticion",
        "peticiones.view_peticion",
        *_VER_CATALOGOS,
    ],
    SUPERVISOR: [
        "peticiones.capturar_peticion",
        "peticiones.turnar_peticion",
        "peticiones.ver_todas_peticiones",
        "peticiones.hacer_seguimiento",
        "peticiones.ver_indicadores",
        "peticiones.importar_peticiones",
        "peticiones.atender_quejas",
        "peticiones.atender_arco",
        "peticiones.verificar_ciudadanos",
        "peticiones.view_peticion",
        "peticiones.view_ciudadano",
        "peticiones.add_ciudadano",
        "peticiones.change_ciudadano",
        "jefes_manzana.administrar_padron",
        "jefes_manzana.view_jefemanzana",
        "jefes_manzana.view_cuartel",
        *_VER_CATALOGOS,
    ],
    DIRECTOR: [
        "peticiones.ver_todas_peticiones",
        "peticiones.ver_indicadores",
        "indicadores.emitir_reporte",
        "peticiones.view_peticion",
        "jefes_manzana.view_jefemanzana",
        "jefes_manzana.view_cuartel",
        *_VER_CATALOGOS,
    ],
    JEFE_MANZANA: ["peticiones.gestionar_peticion"],
    JEFE_CUARTEL: ["peticiones.gestionar_peticion"],
    # Administrador: every permission of SIRC's apps (catalogs, users, padrón) plus admin access.
    ADMINISTRADOR: ["*"],
}

# "axes": the Administrador sees and deletes login lockouts (admin «Axes») to unlock a user.
_APPS_SIRC = ("peticiones", "jefes_manzana", "indicadores", "auth", "axes")


def sincronizar_roles(apps: Apps = django_apps) -> None:
    """Create every role group and set exactly the permissions listed in PERMISOS."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for rol in ROLES:
        grupo, _ = Group.objects.get_or_create(name=rol)
        codigos = PERMISOS[rol]
        if codigos == ["*"]:
            permisos = Permission.objects.filter(content_type__app_label__in=_APPS_SIRC)
        else:
            permisos = []
            for codigo in codigos:
                app_label, codename = codigo.split(".")
                permiso = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
                if permiso is not None:
                    permisos.append(permiso)
        grupo.permissions.set(permisos)


def roles_de(usuario: AbstractBaseUser) -> list[str]:
    """The SIRC role names of a user, in the canonical order."""
    if not usuario.is_authenticated:
        return []
    from sirc.autenticacion import grupos_de

    nombres = set(grupos_de(usuario))
    return [rol for rol in ROLES if rol in nombres]


def tiene_rol(usuario: AbstractBaseUser, *roles: str) -> bool:
    return bool(set(roles_de(usuario)) & set(roles))
