"""Numbers on screens the es-MX way (`sirc.cifras`): `{% load cifras %}{{ n|numero }} {{ p|porcentaje }}`."""

from django import template

from sirc import cifras

register = template.Library()


@register.filter
def numero(valor) -> str:
    return "—" if valor is None or valor == "" else cifras.numero(valor)


@register.filter
def porcentaje(valor) -> str:
    return cifras.porcentaje(valor)
