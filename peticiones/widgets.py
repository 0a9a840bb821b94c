"""Select widgets rendered in Python.

Django renders every <option> through a template; for the catalog selects of the list filters and the
capture screen (colonias, categorías, direcciones…) that was most of the page's CPU time. These
widgets build the same HTML directly, reading each catalog with one plain query.
"""

from functools import lru_cache

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
        elegidos = frozenset(str(v) for v in valores if v is not None and v != "")
        opciones = list(self.opciones())
        if type(self).atributos_opcion is SelectRapido.atributos_opcion:
            # The same catalog page after page: its <option>s are built once per content and selection.
            claves = tuple((("" if v is None else str(v)), str(e)) for v, e in opciones)
            cuerpo = _opciones_html(claves, elegidos)
        else:
            cuerpo = _construir_opciones(opciones, elegidos, self.atributos_opcion)
        return mark_safe(format_html("<select{}>", flatatt(atributos)) + "\n" + cuerpo + "\n</select>")


def _construir_opciones(opciones, elegidos: frozenset, atributos_opcion) -> str:
    partes = []
    for valor, etiqueta in opciones:
        clave = "" if valor is None else str(valor)
        partes.append(
            format_html(
                '<option value="{}"{}{}>{}</option>',
                clave,
                mark_safe(" selected") if clave in elegidos else "",
                flatatt(atributos_opcion(valor)),
                etiqueta,
            )
        )
    return "\n".join(partes)


@lru_cache(maxsize=256)
def _opciones_html(opciones: tuple, elegidos: frozenset) -> str:
    return _construir_opciones(opciones, elegidos, lambda valor: {})


class SelectMultipleRapido(SelectRapido):
    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):
        try:
            return data.getlist(name)
        except AttributeError:
            return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False
