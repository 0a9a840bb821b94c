"""Accounts: the Spanish lockout page of django-axes, and password reset with the same throttle as login."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import limites


def respuesta_bloqueo(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: 429 with the lockout page (which username, for how long, how to get unlocked)."""
    horas = settings.AXES_COOLOFF_TIME
    contexto = {
        "username": (credentials or {}).get("username") or request.POST.get("username", ""),
        "minutos": round(horas * 60) if horas else None,
    }
    return render(request, "sirc/bloqueo.html", contexto, status=429)


def usuario_para_axes(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the typed username cut to 150 characters (Django's own limit). Axes keeps it in a
    varchar(255): a longer value (a hostile form) would answer 500 instead of «usuario o contraseña incorrectos»."""
    if credentials:
        usuario = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        usuario = getattr(request, "data", request.POST).get(settings.AXES_USERNAME_FORM_FIELD)
    return usuario[:150] if isinstance(usuario, str) else usuario


class RecuperarContrasena(auth_views.PasswordResetView):
    """Django's password reset, at most SIRC_RECUPERACION_LIMITE_IP requests per address and
    SIRC_RECUPERACION_LIMITE_CORREO per e-mail address per window: nobody can flood a mailbox or the mail server.
    Fails closed (sirc.limites) when the store of the limits is down: no e-mail is sent then."""

    def form_valid(self, form):
        ventana = settings.SIRC_RECUPERACION_VENTANA_SEGUNDOS
        correo = form.cleaned_data["email"].strip().lower()
        if limites.excede(
            f"recuperacion:ip:{limites.direccion_ip(request := self.request)}",
            settings.SIRC_RECUPERACION_LIMITE_IP,
            ventana,
        ) or limites.excede(f"recuperacion:correo:{correo}", settings.SIRC_RECUPERACION_LIMITE_CORREO, ventana):
            form.add_error(
                None,
                f"Ya se pidieron varios correos para recuperar la contraseña. Intente de nuevo en "
                f"{max(ventana // 60, 1)} minutos o pida ayuda a la administración de SIRC.",
            )
            return render(request, self.template_name, self.get_context_data(form=form), status=429)
        return super().form_valid(form)
