"""Import and export of the padrón with django-import-export.

Configured for speed without giving up validation: rows are saved in bulk (`use_bulk`), colonias,
cuarteles and the existing Jefes de Manzana are loaded once per file (not once per row), no per-row
diff is computed, and every row still goes through the model's own validation (`full_clean`: CURP
format and check digit, phone, e-mail, dates, baja rules). Uniqueness (CURP and credential number) is
checked against one preloaded snapshot instead of one query per row. So the number of SQL statements
of an import does not grow with the rows.
"""

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from import_export import fields, resources, widgets
from import_export.instance_loaders import BaseInstanceLoader

from peticiones.models import Colonia

from .bloque import actualizar_en_bloque
from .curp import normalizar_curp
from .models import Cuartel, JefeManzana


def normalizar(texto: object) -> str:
    """Lower case, no accents, single spaces: how names from a spreadsheet are compared."""
    texto = unicodedata.normalize("NFKD", str(texto or "")).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", texto).strip().lower()


def _texto(valor: Any) -> str:
    """A spreadsheet cell as text: numbers typed as 12.0 become "12"."""
    if valor is None:
        return ""
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    return str(valor).strip()


# --- widgets: Spanish messages, tolerant of what Excel and people type ------------------------------


class TextoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return _texto(value)


class CurpWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return normalizar_curp(_texto(value))


class TelefonoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        digitos = re.sub(r"\D", "", _texto(value))
        if len(digitos) == 12 and digitos.startswith("52"):
            digitos = digitos[2:]
        if digitos and len(digitos) != 10:
            raise ValueError(f"«{_texto(value)}» no es un teléfono de 10 dígitos.")
        return digitos


class FechaWidget(widgets.Widget):
    """Dates as dd/mm/aaaa (what Mexican spreadsheets show), aaaa-mm-dd, or real Excel dates."""

    FORMATOS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%y", "%d.%m.%Y")
    DMA = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")

    def clean(self, value, row=None, **kwargs):
        if value is None or _texto(value) == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        texto = _texto(value).split(" ")[0]
        rapida = self.DMA.match(texto)  # the usual dd/mm/aaaa without strptime's cost
        if rapida:
            try:
                return date(int(rapida[3]), int(rapida[2]), int(rapida[1]))
            except ValueError:
                pass
        for formato in self.FORMATOS:
            try:
                return datetime.strptime(texto, formato).date()
            except ValueError:
                continue
        raise ValueError(
            f"«{_texto(value)}» no es una fecha válida; escríbala como dd/mm/aaaa (por ejemplo 15/03/2024)."
        )

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%d/%m/%Y") if value else ""


class CoordenadaWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        texto = _texto(value).replace(",", ".")
        if not texto:
            return None
        try:
            return Decimal(texto).quantize(Decimal("0.000001"))
        except InvalidOperation:
            raise ValueError(
                f"«{_texto(value)}» no es una coordenada (use grados decimales, p. ej. 19.1738)."
            ) from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class EstadoWidget(widgets.Widget):
    VALORES = {normalizar(v): v for v in JefeManzana.Estado.values} | {
        normalizar(e.label): e.value for e in JefeManzana.Estado
    }

    def clean(self, value, row=None, **kwargs):
        texto = normalizar(value)
        if not texto:
            return None
        if texto not in self.VALORES:
            raise ValueError(f"Estado «{_texto(value)}» desconocido: use Propuesto, Activo o Baja.")
        return self.VALORES[texto]

    def render(self, value, obj=None, **kwargs):
        return JefeManzana.Estado(value).label if value else ""


class ColoniaWidget(widgets.Widget):
    """Colonia by name (accents and case ignored); the Código postal column settles repeated names."""

    def __init__(self, recurso: "JefeManzanaResource") -> None:
        super().__init__()
        self.recurso = recurso

    def clean(self, value, row=None, **kwargs):
        nombre = normalizar(value)
        if not nombre:
            return None
        candidatas = self.recurso.colonias_por_nombre().get(nombre, [])
        if len(candidatas) > 1 and row:
            cp = _texto(row.get(COL_CP, ""))
            candidatas = [c for c in candidatas if c.codigo_postal == cp] if cp else candidatas
        if not candidatas:
            raise ValueError(f"La colonia «{_texto(value)}» no está en el catálogo de colonias.")
        if len(candidatas) > 1:
            raise ValueError(
                f"Hay varias colonias «{_texto(value)}»; indique el código postal en la columna «{COL_CP}»."
            )
        return candidatas[0]

    def render(self, value, obj=None, **kwargs):
        return value.nombre if value else ""


class CuartelWidget(widgets.Widget):
    def __init__(self, recurso: "JefeManzanaResource") -> None:
        super().__init__()
        self.recurso = recurso

    def clean(self, value, row=None, **kwargs):
        texto = _texto(value)
        if not texto:
            return None
        numero = re.sub(r"(?i)^cuartel\s*", "", texto)
        cuartel = self.recurso.cuarteles_por_numero().get(numero)
        if cuartel is None:
            raise ValueError(f"El cuartel «{texto}» no existe; escriba el número de un cuartel registrado.")
        return cuartel

    def render(self, value, obj=None, **kwargs):
        return str(value.numero) if value else ""


class EstadoField(fields.Field):
    """A blank Estado keeps an existing record's state; a new record starts as Propuesto."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        valor = self.clean(row, **kwargs)
        if valor:
            instance.estado = valor
        elif instance.pk is None:
            instance.estado = JefeManzana.Estado.PROPUESTO


# --- the resource ---------------------------------------------------------------------------------

COL_CP = "Código postal"

# (attribute, column header, widget class, required column)
COLUMNAS: list[tuple[str, str, type[widgets.Widget], bool]] = [
    ("curp", "CURP", CurpWidget, True),
    ("nombres", "Nombre(s)", TextoWidget, True),
    ("apellidos", "Apellidos", TextoWidget, True),
    ("telefono", "Teléfono", TelefonoWidget, False),
    ("correo", "Correo", TextoWidget, False),
    ("domicilio", "Domicilio", TextoWidget, False),
    ("colonia", "Colonia", ColoniaWidget, True),
    ("manzana", "Manzana", TextoWidget, True),
    ("cuartel", "Cuartel", CuartelWidget, False),
    ("latitud", "Latitud", CoordenadaWidget, False),
    ("longitud", "Longitud", CoordenadaWidget, False),
    ("estado", "Estado", EstadoWidget, False),
    ("motivo_baja", "Motivo de baja", TextoWidget, False),
    ("fecha_baja", "Fecha de baja", FechaWidget, False),
    ("fecha_nombramiento", "Fecha de nombramiento", FechaWidget, False),
    ("fecha_toma_protesta", "Fecha de toma de protesta", FechaWidget, False),
    ("fecha_acreditacion", "Fecha de acreditación", FechaWidget, False),
    ("numero_credencial", "Número de credencial", TextoWidget, False),
    ("fecha_entrega_credencial", "Credencial entregada", FechaWidget, False),
    ("fecha_entrega_placa", "Placa entregada", FechaWidget, False),
    ("fecha_entrega_nombramiento", "Nombramiento entregado", FechaWidget, False),
]
COLUMNAS_OBLIGATORIAS = [c for _, c, _, obligatoria in COLUMNAS if obligatoria]
ENCABEZADOS = [c for _, c, _, _ in COLUMNAS[:7]] + [COL_CP] + [c for _, c, _, _ in COLUMNAS[7:]]
_ALIAS = {normalizar(c): c for c in ENCABEZADOS} | {
    normalizar(a): c
    for a, c in [
        ("nombre", "Nombre(s)"),
        ("nombres", "Nombre(s)"),
        ("telefono celular", "Teléfono"),
        ("celular", "Teléfono"),
        ("correo electronico", "Correo"),
        ("email", "Correo"),
        ("cp", COL_CP),
        ("c.p.", COL_CP),
        ("no. credencial", "Número de credencial"),
        ("credencial", "Número de credencial"),
        ("lat", "Latitud"),
        ("lng", "Longitud"),
        ("lon", "Longitud"),
    ]
}


class ArchivoInvalido(Exception):
    """The file cannot be imported at all (missing columns, unreadable): nothing was imported."""


def homologar_encabezados(encabezados: list[str]) -> tuple[list[str], list[str]]:
    """Map the file's headers to SIRC's (accents, case, common synonyms); returns (headers, ignored)."""
    nuevos, ignorados = [], []
    for encabezado in encabezados:
        canonico = _ALIAS.get(normalizar(encabezado))
        if canonico is None:
            ignorados.append(str(encabezado))
        nuevos.append(canonico or str(encabezado))
    faltan = [c for c in COLUMNAS_OBLIGATORIAS if c not in nuevos]
    if faltan:
        raise ArchivoInvalido(
            "Al archivo le faltan las columnas obligatorias: "
            + ", ".join(f"«{c}»" for c in faltan)
            + ". Descargue la plantilla para ver los encabezados esperados."
        )
    repetidas = sorted({c for c in nuevos if nuevos.count(c) > 1 and c in ENCABEZADOS})
    if repetidas:
        raise ArchivoInvalido("Las columnas " + ", ".join(f"«{c}»" for c in repetidas) + " aparecen más de una vez.")
    return nuevos, ignorados


class CargadorPorCurp(BaseInstanceLoader):
    """Every existing Jefe de Manzana whose CURP appears in the file, in one query.

    A CURP matches its record that is not in baja, or else its most recent baja: re-importing a file
    updates the same people, it never duplicates them.
    """

    def __init__(self, resource: "JefeManzanaResource", dataset=None) -> None:
        super().__init__(resource, dataset)
        curps = {normalizar_curp(c) for c in dataset["CURP"]} if dataset is not None and dataset.headers else set()
        self.por_curp: dict[str, JefeManzana] = {}
        for jefe in JefeManzana.objects.filter(curp__in=curps).order_by("fecha_baja", "id"):
            actual = self.por_curp.get(jefe.curp)
            if actual is None or actual.estado == JefeManzana.Estado.BAJA:
                self.por_curp[jefe.curp] = jefe

    def get_instance(self, row):
        return self.por_curp.get(normalizar_curp(_texto(row.get("CURP"))))


class JefeManzanaResource(resources.ModelResource):
    codigo_postal = fields.Field(attribute="colonia__codigo_postal", column_name=COL_CP, readonly=True)

    class Meta:
        model = JefeManzana
        fields = [a for a, _, _, _ in COLUMNAS] + ["codigo_postal"]
        export_order = [a for a, _, _, _ in COLUMNAS[:7]] + ["codigo_postal"] + [a for a, _, _, _ in COLUMNAS[7:]]
        import_id_fields = ["curp"]
        instance_loader_class = CargadorPorCurp
        use_bulk = True
        batch_size = None  # one INSERT and one UPDATE for the whole file
        skip_diff = True
        skip_html_diff = True
        store_instance = False
        clean_model_instances = True
        use_transactions = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        for atributo, columna, widget, _ in COLUMNAS:
            clase_campo = EstadoField if atributo == "estado" else fields.Field
            instancia_widget = widget(self) if widget in (ColoniaWidget, CuartelWidget) else widget()
            self.fields[atributo] = clase_campo(attribute=atributo, column_name=columna, widget=instancia_widget)
        self._colonias: dict[str, list[Colonia]] | None = None
        self._cuarteles: dict[str, Cuartel] | None = None
        self._fila = 0
        self._curps_en_archivo: dict[str, int] = {}
        self._credenciales_en_archivo: dict[str, int] = {}
        self._credenciales_existentes: dict[str, int] = {}
        self._ahora = timezone.now()

    # cached lookups: one query each per import
    def colonias_por_nombre(self) -> dict[str, list[Colonia]]:
        if self._colonias is None:
            self._colonias = {}
            for colonia in Colonia.objects.only("id", "nombre", "codigo_postal"):
                self._colonias.setdefault(normalizar(colonia.nombre), []).append(colonia)
        return self._colonias

    def cuarteles_por_numero(self) -> dict[str, Cuartel]:
        if self._cuarteles is None:
            self._cuarteles = {str(c.numero): c for c in Cuartel.objects.only("id", "numero", "nombre")}
        return self._cuarteles

    def get_queryset(self) -> QuerySet[JefeManzana]:
        return JefeManzana.objects.select_related("colonia", "cuartel").order_by("apellidos", "nombres", "id")

    def export(self, queryset=None, **kwargs):
        """Exports in one query whatever queryset is given (colonia and cuartel joined)."""
        queryset = self.get_queryset() if queryset is None else queryset.select_related("colonia", "cuartel")
        return super().export(queryset, **kwargs)

    def before_import(self, dataset, **kwargs):
        dataset.headers, _ = homologar_encabezados(list(dataset.headers or []))
        self._curps_en_archivo.clear()
        self._credenciales_en_archivo.clear()
        numeros = (
            {_texto(n) for n in dataset["Número de credencial"]} if "Número de credencial" in dataset.headers else set()
        )
        numeros.discard("")
        self._credenciales_existentes = dict(
            JefeManzana.objects.filter(numero_credencial__in=numeros).values_list("numero_credencial", "id")
        )

    def before_import_row(self, row, **kwargs):
        self._fila = kwargs.get("row_number", 0)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errores = dict(import_validation_errors or {})
        # Relations come from the cached catalogs, so their per-row existence queries are skipped;
        # field validators, the model's clean() and choices all still run.
        try:
            instance.full_clean(
                exclude=set(errores) | {"colonia", "cuartel", "usuario", "foto", "token_verificacion"},
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as e:
            errores = e.update_error_dict(errores)
        if instance.colonia_id is None and "colonia" not in errores:
            errores["colonia"] = [ValidationError("Falta la colonia.")]
        fila_previa = self._curps_en_archivo.setdefault(instance.curp, self._fila)
        if fila_previa != self._fila and "curp" not in errores:
            errores["curp"] = [
                ValidationError(
                    f"La CURP {instance.curp} está repetida en el archivo (ya está en la fila {fila_previa + 1})."
                )
            ]
        numero = instance.numero_credencial
        if numero and "numero_credencial" not in errores:
            previa = self._credenciales_en_archivo.setdefault(numero, self._fila)
            duenio = self._credenciales_existentes.get(numero)
            if previa != self._fila:
                errores["numero_credencial"] = [
                    ValidationError(
                        f"El número de credencial {numero} está repetido (ya está en la fila {previa + 1})."
                    )
                ]
            elif duenio is not None and duenio != instance.pk:
                errores["numero_credencial"] = [
                    ValidationError(f"El número de credencial {numero} ya pertenece a otro Jefe de Manzana.")
                ]
        if errores:
            raise ValidationError(errores)

    def before_save_instance(self, instance, row, **kwargs):
        instance.actualizado = self._ahora

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run:  # the preview validates every row in Python (constraints included); nothing to write
            self.create_instances.clear()
            return
        super().bulk_create(using_transactions, dry_run, raise_errors, batch_size=batch_size, result=result)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run:
            self.update_instances.clear()
            return
        if self.update_instances:
            try:
                actualizar_en_bloque(self.update_instances, self.get_bulk_update_fields())
            except Exception as e:
                self.handle_import_error(result, e, raise_errors)
            finally:
                self.update_instances.clear()

    def get_bulk_update_fields(self):
        return [a for a, _, _, _ in COLUMNAS if a != "curp"] + ["actualizado"]

    def after_import(self, dataset, result, **kwargs):
        if self._is_dry_run(kwargs) or result.has_errors() or result.has_validation_errors():
            return
        super().after_import(dataset, result, **kwargs)
        # A row that set «Baja» has the same effects as the Baja button: no login, no Jefe de Cuartel post.
        bajas = JefeManzana.objects.filter(estado=JefeManzana.Estado.BAJA)
        get_user_model().objects.filter(jefe_manzana__in=bajas, is_active=True).update(is_active=False)
        Cuartel.objects.filter(jefe__in=bajas).update(jefe=None)


def errores_por_fila(resultado) -> list[dict[str, Any]]:
    """Every rejected row with its spreadsheet row number (header = row 1), column and Spanish reason."""
    columnas = {a: c for a, c, _, _ in COLUMNAS} | {NON_FIELD_ERRORS: "(toda la fila)"}
    filas = []
    for invalida in resultado.invalid_rows:
        for atributo, mensajes in invalida.error_dict.items():
            for mensaje in mensajes:
                filas.append(
                    {"fila": invalida.number + 1, "columna": columnas.get(atributo, atributo), "motivo": mensaje}
                )
    for numero, errores in resultado.row_errors():
        for error in errores:
            filas.append({"fila": numero + 1, "columna": "(toda la fila)", "motivo": str(error.error)})
    filas.sort(key=lambda f: f["fila"])
    return filas
