"""Forms of the padrón: they validate and return clean values; the views call the actions to save."""

import uuid

from django import forms
from django.core.files import File
from django.urls import reverse
from django.utils import timezone

from peticiones.acciones.captura import OTRA_PERSONA, USAR_REGISTRADOS
from peticiones.evidencias import FotoInvalida, validar_foto
from peticiones.models import Categoria, Colonia, TipoPeticion
from sirc.archivos import hoja_revisada
from sirc.imagenes import ImagenInvalida, imagen_segura

from .curp import normalizar_curp
from .importacion import EXTENSIONES
from .models import Capacitacion, Cuartel, DocumentoExpediente, EventoJefes, JefeManzana


class FechaInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class JefeManzanaForm(forms.ModelForm):
    class Meta:
        model = JefeManzana
        fields = [
            "nombres", "apellidos", "curp", "telefono", "correo", "domicilio", "colonia", "manzana", "cuartel",
            "latitud", "longitud", "foto", "estado", "fecha_nombramiento", "fecha_toma_protesta",
            "fecha_acreditacion", "fecha_entrega_credencial", "fecha_entrega_placa", "fecha_entrega_nombramiento",
        ]  # fmt: skip
        widgets = {
            campo: FechaInput()
            for campo in [
                "fecha_nombramiento", "fecha_toma_protesta", "fecha_acreditacion", "fecha_entrega_credencial",
                "fecha_entrega_placa", "fecha_entrega_nombramiento",
            ]
        }  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colonia"].queryset = Colonia.objects.order_by("nombre")
        self.fields["cuartel"].queryset = Cuartel.objects.order_by("numero")
        self.fields["curp"].widget.attrs.update({"autocapitalize": "characters", "spellcheck": "false"})
        self.fields["telefono"].widget.attrs.update({"inputmode": "numeric", "placeholder": "10 dígitos"})
        if self.instance.pk:
            # Bajas and re-activations go through their own buttons (they touch the login too).
            del self.fields["estado"]
        else:
            self.fields["estado"].choices = [c for c in JefeManzana.Estado.choices if c[0] != JefeManzana.Estado.BAJA]

    def clean_curp(self) -> str:
        curp = normalizar_curp(self.cleaned_data["curp"])
        otros = JefeManzana.objects.filter(curp=curp).exclude(estado=JefeManzana.Estado.BAJA)
        if self.instance.pk:
            otros = otros.exclude(pk=self.instance.pk)
        existente = otros.first()
        if existente is not None:
            raise forms.ValidationError(
                f"Ya hay un Jefe de Manzana vigente con esta CURP: {existente} (manzana {existente.manzana})."
            )
        return curp

    def clean_foto(self):
        foto = self.cleaned_data.get("foto")
        if not foto or not hasattr(foto, "content_type"):  # empty, or the photo already stored
            return foto
        if foto.size > 3 * 1024 * 1024:
            raise forms.ValidationError("La fotografía pesa más de 3 MB; redúzcala.")
        try:  # judged by its bytes and re-encoded: an EPS (PostScript) or a polyglot never reaches the PDFs
            limpia = imagen_segura(foto, max_bytes=3 * 1024 * 1024)
        except ImagenInvalida as error:
            raise forms.ValidationError(str(error)) from error
        return File(limpia, name=f"foto{limpia.extension}")


class BajaForm(forms.Form):
    motivo = forms.CharField(label="Motivo de la baja", max_length=250)
    fecha = forms.DateField(label="Fecha de la baja", widget=FechaInput(), initial=timezone.localdate)


class ActivarForm(forms.Form):
    fecha_toma_protesta = forms.DateField(
        label="Fecha de toma de protesta", widget=FechaInput(), initial=timezone.localdate
    )


class DocumentoForm(forms.ModelForm):
    class Meta:
        model = DocumentoExpediente
        fields = ["tipo", "descripcion", "archivo"]

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        if archivo.size > DocumentoExpediente.TAMANO_MAXIMO:
            raise forms.ValidationError("El archivo pesa más de 5 MB.")
        return archivo


class ImportarForm(forms.Form):
    archivo = forms.FileField(
        label="Archivo del padrón (CSV o XLSX)",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{e}" for e in EXTENSIONES)}),
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        if archivo.name.rsplit(".", 1)[-1].lower() not in EXTENSIONES:
            raise forms.ValidationError("Suba un archivo .csv o .xlsx.")
        return hoja_revisada(archivo)


class CapacitacionForm(forms.ModelForm):
    class Meta:
        model = Capacitacion
        fields = ["fecha", "tema", "zona", "sede", "cuarteles"]
        widgets = {"fecha": FechaInput(), "cuarteles": forms.CheckboxSelectMultiple}


class EventoForm(forms.ModelForm):
    class Meta:
        model = EventoJefes
        fields = ["tipo", "nombre", "fecha", "sede"]
        widgets = {"fecha": FechaInput()}


class AsistenciaForm(forms.Form):
    claves = forms.CharField(
        label="Asistentes",
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "Una CURP o número de credencial por renglón"}),
        help_text="Escriba o escanee (QR de la credencial) una CURP, número de credencial o dirección por renglón.",
    )

    def lista(self) -> list[str]:
        return [c for c in self.cleaned_data["claves"].replace(",", "\n").splitlines() if c.strip()]


class PropuestaForm(forms.Form):
    jefe = forms.ModelChoiceField(label="Jefe de Manzana", queryset=JefeManzana.objects.none())
    notas = forms.CharField(label="Notas", max_length=250, required=False)

    def __init__(self, *args, cuartel: Cuartel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jefe"].queryset = cuartel.jefes.filter(estado=JefeManzana.Estado.ACTIVO).select_related("colonia")
        self.fields["jefe"].label_from_instance = lambda j: f"{j} · manzana {j.manzana}, {j.colonia.nombre}"


DECISIONES_DEL_JEFE = [
    (USAR_REGISTRADOS, "Sí, es la misma persona: usar sus datos ya registrados"),
    (OTRA_PERSONA, "No, es otra persona: registrarla aparte (el personal verificará el teléfono)"),
]


class PeticionVecinoForm(forms.Form):
    """What a Jefe de Manzana types to file a request on a neighbour's behalf."""

    nombre = forms.CharField(label="Nombre(s) del vecino", max_length=100)
    apellidos = forms.CharField(label="Apellidos", max_length=150, required=False)
    telefono = forms.RegexField(
        label="Teléfono del vecino",
        regex=r"^\d{10}$",
        required=False,
        error_messages={"invalid": "Escriba 10 dígitos, sin espacios."},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    tipo = forms.ModelChoiceField(label="Tipo", queryset=TipoPeticion.objects.none())
    categoria = forms.ModelChoiceField(label="¿Qué pasa?", queryset=Categoria.objects.none())
    descripcion = forms.CharField(label="Descripción", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    calle = forms.CharField(label="Calle", max_length=200)
    numero_exterior = forms.CharField(label="Número", max_length=20, required=False)
    referencias = forms.CharField(label="Entre calles / referencias", max_length=250, required=False)
    colonia = forms.ModelChoiceField(label="Colonia", queryset=Colonia.objects.none())
    foto = forms.FileField(
        label="Foto del problema (opcional)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "capture": "environment"}),
    )
    latitud = forms.DecimalField(required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput)
    longitud = forms.DecimalField(required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput)
    clave = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4, required=False)  # double click: one request
    si_ya_existe = forms.ChoiceField(
        label="Ese teléfono es de un vecino que usted ya registró",
        choices=DECISIONES_DEL_JEFE,
        required=False,
        widget=forms.RadioSelect,
    )
    aviso_privacidad = forms.BooleanField(
        label="El vecino conoce y acepta el aviso de privacidad",
        error_messages={"required": "Sin la aceptación del aviso de privacidad no se puede registrar la petición."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # htmx: as the phone is typed, a neighbour of one of his own requests is proposed («¿es su vecino …?»).
        self.fields["telefono"].widget.attrs.update(
            {
                "hx-get": reverse("jefes_manzana:vecino_conocido"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#vecino-conocido",
                "hx-sync": "this:replace",
                "autocomplete": "off",
            }
        )
        self.fields["tipo"].queryset = TipoPeticion.objects.filter(activo=True)
        self.fields["categoria"].queryset = Categoria.objects.filter(activa=True, direccion__activa=True).order_by(
            "nombre"
        )
        self.fields["colonia"].queryset = Colonia.objects.order_by("nombre")

    def clean_foto(self):
        foto = self.cleaned_data.get("foto")
        if not foto:
            return None
        try:
            return validar_foto(foto)
        except FotoInvalida as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self) -> dict:
        datos = super().clean()
        latitud, longitud = datos.get("latitud"), datos.get("longitud")
        if (latitud is None) != (longitud is None) or (
            latitud is not None and not (18.9 <= latitud <= 19.4 and -96.4 <= longitud <= -95.9)
        ):
            self.add_error(None, "La ubicación del teléfono queda fuera de Veracruz; quítela o vuelva a tomarla.")
            datos["latitud"] = datos["longitud"] = None
        return datos
