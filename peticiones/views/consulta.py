"""Public pages of the citizen (no login): /consulta/ checks a folio with the last 4 digits of their phone;
/consulta/evaluar/ rates the service of an attended request (1–5), once.

The rating form also appears on /consulta/ once the citizen has looked their folio up there. Proof of
ownership is the same for both (folio + last 4 digits of a requester's phone, `consulta.buscar`), with the
same answer for a wrong pair and a missing folio and the same per-address limit. Besides, a folio that
collects SIRC_CONSULTA_FALLOS_POR_FOLIO wrong pairs in the window (from any address: guessing its 4 digits
from many) is refused for the rest of it. Both limits fail closed when their store is down (sirc.limites).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from sirc import limites

from ..acciones import seguimiento
from ..forms.consulta import ConsultaForm
from ..forms.seguimiento import EvaluacionForm
from ..selectores import consulta

NO_ENCONTRADA = (
    "No encontramos una petición con ese folio y esos dígitos de teléfono. Revise su comprobante "
    "o llame a la Línea 072."
)
FOLIO_BLOQUEADO = (
    "Ese folio recibió demasiados intentos con dígitos equivocados y su consulta en línea está pausada por un "
    "rato. Llame a la Línea 072 para conocer su estado."
)


def _folio_bloqueado(folio: str, fallo: bool) -> bool:
    """True when `folio` already passed its wrong pairs this window; counts one more when `fallo`."""
    clave = f"consulta:folio:{folio.strip().upper()[:40]}"
    ventana, limite = settings.SIRC_CONSULTA_VENTANA_SEGUNDOS, settings.SIRC_CONSULTA_FALLOS_POR_FOLIO
    return limites.excede(clave, limite, ventana) if fallo else limites.usos(clave) >= limite


def _excede_limite(request: HttpRequest) -> bool:
    """Count one lookup for this address; True past SIRC_CONSULTA_LIMITE per window (sirc.limites)."""
    return limites.excede(
        f"consulta:{limites.direccion_ip(request)}",
        settings.SIRC_CONSULTA_LIMITE,
        settings.SIRC_CONSULTA_VENTANA_SEGUNDOS,
    )


@never_cache
def consulta_folio(request: HttpRequest) -> HttpResponse:
    contexto: dict = {"form": ConsultaForm(), "estados": consulta.ESTADO_PUBLICO}
    if request.method == "POST":
        if _excede_limite(request):
            minutos = settings.SIRC_CONSULTA_VENTANA_SEGUNDOS // 60
            contexto["error"] = f"Demasiadas consultas desde su conexión. Intente de nuevo en {minutos} minutos."
            contexto["form"] = ConsultaForm(request.POST)
            return render(request, "peticiones/consulta.html", contexto, status=429)
        form = ConsultaForm(request.POST)
        contexto["form"] = form
        if form.is_valid():
            folio = form.cleaned_data["folio"]
            if _folio_bloqueado(folio, fallo=False):
                contexto["error"] = FOLIO_BLOQUEADO
                return render(request, "peticiones/consulta.html", contexto, status=429)
            peticion = consulta.buscar(folio, form.cleaned_data["telefono"])
            if peticion is None:
                _folio_bloqueado(folio, fallo=True)
                contexto["error"] = NO_ENCONTRADA
            else:
                contexto["peticion"] = peticion
                contexto["estado_publico"] = consulta.ESTADO_PUBLICO[peticion.estado]
                contexto["hitos"] = consulta.linea_de_tiempo(peticion)
    return render(request, "peticiones/consulta.html", contexto)


@never_cache
def evaluar(request: HttpRequest) -> HttpResponse:
    inicial = {"folio": request.GET.get("folio", "")}
    form = EvaluacionForm(request.POST if request.method == "POST" else None, initial=inicial)
    contexto: dict = {"form": form}
    if request.method == "POST":
        if _excede_limite(request):
            minutos = settings.SIRC_CONSULTA_VENTANA_SEGUNDOS // 60
            contexto["error"] = f"Demasiados intentos desde su conexión. Intente de nuevo en {minutos} minutos."
            return render(request, "peticiones/seguimiento/evaluar.html", contexto, status=429)
        if form.is_valid():
            datos = form.cleaned_data
            if _folio_bloqueado(datos["folio"], fallo=False):
                contexto["error"] = FOLIO_BLOQUEADO
                return render(request, "peticiones/seguimiento/evaluar.html", contexto, status=429)
            peticion = consulta.buscar(datos["folio"], datos["ultimos4"])
            if peticion is None:
                _folio_bloqueado(datos["folio"], fallo=True)
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
