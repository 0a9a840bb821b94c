"""The staff's decision on a citizen «por verificar»: validates the choice; `acciones.ciudadanos` saves."""

from django import forms

from ..acciones.ciudadanos import Resolucion


class VerificacionForm(forms.Form):
    resolucion = forms.ChoiceField(
        label="¿Qué verificó?",
        widget=forms.RadioSelect,
        error_messages={"required": "Elija qué hacer con este registro.", "invalid_choice": "Elija una opción válida."},
    )
    nota = forms.CharField(
        label="Nota para la bitácora (opcional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Ej. «Se llamó al 229… y confirmó que es su hija».",
    )

    def __init__(self, *args, con_titular: bool, **kwargs):
        super().__init__(*args, **kwargs)
        opciones = [Resolucion.OTRA_PERSONA, Resolucion.OTRA_PERSONA_SIN_TELEFONO]
        opciones.insert(0, Resolucion.UNIFICAR if con_titular else Resolucion.ASIGNAR)
        self.fields["resolucion"].choices = [(o.value, o.label) for o in opciones]

    def clean_nota(self) -> str:
        return self.cleaned_data["nota"].strip()
