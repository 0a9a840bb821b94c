"""`{% aviso_privacidad form.acepta_aviso %}`: the simplified aviso de privacidad in force, with the consent
checkbox of any form a citizen, an operator or a Jefe fills (issue 12's public forms include it too).
`guion=True` adds the short script the operator reads on the phone."""

from django import template
from django.forms import BoundField

from ..selectores.privacidad import aviso_vigente

register = template.Library()


@register.inclusion_tag("peticiones/_aviso_privacidad.html")
def aviso_privacidad(campo: BoundField | None = None, guion: bool = False) -> dict:
    return {"aviso": aviso_vigente(), "campo": campo, "guion": guion}
