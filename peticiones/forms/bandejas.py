"""The trays' bulk-action form: validates the action and its arguments; acciones.lote does the work."""

from django import forms
from django.contrib.auth import get_user_model

from ..acciones.lote import ACCIONES
from ..models import Direccion
from .turnado import direcciones_activas


class LoteForm(forms.Form):
    accion = forms.ChoiceField(label="Acción", choices=[("", "Elija una acción…"), *ACCIONES.items()])
    direccion = forms.ModelChoiceField(label="Dirección", queryset=Direccion.objects.none(), required=False)
    colega = forms.ModelChoiceField(label="Colega", queryset=get_user_model().objects.none(), required=False)
    resolucion = forms.CharField(label="Resolución", required=False)
    nota = forms.CharField(label="Nota", required=False)

    def __init__(self, *args, colegas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direccion"].queryset = direcciones_activas()
        if colegas is not None:
            self.fields["colega"].queryset = colegas
