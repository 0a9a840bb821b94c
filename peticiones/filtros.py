"""Filters of the request list (django-filter): folio, text, estado, catalogs, dates, vencidas, sort."""

from datetime import datetime, time, timedelta
from functools import partial

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from .cache_catalogos import opciones
from .models import Peticion
from .selectores.busqueda import buscar_texto
from .widgets import SelectMultipleRapido, SelectRapido


def _inicio_del_dia(dia) -> datetime:
    return timezone.make_aware(datetime.combine(dia, time.min))


def _por_catalogo(etiqueta: str, campo: str, catalogo: str, vacio: str = "Todas") -> django_filters.ChoiceFilter:
    """One catalog's select, its options read from the in-memory catalog cache (`cache_catalogos`)."""
    return django_filters.ChoiceFilter(
        label=etiqueta,
        field_name=campo,
        choices=partial(opciones, catalogo),
        empty_label=vacio,
        widget=SelectRapido,
    )


class PeticionFilter(django_filters.FilterSet):
    texto = django_filters.CharFilter(
        label="Buscar",
        method="filtrar_texto",
        widget=forms.TextInput(
            attrs={"placeholder": "folio, teléfono, nombre o texto", "type": "search", "autofocus": True}
        ),
    )
    folio = django_filters.CharFilter(label="Folio", field_name="folio", lookup_expr="icontains")
    estado = django_filters.MultipleChoiceFilter(
        label="Estado",
        choices=Peticion.Estado.choices,
        distinct=False,  # a plain IN on one column: no DISTINCT over the whole row
        widget=SelectMultipleRapido(attrs={"size": 4}),
    )
    direccion = _por_catalogo("Dirección", "direccion_id", "direcciones")
    categoria = _por_catalogo("Categoría", "categoria_id", "categorias")
    canal = _por_catalogo("Canal", "canal_id", "canales", vacio="Todos")
    colonia = _por_catalogo("Colonia", "colonia_id", "colonias")
    tipo = _por_catalogo("Tipo", "tipo_id", "tipos", vacio="Todos")
    desde = django_filters.DateFilter(
        label="Recibida desde", method="filtrar_desde", widget=forms.DateInput(attrs={"type": "date"})
    )
    hasta = django_filters.DateFilter(
        label="Recibida hasta", method="filtrar_hasta", widget=forms.DateInput(attrs={"type": "date"})
    )
    vencidas = django_filters.BooleanFilter(
        label="Sólo vencidas", method="filtrar_vencidas", widget=forms.CheckboxInput
    )
    orden = django_filters.OrderingFilter(
        label="Ordenar por",
        empty_label="Más recientes primero",
        widget=SelectRapido,  # Django's Select renders each <option> through an included template
        fields=(
            ("fecha_recepcion", "recepcion"),
            ("folio", "folio"),
            ("fecha_limite", "limite"),
            ("estado", "estado"),
            ("colonia__nombre", "colonia"),
            ("categoria__nombre", "categoria"),
        ),
        field_labels={
            "fecha_recepcion": "Recepción",
            "folio": "Folio",
            "fecha_limite": "Fecha límite",
            "estado": "Estado",
            "colonia__nombre": "Colonia",
            "categoria__nombre": "Categoría",
        },
    )

    class Meta:
        model = Peticion
        fields: list[str] = []

    def filtrar_texto(self, qs: QuerySet[Peticion], name: str, value: str) -> QuerySet[Peticion]:
        self.busqueda: dict = {}  # `mas_de`: matches the search already knows of (before any other filter)
        return buscar_texto(qs, value, self.busqueda)

    def filtrar_desde(self, qs: QuerySet[Peticion], name: str, value) -> QuerySet[Peticion]:
        return qs.filter(fecha_recepcion__gte=_inicio_del_dia(value))

    def filtrar_hasta(self, qs: QuerySet[Peticion], name: str, value) -> QuerySet[Peticion]:
        return qs.filter(fecha_recepcion__lt=_inicio_del_dia(value + timedelta(days=1)))

    def filtrar_vencidas(self, qs: QuerySet[Peticion], name: str, value: bool) -> QuerySet[Peticion]:
        if not value:
            return qs
        return qs.filter(Q(estado__in=Peticion.ABIERTOS) & Q(fecha_limite__lt=timezone.now()))
