from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from peticiones.resumen import cifras_de_inicio

from .navegacion import entradas_para


@login_required
def inicio(request: HttpRequest) -> HttpResponse:
    """Home page: each role sees its own figures and the shortcuts to what it may use."""
    accesos = [e for e in entradas_para(request.user) if e["etiqueta"] != "Inicio"]
    return render(request, "sirc/inicio.html", {"accesos": accesos, "cifras": cifras_de_inicio(request.user)})


def salud(request: HttpRequest) -> HttpResponse:
    """Liveness probe for the container healthcheck."""
    return HttpResponse("ok", content_type="text/plain")


def error_servidor(request: HttpRequest) -> HttpResponse:
    """handler500: a database that is restarting (connection refused or cut) is a 503 «reconectando»,
    not a 500; anything else is the plain Spanish 500 page. Renders without the request's context (no
    context processor may touch the database that just failed)."""
    import sys

    from django.db import InterfaceError, OperationalError
    from django.template import loader

    def pagina(plantilla: str, titulo: str) -> str:
        try:
            return loader.get_template(plantilla).render()
        except Exception:  # e.g. no static manifest yet: the error page itself must not fail
            return f'<!doctype html><html lang="es-MX"><title>{titulo}</title><h1>{titulo}</h1></html>'

    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        respuesta = HttpResponse(pagina("503.html", "SIRC se está reconectando"), status=503)
        respuesta["Retry-After"] = "5"
        return respuesta
    return HttpResponse(pagina("500.html", "Ocurrió un error en el servidor"), status=500)
