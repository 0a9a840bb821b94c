"""Forms of the work on a request inside its dirección: assign, comment, evidence photos."""

from django import forms
from django.contrib.auth import get_user_model


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


class EvidenciaForm(forms.Form):
    fotos = CampoFotos(label="Fotos de evidencia (JPG, PNG o WebP)")


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
