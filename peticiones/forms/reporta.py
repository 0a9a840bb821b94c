"""The public «Reporta» form: validates what a citizen types on the phone; never saves anything."""

import uuid

from django import forms
from django.core.exceptions import ValidationError

from ..evidencias import FotoInvalida, tamano_maximo, validar_foto
from ..models import Categoria, Colonia
from ..selectores.captura import colonia_mas_cercana, resolver_colonia
from ..telefonos import normalizar_telefono
from ..widgets import SelectRapido

MAX_DESCRIPCION = 2000
LIMITES = {"latitud": (18.90, 19.40), "longitud": (-96.40, -95.90)}


class SelectCategoriaPublica(SelectRapido):
    """Each option says whether its category admits anonymous reports (the page hides «optional» otherwise)."""

    def atributos_opcion(self, valor) -> dict:
        instancia = getattr(valor, "instance", None)
        if instancia is None:
            return {}
        return {"data-anonimo": "1" if instancia.permite_anonimo else "0"}


class ReportaForm(forms.Form):
    clave_idempotencia = forms.UUIDField(widget=forms.HiddenInput)
    categoria = forms.ModelChoiceField(
        label="¿Qué quiere reportar?",
        queryset=Categoria.objects.filter(activa=True, direccion__activa=True).order_by("nombre"),
        empty_label="— Elija —",
        widget=SelectCategoriaPublica,
        error_messages={"required": "Elija qué quiere reportar.", "invalid_choice": "Elija una opción de la lista."},
    )
    descripcion = forms.CharField(
        label="Describa el problema",
        required=False,  # required unless the citizen follows a report already made (clean)
        max_length=MAX_DESCRIPCION,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_DESCRIPCION}),
    )
    foto = forms.FileField(
        label="Foto (opcional)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "capture": "environment"}),
        help_text="JPG, PNG o WebP.",
    )
    colonia = forms.CharField(
        label="Colonia",
        required=False,
        max_length=160,
        widget=forms.TextInput(attrs={"list": "colonias", "autocomplete": "off"}),
        help_text="Escríbala o ponga el punto en el mapa.",
    )
    calle = forms.CharField(label="Calle y número", required=False, max_length=200)
    referencias = forms.CharField(label="Entre calles o referencias", required=False, max_length=250)
    latitud = forms.DecimalField(required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput)
    longitud = forms.DecimalField(required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput)
    nombre = forms.CharField(
        label="Su nombre", required=False, max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    apellidos = forms.CharField(
        label="Apellidos", required=False, max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    telefono = forms.CharField(
        label="Teléfono (10 dígitos)",
        required=False,
        max_length=25,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel-national"}),
        help_text="Con sus últimos 4 dígitos consulta su folio; le avisamos por mensaje cuando se atienda.",
    )
    correo = forms.EmailField(
        label="Correo (opcional)", required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    acepta_aviso = forms.BooleanField(
        label="Leí el aviso de privacidad y acepto que usen mis datos para atender mi reporte.",
        required=True,
        error_messages={"required": "Para enviar su reporte acepte el aviso de privacidad."},
    )
    # Honeypot: hidden from people by CSS; a bot that fills every field gets a polite answer and nothing is saved.
    sitio_web = forms.CharField(label="Deje este campo vacío", required=False, max_length=200)
    seguir = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("clave_idempotencia", uuid.uuid4())
        self.fields["sitio_web"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_telefono(self) -> str:
        return normalizar_telefono(self.cleaned_data.get("telefono", ""))

    def clean_foto(self):
        foto = self.cleaned_data.get("foto")
        if not foto:
            return None
        if foto.size and foto.size > tamano_maximo():
            raise ValidationError(f"La foto pesa más de {tamano_maximo() // 1_048_576} MB; tome otra o redúzcala.")
        try:
            tipo, extension = validar_foto(foto)
        except FotoInvalida as error:
            raise ValidationError(str(error)) from error
        return foto, tipo, extension

    def _coordenada(self, campo: str):
        valor = self.cleaned_data.get(campo)
        if valor is None:
            return None
        minimo, maximo = LIMITES[campo]
        if not minimo <= valor <= maximo:
            self.add_error("latitud", "El punto del mapa queda fuera del municipio de Veracruz; muévalo.")
            return None
        return valor

    def clean(self) -> dict:
        datos = super().clean()
        latitud, longitud = self._coordenada("latitud"), self._coordenada("longitud")
        if (latitud is None) != (longitud is None):
            latitud = longitud = None
        datos["latitud"], datos["longitud"] = latitud, longitud
        texto = datos.get("colonia", "")
        colonia: Colonia | None = None
        if texto:
            colonia, candidatas = resolver_colonia(texto)
            if colonia is None and latitud is None:
                mensaje = f"No encontramos la colonia «{texto}»."
                if candidatas:
                    mensaje += " ¿Es alguna de estas? " + ", ".join(c.nombre for c in candidatas[:5])
                self.add_error("colonia", mensaje)
        if colonia is None and latitud is not None:
            colonia = colonia_mas_cercana(latitud, longitud)
        if colonia is None and not self.has_error("colonia"):
            self.add_error("colonia", "Ponga el punto en el mapa o escriba la colonia.")
        datos["colonia_resuelta"] = colonia
        categoria = datos.get("categoria")
        nombre, telefono, correo = (datos.get(c) for c in ("nombre", "telefono", "correo"))
        con_contacto = bool(nombre or telefono or correo)
        if not datos.get("seguir") and not (datos.get("descripcion") or "").strip():
            self.add_error("descripcion", "Cuéntenos qué pasa y dónde exactamente.")
        if datos.get("seguir"):
            if not (nombre and telefono):
                self.add_error("telefono", "Para seguir un reporte escriba su nombre y su teléfono.")
        elif con_contacto and not nombre:
            self.add_error("nombre", "Escriba su nombre.")
        elif con_contacto and not (telefono or correo):
            self.add_error("telefono", "Escriba un teléfono o un correo para avisarle.")
        elif not con_contacto and categoria is not None and not categoria.permite_anonimo:
            self.add_error("nombre", f"Para «{categoria.nombre}» necesitamos su nombre y un teléfono o correo.")
        return datos

    @property
    def anonima(self) -> bool:
        d = self.cleaned_data
        return not (d.get("nombre") or d.get("telefono") or d.get("correo"))
