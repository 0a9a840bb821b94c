"""The citizen's public lookup form (folio + last 4 phone digits)."""

from django import forms


class ConsultaForm(forms.Form):
    folio = forms.CharField(label="Folio", max_length=20, help_text="Como aparece en su comprobante, ej. 2026-000123")
    telefono = forms.CharField(
        label="Últimos 4 dígitos de su teléfono",
        min_length=4,
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]{4}"}),
    )

    def clean_telefono(self) -> str:
        valor = self.cleaned_data["telefono"].strip()
        if not valor.isdigit():
            raise forms.ValidationError("Escriba sólo los 4 dígitos.")
        return valor
