"""Users in /admin/ with the trigger-based history behind their «Historial» button, roles given and taken
included."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from sirc.admin_historial import ConHistorial
from sirc.historial import Cambio, historial_de, quien_de

from ..models import UsuarioHistorial


def historial_de_usuario(usuario: User) -> list[Cambio]:
    """The user's own changes and the roles given and taken, oldest first."""
    from ..models import UsuarioRolEvent

    cambios = historial_de(UsuarioHistorial(pk=usuario.pk))
    for evento in UsuarioRolEvent.objects.filter(user_id=usuario.pk).select_related("group", "pgh_context"):
        quien, origen = quien_de(evento.pgh_context.metadata if evento.pgh_context_id else {})
        accion = "Rol asignado" if evento.pgh_label == "agregado" else "Rol retirado"
        nombre = evento.group.name if evento.group else f"#{evento.group_id}"
        cambios.append(Cambio(evento.pgh_created_at, accion, quien, origen, [("rol", None, nombre)]))
    return sorted(cambios, key=lambda c: c.fecha)


class UsuarioAdmin(ConHistorial, UserAdmin):
    def historial(self, objeto: User) -> list[Cambio]:
        return historial_de_usuario(objeto)


admin.site.unregister(User)
admin.site.register(User, UsuarioAdmin)
