"""Imports refuse oversized files and over-compressed XLSX (ZIP bombs) before any parser reads them: the
answer is quick, in Spanish, beside the file field, and nothing is imported."""

import io
import time
import zipfile
from functools import lru_cache

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jefes_manzana.importacion import leer_archivo as leer_padron
from jefes_manzana.models import JefeManzana
from jefes_manzana.recursos import ArchivoInvalido
from peticiones import roles
from peticiones.models import Peticion, Tramite
from peticiones.recursos import importar
from sirc.archivos import HojaRechazada, revisar_hoja

from .factories import UsuarioFactory

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@lru_cache
def xlsx_bomba() -> bytes:
    """A ~400 KB .xlsx whose worksheet inflates to ~400 MB of XML (openpyxl would chew on it for minutes)."""
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as libro:
        libro.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        libro.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        with libro.open("xl/worksheets/sheet1.xml", "w") as hoja:
            hoja.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            espacios = b" " * (1 << 20)
            for _ in range(400):
                hoja.write(espacios)
            hoja.write(b"<row><c><v>1</v></c></row></sheetData></worksheet>")
    return salida.getvalue()


def bomba(nombre: str = "historico.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(nombre, xlsx_bomba(), content_type=XLSX)


def test_la_bomba_pesa_cientos_de_kb_y_se_rechaza_sin_inflarla():
    contenido = xlsx_bomba()
    assert 100_000 < len(contenido) < 600_000
    inicio = time.process_time()
    with pytest.raises(HojaRechazada, match="comprimido de forma sospechosa"):
        revisar_hoja(contenido, "bomba.xlsx")
    assert time.process_time() - inicio < 1  # read from the ZIP directory only (generous bound: CPU, not wall)


def test_archivo_demasiado_grande(settings):
    revisar_hoja(b"esto no es un zip", "datos.xlsx")  # no bomb: the parser says it cannot read it
    settings.SIRC_IMPORTACION_MAX_BYTES = 1000
    with pytest.raises(HojaRechazada, match="el máximo es"):
        revisar_hoja(b"folio,descripcion\n" * 200, "datos.csv")


def test_importacion_de_peticiones_rechaza_la_bomba(client):
    supervisor = UsuarioFactory(rol=roles.SUPERVISOR)
    client.force_login(supervisor)
    respuesta = client.post(reverse("peticiones:importar"), {"archivo": bomba()})
    html = respuesta.content.decode()
    assert respuesta.status_code in (200, 400) and "comprimido de forma sospechosa" in html
    assert not Peticion.objects.exists()
    # the same check guards the function the Celery task and the command call
    resultado = importar(xlsx_bomba(), "historico.xlsx", usuario=supervisor, confirmar=True)
    assert any("comprimido de forma sospechosa" in e for e in resultado.errores)
    assert not Peticion.objects.exists()


def test_importacion_del_padron_rechaza_la_bomba(client):
    client.force_login(UsuarioFactory(rol=roles.SUPERVISOR))
    respuesta = client.post("/jefes-manzana/importar/", {"archivo": bomba("padron.xlsx")})
    assert "comprimido de forma sospechosa" in respuesta.content.decode()
    with pytest.raises(ArchivoInvalido, match="comprimido de forma sospechosa"):
        leer_padron("padron.xlsx", xlsx_bomba())
    assert not JefeManzana.objects.exists()


def test_importacion_de_la_guia_de_tramites_rechaza_la_bomba(client):
    admin = UsuarioFactory(rol=roles.ADMINISTRADOR, is_staff=True, is_superuser=True)
    client.force_login(admin)
    respuesta = client.post(
        "/admin/peticiones/tramite/import/", {"resource": "0", "format": "1", "import_file": bomba("guia.xlsx")}
    )
    assert respuesta.status_code == 200
    assert "comprimido de forma sospechosa" in respuesta.content.decode()
    assert not Tramite.objects.filter(nombre__startswith="AAAA").exists()
