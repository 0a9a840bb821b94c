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
