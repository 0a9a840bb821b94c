"""`{% seguimiento_de peticion %}`: the follow-up of a request (calls, visits, the citizen's rating) on its page."""

from django import template

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
