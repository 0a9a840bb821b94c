"""Every table exports to CSV/XLSX; an export over the row limit runs in the background (Celery) and
its owner downloads the file when ready."""

import csv
import io
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicadores import exportacion
from indicadores.models import Exportacion

from .indicadores_datos import local, peticion

pytestmark = pytest.mark.django_db

PERIODO = {"desde": "2023-10", "hasta": "2023-10"}


@pytest.fixture
def tres_folios():
    for dia in (1, 2, 3):
        peticion(local(2023, 10, dia), atendida=local(2023, 10, dia, 15) if dia < 3 else None)


def _csv(contenido: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(contenido.decode("utf-8-sig"))))


@pytest.mark.parametrize("tabla", list(exportacion.TABLAS))
def test_cada_tabla_exporta_a_csv_y_xlsx(client, director, tres_folios, tabla):
    client.force_login(director)
    url = reverse("indicadores:exportar", args=[tabla, "csv"])
    respuesta = client.get(url, PERIODO)
    assert respuesta.status_code == 200
    filas = _csv(respuesta.content)
    assert filas[0] == exportacion.TABLAS[tabla].columnas
    assert len(filas) > 1
    respuesta = client.get(reverse("indicadores:exportar", args=[tabla, "xlsx"]), PERIODO)
    hoja = load_workbook(io.BytesIO(respuesta.content), read_only=True).active
    assert [c.value for c in next(hoja.iter_rows(max_row=1))] == exportacion.TABLAS[tabla].columnas


def test_csv_de_peticiones_y_por_mes_con_sus_cifras(client, director, tres_folios):
    client.force_login(director)
    por_mes = _csv(client.get(reverse("indicadores:exportar", args=["por_mes", "csv"]), PERIODO).content)
    assert por_mes[1] == ["2023-10", "3", "2", "66.7"]
    peticiones = _csv(client.get(reverse("indicadores:exportar", args=["peticiones", "csv"]), PERIODO).content)
    assert len(peticiones) == 4
    assert peticiones[1][1] == "2023-10-01 10:00" and peticiones[1][10] == "5.0"
    assert peticiones[3][11] == "sí"  # open past its deadline


def test_exportacion_grande_va_a_segundo_plano_y_se_descarga_lista(
    client, director, tres_folios, settings, tmp_path, celery_en_proceso, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    settings.INDICADORES_LIMITE_EXPORTACION = 2  # three rows is "large" here
    client.force_login(director)

    url = reverse("indicadores:exportar", args=["peticiones", "xlsx"])
    oferta = client.get(url, PERIODO)  # GET never writes: it only offers the background export
    assert oferta.status_code == 200 and "se genera en segundo plano" in oferta.content.decode()
    assert not Exportacion.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(f"{url}?{urlencode(PERIODO)}", follow=True)

    assert respuesta.redirect_chain[-1][0] == reverse("indicadores:exportaciones")
    assert "se está generando en segundo plano" in respuesta.content.decode()
    trabajo = Exportacion.objects.get()
    assert (trabajo.estado, trabajo.filas, trabajo.usuario) == (Exportacion.Estado.LISTA, 3, director)
    lista = client.get(reverse("indicadores:exportaciones")).content.decode()
    assert reverse("indicadores:exportacion_descargar", args=[trabajo.pk]) in lista
    archivo = client.get(reverse("indicadores:exportacion_descargar", args=[trabajo.pk]))
    hoja = load_workbook(io.BytesIO(b"".join(archivo.streaming_content)), read_only=True).active
    assert len(list(hoja.iter_rows())) == 4


def test_exportacion_pendiente_no_se_procesa_dos_veces(director, tres_folios, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    trabajo = Exportacion.objects.create(usuario=director, tabla="peticiones", formato="csv", filtros=PERIODO)
    assert exportacion.procesar(trabajo.pk) == "Lista para descargar"
    assert exportacion.procesar(trabajo.pk) == "ya tomada"


def test_tabla_desconocida_es_404(client, director):
    client.force_login(director)
    assert client.get(reverse("indicadores:exportar", args=["usuarios", "csv"])).status_code == 404
    assert client.get(reverse("indicadores:exportar", args=["por_mes", "pdf"])).status_code == 404


def test_una_exportacion_cuyo_trabajador_murio_vuelve_a_la_cola_sin_esperar_una_hora(
    director, tres_folios, settings, tmp_path, celery_en_proceso, django_capture_on_commit_callbacks
):
    import socket
    from datetime import timedelta

    from django.utils import timezone

    from peticiones.models import Reclamo

    settings.MEDIA_ROOT = tmp_path
    trabajo = Exportacion.objects.create(
        usuario=director, tabla="peticiones", formato="csv", filtros=PERIODO, estado=Exportacion.Estado.PROCESANDO,
        iniciada=timezone.now(),
    )  # fmt: skip
    muerto = subprocess_muerto()
    Reclamo.objects.create(
        clave=f"exportacion:{trabajo.pk}", dueno=f"{socket.gethostname()}:{muerto}:x",
        vence=timezone.now() + timedelta(minutes=2), intentos=1,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert exportacion.recoger_pendientes() == 1
    trabajo.refresh_from_db()
    assert trabajo.estado == Exportacion.Estado.LISTA and trabajo.filas == 3
    assert not Reclamo.objects.exists()


def test_una_exportacion_con_su_trabajador_vivo_no_se_toca(director, tres_folios):
    import os
    import socket
    from datetime import timedelta

    from django.utils import timezone

    from peticiones.models import Reclamo

    trabajo = Exportacion.objects.create(
        usuario=director, tabla="peticiones", formato="csv", filtros=PERIODO, estado=Exportacion.Estado.PROCESANDO,
        iniciada=timezone.now() - timedelta(hours=2),  # old, but its owner is alive and renewing
    )  # fmt: skip
    Reclamo.objects.create(
        clave=f"exportacion:{trabajo.pk}", dueno=f"{socket.gethostname()}:{os.getpid()}:x",
        vence=timezone.now() + timedelta(minutes=2), intentos=1,
    )  # fmt: skip
    assert exportacion.recoger_pendientes() == 0
    trabajo.refresh_from_db()
    assert trabajo.estado == Exportacion.Estado.PROCESANDO


def subprocess_muerto() -> int:
    """The pid of a process that has already exited."""
    import subprocess

    proceso = subprocess.Popen(["true"])
    proceso.wait()
    return proceso.pid
