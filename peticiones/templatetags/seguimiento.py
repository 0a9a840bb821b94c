"""`{% seguimiento_de peticion %}`: the follow-up of a request (calls, visits, the citizen's rating) on its page."""

from django import template

from ..acciones.seguimiento import EVALUABLES
from ..forms.seguimiento import EvaluacionForm
from ..models import EvaluacionCiudadana, LlamadaSeguimiento, Peticion

register = template.Library()


@register.inclusion_tag("peticiones/seguimiento/_en_detalle.html", takes_context=True)
def seguimiento_de(context: template.Context, peticion: Peticion) -> dict:
    usuario = context["request"].user
    if not (usuario.has_perm("peticiones.hacer_seguimiento") or usuario.has_perm("peticiones.ver_indicadores")):
        return {"mostrar": False}
    llamadas = list(
        peticion.llamadas_seguimiento.exclude(estado=LlamadaSeguimiento.Estado.CANCELADA)
        .select_related("tomada_por")
        .order_by("programada_para", "id")
    )
    visitas = list(peticion.visitas_domiciliarias.select_related("realizada_por"))
    evaluacion = EvaluacionCiudadana.objects.filter(peticion=peticion).first()
    return {
        "mostrar": bool(llamadas or visitas or evaluacion),
        "llamadas": llamadas,
        "visitas": visitas,
        "evaluacion": evaluacion,
    }


@register.inclusion_tag("peticiones/seguimiento/_evaluar_en_consulta.html", takes_context=True)
def evaluacion_ciudadana(context: template.Context, peticion: Peticion, folio: str, ultimos4: str) -> dict:
    """On the public consulta, after a successful lookup: the rating form, or the rating already given."""
    evaluacion = EvaluacionCiudadana.objects.filter(peticion=peticion).first()
    return {
        "csrf_token": context.get("csrf_token"),
        "evaluable": peticion.estado in EVALUABLES,
        "evaluacion": evaluacion,
        "form": EvaluacionForm(initial={"folio": folio, "ultimos4": ultimos4}),
        "ocultar_identidad": True,
    }
