"""django-import-export resources: export of the (filtered, role-scoped) list and import of historical
requests from the city's spreadsheets.

The export's columns are the import's, so an exported file can be read back. An import runs in one
transaction: if any row is wrong nothing is imported, and every wrong row is named with its row
number (as in the spreadsheet, the header being row 1), its column and the reason, in Spanish.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import tablib
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import MultipleObjectsReturned, ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from import_export import fields, resources, widgets

from .acciones.captura import DatosCiudadano, registrar_ciudadano
from .bitacora import registrar_evento
from .folios import anio_de_folio, formatear_folio, reservar_hasta, siguiente_numero
from .models import Canal, Categoria, Colonia, Direccion, EventoBitacora, Peticion, TipoPeticion
from .plazos import calcular_fecha_limite
from .selectores import resolver_colonia, sin_acentos
from .telefonos import normalizar_telefono

COLUMNAS = [
    "folio",
    "fecha_recepcion",
    "estado",
    "tipo",
    "canal",
    "categoria",
    "direccion",
    "descripcion",
    "calle",
    "numero",
    "referencias",
    "colonia",
    "latitud",
    "longitud",
    "ciudadano_nombre",
    "ciudadano_apellidos",
    "ciudadano_telefono",
    "fecha_cierre",
]
OBLIGATORIAS = ["fecha_recepcion", "categoria", "descripcion", "colonia"]
# Column headers as people write them in Excel → our column names.
ALIAS = {
    "fecha": "fecha_recepcion",
    "fecha_de_recepcion": "fecha_recepcion",
    "recepcion": "fecha_recepcion",
    "direccion_responsable": "direccion",
    "numero_exterior": "numero",
    "entre_calles": "referencias",
    "entre_calles_referencias": "referencias",
    "nombre": "ciudadano_nombre",
    "apellidos": "ciudadano_apellidos",
    "telefono": "ciudadano_telefono",
    "ciudadano": "ciudadano_nombre",
    "fecha_de_cierre": "fecha_cierre",
}
FORMATOS_FECHA = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
_FECHA_DE_ESTADO = {
    Peticion.Estado.TURNADA: ["fecha_turnada"],
    Peticion.Estado.EN_PROCESO: ["fecha_turnada", "fecha_en_proceso"],
    Peticion.Estado.ATENDIDA: ["fecha_turnada", "fecha_atendida"],
    Peticion.Estado.CERRADA: ["fecha_turnada", "fecha_atendida", "fecha_cerrada"],
    Peticion.Estado.IMPROCEDENTE: ["fecha_improcedente"],
    Peticion.Estado.CANCELADA: ["fecha_cancelada"],
}


def _texto(valor) -> str:
    return "" if valor is None else str(valor).strip()


def _fecha_local(valor) -> datetime | None:
    """A local (America/Mexico_City) aware datetime from a spreadsheet cell."""
    if valor in (None, ""):
        return None
    if isinstance(valor, datetime):
        momento = valor
    elif isinstance(valor, date):
        momento = datetime(valor.year, valor.month, valor.day)
    else:
        texto = _texto(valor)
        for formato in FORMATOS_FECHA:
            try:
                momento = datetime.strptime(texto, formato)
                break
            except ValueError:
                continue
        else:
            raise ValueError(f"«{texto}» no es una fecha; use dd/mm/aaaa hh:mm (por ejemplo 05/03/2024 10:30)")
    return momento if timezone.is_aware(momento) else timezone.make_aware(momento)


# --- widgets -------------------------------------------------------------------------------------


class CatalogoWidget(widgets.ForeignKeyWidget):
    """A catalog row by its name (case-insensitive), with a Spanish error when it does not exist."""

    def __init__(self, model, que: str, campo: str = "nombre", **kwargs):
        self.que = que
        super().__init__(model, field=campo, **kwargs)

    def clean(self, value, row=None, **kwargs):
        texto = _texto(value)
        if not texto:
            return None
        cache = self.__dict__.setdefault("_cache", {})  # one lookup per distinct name in a file
        if texto.lower() not in cache:
            try:
                cache[texto.lower()] = self.model.objects.get(**{f"{self.field}__iexact": texto})
            except self.model.DoesNotExist:
                cache[texto.lower()] = f"no existe {self.que} «{texto}» en el catálogo"
            except MultipleObjectsReturned:
                cache[texto.lower()] = f"hay varias {self.que} «{texto}»; indique también la dirección"
        encontrado = cache[texto.lower()]
        if isinstance(encontrado, str):
            raise ValueError(encontrado)
        return encontrado

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(getattr(value, self.field))


class ColoniaWidget(widgets.ForeignKeyWidget):
    def clean(self, value, row=None, **kwargs):
        texto = _texto(value)
        if not texto:
            return None
        if "_colonias" not in self.__dict__:
            self._colonias = list(Colonia.objects.all())  # the catalog once per file, not once per row
        colonia, candidatas = resolver_colonia(texto, self._colonias)
        if colonia is None:
            extra = f" (¿{', '.join(str(c) for c in candidatas[:3])}?)" if candidatas else ""
            raise ValueError(f"no existe la colonia «{texto}» en el catálogo{extra}")
        return colonia

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class FechaWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return _fecha_local(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


class EstadoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        texto = sin_acentos(_texto(value)).replace(" ", "_")
        if not texto:
            return Peticion.Estado.RECIBIDA
        for clave, etiqueta in Peticion.Estado.choices:
            if texto in (clave, sin_acentos(etiqueta).replace(" ", "_")):
                return clave
        validos = ", ".join(e.label.lower() for e in Peticion.Estado)
        raise ValueError(f"«{_texto(value)}» no es un estado; use uno de: {validos}")

    def render(self, value, obj=None, **kwargs):
        return Peticion.Estado(value).label if value else ""


class CoordenadaWidget(widgets.Widget):
    def __init__(self, minimo: float, maximo: float):
        self.minimo, self.maximo = minimo, maximo

    def clean(self, value, row=None, **kwargs):
        texto = _texto(value).replace(",", ".")
        if not texto:
            return None
        try:
            numero = Decimal(texto).quantize(Decimal("0.000001"))
        except InvalidOperation:
            raise ValueError(f"«{texto}» no es un número") from None
        if not self.minimo <= numero <= self.maximo:
            raise ValueError(f"{texto} está fuera de rango ({self.minimo} a {self.maximo})")
        return numero

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


# --- export --------------------------------------------------------------------------------------


class PeticionResource(resources.ModelResource):
    """Columns shared by the export and the import of requests."""

    folio = fields.Field(attribute="folio", column_name="folio")
    fecha_recepcion = fields.Field(attribute="fecha_recepcion", column_name="fecha_recepcion", widget=FechaWidget())
    estado = fields.Field(attribute="estado", column_name="estado", widget=EstadoWidget())
    tipo = fields.Field(attribute="tipo", column_name="tipo", widget=CatalogoWidget(TipoPeticion, "el tipo"))
    canal = fields.Field(attribute="canal", column_name="canal", widget=CatalogoWidget(Canal, "el canal"))
    categoria = fields.Field(
        attribute="categoria", column_name="categoria", widget=CatalogoWidget(Categoria, "la categoría")
    )
    direccion = fields.Field(
        attribute="direccion", column_name="direccion", widget=CatalogoWidget(Direccion, "la dirección")
    )
    descripcion = fields.Field(attribute="descripcion", column_name="descripcion")
    calle = fields.Field(attribute="calle", column_name="calle")
    numero = fields.Field(attribute="numero_exterior", column_name="numero")
    referencias = fields.Field(attribute="referencias", column_name="referencias")
    colonia = fields.Field(attribute="colonia", column_name="colonia", widget=ColoniaWidget(Colonia))
    latitud = fields.Field(attribute="latitud", column_name="latitud", widget=CoordenadaWidget(-90, 90))
    longitud = fields.Field(attribute="longitud", column_name="longitud", widget=CoordenadaWidget(-180, 180))
    ciudadano_nombre = fields.Field(attribute="ciudadano__nombre", column_name="ciudadano_nombre", readonly=True)
    ciudadano_apellidos = fields.Field(
        attribute="ciudadano__apellidos", column_name="ciudadano_apellidos", readonly=True
    )
    ciudadano_telefono = fields.Field(attribute="ciudadano__telefono", column_name="ciudadano_telefono", readonly=True)
    fecha_cierre = fields.Field(attribute="fecha_cerrada", column_name="fecha_cierre", widget=FechaWidget())

    class Meta:
        model = Peticion
        fields = COLUMNAS
        export_order = COLUMNAS
        import_id_fields: list[str] = []
        force_init_instance = True
        skip_diff = True
        use_transactions = True


class PeticionExportResource(PeticionResource):
    """The list's export: the import's columns plus what a reader of the spreadsheet wants."""

    fecha_limite = fields.Field(attribute="fecha_limite", column_name="fecha_limite", widget=FechaWidget())
    vencida = fields.Field(column_name="vencida")
    capturada_por = fields.Field(column_name="capturada_por")

    class Meta(PeticionResource.Meta):
        fields = [*COLUMNAS, "fecha_limite", "vencida", "capturada_por"]
        export_order = fields

    def dehydrate_vencida(self, peticion: Peticion) -> str:
        return "sí" if peticion.vencida else "no"

    def dehydrate_capturada_por(self, peticion: Peticion) -> str:
        u = peticion.capturada_por
        return u.get_full_name() or u.username


def exportar(qs: QuerySet[Peticion], formato: str) -> bytes | str:
    """The rows of `qs` (already filtered and scoped by visibles_para) as CSV or XLSX."""
    qs = qs.select_related("tipo", "canal", "categoria", "direccion", "colonia", "ciudadano", "capturada_por")
    datos = PeticionExportResource().export(queryset=qs)
    return datos.xlsx if formato == "xlsx" else datos.csv


# --- import --------------------------------------------------------------------------------------


class PeticionImportResource(PeticionResource):
    """One row → one request, through the same folio counter, plazo and bitácora as a capture."""

    def __init__(self, *, usuario: AbstractBaseUser, nombre_archivo: str = ""):
        super().__init__()
        self.usuario = usuario
        self.nombre_archivo = nombre_archivo
        for nombre in ("ciudadano_nombre", "ciudadano_apellidos", "ciudadano_telefono"):
            self.fields[nombre].readonly = True

    def _predeterminado(self, modelo, clave: str):
        cache = self.__dict__.setdefault("_predeterminados", {})
        if modelo not in cache:
            cache[modelo] = modelo.objects.get(clave=clave)
        return cache[modelo]

    def import_instance(self, instance: Peticion, row, **kwargs) -> None:
        errores: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errores = error.update_error_dict(errores)
        for columna in OBLIGATORIAS:
            atributo = self.fields[columna].attribute
            if not _texto(row.get(columna)) and atributo not in errores:
                errores[atributo] = [ValidationError("falta el dato (columna obligatoria)")]
        nombre_categoria = _texto(row.get("categoria"))
        if "categoria" in errores and "varias" in str(errores["categoria"]) and instance.direccion_id:
            try:
                instance.categoria = Categoria.objects.get(
                    nombre__iexact=nombre_categoria, direccion=instance.direccion
                )
                del errores["categoria"]
            except Categoria.DoesNotExist:
                pass
        folio = _texto(row.get("folio"))
        if folio:
            partes = folio.split("-")
            if len(partes) != 2 or not all(p.isdigit() for p in partes) or len(partes[0]) != 4:
                errores["folio"] = [ValidationError(f"«{folio}» no tiene la forma AAAA-NNNNNN")]
            else:
                instance.anio, instance.numero = int(partes[0]), int(partes[1])
                instance.folio = formatear_folio(instance.anio, instance.numero)
                if instance.numero <= 0:
                    errores["folio"] = [ValidationError("el número del folio debe ser mayor que cero")]
                elif Peticion.objects.filter(folio=instance.folio).exists():
                    errores["folio"] = [ValidationError(f"el folio {instance.folio} ya existe")]
        telefono = _texto(row.get("ciudadano_telefono"))
        try:
            self._telefono = normalizar_telefono(telefono)
        except ValidationError as error:
            errores["ciudadano_telefono"] = [ValidationError(error.messages[0])]
        if (telefono or _texto(row.get("ciudadano_apellidos"))) and not _texto(row.get("ciudadano_nombre")):
            errores["ciudadano_nombre"] = [ValidationError("hay teléfono o apellidos pero falta el nombre")]
        if (instance.latitud is None) != (instance.longitud is None) and "latitud" not in errores:
            errores["latitud"] = [ValidationError("indique latitud y longitud juntas")]
        if errores:
            raise ValidationError(errores)

    def before_save_instance(self, instance: Peticion, row, **kwargs) -> None:
        if not instance.tipo_id:
            instance.tipo = self._predeterminado(TipoPeticion, "peticion")
        if not instance.canal_id:
            instance.canal = self._predeterminado(Canal, "linea-072")
        if not instance.direccion_id:
            instance.direccion = instance.categoria.direccion
        instance.capturada_por = self.usuario
        instance.fecha_limite = calcular_fecha_limite(instance.categoria, instance.fecha_recepcion)
        nombre = _texto(row.get("ciudadano_nombre"))
        if nombre:
            instance.ciudadano = registrar_ciudadano(
                DatosCiudadano(
                    nombre=nombre,
                    apellidos=_texto(row.get("ciudadano_apellidos")),
                    telefono=self._telefono,
                )
            )
        cierre = instance.fecha_cerrada or instance.fecha_recepcion
        instance.fecha_cerrada = None
        for campo in _FECHA_DE_ESTADO.get(instance.estado, []):
            setattr(instance, campo, cierre)
        if instance.folio:
            reservar_hasta(instance.anio, instance.numero)
        else:  # a row without folio gets the next one of its year, like a capture
            instance.anio = anio_de_folio(instance.fecha_recepcion)
            instance.numero = siguiente_numero(instance.anio)
            instance.folio = formatear_folio(instance.anio, instance.numero)

    def after_save_instance(self, instance: Peticion, row, **kwargs) -> None:
        origen = f" «{self.nombre_archivo}»" if self.nombre_archivo else ""
        evento = registrar_evento(
            instance,
            EventoBitacora.Tipo.CAPTURA,
            f"Importada del archivo histórico{origen} (recibida el "
            f"{timezone.localtime(instance.fecha_recepcion):%d/%m/%Y %H:%M}).",
            usuario=self.usuario,
            publico=True,
            importada=True,
        )
        EventoBitacora.objects.filter(pk=evento.pk).update(fecha=instance.fecha_recepcion)


@dataclass
class ResultadoImportacion:
    total: int = 0
    nuevas: int = 0
    errores: list[str] = field(default_factory=list)
    vista_previa: list[dict] = field(default_factory=list)

    @property
    def valido(self) -> bool:
        return not self.errores


def _normalizar_encabezado(encabezado) -> str:
    clave = sin_acentos(_texto(encabezado)).replace(" ", "_").replace("/", "_")
    return ALIAS.get(clave, clave)


def leer_archivo(contenido: bytes, nombre: str) -> tablib.Dataset:
    """A Dataset with normalised headers; ValueError (Spanish) when the file cannot be read."""
    try:
        if nombre.lower().endswith(".xlsx"):
            datos = tablib.Dataset().load(contenido, format="xlsx")
        else:
            try:
                texto = contenido.decode("utf-8-sig")
            except UnicodeDecodeError:
                texto = contenido.decode("cp1252")
            datos = tablib.Dataset().load(texto, format="csv")
    except Exception as error:  # tablib/openpyxl raise many kinds
        raise ValueError(f"No se pudo leer el archivo «{nombre}»: ¿es un CSV o XLSX válido? ({error})") from error
    if not datos.headers:
        raise ValueError(f"El archivo «{nombre}» no tiene fila de encabezados.")
    datos.headers = [_normalizar_encabezado(h) for h in datos.headers]
    return datos


def importar(contenido: bytes, nombre: str, *, usuario: AbstractBaseUser, confirmar: bool) -> ResultadoImportacion:
    """Check (confirmar=False: dry run) or import historical requests; all or nothing."""
    resultado = ResultadoImportacion()
    try:
        datos = leer_archivo(contenido, nombre)
    except ValueError as error:
        resultado.errores.append(str(error))
        return resultado
    faltan = [c for c in OBLIGATORIAS if c not in datos.headers]
    if faltan:
        resultado.errores.append("Faltan las columnas: " + ", ".join(f"«{c}»" for c in faltan) + ".")
        return resultado
    desconocidas = [
        h for h in datos.headers if h and h not in COLUMNAS and h not in ("fecha_limite", "vencida", "capturada_por")
    ]
    if desconocidas:
        resultado.errores.append(
            "Columnas desconocidas: " + ", ".join(f"«{c}»" for c in desconocidas) + ". Revise la plantilla."
        )
        return resultado
    recurso = PeticionImportResource(usuario=usuario, nombre_archivo=nombre)
    columna_de = {f.attribute: f.column_name for f in recurso.fields.values() if f.attribute}
    res = recurso.import_data(
        datos,
        dry_run=not confirmar,
        use_transactions=True,
        rollback_on_validation_errors=True,
        retain_instance_in_row_result=True,
    )
    resultado.total = len(datos)
    for fila in res.invalid_rows:
        for atributo, mensajes in fila.error_dict.items():
            columna = columna_de.get(atributo, atributo)
            for mensaje in mensajes:
                resultado.errores.append(f"Fila {fila.number + 1}, columna «{columna}»: {mensaje}.")
    for numero, errores in res.row_errors():
        for error in errores:
            resultado.errores.append(f"Fila {numero + 1}: no se pudo guardar ({error.error}).")
    for error in res.base_errors:
        resultado.errores.append(f"Error general: {error.error}")
    if resultado.valido:
        resultado.nuevas = res.totals.get("new", 0)
        for fila in res.rows[:20]:
            p = fila.instance
            if p is not None:
                resultado.vista_previa.append(
                    {
                        "folio": p.folio,
                        "fecha": p.fecha_recepcion,
                        "categoria": p.categoria.nombre,
                        "colonia": p.colonia.nombre,
                        "estado": p.get_estado_display(),
                        "ciudadano": str(p.ciudadano) if p.ciudadano_id else "—",
                    }
                )
    return resultado


def plantilla_csv() -> str:
    """An empty template with the columns and one example row."""
    datos = tablib.Dataset(headers=COLUMNAS)
    datos.append(
        [
            "2024-000123",
            "05/03/2024 10:30",
            "Cerrada",
            "Petición",
            "Línea 072",
            "Luminaria apagada",
            "",
            "Lámpara apagada frente a la escuela",
            "Av. Díaz Mirón",
            "1520",
            "Entre Orizaba y Pino Suárez",
            "Centro",
            "",
            "",
            "María",
            "López Pérez",
            "2291234567",
            "07/03/2024 18:00",
        ]
    )
    return datos.csv
