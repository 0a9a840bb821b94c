"""Forms of the turnado screens: they validate and return clean values; the actions do the work."""

from django import forms
from django.db.models import QuerySet

from ..models import Direccion, Peticion
from ..selectores.busqueda import buscar_folio
from .atencion import CampoFotos


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
    from ..visibilidad import visibles_para

    clase = FORMULARIOS[nombre]
    if clase is DuplicadaForm:
        return clase(datos, archivos, visibles=visibles_para(usuario), prefix=nombre)
    form = clase(datos, archivos, prefix=nombre)
    if nombre == "turnar" and peticion is not None and datos is None:
        form.initial["direccion"] = peticion.direccion_id
    return form
