"""The public «Reporta» form: validates what a citizen types on the phone; never saves anything."""

import uuid

from django import forms
from django.core.exceptions import ValidationError

from ..evidencias import FotoInvalida, tamano_maximo, validar_foto
from ..models import Categoria, Colonia, PreguntaServicio
from ..models.open311 import MAX_RESPUESTA, respuesta_limpia
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


class CampoPregunta(forms.Field):
    """One of the category's extra questions. Its only rule is `PreguntaServicio.validar`, the same one an
    Open311 POST goes through (required, type, values)."""

    def __init__(self, pregunta: PreguntaServicio, **kwargs) -> None:
        self.pregunta = pregunta
        tipo = pregunta.tipo_dato
        Tipo = PreguntaServicio.TipoDato
        opciones = list(pregunta.nombres_opciones.items())
        if tipo == Tipo.MULTIVALUELIST:
            widget = forms.CheckboxSelectMultiple(choices=opciones)
        elif tipo == Tipo.SINGLEVALUELIST:
            widget = (
                forms.RadioSelect(choices=opciones)
                if len(opciones) <= 5
                else forms.Select(choices=[("", "— Elija —"), *opciones])
            )
        elif tipo == Tipo.TEXT:
            widget = forms.Textarea(attrs={"rows": 3, "maxlength": MAX_RESPUESTA})
        elif tipo == Tipo.NUMBER:
            widget = forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 30})
        elif tipo == Tipo.DATETIME:
            widget = forms.DateTimeInput(attrs={"type": "datetime-local"})
        else:
            widget = forms.TextInput(attrs={"maxlength": MAX_RESPUESTA})
        super().__init__(label=pregunta.descripcion, required=False, widget=widget, help_text=pregunta.ayuda, **kwargs)

    def clean(self, value) -> object:
        valores = value if isinstance(value, list | tuple) else [value]
        return self.pregunta.validar([respuesta_limpia(v) for v in valores if isinstance(v, str)])


def categoria_elegida(valor: object) -> Categoria | None:
    """The category a (possibly hostile) form value names, if it is one a citizen may choose."""
    clave = str(getattr(valor, "pk", valor) or "")
    if not clave.isdigit() or len(clave) > 18:
        return None
    return Categoria.objects.filter(pk=int(clave), activa=True, direccion__activa=True).first()


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
        # The chosen category's extra questions (services/{code}.json's attributes). Following a report
        # already made asks none.
        self.preguntas: list[PreguntaServicio] = []
        if not (self.is_bound and self.data.get("seguir")):
            elegida = categoria_elegida(self.data.get("categoria") if self.is_bound else self.initial.get("categoria"))
            self.preguntas = list(elegida.preguntas.all()) if elegida is not None else []
        for pregunta in self.preguntas:
            self.fields[f"pregunta_{pregunta.codigo}"] = CampoPregunta(pregunta)

    @property
    def campos_preguntas(self) -> list:
        return [self[f"pregunta_{p.codigo}"] for p in self.preguntas]

    @property
    def respuestas(self) -> dict:
        """{código: respuesta} of the questions answered (validated)."""
        datos = self.cleaned_data
        return {p.codigo: datos[f"pregunta_{p.codigo}"] for p in self.preguntas if datos.get(f"pregunta_{p.codigo}")}

    def clean_telefono(self) -> str:
        return normalizar_telefono(self.cleaned_data.get("telefono", ""))

    def clean_foto(self):
        foto = self.cleaned_data.get("foto")
        if not foto:
            return None
        if foto.size and foto.size > tamano_maximo():
            raise ValidationError(f"La foto pesa más de {tamano_maximo() // 1_048_576} MB; tome otra o redúzcala.")
        try:
            return validar_foto(foto)
        except FotoInvalida as error:
            raise ValidationError(str(error)) from error

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
