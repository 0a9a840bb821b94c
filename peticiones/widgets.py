"""Select widgets rendered in Python.

Django renders every <option> through a template; for the catalog selects of the list filters and the
capture screen (colonias, categorías, direcciones…) that was most of the page's CPU time. These
widgets build the same HTML directly, reading each catalog with one plain query.
"""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class SelectRapido(forms.Select):
    def atributos_opcion(self, valor) -> dict:
        """Extra attributes of one <option> (subclasses add data-*)."""
        return {}

    def opciones(self):
        """The choices; a catalog queryset is read with one plain query (ModelChoiceIterator would open
        a PostgreSQL server-side cursor: DECLARE, FETCH and CLOSE round trips per select)."""
        if not isinstance(self.choices, ModelChoiceIterator):
            return self.choices
        campo = self.choices.field
        lista = [("", campo.empty_label)] if campo.empty_label is not None else []
        return lista + [self.choices.choice(objeto) for objeto in campo.queryset]

    def render(self, name, value, attrs=None, renderer=None):
        atributos = self.build_attrs(self.attrs, attrs)
        atributos["name"] = name
        if self.allow_multiple_selected:
            atributos["multiple"] = True
        valores = value if isinstance(value, list | tuple) else [value]
        elegidos = {str(v) for v in valores if v is not None and v != ""}
        partes = [format_html("<select{}>", flatatt(atributos))]
        for valor, etiqueta in self.opciones():
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
