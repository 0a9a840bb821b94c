"""The 1st-of-the-month task issues the previous month's MIR once, archives the file with its SHA-256;
an issued report never changes and later issues are new versions, all listed."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.urls import reverse

from indicadores import emision, tasks
from indicadores.copiar import copiar_programa
from indicadores.models import Programa, ReporteMensual
from indicadores.periodos import Mes
from peticiones import roles

from .factories import UsuarioFactory
from .indicadores_datos import local, peticion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def almacenamiento(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    yield tmp_path


def _leer(reporte: ReporteMensual) -> bytes:
    with default_storage.open(reporte.archivo.name, "rb") as archivo:
        return archivo.read()


def test_tarea_emite_el_mes_anterior_una_sola_vez():
    anterior = Mes.actual().anterior()
    if anterior.anio != 2023:
        copiar_programa(Programa.objects.get(anio=2023), anterior.anio)
    peticion(anterior.inicio.replace(day=3), atendida=anterior.inicio.replace(day=4))

    primera = tasks.emitir_mir_mes_anterior.apply().get()
    segunda = tasks.emitir_mir_mes_anterior.apply().get()

    reporte = ReporteMensual.objects.get()
    assert primera == str(reporte) and segunda == "ya emitido"
    assert (reporte.anio, reporte.mes, reporte.version, reporte.emitido_por) == (anterior.anio, anterior.mes, 1, None)
    contenido = _leer(reporte)
    assert reporte.sha256 == hashlib.sha256(contenido).hexdigest()
    assert reporte.tamano == len(contenido) and contenido.startswith(b"%PDF")
    assert reporte.datos["indicadores"][0]["valor"] == "100.0"


def test_tarea_sin_programa_del_anio_no_emite_y_lo_dice():
    Programa.objects.filter(anio=Mes.actual().anterior().anio).delete()
    assert "No hay Programa Anual de Trabajo" in tasks.emitir_mir_mes_anterior.apply().get()
    assert not ReporteMensual.objects.exists()


def test_nueva_version_no_toca_el_archivo_anterior():
    octubre = Mes(2023, 10)
    director = UsuarioFactory(rol=roles.DIRECTOR)
    peticion(local(2023, 10, 2), atendida=local(2023, 10, 2, 18))
    v1 = emision.emitir_del_mes(octubre)
    original = _leer(v1)
    peticion(local(2023, 10, 3))  # a late capture changes October's figures

    v2 = emision.emitir_nueva_version(octubre, director)

    assert (v1.version, v2.version) == (1, 2)
    assert v2.archivo.name != v1.archivo.name
    assert _leer(ReporteMensual.objects.get(pk=v1.pk)) == original
    assert emision.verificar(v1) and emision.verificar(v2)
    assert v1.sha256 != v2.sha256
    assert v1.datos["indicadores"][0]["valor"] == "100.0" and v2.datos["indicadores"][0]["valor"] == "50.0"
    assert emision.emitir_del_mes(octubre) is None  # the automatic issue never adds a version


def test_reporte_emitido_no_se_modifica_ni_se_borra():
    reporte = emision.emitir_del_mes(Mes(2023, 10))
    reporte.sha256 = "0" * 64
    with pytest.raises(ValidationError):
        reporte.save()
    with pytest.raises(ValidationError):
        reporte.delete()
    if connection.vendor == "postgresql":  # the database refuses it too, even bypassing the model
        from django.db import DatabaseError

        with pytest.raises(DatabaseError), transaction.atomic():
            ReporteMensual.objects.filter(pk=reporte.pk).update(sha256="0" * 64)
    assert ReporteMensual.objects.get(pk=reporte.pk).sha256 != "0" * 64


def test_archivo_alterado_no_pasa_la_verificacion(almacenamiento):
    reporte = emision.emitir_del_mes(Mes(2023, 10))
    (almacenamiento / reporte.archivo.name).write_bytes(b"%PDF-falsificado")
    assert not emision.verificar(reporte)


def test_mes_en_curso_no_se_emite():
    with pytest.raises(ValueError, match="aún no termina"):
        emision.emitir_nueva_version(Mes.actual(), UsuarioFactory(rol=roles.DIRECTOR))


def test_todas_las_versiones_se_listan_y_descargan(client):
    director = UsuarioFactory(rol=roles.DIRECTOR)
    v1 = emision.emitir_del_mes(Mes(2023, 10))
    v2 = emision.emitir_nueva_version(Mes(2023, 10), director)
    client.force_login(director)
    html = client.get(reverse("indicadores:mir"), {"mes": "2023-10"}).content.decode()
    assert v1.sha256 in html and v2.sha256 in html
    assert "Tarea automática" in html
    respuesta = client.get(reverse("indicadores:reporte_descargar", args=[v1.pk]))
    assert b"".join(respuesta.streaming_content) == _leer(v1)


def test_comando_emitir_mir_es_idempotente():
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    salida = StringIO()
    call_command("emitir_mir", "--mes", "2023-10", stdout=salida)
    call_command("emitir_mir", "--mes", "2023-10", stdout=salida)
    assert "Emitido MIR octubre 2023 v1" in salida.getvalue()
    assert "ya estaba emitido" in salida.getvalue()
    assert ReporteMensual.objects.count() == 1
    with pytest.raises(CommandError, match="no es un mes válido"):
        call_command("emitir_mir", "--mes", "octubre")
