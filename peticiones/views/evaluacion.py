"""Public page /consulta/evaluar/: the citizen rates the service of an attended request (1–5), once.

The rating form also appears on /consulta/ once the citizen has looked their folio up there. Proof of
ownership is the same as the consulta's (folio + last 4 digits of a requester's phone, `consulta.buscar`),
with the same answer for a wrong pair and a missing folio and the same per-address limit.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .. import consulta
from ..acciones import seguimiento
from ..forms_seguimiento import EvaluacionForm
from .consulta import NO_ENCONTRADA
from .consulta import _excede_limite as excede_limite_de_consultas


@never_cache
def evaluar(request: HttpRequest) -> HttpResponse:
    inicial = {"folio": request.GET.get("folio", "")}
    form = EvaluacionForm(request.POST if request.method == "POST" else None, initial=inicial)
    contexto: dict = {"form": form}
    if request.method == "POST":
        if excede_limite_de_consultas(request):
            minutos = settings.SIRC_CONSULTA_VENTANA_SEGUNDOS // 60
            contexto["error"] = f"Demasiados intentos desde su conexión. Intente de nuevo en {minutos} minutos."
            return render(request, "peticiones/seguimiento/evaluar.html", contexto, status=429)
        if form.is_valid():
            datos = form.cleaned_data
            peticion = consulta.buscar(datos["folio"], datos["ultimos4"])
            if peticion is None:
                contexto["error"] = NO_ENCONTRADA
            else:
                try:
                    seguimiento.evaluar_servicio(peticion, datos["calificacion"], datos["comentario"])
                except seguimiento.SeguimientoInvalido as error:
                    contexto["error"] = str(error)
                else:
                    return render(request, "peticiones/seguimiento/evaluar_gracias.html", {"peticion": peticion})
        return render(request, "peticiones/seguimiento/evaluar.html", contexto, status=400)
    return render(request, "peticiones/seguimiento/evaluar.html", contexto)
