"""Project middleware."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

CLAVE_SESION = "debe_cambiar_contrasena"


class CambioContrasenaObligatorio:
    """Users with a temporary password (jefes_manzana.ContrasenaTemporal) may only change it.

    The flag is read from the database once, at login (signal in jefes_manzana.signals), and kept in the
    session, so other requests cost nothing. Every page but the password change, logout and static files
    redirects to the change form; a successful change clears the flag.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        sesion = getattr(request, "session", None)
        if sesion is None or not sesion.get(CLAVE_SESION) or not request.user.is_authenticated:
            return self.get_response(request)
        cambio = reverse("password_change")
        permitidas = {cambio, reverse("logout"), reverse("password_change_done")}
        if request.path not in permitidas and not request.path.startswith(("/static/", "/media/")):
            if request.method == "GET":
                sesion[CLAVE_SESION + "_destino"] = request.get_full_path()
            return redirect(cambio)
        response = self.get_response(request)
        if request.path == cambio and request.method == "POST" and response.status_code == 302:
            from jefes_manzana.acciones import marcar_contrasena_cambiada

            marcar_contrasena_cambiada(request.user)
            sesion.pop(CLAVE_SESION, None)
            destino = sesion.pop(CLAVE_SESION + "_destino", None)
            if destino and url_has_allowed_host_and_scheme(destino, allowed_hosts={request.get_host()}):
                messages.success(request, "Contraseña actualizada. Ya puede usar SIRC.")
                return redirect(destino)
        return response

    def process_template_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        sesion = getattr(request, "session", None)
        if sesion is not None and sesion.get(CLAVE_SESION) and response.context_data is not None:
            response.context_data["debe_cambiar"] = True
        return response


def _tiene_nulo(texto: str) -> bool:
    return "\x00" in texto


class RechazarNulos:
    """A NUL byte in the path or the query string answers 400 before any view runs.

    PostgreSQL cannot store or compare text with NUL (psycopg raises), so a `%00` anywhere a view reads
    would be a 500. Form fields are not rejected here: Django's CharField refuses NUL with a form error
    beside the field (ProhibitNullCharactersValidator), which keeps what the person typed. The Open311 API
    answers machines in its own JSON/XML error format and cleans NUL itself (peticiones/georeport.py).
    """

    EXENTAS = ("/open311/",)

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        consulta = request.META.get("QUERY_STRING", "")
        if request.path_info.startswith(self.EXENTAS):
            return self.get_response(request)
        if _tiene_nulo(request.path) or _tiene_nulo(request.path_info) or "%00" in consulta or _tiene_nulo(consulta):
            return solicitud_invalida(request, "La dirección contiene un carácter nulo (%00), que no es válido.")
        return self.get_response(request)


def solicitud_invalida(request: HttpRequest, motivo: str) -> HttpResponse:
    """The Spanish 400 page, with the reason."""
    from django.template.loader import render_to_string

    return HttpResponseBadRequest(render_to_string("400.html", {"motivo": motivo}))
