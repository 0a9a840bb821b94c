"""Display helpers: numbers the es-MX way, percentages and hours that may be undefined."""

from django import template

from sirc import cifras

from ..calculo import formato_numero

register = template.Library()


@register.filter
def numero(valor) -> str:
    return "—" if valor is None or valor == "" else formato_numero(valor)


@register.filter
def pct(valor) -> str:
    return cifras.porcentaje(valor)


@register.filter
def horas(valor) -> str:
    return "—" if valor is None else f"{formato_numero(valor)} h"
