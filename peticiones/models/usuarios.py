"""History of the users and of who holds which role or dirección (permissions are data: the history says who
changed them).

Django's own tables are tracked through proxy models of this app, so the triggers' migrations are SIRC's
(never a file inside Django's `auth` app).
"""

import pghistory
from django.contrib.auth.models import User

from sirc.historial import seguir

from .catalogos import Direccion


class UsuarioHistorial(User):
    class Meta:
        proxy = True
        app_label = "peticiones"
        verbose_name = "usuario"
        verbose_name_plural = "usuarios"


class RolDeUsuario(User.groups.through):
    class Meta:
        proxy = True
        app_label = "peticiones"
        verbose_name = "rol de un usuario"
        verbose_name_plural = "roles de usuarios"


class EnlaceDeDireccion(Direccion.enlaces.through):
    class Meta:
        proxy = True
        app_label = "peticiones"
        verbose_name = "enlace de una dirección"
        verbose_name_plural = "enlaces de direcciones"


# Never copy password hashes into the history; a login (last_login) is no change of the user.
seguir(excluir=("password", "last_login"), model_name="UsuarioEvent")(UsuarioHistorial)

for modelo, nombre in ((RolDeUsuario, "UsuarioRolEvent"), (EnlaceDeDireccion, "DireccionEnlaceEvent")):
    pghistory.track(
        pghistory.InsertEvent("agregado"),
        pghistory.DeleteEvent("quitado"),
        obj_field=None,
        append_only=True,
        model_name=nombre,
    )(modelo)
