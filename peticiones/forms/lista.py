"""The list's historical import form: checks the file type; the import itself checks every row."""

from django import forms
from django.core.exceptions import ValidationError

from sirc.archivos import hoja_revisada


class ImportarForm(forms.Form):
    archivo = forms.FileField(
        label="Archivo CSV o XLSX",
        error_messages={"required": "Elija el archivo con las peticiones históricas."},
        help_text="Una fila por petición; la primera fila con los nombres de columna (vea la plantilla).",
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        nombre = archivo.name.lower()
        if not (nombre.endswith(".csv") or nombre.endswith(".xlsx")):
            raise ValidationError("El archivo debe ser .csv o .xlsx.")
        return hoja_revisada(archivo)
