"""Spreadsheets that people upload for an import (historical requests, padrón, guía de trámites) are
checked before any parser sees them: an XLSX is a ZIP, and a 400 KB ZIP can expand to gigabytes that
openpyxl would try to read (one worker busy until its timeout). `revisar_hoja` refuses oversized files
and over-compressed XLSX (total uncompressed size and ratio read from the ZIP directory, no inflating)
with a clear Spanish message."""

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

MB = 1_048_576


class HojaRechazada(ValueError):
    """The Spanish reason an uploaded spreadsheet is refused before parsing."""


def bytes_maximos() -> int:
    return getattr(settings, "SIRC_IMPORTACION_MAX_BYTES", 30 * MB)


def descomprimido_maximo() -> int:
    return getattr(settings, "SIRC_IMPORTACION_MAX_DESCOMPRIMIDO", 200 * MB)


PROPORCION_MAXIMA = 100  # real workbooks compress 5–20×; a bomb, hundreds or thousands of times
MIEMBROS_MAXIMOS = 2_000


def revisar_hoja(contenido: bytes, nombre: str) -> None:
    """Raise HojaRechazada if the file is too big, or an .xlsx that is not a ZIP or expands too much."""
    if len(contenido) > bytes_maximos():
        raise HojaRechazada(
            f"El archivo «{nombre}» pesa {len(contenido) / MB:.1f} MB; el máximo es {bytes_maximos() // MB} MB. "
            "Divídalo en varios archivos."
        )
    if not nombre.lower().endswith(".xlsx"):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(contenido)) as libro:
            miembros = libro.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return  # not a ZIP at all: no bomb; the parser's own "cannot read it" message says the rest
    if len(miembros) > MIEMBROS_MAXIMOS:
        raise HojaRechazada(
            f"El archivo «{nombre}» no parece un libro de Excel: contiene {len(miembros)} archivos internos."
        )
    descomprimido = sum(max(m.file_size, 0) for m in miembros)
    comprimido = max(sum(max(m.compress_size, 0) for m in miembros), 1)
    if descomprimido > descomprimido_maximo() or descomprimido / comprimido > PROPORCION_MAXIMA:
        raise HojaRechazada(
            f"El archivo «{nombre}» está comprimido de forma sospechosa: al abrirlo ocuparía "
            f"{descomprimido / MB:,.0f} MB. Guárdelo como CSV o divídalo en varios archivos."
        )


def hoja_revisada(archivo: UploadedFile) -> UploadedFile:
    """For a form's clean_<field>: the upload as is, or ValidationError with the reason beside the field."""
    if archivo.size is not None and archivo.size > bytes_maximos():
        raise ValidationError(
            f"El archivo «{archivo.name}» pesa {archivo.size / MB:.1f} MB; el máximo es {bytes_maximos() // MB} MB."
        )
    try:
        archivo.seek(0)
        revisar_hoja(archivo.read(), archivo.name or "archivo")
    except HojaRechazada as error:
        raise ValidationError(str(error)) from error
    finally:
        archivo.seek(0)
    return archivo
