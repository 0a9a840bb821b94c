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
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from import_export import fields, resources, widgets

from sirc import historial
from sirc.archivos import revisar_hoja
from sirc.fechas import fecha_hora
from sirc.hojas import fila_segura

from .bitacora import nuevo_evento, registrar_eventos
from .folios import anio_de_folio, formatear_folio, numeros_previstos, tomar_numeros
from .models import Canal, Categoria, Ciudadano, Colonia, Direccion, EventoBitacora, Peticion, TipoPeticion
from .plazos import calcular_fecha_limite
from .selectores.captura import resolver_colonia, sin_acentos
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
LOTE = 1000  # rows per INSERT of an import (PostgreSQL takes at most 65,535 parameters per statement)
LOTE_CONSULTA = 5000  # phones per SELECT when matching citizens
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
    return momento if timezone.is_aware(momento) else timezone.make_aware(momento, timezone.get_default_timezone())


# --- widgets -------------------------------------------------------------------------------------


class CatalogoWidget(widgets.ForeignKeyWidget):
    """A catalog row by its name (case-insensitive), with a Spanish error when it does not exist.

    The whole catalog is read once per import (one query), not once per row or per name.
    """

    def __init__(self, model, que: str, campo: str = "nombre", relacionados: tuple[str, ...] = (), **kwargs):
        self.que = que
        self.relacionados = relacionados
        super().__init__(model, field=campo, **kwargs)

    def candidatos(self, texto: str) -> list:
        if "_por_nombre" not in self.__dict__:
            por_nombre: dict[str, list] = {}
            for fila in self.model.objects.select_related(*self.relacionados):
                por_nombre.setdefault(str(getattr(fila, self.field)).lower(), []).append(fila)
            self._por_nombre = por_nombre
        return self._por_nombre.get(texto.lower(), [])

    def clean(self, value, row=None, **kwargs):
        texto = _texto(value)
        if not texto:
            return None
        encontrados = self.candidatos(texto)
        if not encontrados:
            raise ValueError(f"no existe {self.que} «{texto}» en el catálogo")
        if len(encontrados) > 1:
            raise ValueError(f"{self.que} «{texto}» está repetida en el catálogo; indique también la dirección")
        return encontrados[0]

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(getattr(value, self.field))


class ColoniaWidget(widgets.ForeignKeyWidget):
    """The colonia catalog is read once per import; each distinct spelling is resolved once."""

    def clean(self, value, row=None, **kwargs):
        texto = _texto(value)
        if not texto:
            return None
        if "_colonias" not in self.__dict__:
            self._colonias = list(Colonia.objects.all())
            self._resueltas: dict[str, tuple] = {}
        if texto not in self._resueltas:
            self._resueltas[texto] = resolver_colonia(texto, self._colonias)
        colonia, candidatas = self._resueltas[texto]
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
        return "" if value is None else fecha_hora(value)


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
        attribute="categoria",
        column_name="categoria",
        widget=CatalogoWidget(Categoria, "la categoría", relacionados=("direccion",)),
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
    # Our own escaping: the library's (IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT) only strips "=" and turns
    # every cell into text.
    datos = tablib.Dataset(*(fila_segura(fila) for fila in datos), headers=datos.headers)
    return datos.xlsx if formato == "xlsx" else datos.csv


# --- import --------------------------------------------------------------------------------------


SIN_CONSENTIMIENTO = (
    "Las peticiones importadas de un archivo histórico no llevan registro de consentimiento del aviso de privacidad: "
    "se tomaron antes de SIRC, y SIRC no inventa uno. Sus ciudadanos quedan cubiertos igual que los demás por los "
    "derechos ARCO (acceso, rectificación, cancelación y oposición) y por la regla de conservación: se anonimizan "
    "{anios} años después de concluida su última petición (por la fecha de cierre del archivo, no por la de la "
    "importación)."
)


def aviso_sin_consentimiento() -> str:
    """What the import screen and command say about consent (SIRC_RETENCION_ANIOS filled in)."""
    return SIN_CONSENTIMIENTO.format(anios=settings.SIRC_RETENCION_ANIOS)


@dataclass
class _Solicitante:
    nombre: str
    apellidos: str
    telefono: str


class PeticionImportResource(PeticionResource):
    """One row → one request, with the capture's folio rule, plazo and bitácora, written in bulk.

    django-import-export is configured for speed: `use_bulk` with no intermediate batches (every row is
    checked first, then the whole file is written by `bulk_create` below), `skip_diff`, no savepoint per
    row, catalogs and colonias read once per import, existing folios read once per year. The SQL
    statements are the same for 10 rows as for 1,000; past that, one INSERT more per LOTE rows.

    Citizens are matched by phone; a citizen we already know keeps what we know now (a historical file is
    older than our data). Rows without folio take the next numbers of their year, after the highest folio
    the file brings and after the counter, all at once (`folios.tomar_numeros`): no gaps, no duplicates.
    """

    class Meta(PeticionResource.Meta):
        use_bulk = True
        batch_size = None  # keep every row until the end: folios are numbered for the whole file at once

    def __init__(self, *, usuario: AbstractBaseUser, nombre_archivo: str = ""):
        super().__init__()
        self.usuario = usuario
        self.nombre_archivo = nombre_archivo
        for nombre in ("ciudadano_nombre", "ciudadano_apellidos", "ciudadano_telefono"):
            self.fields[nombre].readonly = True
        self._predeterminados: dict = {}
        self._folios_por_anio: dict[int, set[int]] = {}
        self._limites = {
            f.attribute: Peticion._meta.get_field(f.attribute).max_length
            for f in self.fields.values()
            if f.attribute
            and "__" not in f.attribute
            and getattr(Peticion._meta.get_field(f.attribute), "max_length", None)
        }

    def _predeterminado(self, modelo, clave: str):
        if modelo not in self._predeterminados:
            self._predeterminados[modelo] = modelo.objects.get(clave=clave)
        return self._predeterminados[modelo]

    def _folio_ocupado(self, anio: int, numero: int) -> bool:
        """Already in the database or earlier in this file; the year's folios are read once."""
        if anio not in self._folios_por_anio:
            self._folios_por_anio[anio] = set(Peticion.objects.filter(anio=anio).values_list("numero", flat=True))
        ocupados = self._folios_por_anio[anio]
        if numero in ocupados:
            return True
        ocupados.add(numero)
        return False

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
        for atributo, limite in self._limites.items():
            valor = getattr(instance, atributo, None)
            if isinstance(valor, str) and len(valor) > limite and atributo not in errores:
                errores[atributo] = [ValidationError(f"tiene {len(valor)} caracteres; el máximo es {limite}")]
        if "categoria" in errores and "repetida" in str(errores["categoria"]) and instance.direccion_id:
            widget = self.fields["categoria"].widget
            de_la_direccion = [
                c for c in widget.candidatos(_texto(row.get("categoria"))) if c.direccion_id == instance.direccion_id
            ]
            if len(de_la_direccion) == 1:
                instance.categoria = de_la_direccion[0]
                del errores["categoria"]
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
                elif instance.numero > 999_999:
                    errores["folio"] = [ValidationError(f"«{folio}» tiene más de 6 dígitos de número")]
                elif self._folio_ocupado(instance.anio, instance.numero):
                    errores["folio"] = [ValidationError(f"el folio {instance.folio} ya existe")]
        telefono = ""
        try:
            telefono = normalizar_telefono(_texto(row.get("ciudadano_telefono")))
        except ValidationError as error:
            errores["ciudadano_telefono"] = [ValidationError(error.messages[0])]
        nombre, apellidos = _texto(row.get("ciudadano_nombre")), _texto(row.get("ciudadano_apellidos"))
        if (telefono or apellidos) and not nombre:
            errores["ciudadano_nombre"] = [ValidationError("hay teléfono o apellidos pero falta el nombre")]
        for columna, valor, limite in (("ciudadano_nombre", nombre, 100), ("ciudadano_apellidos", apellidos, 150)):
            if len(valor) > limite:
                errores[columna] = [ValidationError(f"tiene {len(valor)} caracteres; el máximo es {limite}")]
        instance._solicitante = _Solicitante(nombre, apellidos, telefono) if nombre else None
        if (instance.latitud is None) != (instance.longitud is None) and "latitud" not in errores:
            errores["latitud"] = [ValidationError("indique latitud y longitud juntas")]
        if errores:
            raise ValidationError(errores)

    def before_save_instance(self, instance: Peticion, row, **kwargs) -> None:
        """Per row, in memory only (no query): defaults, plazo and the dates of the state reached."""
        if not instance.tipo_id:
            instance.tipo = self._predeterminado(TipoPeticion, "peticion")
        if not instance.canal_id:
            instance.canal = self._predeterminado(Canal, "linea-072")
        if not instance.direccion_id:
            instance.direccion = instance.categoria.direccion
        instance.capturada_por = self.usuario
        instance.fecha_limite = calcular_fecha_limite(instance.categoria, instance.fecha_recepcion)
        cierre = instance.fecha_cerrada or instance.fecha_recepcion
        instance.fecha_cerrada = None
        for campo in _FECHA_DE_ESTADO.get(instance.estado, []):
            setattr(instance, campo, cierre)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None) -> None:
        """Write the whole file (the library calls this once, at the end, inside the import's transaction).

        When a row was rejected nothing is kept anyway, so nothing is written. A dry run writes nothing
        either (every check is done row by row in Python); its preview shows the citizens matched and the
        folios the import would give now.
        """
        try:
            if self.create_instances and not (
                result is not None and (result.has_errors() or result.has_validation_errors())
            ):
                self._guardar(self.create_instances, escribir=not dry_run)
        except Exception as error:  # reported as the import's general error, in the same transaction
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.create_instances.clear()

    def _guardar(self, peticiones: list[Peticion], *, escribir: bool) -> None:
        self._asignar_ciudadanos(peticiones, escribir=escribir)
        # Last: the year's counters (locked until commit), then the requests and their bitácora.
        sin_folio: dict[int, list[Peticion]] = {}
        mayor_escrito: dict[int, int] = {}
        for p in peticiones:
            if p.folio:
                mayor_escrito[p.anio] = max(mayor_escrito.get(p.anio, 0), p.numero)
            else:
                sin_folio.setdefault(anio_de_folio(p.fecha_recepcion), []).append(p)
        numerar = tomar_numeros if escribir else numeros_previstos
        for anio in sorted(set(sin_folio) | set(mayor_escrito)):
            filas = sin_folio.get(anio, [])
            numeros = numerar(anio, len(filas), desde_mas_de=mayor_escrito.get(anio, 0))
            for p, numero in zip(filas, numeros, strict=True):
                p.anio, p.numero, p.folio = anio, numero, formatear_folio(anio, numero)
        if not escribir:
            return
        Peticion.objects.bulk_create(peticiones, batch_size=LOTE)
        zona = timezone.get_default_timezone()
        origen = f" «{self.nombre_archivo}»" if self.nombre_archivo else ""
        registrar_eventos(
            [
                nuevo_evento(
                    p,
                    EventoBitacora.Tipo.CAPTURA,
                    f"Importada del archivo histórico{origen} (recibida el "
                    f"{p.fecha_recepcion.astimezone(zona):%d/%m/%Y %H:%M}).",
                    usuario=self.usuario,
                    publico=True,
                    fecha=p.fecha_recepcion,
                    importada=True,
                )
                for p in peticiones
            ],
            lote=LOTE,
        )

    def _asignar_ciudadanos(self, peticiones: list[Peticion], *, escribir: bool) -> None:
        """Known phones → that citizen (read in a few queries); the rest → new citizens in bulk."""
        telefonos = sorted({p._solicitante.telefono for p in peticiones if p._solicitante and p._solicitante.telefono})
        conocidos: dict[str, Ciudadano] = {}
        tramo = min(LOTE_CONSULTA, connection.features.max_query_params or LOTE_CONSULTA)
        for i in range(0, len(telefonos), tramo):
            conocidos.update((c.telefono, c) for c in Ciudadano.objects.filter(telefono__in=telefonos[i : i + tramo]))
        nuevos: list[Ciudadano] = []
        for p in peticiones:
            datos = p._solicitante
            if datos is None:
                continue
            ciudadano = conocidos.get(datos.telefono) if datos.telefono else None
            if ciudadano is None:
                ciudadano = Ciudadano(nombre=datos.nombre, apellidos=datos.apellidos, telefono=datos.telefono)
                nuevos.append(ciudadano)
                if datos.telefono:
                    conocidos[datos.telefono] = ciudadano  # the same phone later in the file: same citizen
            p.ciudadano = ciudadano
        if escribir:
            Ciudadano.objects.bulk_create(
                nuevos, batch_size=LOTE
            )  # ids come back; bulk_create of the requests uses them

    def after_import(self, dataset, result, **kwargs) -> None:
        """Nothing: the library's default resets the id sequence to max(id), which is only needed when a file
        brings ids (ours never does) and can hand a concurrent capture an id already taken."""


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
    revisar_hoja(contenido, nombre)  # HojaRechazada is a ValueError: size and ZIP bombs, before parsing
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
    with historial.contexto(usuario=usuario.pk, origen=f"importación de peticiones «{nombre}»"):
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
                        "ciudadano": str(p.ciudadano) if p.ciudadano else "—",
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
