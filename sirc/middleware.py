"""Project middleware."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
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


CLAVE_LIMITE_INACTIVIDAD = "inactividad_minutos"
CLAVE_ACTIVIDAD = "ultima_actividad"


def minutos_de_inactividad(usuario) -> int:
    """Idle minutes after which this user's session ends: SIRC_SESION_INACTIVIDAD_MINUTOS for staff (every role
    but Jefe de Manzana / Cuartel, and any superuser); 0 (only SESSION_COOKIE_AGE) for Jefes, who use the phone
    app and its offline queue."""
    from peticiones import roles

    suyos = set(roles.roles_de(usuario))
    solo_jefe = suyos and suyos <= {roles.JEFE_MANZANA, roles.JEFE_CUARTEL} and not usuario.is_superuser
    return 0 if solo_jefe else settings.SIRC_SESION_INACTIVIDAD_MINUTOS


def al_iniciar_sesion(sender, request: HttpRequest, user, **kwargs) -> None:
    """At login the session learns its idle limit and its first activity (so no later GET has to write it)."""
    if getattr(request, "session", None) is not None:
        request.session[CLAVE_LIMITE_INACTIVIDAD] = minutos_de_inactividad(user)
        request.session[CLAVE_ACTIVIDAD] = int(time.time())


class SesionInactiva:
    """Staff sessions end after SIRC_SESION_INACTIVIDAD_MINUTOS without a request.

    The last activity is kept in the session, rewritten at most once a minute (not a write per request)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        sesion = getattr(request, "session", None)
        if sesion is None or not request.user.is_authenticated:
            return self.get_response(request)
        limite = sesion.get(CLAVE_LIMITE_INACTIVIDAD)
        if limite is None:
            limite = sesion[CLAVE_LIMITE_INACTIVIDAD] = minutos_de_inactividad(request.user)
        ahora = int(time.time())
        if limite:
            ultima = sesion.get(CLAVE_ACTIVIDAD)
            if ultima is not None and ahora - ultima > limite * 60:
                logout(request)
                messages.info(request, f"Su sesión se cerró tras {limite} minutos sin actividad. Vuelva a entrar.")
                respuesta = redirect_to_login(request.get_full_path())
                if request.headers.get("HX-Request"):
                    respuesta = HttpResponse(status=204)
                    respuesta["HX-Redirect"] = redirect_to_login(request.get_full_path()).url
                return respuesta
            if ultima is None or ahora - ultima >= 60:
                sesion[CLAVE_ACTIVIDAD] = ahora
        return self.get_response(request)


class LimitesNoDisponibles:
    """A rate limit whose shared store is down refuses (sirc.limites fails closed): a Spanish 503 page, or the
    GeoReport error document under /open311/, with Retry-After. The rest of the site never asks the store."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from . import limites

        if not isinstance(exception, limites.AlmacenNoDisponible):
            return None
        texto = (
            "Por el momento no podemos atender esta consulta: el servicio que cuida el número de intentos no "
            "responde. Intente de nuevo en unos minutos o llame a la Línea 072."
        )
        if request.path.startswith("/open311/"):
            formato = "xml" if request.path.endswith(".xml") else "json"
            from peticiones import georeport

            respuesta = georeport.error(formato, 503, texto)
        else:
            respuesta = render(request, "sirc/no_disponible.html", {"texto": texto}, status=503)
        respuesta["Retry-After"] = "120"
        return respuesta


class SinCacheConDatosPersonales:
    """`Cache-Control: no-store` on every answer to a logged-in user (pages, PDFs, files: personal data that no
    browser or proxy cache may keep), and on public pages that show a folio's data (views mark them with
    `never_cache`, which this middleware hardens to no-store)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        respuesta = self.get_response(request)
        usuario = getattr(request, "user", None)
        estatico = request.path.startswith(settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/")
        con_sesion = usuario is not None and usuario.is_authenticated
        if (con_sesion and not estatico) or "no-cache" in respuesta.get("Cache-Control", ""):
            respuesta["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
            respuesta.headers.pop("Expires", None)
        return respuesta
