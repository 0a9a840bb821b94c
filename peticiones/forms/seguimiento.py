"""Forms of the follow-up: they validate and return clean domain values; they never save anything."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from ..models import LlamadaSeguimiento, Peticion, VisitaDomiciliaria
from ..models.seguimiento import SATISFACCION_OPCIONES
from ..selectores.seguimiento import personal_de_seguimiento
from ..visibilidad import visibles_para

SI_NO = [("si", "Sí, se resolvió"), ("no", "No se resolvió")]
SATISFACCION = [(str(v), e) for v, e in SATISFACCION_OPCIONES] + [("", "No quiso calificar")]


def _a_bool(valor: str) -> bool | None:
    return {"si": True, "no": False}.get(valor)


class _OpinionMixin(forms.Form):
    """¿Se resolvió?, satisfaction and comment: asked only when the citizen was reached."""

    se_resolvio = forms.TypedChoiceField(
        label="¿Se resolvió su petición?",
        choices=SI_NO,
        widget=forms.RadioSelect,
        required=False,
        coerce=_a_bool,
        empty_value=None,  # "" must read as "not said": the database refuses a contacted visit without it
    )
    satisfaccion = forms.TypedChoiceField(
        label="Satisfacción con el servicio",
        choices=SATISFACCION,
        widget=forms.RadioSelect,
        required=False,
        coerce=int,
        empty_value=None,
    )
    comentario = forms.CharField(
        label="Comentario del ciudadano (si no se resolvió: qué falta)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def _limpiar_opinion(self, contactado: bool) -> None:
        datos = self.cleaned_data
        if not contactado:
            datos["se_resolvio"] = None
            datos["satisfaccion"] = None
            return
        if datos.get("se_resolvio") is None and "se_resolvio" not in self.errors:
            self.add_error("se_resolvio", "Indique si el ciudadano dice que se resolvió.")
        if datos.get("se_resolvio") is False and not (datos.get("comentario") or "").strip():
            self.add_error("comentario", "Escriba qué falta según el ciudadano: ese motivo regresa a la dirección.")


class ResultadoLlamadaForm(_OpinionMixin):
    resultado = forms.ChoiceField(
        label="Resultado de la llamada",
        choices=[(e.value, e.label) for e in LlamadaSeguimiento.Estado if e.value in LlamadaSeguimiento.REALIZADAS],
        widget=forms.RadioSelect,
        error_messages={"required": "Elija el resultado de la llamada."},
    )
    field_order = ["resultado", "se_resolvio", "satisfaccion", "comentario"]

    def clean(self) -> dict:
        datos = super().clean()
        self._limpiar_opinion(datos.get("resultado") == LlamadaSeguimiento.Estado.CONTACTADO)
        return datos


class VisitaForm(_OpinionMixin):
    folio = forms.CharField(label="Folio", max_length=11, help_text="AAAA-NNNNNN")
    realizada_por = forms.ModelChoiceField(label="Brigadista que hizo la visita", queryset=None)
    fecha_visita = forms.DateTimeField(
        label="Fecha y hora de la visita",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    resultado = forms.ChoiceField(
        label="Resultado de la visita",
        choices=VisitaDomiciliaria.Resultado.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Elija el resultado de la visita."},
    )
    field_order = ["folio", "realizada_por", "fecha_visita", "resultado", "se_resolvio", "satisfaccion", "comentario"]

    def __init__(self, *args, usuario, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.usuario = usuario
        self.fields["realizada_por"].queryset = personal_de_seguimiento()
        self.fields["realizada_por"].label_from_instance = lambda u: u.get_full_name() or u.username

    def clean_folio(self) -> str:
        folio = self.cleaned_data["folio"].strip().upper()
        peticion = visibles_para(self.usuario).filter(folio=folio).first()
        if peticion is None:
            raise forms.ValidationError(f"No existe el folio {folio} o su usuario no puede verlo.")
        if peticion.estado not in (Peticion.Estado.ATENDIDA, Peticion.Estado.CERRADA):
            raise forms.ValidationError(
                f"El folio {folio} está {peticion.get_estado_display().lower()}: "
                "sólo se visitan peticiones atendidas o cerradas."
            )
        self.cleaned_data["peticion"] = peticion
        return folio

    def clean_fecha_visita(self):
        fecha = self.cleaned_data["fecha_visita"]
        if fecha > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError("La fecha de la visita no puede ser futura.")
        return fecha

    def clean(self) -> dict:
        datos = super().clean()
        self._limpiar_opinion(datos.get("resultado") == VisitaDomiciliaria.Resultado.CONTACTADO)
        return datos


class EvaluacionForm(forms.Form):
    """The citizen's rating on the public consulta page."""

    folio = forms.CharField(label="Folio", max_length=20, help_text="Como aparece en su comprobante: AAAA-NNNNNN")
    ultimos4 = forms.RegexField(
        label="Últimos 4 dígitos de su teléfono",
        regex=r"^\d{4}$",
        max_length=4,
        error_messages={"invalid": "Escriba los últimos 4 dígitos de su teléfono (sólo números)."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    calificacion = forms.TypedChoiceField(
        label="¿Cómo califica el servicio?",
        choices=[(str(v), e) for v, e in SATISFACCION_OPCIONES],
        widget=forms.RadioSelect,
        coerce=int,
        error_messages={"required": "Elija una calificación del 1 al 5."},
    )
    comentario = forms.CharField(
        label="Comentario (opcional)", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=1000
    )


class RespuestaQuejaForm(forms.Form):
    """The supervisor's answer to a queja (empty: only receive it in Atención Ciudadana)."""

    accion = forms.CharField(required=False, max_length=20)
    respuesta = forms.CharField(label="Respuesta", required=False, max_length=5000)
