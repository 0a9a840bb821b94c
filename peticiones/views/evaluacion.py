"""Public page /consulta/evaluar/: the citizen rates the service of an attended request (1–5), once.

Proof of ownership is the folio plus the last 4 digits of the phone given when reporting; a wrong pair
and a folio that does not exist get the same answer, and lookups per address are rate-limited.
"""

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from ..acciones import seguimiento
from ..forms_seguimiento import EvaluacionForm

NO_ENCONTRADA = (
    "No encontramos una petición con ese folio y esos dígitos de teléfono. "
    "Revise su comprobante o llame a la Línea 072."
)
LIMITE_INTENTOS = 10
VENTANA_SEGUNDOS = 15 * 60


def _excede_limite(request: HttpRequest) -> bool:
    clave = f"sirc:evaluar:{request.META.get('REMOTE_ADDR', 'desconocida')}"
    cache.add(clave, 0, timeout=VENTANA_SEGUNDOS)
    try:
        intentos = cache.incr(clave)
    except ValueError:  # expired between add and incr
        cache.set(clave, 1, timeout=VENTANA_SEGUNDOS)
        intentos = 1
    return intentos > LIMITE_INTENTOS


@never_cache
def evaluar(request: HttpRequest) -> HttpResponse:
    inicial = {"folio": request.GET.get("folio", "")}
    form = EvaluacionForm(request.POST if request.method == "POST" else None, initial=inicial)
    contexto: dict = {"form": form}
    if request.method == "POST":
        if _excede_limite(request):
            contexto["error"] = "Demasiados intentos desde su conexión. Intente de nuevo en 15 minutos."
            return render(request, "peticiones/seguimiento/evaluar.html", contexto, status=429)
        if form.is_valid():
            datos = form.cleaned_data
            peticion = seguimiento.buscar_por_folio_y_telefono(datos["folio"], datos["ultimos4"])
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
