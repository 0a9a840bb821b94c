"""Select widgets rendered in Python.

Django renders every <option> through a template; for the catalog selects of the list filters and the
capture screen (colonias, categorías, direcciones…) that was most of the page's CPU time. These
widgets build the same HTML directly.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class SelectRapido(forms.Select):
    def atributos_opcion(self, valor) -> dict:
        """Extra attributes of one <option> (subclasses add data-*)."""
        return {}

    def render(self, name, value, attrs=None, renderer=None):
        atributos = self.build_attrs(self.attrs, attrs)
        atributos["name"] = name
        if self.allow_multiple_selected:
            atributos["multiple"] = True
        valores = value if isinstance(value, list | tuple) else [value]
        elegidos = {str(v) for v in valores if v is not None and v != ""}
        partes = [format_html("<select{}>", flatatt(atributos))]
        for valor, etiqueta in self.choices:
            clave = "" if valor is None else str(valor)
            partes.append(
                format_html(
                    '<option value="{}"{}{}>{}</option>',
                    clave,
                    mark_safe(" selected") if clave in elegidos else "",
                    flatatt(self.atributos_opcion(valor)),
                    etiqueta,
                )
            )
        partes.append("</select>")
        return mark_safe("\n".join(partes))


class SelectMultipleRapido(SelectRapido):
    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):
        try:
            return data.getlist(name)
        except AttributeError:
            return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False
