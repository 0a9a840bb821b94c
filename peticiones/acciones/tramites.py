"""Guía de trámites: importing the catalog (CSV/XLSX, all or nothing), and an information call answered from
the guide: captured through `capturar()` and closed at first contact with the trámite recorded, so it counts
as attended in the MIR (indicadores.calculo series «atendidas»: atendida or cerrada, by fecha_atendida)."""

import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from typing import Any

import tablib
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import transaction
from django.utils import timezone
from import_export import fields, resources, widgets

from ..canales import TIPO_CONSULTA_TRAMITE, tipo
from ..models import Canal, Categoria, Colonia, Direccion, Peticion, Tramite
from .captura import DatosCiudadano, capturar
from .quejas import direccion_atencion_ciudadana
from .transiciones import atender_en_primer_contacto

CATEGORIA_INFORMACION = "Información de trámites"


# --- an information call answered from the guide ---------------------------------------------------------


def categoria_de_consulta(tramite: Tramite) -> Categoria:
    """The trámite's own category, or «Información de trámites» of Atención Ciudadana (created on first use)."""
    if tramite.categoria_id and tramite.categoria.activa:
        return tramite.categoria
    return Categoria.objects.get_or_create(
        nombre=CATEGORIA_INFORMACION, direccion=direccion_atencion_ciudadana(), defaults={"plazo_horas": 24}
    )[0]


def informar(
    *,
    usuario: AbstractBaseUser,
    tramite: Tramite,
    colonia: Colonia,
    ciudadano: DatosCiudadano | None,
    canal: Canal | None = None,
    pregunta: str = "",
    clave_idempotencia: uuid.UUID | None = None,
) -> Peticion:
    """Capture the call as a «consulta de trámite» and close it at once: answered with the guide's ficha."""
    if not tramite.activo:
        raise PermissionDenied(f"La ficha «{tramite}» no está publicada.")
    resumen = tramite.resumen()
    descripcion = f"Consulta sobre el trámite «{tramite.nombre}»." + (
        f" {pregunta.strip()}" if pregunta.strip() else ""
    )
    with transaction.atomic():
        peticion = capturar(
            usuario=usuario,
            categoria=categoria_de_consulta(tramite),
            colonia=colonia,
            descripcion=descripcion,
            ciudadano=ciudadano,
            tipo=tipo(TIPO_CONSULTA_TRAMITE),
            canal=canal,
            clave_idempotencia=clave_idempotencia,
        )
        if peticion.estado != Peticion.Estado.RECIBIDA or peticion.tramite_id:
            return peticion  # the same call sent twice: already answered
        return atender_en_primer_contacto(
            peticion,
            usuario,
            f"Se informó con la guía de trámites. {resumen}",
            texto_publico=f"Atendida: se le informó del trámite «{tramite.nombre}»",
            tramite=tramite,
        )


# --- import (CSV / XLSX) ----------------------------------------------------------------------------------


def _normalizar(texto: object) -> str:
    texto = unicodedata.normalize("NFKD", str(texto or "")).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_]+", " ", texto).strip().lower()


def _texto(valor: Any) -> str:
    if valor is None:
        return ""
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    return str(valor).replace("\x00", "").strip()


COLUMNAS = [
    # (atributo, encabezado, obligatoria)
    ("clave", "clave", True),
    ("nombre", "nombre", True),
    ("descripcion", "descripcion", False),
    ("requisitos", "requisitos", True),
    ("documentos", "documentos", False),
    ("costo", "costo", True),
    ("donde", "donde", True),
    ("horario", "horario", True),
    ("tiempo_respuesta", "tiempo de respuesta", False),
    ("direccion", "direccion", True),
    ("categoria", "categoria", False),
    ("palabras_clave", "palabras clave", False),
    ("activo", "publicado", False),
]
_ALIAS = {_normalizar(e): a for a, e, _ in COLUMNAS} | {
    "dónde": "donde",
    "lugar": "donde",
    "direccion responsable": "direccion",
    "dependencia": "direccion",
    "tiempo": "tiempo_respuesta",
    "activo": "activo",
    "palabras": "palabras_clave",
}


class ArchivoInvalido(Exception):
    """The file cannot be imported at all; nothing was imported."""


class TextoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return _texto(value)


class ListaWidget(widgets.Widget):
    """Requisitos as lines; a cell written «a; b; c» (no line breaks in a CSV cell) is split at the semicolons."""

    def clean(self, value, row=None, **kwargs):
        texto = _texto(value)
        if "\n" not in texto and ";" in texto:
            texto = "\n".join(p.strip() for p in texto.split(";") if p.strip())
        return texto


class DireccionWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        texto = _normalizar(value)
        if not texto:
            return None
        for direccion in Direccion.objects.filter(activa=True):
            if texto in (_normalizar(direccion.siglas), _normalizar(direccion.nombre)):
                return direccion
        raise ValueError(f"No hay una dirección activa «{_texto(value)}» (escriba sus siglas o su nombre).")

    def render(self, value, obj=None, **kwargs):
        return value.siglas if value else ""


class CategoriaWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        texto = _normalizar(value)
        if not texto:
            return None
        encontradas = [c for c in Categoria.objects.filter(activa=True) if _normalizar(c.nombre) == texto]
        if len(encontradas) != 1:
            raise ValueError(f"La categoría «{_texto(value)}» no existe o se repite en varias direcciones.")
        return encontradas[0]

    def render(self, value, obj=None, **kwargs):
        return value.nombre if value else ""


class SiNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        texto = _normalizar(value)
        if texto in ("", "si", "sí", "1", "true", "verdadero", "x"):
            return True
        if texto in ("no", "0", "false", "falso"):
            return False
        raise ValueError(f"«{_texto(value)}» no es sí ni no.")

    def render(self, value, obj=None, **kwargs):
        return "sí" if value else "no"


class TramiteResource(resources.ModelResource):
    """One row per trámite; `clave` identifies it (an existing clave is updated)."""

    clave = fields.Field(attribute="clave", column_name="clave", widget=TextoWidget())
    nombre = fields.Field(attribute="nombre", column_name="nombre", widget=TextoWidget())
    descripcion = fields.Field(attribute="descripcion", column_name="descripcion", widget=TextoWidget())
    requisitos = fields.Field(attribute="requisitos", column_name="requisitos", widget=ListaWidget())
    documentos = fields.Field(attribute="documentos", column_name="documentos", widget=ListaWidget())
    costo = fields.Field(attribute="costo", column_name="costo", widget=TextoWidget())
    donde = fields.Field(attribute="donde", column_name="donde", widget=TextoWidget())
    horario = fields.Field(attribute="horario", column_name="horario", widget=TextoWidget())
    tiempo_respuesta = fields.Field(
        attribute="tiempo_respuesta", column_name="tiempo de respuesta", widget=TextoWidget()
    )
    direccion = fields.Field(attribute="direccion", column_name="direccion", widget=DireccionWidget())
    categoria = fields.Field(attribute="categoria", column_name="categoria", widget=CategoriaWidget())
    palabras_clave = fields.Field(attribute="palabras_clave", column_name="palabras clave", widget=TextoWidget())
    activo = fields.Field(attribute="activo", column_name="publicado", widget=SiNoWidget())

    class Meta:
        model = Tramite
        import_id_fields = ["clave"]
        fields = [a for a, _, _ in COLUMNAS]
        clean_model_instances = True
        skip_diff = True

    def before_import(self, dataset, **kwargs):
        homologar(dataset)  # the admin's import too accepts the headers people write

    def before_save_instance(self, instance, row, **kwargs):
        instance.actualizado = timezone.now()


@dataclass
class ResultadoImportacion:
    confirmada: bool
    total: int = 0
    errores: list[dict[str, Any]] = field(default_factory=list)

    @property
    def valido(self) -> bool:
        return not self.errores


def homologar(datos: tablib.Dataset) -> tablib.Dataset:
    """Headers as people write them (accents, case, synonyms) → the resource's column names."""
    encabezados = []
    for encabezado in datos.headers or []:
        atributo = _ALIAS.get(_normalizar(encabezado))
        columna = next((e for a, e, _ in COLUMNAS if a == atributo), None)
        encabezados.append(columna or str(encabezado))
    faltan = [e for a, e, obligatoria in COLUMNAS if obligatoria and e not in encabezados]
    if faltan:
        raise ArchivoInvalido("Faltan las columnas obligatorias: " + ", ".join(f"«{c}»" for c in faltan) + ".")
    datos.headers = encabezados
    return datos


def importar_tramites(datos: tablib.Dataset, *, confirmar: bool, usuario: AbstractBaseUser | None = None):
    """Validate every row; with `confirmar` and no error at all, save them. One bad row: nothing is saved, and
    every bad row is named with its spreadsheet row (the header is row 1), its column and the reason."""
    if usuario is not None and not usuario.has_perm("peticiones.add_tramite"):
        raise PermissionDenied("Sólo quien administra la guía de trámites puede importarla.")
    resultado = TramiteResource().import_data(
        homologar(datos),
        dry_run=not confirmar,
        use_transactions=True,
        rollback_on_validation_errors=True,
        raise_errors=False,
    )
    columnas = {a: e for a, e, _ in COLUMNAS} | {NON_FIELD_ERRORS: "(toda la fila)"}
    errores = []
    for invalida in resultado.invalid_rows:
        for atributo, mensajes in invalida.error_dict.items():
            for mensaje in mensajes:
                errores.append(
                    {"fila": invalida.number + 1, "columna": columnas.get(atributo, atributo), "motivo": mensaje}
                )
    for numero, errores_fila in resultado.row_errors():
        for error in errores_fila:
            errores.append({"fila": numero + 1, "columna": "(toda la fila)", "motivo": str(error.error)})
    errores.sort(key=lambda e: e["fila"])
    return ResultadoImportacion(confirmada=confirmar and not errores, total=resultado.total_rows, errores=errores)
