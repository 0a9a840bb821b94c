"""At login, remember in the session whether the user must change a temporary password."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from sirc.middleware import CLAVE_SESION

from .models import ContrasenaTemporal


@receiver(user_logged_in, dispatch_uid="jefes_manzana_contrasena_temporal")
def recordar_cambio_obligatorio(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        if ContrasenaTemporal.objects.filter(usuario=user, debe_cambiar=True).exists():
            request.session[CLAVE_SESION] = True
        else:
            request.session.pop(CLAVE_SESION, None)
