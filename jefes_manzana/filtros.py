"""django-filter filters of the padrón (list, map, exports and credential sheets share them)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet

from peticiones.models import Colonia

from .models import AsistenciaCapacitacion, Cuartel, JefeManzana

SI_NO = [("", "Todos"), ("si", "Sí"), ("no", "No")]


def con_capacitacion(queryset: QuerySet[JefeManzana]) -> QuerySet[JefeManzana]:
    return queryset.annotate(
        capacitado=Exists(AsistenciaCapacitacion.objects.filter(jefe=OuterRef("pk"))),
    )


class JefeManzanaFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Buscar", method="filtrar_texto")
    colonia = django_filters.ModelChoiceFilter(queryset=Colonia.objects.all(), label="Colonia", empty_label="Todas")
    cuartel = django_filters.ModelChoiceFilter(queryset=Cuartel.objects.all(), label="Cuartel", empty_label="Todos")
    estado = django_filters.ChoiceFilter(choices=JefeManzana.Estado.choices, label="Estado", empty_label="Todos")
    acreditado = django_filters.ChoiceFilter(
        choices=SI_NO[1:], label="Acreditado", method="filtrar_acreditado", empty_label="Todos"
    )
    capacitado = django_filters.ChoiceFilter(
        choices=SI_NO[1:], label="Capacitado", method="filtrar_capacitado", empty_label="Todos"
    )
    con_acceso = django_filters.ChoiceFilter(
        choices=SI_NO[1:], label="Con acceso a SIRC", method="filtrar_acceso", empty_label="Todos"
    )

    class Meta:
        model = JefeManzana
        fields = ["q", "colonia", "cuartel", "estado", "acreditado", "capacitado", "con_acceso"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget = forms.TextInput(
            attrs={"placeholder": "Nombre, CURP, manzana, credencial o teléfono", "type": "search"}
        )

    def filtrar_texto(self, queryset, name, value):
        condicion = Q()
        for palabra in value.split():
            condicion &= (
                Q(nombres__icontains=palabra)
                | Q(apellidos__icontains=palabra)
                | Q(curp__icontains=palabra)
                | Q(manzana__iexact=palabra)
                | Q(numero_credencial__iexact=palabra)
                | Q(telefono__contains=palabra)
            )
        return queryset.filter(condicion)

    def filtrar_acreditado(self, queryset, name, value):
        return queryset.filter(fecha_acreditacion__isnull=value != "si")

    def filtrar_capacitado(self, queryset, name, value):
        asistio = Exists(AsistenciaCapacitacion.objects.filter(jefe=OuterRef("pk")))
        return queryset.filter(asistio if value == "si" else ~asistio)

    def filtrar_acceso(self, queryset, name, value):
        return queryset.filter(usuario__isnull=value != "si")
