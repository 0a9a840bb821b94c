"""The operator's capture form: validates and returns clean domain values; never saves anything."""

import uuid
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from ..acciones.captura import DECISIONES, SIN_AVISO, DatosCiudadano
from ..models import Canal, Categoria, Colonia, Direccion, Evento, TipoPeticion
from ..selectores.captura import resolver_colonia
from ..telefonos import normalizar_telefono
from ..widgets import SelectRapido

DIAS_EVENTOS = 60  # events offered in the capture screen: the last two months
TELEFONO_ATTRS = {
    "autofocus": True,
    "inputmode": "tel",
    "autocomplete": "off",
    "placeholder": "229 123 4567",
}


class SelectCategoria(SelectRapido):
    """Each option carries its dirección so the page can preselect it (the operator may override)."""

    def atributos_opcion(self, valor) -> dict:
        instancia = getattr(valor, "instance", None)
        return {"data-direccion": instancia.direccion_id} if instancia is not None else {}


class CampoCatalogo(forms.ModelChoiceField):
    """A ModelChoiceField that validates the posted id against the catalog in memory (cache_catalogos):
    no query per field on each capture. An id missing there, or inactive, goes to the database as before
    (which also gives Django's own «Seleccione una opción válida» error)."""

    def __init__(self, *args, catalogo: str, campo_activo: str, **kwargs):
        self.catalogo, self.campo_activo = catalogo, campo_activo
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        from ..cache_catalogos import catalogos

        try:
            objeto = getattr(catalogos(), self.catalogo).get(int(value))
        except (TypeError, ValueError):
            objeto = None
        if objeto is not None and getattr(objeto, self.campo_activo):
            return objeto
        return super().to_python(value)


class CapturaForm(forms.Form):
    clave_idempotencia = forms.UUIDField(widget=forms.HiddenInput)

    telefono = forms.CharField(
        label="Teléfono",
        required=False,
        max_length=25,
        widget=forms.TextInput(attrs=TELEFONO_ATTRS),
        help_text="10 dígitos. Si ya nos llamó, verá sus datos y folios anteriores.",
    )
    nombre = forms.CharField(label="Nombre(s)", required=False, max_length=100)
    apellidos = forms.CharField(label="Apellidos", required=False, max_length=150)
    correo = forms.EmailField(label="Correo electrónico", required=False)
    domicilio = forms.CharField(label="Domicilio del ciudadano", required=False, max_length=250)
    acepta_aviso = forms.BooleanField(label="Se leyó el aviso de privacidad y lo acepta", required=False)
    si_ya_existe = forms.ChoiceField(
        label="Ese teléfono ya es de un ciudadano registrado con otros datos",
        choices=list(DECISIONES.items()),
        required=False,
        widget=forms.RadioSelect,
    )
    anonima = forms.BooleanField(label="Denuncia anónima (sin datos del ciudadano)", required=False)

    categoria = CampoCatalogo(
        catalogo="categorias",
        campo_activo="activa",
        label="Categoría",
        queryset=Categoria.objects.filter(activa=True).select_related("direccion").order_by("nombre"),
        empty_label="— Elija la categoría —",
        widget=SelectCategoria,
        error_messages={"required": "Elija la categoría del reporte."},
    )
    direccion = forms.ModelChoiceField(
        label="Dirección responsable",
        queryset=Direccion.objects.filter(activa=True),
        required=False,
        empty_label="— La de la categoría —",
        widget=SelectRapido,
    )
    descripcion = forms.CharField(
        label="Descripción",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Describa qué pasa y dónde (lo que dice el ciudadano)."},
        help_text="Enter guarda; Mayús+Enter para otra línea.",
    )
    colonia = forms.CharField(
        label="Colonia",
        max_length=160,
        widget=forms.TextInput(attrs={"list": "colonias", "autocomplete": "off"}),
        error_messages={"required": "Escriba la colonia del reporte."},
    )
    calle = forms.CharField(label="Calle", required=False, max_length=200)
    numero_exterior = forms.CharField(label="Número", required=False, max_length=20)
    referencias = forms.CharField(label="Entre calles / referencias", required=False, max_length=250)
    latitud = forms.DecimalField(
        label="Latitud", required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput
    )
    longitud = forms.DecimalField(
        label="Longitud", required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput
    )

    tipo = CampoCatalogo(
        catalogo="tipos",
        campo_activo="activo",
        label="Tipo",
        queryset=TipoPeticion.objects.filter(activo=True),
        empty_label=None,
        widget=SelectRapido,
    )
    canal = CampoCatalogo(
        catalogo="canales",
        campo_activo="activo",
        label="Canal",
        queryset=Canal.objects.filter(activo=True),
        empty_label=None,
        widget=SelectRapido,
    )
    evento = forms.ModelChoiceField(
        label="Evento (Miércoles Ciudadano / Gira)",
        queryset=Evento.objects.none(),
        required=False,
        empty_label="— Ninguno —",
        widget=SelectRapido,
    )

    def __init__(self, *args, vinculando: bool = False, informando: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.informar_error = False
        desde = timezone.localdate() - timedelta(days=DIAS_EVENTOS)
        self.fields["evento"].queryset = Evento.objects.filter(fecha__gte=desde).order_by("-fecha")
        if vinculando:  # linking a call to a folio only needs who called
            for campo in ("categoria", "descripcion", "colonia", "tipo", "canal"):
                self.fields[campo].required = False
        if informando:  # an information call answered from the guía: who called and from which colonia
            for campo in ("categoria", "descripcion", "tipo"):
                self.fields[campo].required = False
            self.fields["colonia"].error_messages["required"] = (
                "Escriba la colonia de quien llama (también en una consulta)."
            )
        if self.is_bound:  # a posted form shows what was posted: the defaults below are for an empty screen
            return
        if "clave_idempotencia" not in self.initial:
            self.initial["clave_idempotencia"] = uuid.uuid4()
        self.initial.setdefault(
            "tipo", TipoPeticion.objects.filter(clave="peticion").values_list("pk", flat=True).first()
        )
        self.initial.setdefault("canal", Canal.objects.filter(clave="linea-072").values_list("pk", flat=True).first())

    def clean_telefono(self) -> str:
        return normalizar_telefono(self.cleaned_data.get("telefono", ""))

    def clean_colonia(self) -> Colonia | None:
        texto = self.cleaned_data.get("colonia", "")
        if not texto:
            return None
        from ..cache_catalogos import catalogos

        colonia, _ = resolver_colonia(texto, list(catalogos().colonias.values()))
        if colonia is not None:
            return colonia
        colonia, candidatas = resolver_colonia(texto)  # not in this process's copy: the database says
        if colonia is None:
            mensaje = f"No encontramos la colonia «{texto}» en el catálogo."
            if candidatas:
                mensaje += " ¿Quiso decir: " + ", ".join(str(c) for c in candidatas[:5]) + "?"
            else:
                mensaje += " Revise cómo se escribe o elíjala de la lista."
            raise ValidationError(mensaje, code="colonia_desconocida")
        return colonia

    def clean(self) -> dict:
        datos = super().clean()
        anonima = datos.get("anonima")
        tipo = datos.get("tipo")
        if anonima and tipo is not None and tipo.clave != "denuncia":
            self.add_error(
                "anonima", "Sólo una denuncia puede ser anónima: cambie el tipo a «Denuncia» o capture el nombre."
            )
        if not anonima and not (datos.get("nombre") or "").strip() and "nombre" not in self.errors:
            self.add_error("nombre", "Escriba el nombre de quien llama (o marque la denuncia como anónima).")
        if not anonima and not datos.get("acepta_aviso"):
            self.add_error("acepta_aviso", SIN_AVISO)
        if (datos.get("latitud") is None) != (datos.get("longitud") is None):
            self.add_error("latitud", "El punto del mapa quedó incompleto; vuelva a ponerlo.")
        return datos

    def datos_ciudadano(self) -> DatosCiudadano | None:
        d = self.cleaned_data
        if d.get("anonima"):
            return None
        return DatosCiudadano(
            nombre=d.get("nombre", ""),
            apellidos=d.get("apellidos", ""),
            telefono=d.get("telefono", ""),
            correo=d.get("correo", ""),
            domicilio=d.get("domicilio", ""),
            colonia=d.get("colonia"),
            acepta_aviso=bool(d.get("acepta_aviso")),
            si_ya_existe=d.get("si_ya_existe", ""),
        )
