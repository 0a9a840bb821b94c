"""Staff review of the citizens «por verificar» (`verificar_ciudadanos`: supervisor, administrator)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ..acciones import ciudadanos
from ..forms.ciudadanos import VerificacionForm
from ..models import Ciudadano
from ..selectores.ciudadanos import comparacion, por_verificar

PERMISO = ciudadanos.PERMISO


@login_required
@permission_required(PERMISO, raise_exception=True)
@require_GET
def por_verificar_lista(request: HttpRequest) -> HttpResponse:
    pendientes = list(por_verificar()[:200])
    titulares = Ciudadano.objects.in_bulk([c.titular_pk for c in pendientes if c.titular_pk])
    filas = [(c, titulares.get(c.titular_pk)) for c in pendientes]
    return render(request, "peticiones/ciudadanos_por_verificar.html", {"filas": filas})


@login_required
@permission_required(PERMISO, raise_exception=True)
@require_http_methods(["GET", "HEAD", "POST"])
def verificar(request: HttpRequest, ciudadano: int) -> HttpResponse:
    registro = get_object_or_404(
        Ciudadano.objects.select_related("colonia", "aviso_privacidad_canal", "unificado_en"), pk=ciudadano
    )
    datos = comparacion(registro)
    form = VerificacionForm(request.POST or None, con_titular=datos.titular is not None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            resultado = ciudadanos.resolver(registro, d["resolucion"], usuario=request.user, nota=d["nota"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if d["resolucion"] == ciudadanos.Resolucion.UNIFICAR:
                texto = f"«{registro}» quedó unificado con «{resultado}»: sus peticiones pasaron a su nombre."
            elif d["resolucion"] == ciudadanos.Resolucion.ASIGNAR:
                texto = f"El teléfono {resultado.telefono} quedó a nombre de «{resultado}»."
            else:
                texto = f"Se confirmó que «{resultado}» es otra persona; ya no está por verificar."
            messages.success(request, texto)
            return redirect("peticiones:ciudadanos_por_verificar")
    estado = 422 if request.method == "POST" else 200
    return render(request, "peticiones/verificar_ciudadano.html", {"datos": datos, "form": form}, status=estado)
