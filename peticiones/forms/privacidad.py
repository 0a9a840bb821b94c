"""Forms of the ARCO requests: validate and return clean values; the actions in acciones/privacidad save."""

from django import forms
from django.core.exceptions import ValidationError

from ..models import Canal, Ciudadano, Colonia, Peticion, SolicitudArco
from ..selectores.busqueda import buscar_folio
from ..telefonos import normalizar_telefono, solo_digitos


class SolicitudArcoForm(forms.Form):
    titular = forms.CharField(
        label="Titular: teléfono o folio de una de sus peticiones",
        max_length=25,
        help_text="Ej. 229 123 4567 o 2026-000123.",
    )
    derecho = forms.ChoiceField(label="Derecho que ejerce", choices=SolicitudArco.Derecho.choices)
    canal = forms.ModelChoiceField(label="Recibida por", queryset=Canal.objects.filter(activo=True))
    identidad = forms.CharField(
        label="Identidad acreditada con", max_length=200, help_text="Ej. INE con clave de elector terminación 1234."
    )
    descripcion = forms.CharField(label="Qué solicita", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)

    def clean_titular(self) -> Ciudadano:
        texto = self.cleaned_data["titular"].strip()
        peticion = buscar_folio(Peticion.objects.select_related("ciudadano"), texto) if "-" in texto else None
        if peticion is not None:
            if peticion.ciudadano is None:
                raise ValidationError(f"El folio {peticion.folio} es una denuncia anónima: no tiene titular.")
            return peticion.ciudadano
        digitos = solo_digitos(texto)
        if len(digitos) >= 10:
            ciudadano = Ciudadano.objects.filter(telefono=normalizar_telefono(digitos)).first()
            if ciudadano is not None:
                return ciudadano
        raise ValidationError(f"No encontramos a nadie con el teléfono o folio «{texto}».")


class RespuestaForm(forms.Form):
    respuesta = forms.CharField(label="Respuesta al titular", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class RectificacionForm(forms.Form):
    nombre = forms.CharField(label="Nombre(s)", max_length=100)
    apellidos = forms.CharField(label="Apellidos", max_length=150, required=False)
    telefono = forms.CharField(label="Teléfono", max_length=25, required=False)
    correo = forms.EmailField(label="Correo electrónico", required=False)
    domicilio = forms.CharField(label="Domicilio", max_length=250, required=False)
    colonia = forms.ModelChoiceField(label="Colonia", queryset=Colonia.objects.order_by("nombre"), required=False)
    respuesta = forms.CharField(
        label="Respuesta al titular",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        initial="Se rectificaron sus datos personales como lo solicitó.",
    )

    def clean_telefono(self) -> str:
        return normalizar_telefono(self.cleaned_data.get("telefono", ""))


class ConfirmarCancelacionForm(forms.Form):
    confirmo = forms.BooleanField(
        label="Entiendo que la cancelación borra a esta persona de SIRC y no se puede deshacer",
        error_messages={"required": "Confirme que entiende que la cancelación no se puede deshacer."},
    )
    respuesta = forms.CharField(
        label="Respuesta al titular",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        initial="Se cancelaron sus datos personales: SIRC ya no conserva información que lo identifique.",
    )
