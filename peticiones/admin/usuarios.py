"""Users in /admin/ with the trigger-based history behind their «Historial» button, roles given and taken
included."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from sirc.admin_historial import ConHistorial
from sirc.historial import Cambio, combinar, historial_de, historial_de_enlaces

from ..models import UsuarioHistorial


def historial_de_usuario(usuario: User) -> list[Cambio]:
    """The user's own changes and the roles given and taken, oldest first."""
    from ..models import UsuarioRolEvent

    roles = historial_de_enlaces(
        UsuarioRolEvent,
        {"user_id": usuario.pk},
        campo="group",
        nombre="rol",
        etiquetas=("Rol asignado", "Rol retirado"),
    )
    return combinar(historial_de(UsuarioHistorial(pk=usuario.pk)), roles)


class UsuarioAdmin(ConHistorial, UserAdmin):
    def historial(self, objeto: User) -> list[Cambio]:
        return historial_de_usuario(objeto)


admin.site.unregister(User)
admin.site.register(User, UsuarioAdmin)
