"""Forms of the turnado screens: they validate and return clean values; the actions do the work."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from .acciones.lote import ACCIONES
from .models import Direccion, Peticion


class VariosArchivos(forms.ClearableFileInput):
    allow_multiple_selected = True


class CampoFotos(forms.FileField):
    """Several photos in one input; type and size are checked by peticiones.evidencias."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", VariosArchivos(attrs={"accept": "image/jpeg,image/png,image/webp", "multiple": True})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(CampoFotos, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def direcciones_activas() -> QuerySet[Direccion]:
    return Direccion.objects.filter(activa=True).order_by("nombre")


class TurnarForm(forms.Form):
    direccion = forms.ModelChoiceField(
        label="Dirección", queryset=Direccion.objects.none(), empty_label="Elija la dirección…"
    )
    nota = forms.CharField(label="Nota para la dirección", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    imprimir_oficio = forms.BooleanField(label="Imprimir oficio de canalización", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direccion"].queryset = direcciones_activas()


class MotivoForm(forms.Form):
    motivo = forms.CharField(label="Motivo", widget=forms.Textarea(attrs={"rows": 3}))


class NotaForm(forms.Form):
    nota = forms.CharField(label="Nota", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class VacioForm(forms.Form):
    pass


class AtenderForm(forms.Form):
    resolucion = forms.CharField(
        label="Resolución (qué se hizo; la verá el ciudadano)", widget=forms.Textarea(attrs={"rows": 3})
    )
    fotos = CampoFotos(label="Fotos de evidencia (JPG, PNG o WebP)", required=False)


class EvidenciaForm(forms.Form):
    fotos = CampoFotos(label="Fotos de evidencia (JPG, PNG o WebP)")


class DuplicadaForm(forms.Form):
    folio = forms.CharField(label="Folio original", max_length=11, help_text="Ej. 2026-000123")

    def __init__(self, *args, visibles=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.visibles = visibles if visibles is not None else Peticion.objects.none()

    def clean_folio(self) -> Peticion:
        texto = self.cleaned_data["folio"].strip()
        original = buscar_folio(self.visibles, texto)
        if original is None:
            raise forms.ValidationError(f"No existe el folio «{texto}».")
        return original


FOLIO = re.compile(r"^\s*(\d{4})\s*-?\s*(\d{1,6})\s*$")


def buscar_folio(queryset, texto: str) -> Peticion | None:
    """Accepts 2026-000123, 2026-123 or 2026000123."""
    coincide = FOLIO.match(texto or "")
    if not coincide:
        return None
    return queryset.filter(anio=int(coincide[1]), numero=int(coincide[2])).first()


FORMULARIOS = {
    "turnar": TurnarForm,
    "devolver": MotivoForm,
    "iniciar": VacioForm,
    "marcar_atendida": AtenderForm,
    "declarar_improcedente": MotivoForm,
    "cerrar": NotaForm,
    "reabrir": MotivoForm,
    "cancelar": MotivoForm,
    "marcar_duplicada": DuplicadaForm,
}


def formulario_de(nombre: str, usuario, datos=None, archivos=None, peticion: Peticion | None = None) -> forms.Form:
    """The form of transition `nombre` (prefixed, so several fit on one page)."""
    from .visibilidad import visibles_para

    clase = FORMULARIOS[nombre]
    if clase is DuplicadaForm:
        return clase(datos, archivos, visibles=visibles_para(usuario), prefix=nombre)
    form = clase(datos, archivos, prefix=nombre)
    if nombre == "turnar" and peticion is not None and datos is None:
        form.initial["direccion"] = peticion.direccion_id
    return form


class AsignarForm(forms.Form):
    colega = forms.ModelChoiceField(
        label="Asignar a", queryset=get_user_model().objects.none(), required=False, empty_label="(sin asignar)"
    )

    def __init__(self, *args, colegas=None, **kwargs):
        super().__init__(*args, **kwargs)
        if colegas is not None:
            self.fields["colega"].queryset = colegas
        self.fields["colega"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class ComentarioForm(forms.Form):
    texto = forms.CharField(label="Comentario interno", widget=forms.Textarea(attrs={"rows": 2}))


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
