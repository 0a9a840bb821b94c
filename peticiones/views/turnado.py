"""One request's state transitions (turnar, atender, cerrar…) and the oficio de canalización PDF.

Every view finds the request through visibles_para(): a request outside the user's scope is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ..acciones import transiciones as t
from ..forms.turnado import formulario_de
from ..models import EventoBitacora, Peticion
from ..pdf.oficio import generar_oficio
from .comun import destino, peticion_visible, url_detalle


def _ejecutar(nombre: str, peticion: Peticion, usuario, datos: dict) -> Peticion:
    if nombre == "turnar":
        return t.turnar(peticion, usuario, datos["direccion"], datos["nota"])
    if nombre == "iniciar":
        return t.iniciar(peticion, usuario)
    if nombre == "marcar_atendida":
        return t.marcar_atendida(peticion, usuario, datos["resolucion"], datos["fotos"])
    if nombre == "cerrar":
        return t.cerrar(peticion, usuario, datos["nota"])
    if nombre == "marcar_duplicada":
        return t.marcar_duplicada(peticion, usuario, datos["folio"])
    # devolver, declarar_improcedente, reabrir, cancelar: a reason is all they take.
    return getattr(t, nombre)(peticion, usuario, datos["motivo"])


@login_required
def transicion(request: HttpRequest, pk: int, nombre: str) -> HttpResponse:
    """GET: the form of one transition; POST: apply it. A rejected form keeps what was typed."""
    peticion = peticion_visible(request, pk)
    if nombre not in t.TRANSICIONES or not t.TRANSICIONES[nombre].manual:
        raise Http404("No existe esa acción.")
    definicion = t.TRANSICIONES[nombre]
    posibles = {x.nombre for x in t.transiciones_posibles(peticion, request.user)}
    if request.method == "POST":
        form = formulario_de(nombre, request.user, request.POST, request.FILES, peticion)
        if form.is_valid():
            try:
                _ejecutar(nombre, peticion, request.user, form.cleaned_data)
            except t.TransicionInvalida as exc:
                form.add_error(None, str(exc))
                if request.FILES:
                    form.add_error(None, "Por seguridad el navegador no conserva las fotos: vuelva a elegirlas.")
            else:
                messages.success(request, f"Folio {peticion.folio}: {definicion.etiqueta.lower()} — hecho.")
                if nombre == "turnar" and form.cleaned_data.get("imprimir_oficio"):
                    return redirect("peticiones:oficio", pk=peticion.pk)
                return redirect(destino(request, peticion))
        estado = 400
    else:
        form = formulario_de(nombre, request.user, peticion=peticion)
        estado = 200
    aviso = ""
    if nombre not in posibles:
        if peticion.estado not in definicion.origenes:
            aviso = (
                f"No se puede «{definicion.etiqueta.lower()}»: el folio está {peticion.get_estado_display().lower()}."
            )
        else:
            aviso = f"Su usuario no puede «{definicion.etiqueta.lower()}» este folio."
    contexto = {
        "peticion": peticion,
        "transicion": definicion,
        "form": form,
        "aviso": aviso,
        "detalle": url_detalle(peticion),
        "siguiente": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(request, "peticiones/transicion.html", contexto, status=estado)


@login_required
def oficio(request: HttpRequest, pk: int) -> HttpResponse:
    """The oficio de canalización (PDF) of a turned request."""
    peticion = peticion_visible(request, pk)
    if not (t.es_atencion_ciudadana(request.user) or t.es_enlace_de(request.user, peticion)):
        raise PermissionDenied("Sólo Atención Ciudadana y la dirección imprimen el oficio de canalización.")
    if peticion.estado not in (Peticion.Estado.TURNADA, Peticion.Estado.EN_PROCESO):
        messages.error(
            request, f"El folio {peticion.folio} no está turnado a una dirección: no hay oficio que imprimir."
        )
        return redirect(destino(request, peticion))
    turnado = (
        peticion.bitacora.filter(tipo=EventoBitacora.Tipo.CAMBIO_ESTADO, datos__transicion="turnar")
        .select_related("usuario")
        .last()
    )
    firmante = turnado.usuario if turnado and turnado.usuario else request.user
    nota = (turnado.datos.get("nota") if turnado else "") or ""
    pdf = generar_oficio(peticion, firmante, nota)
    respuesta = HttpResponse(pdf, content_type="application/pdf")
    respuesta["Content-Disposition"] = f'inline; filename="oficio-{peticion.folio}.pdf"'
    return respuesta
