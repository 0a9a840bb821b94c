"""Reading a padrón file (CSV or XLSX) and importing it all-or-nothing, with a dry-run preview."""

import csv
import io
from dataclasses import dataclass, field
from typing import Any

import tablib
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from import_export.results import RowResult

from sirc import historial
from sirc.archivos import HojaRechazada, revisar_hoja

from .recursos import ENCABEZADOS, ArchivoInvalido, JefeManzanaResource, errores_por_fila, homologar_encabezados

EXTENSIONES = ("csv", "xlsx")
FILAS_VISTA_PREVIA = 15


def leer_archivo(nombre: str, contenido: bytes) -> tablib.Dataset:
    """A tablib Dataset from an uploaded .csv (UTF-8 or Excel's Windows-1252, comma or semicolon) or .xlsx."""
    extension = nombre.rsplit(".", 1)[-1].lower() if "." in nombre else ""
    if extension not in EXTENSIONES:
        raise ArchivoInvalido(f"El archivo «{nombre}» no es CSV ni XLSX: guárdelo en uno de esos formatos.")
    if not contenido:
        raise ArchivoInvalido("El archivo está vacío.")
    try:
        revisar_hoja(contenido, nombre)  # size and ZIP bombs, before openpyxl sees it
    except HojaRechazada as error:
        raise ArchivoInvalido(str(error)) from error
    try:
        if extension == "xlsx":
            datos = tablib.Dataset().load(io.BytesIO(contenido), format="xlsx")
        else:
            for codificacion in ("utf-8-sig", "cp1252"):
                try:
                    texto = contenido.decode(codificacion)
                    break
                except UnicodeDecodeError:
                    continue
            primera = texto.split("\n", 1)[0]
            delimitador = ";" if primera.count(";") > primera.count(",") else ","
            filas = list(csv.reader(io.StringIO(texto), delimiter=delimitador))
            filas = [f for f in filas if any(c.strip() for c in f)]
            if not filas:
                raise ArchivoInvalido("El archivo no tiene renglones.")
            ancho = len(filas[0])
            datos = tablib.Dataset(headers=filas[0])
            for numero, fila in enumerate(filas[1:], start=2):
                if len(fila) != ancho:
                    fila = (fila + [""] * ancho)[:ancho] if len(fila) < ancho else fila
                    if len(fila) > ancho and any(c.strip() for c in fila[ancho:]):
                        raise ArchivoInvalido(f"La fila {numero} tiene más columnas que el encabezado.")
                    fila = fila[:ancho]
                datos.append(fila)
    except ArchivoInvalido:
        raise
    except Exception as e:  # a damaged or mislabeled file: tell the person, never a 500
        raise ArchivoInvalido(f"No se pudo leer «{nombre}»: ¿es realmente un archivo {extension.upper()}? ({e})") from e
    # Excel leaves trailing empty rows; they are not errors.
    vacias = [i for i, fila in enumerate(datos) if not any(str(c or "").strip() for c in fila)]
    for i in reversed(vacias):
        del datos[i]
    if not datos.headers:
        raise ArchivoInvalido("El archivo no tiene encabezados.")
    if len(datos) == 0:
        raise ArchivoInvalido("El archivo sólo tiene encabezados, ningún Jefe de Manzana.")
    return datos


@dataclass
class ResultadoImportacion:
    confirmada: bool
    total: int = 0
    nuevos: int = 0
    actualizados: int = 0
    errores: list[dict[str, Any]] = field(default_factory=list)
    ignoradas: list[str] = field(default_factory=list)
    vista_previa: list[dict[str, Any]] = field(default_factory=list)
    columnas_vista_previa: list[str] = field(default_factory=list)

    @property
    def valido(self) -> bool:
        return not self.errores

    @property
    def filas_con_error(self) -> int:
        return len({e["fila"] for e in self.errores})


def importar_padron(
    datos: tablib.Dataset, *, confirmar: bool, usuario: AbstractBaseUser | None = None
) -> ResultadoImportacion:
    """Validate every row; with `confirmar` and no error at all, save them (new CURPs created, known
    ones updated). Any bad row means nothing is saved, and every bad row is reported."""
    if usuario is not None and not usuario.has_perm("jefes_manzana.administrar_padron"):
        raise PermissionDenied("Sólo quien administra el padrón puede importarlo.")
    encabezados, ignoradas = homologar_encabezados(list(datos.headers))
    datos.headers = encabezados
    recurso = JefeManzanaResource()
    quien = {"usuario": usuario.pk} if usuario is not None else {}
    with historial.contexto(origen="importación del padrón", **quien):
        resultado = recurso.import_data(
            datos,
            dry_run=not confirmar,
            use_transactions=True,
            rollback_on_validation_errors=True,
            raise_errors=False,
        )
    errores = errores_por_fila(resultado)
    errores += [{"fila": "-", "columna": "(archivo)", "motivo": str(e.error)} for e in resultado.base_errors]
    salida = ResultadoImportacion(
        confirmada=confirmar and not errores,
        total=resultado.total_rows,
        nuevos=resultado.totals[RowResult.IMPORT_TYPE_NEW],
        actualizados=resultado.totals[RowResult.IMPORT_TYPE_UPDATE],
        errores=errores,
        ignoradas=ignoradas,
    )
    tipos = [r.import_type for r in resultado.rows[:FILAS_VISTA_PREVIA]]
    columnas = [c for c in ENCABEZADOS if c in encabezados]
    for numero, (fila, tipo) in enumerate(zip(datos.dict[:FILAS_VISTA_PREVIA], tipos, strict=False), start=2):
        salida.vista_previa.append(
            {
                "fila": numero,
                "accion": {"new": "Nuevo", "update": "Actualizar"}.get(tipo, "Con error"),
                "valores": [fila.get(c, "") for c in columnas],
            }
        )
    salida.columnas_vista_previa = columnas
    return salida


def plantilla_csv() -> bytes:
    """An empty template with SIRC's headers (and one example row) for people preparing the file."""
    salida = io.StringIO()
    escritor = csv.writer(salida)
    escritor.writerow(ENCABEZADOS)
    escritor.writerow(
        ["HEGG560427MVZRRL04", "Gabriela", "Hernández García", "2291234567", "", "Calle Arista 100", "Centro",
         "91700", "C-014", "1", "19.198700", "-96.136500", "Activo", "", "", "15/01/2026", "20/01/2026", "",
         "", "", "", ""]
    )  # fmt: skip
    return salida.getvalue().encode("utf-8-sig")
