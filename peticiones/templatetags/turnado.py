"""Template tags of the turnado screens: the action panel of a request's page."""

from django import template
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils import timezone

from ..acciones import atencion
from ..acciones.transiciones import es_atencion_ciudadana, es_enlace_de, transiciones_posibles
from ..forms.atencion import AsignarForm, ComentarioForm, EvidenciaForm
from ..forms.turnado import formulario_de
from ..models import Peticion

register = template.Library()


@register.inclusion_tag("peticiones/_panel_acciones.html")
def panel_acciones(peticion: Peticion, request: HttpRequest) -> dict:
    """Everything the user may do on `peticion` now, as ready forms (context: `peticion`, `request`)."""
    usuario = request.user
    abierta_en_direccion = peticion.estado in (Peticion.Estado.TURNADA, Peticion.Estado.EN_PROCESO)
    puede_trabajar = atencion.puede_trabajar(usuario, peticion)
    return {
        "peticion": peticion,
        "request": request,
        "csrf_token": get_token(request),
        "transiciones": [
            (t, formulario_de(t.nombre, usuario, peticion=peticion)) for t in transiciones_posibles(peticion, usuario)
        ],
        "asignar": AsignarForm(
            initial={"colega": peticion.asignada_a_id}, colegas=atencion.colegas(peticion), prefix="asignar"
        )
        if puede_trabajar and abierta_en_direccion
        else None,
        "comentar": ComentarioForm(prefix="comentario") if atencion.puede_comentar(usuario, peticion) else None,
        "evidencia": EvidenciaForm(prefix="evidencia")
        if puede_trabajar and peticion.estado in (*Peticion.ABIERTOS[1:], Peticion.Estado.ATENDIDA)
        else None,
        "oficio": abierta_en_direccion and (es_atencion_ciudadana(usuario) or es_enlace_de(usuario, peticion)),
        "evidencias": list(peticion.evidencias.all()),
        "siguiente": request.get_full_path(),
        "ahora": timezone.now(),
    }


@register.filter
def url_detalle(peticion: Peticion) -> str:
    """The request's page (`peticiones:detalle`), or "" while that view is not installed."""
    from ..views.comun import url_detalle as _url

    return _url(peticion) or ""
