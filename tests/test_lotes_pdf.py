"""Credentials of the whole search (and any batch over a few hundred cards or letters) are made by Celery:
the POST starts a batch, its page shows progress (htmx polls a fragment) and then a download link that
only its owner may use. GET never writes."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from jefes_manzana import lotes
from jefes_manzana.models import JefeManzana, LotePdf
from peticiones import roles

from .factories import JefeManzanaFactory

pytestmark = pytest.mark.django_db


def texto(contenido: bytes) -> list[str]:
    return [pagina.extract_text() for pagina in PdfReader(io.BytesIO(contenido)).pages]


@pytest.fixture
def supervisor(usuario_de_rol, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return usuario_de_rol(roles.SUPERVISOR)


def test_credenciales_de_la_busqueda_en_un_lote_con_avance_y_descarga(
    client, supervisor, celery_en_proceso, django_capture_on_commit_callbacks
):
    activos = JefeManzanaFactory.create_batch(12)
    JefeManzanaFactory(estado=JefeManzana.Estado.PROPUESTO)
    client.force_login(supervisor)

    with django_capture_on_commit_callbacks(execute=False) as tareas:  # the worker has not run yet
        respuesta = client.post(reverse("jefes_manzana:credenciales_busqueda"), {"consulta": ""})
    lote = LotePdf.objects.get()
    assert respuesta.status_code == 302 and respuesta["Location"] == reverse("jefes_manzana:lote", args=[lote.pk])
    assert lote.total == 12 and lote.estado == LotePdf.Estado.PENDIENTE
    pagina = client.get(respuesta["Location"]).content.decode()
    assert "0 de 12" in pagina and "<progress" in pagina
    assert f'hx-get="{reverse("jefes_manzana:lote_avance", args=[lote.pk])}"' in pagina
    assert client.get(reverse("jefes_manzana:lote_descargar", args=[lote.pk])).status_code == 404  # not ready

    for tarea in tareas:  # the worker runs it
        tarea()
    fragmento = client.get(reverse("jefes_manzana:lote_avance", args=[lote.pk])).content.decode()
    assert "Listo: 12 credenciales" in fragmento and "hx-get" not in fragmento  # the polling stops
    descarga = client.get(reverse("jefes_manzana:lote_descargar", args=[lote.pk]))
    assert descarga.status_code == 200 and descarga["Content-Type"] == "application/pdf"
    paginas = texto(b"".join(descarga.streaming_content))
    assert len(paginas) == 2  # 10 a sheet
    assert all(f"JM-{j.pk:05d}" in "".join(paginas) for j in activos)
    assert lotes.generar(lote.pk) == LotePdf.Estado.TERMINADO  # a redelivered task does nothing


def test_el_lote_es_solo_de_quien_lo_pidio(client, supervisor, usuario_de_rol):
    JefeManzanaFactory()
    lote = LotePdf.objects.create(usuario=supervisor, tipo=LotePdf.Tipo.CREDENCIALES, jefes=[], total=0)
    otro = usuario_de_rol(roles.ADMINISTRADOR)
    client.force_login(otro)
    for nombre in ("lote", "lote_avance", "lote_descargar"):
        assert client.get(reverse(f"jefes_manzana:{nombre}", args=[lote.pk])).status_code == 404
    client.force_login(usuario_de_rol(roles.DIRECTOR))
    assert client.get(reverse("jefes_manzana:lote", args=[lote.pk])).status_code == 403


def test_get_no_escribe(client, supervisor):
    JefeManzanaFactory.create_batch(2)
    client.force_login(supervisor)
    assert client.get(reverse("jefes_manzana:credenciales_busqueda")).status_code == 405
    assert client.get(reverse("jefes_manzana:credenciales")).status_code == 405
    assert not LotePdf.objects.exists()
    assert not JefeManzana.objects.exclude(numero_credencial="").exists()  # no credential issued by a GET


def test_una_seleccion_grande_de_nombramientos_va_a_un_lote(client, supervisor, monkeypatch):
    monkeypatch.setattr(lotes, "LIMITE_EN_LA_PETICION", 2)
    jefes = JefeManzanaFactory.create_batch(3)
    client.force_login(supervisor)
    respuesta = client.post(reverse("jefes_manzana:nombramientos"), {"ids": [j.pk for j in jefes]})
    lote = LotePdf.objects.get()
    assert respuesta.status_code == 302 and lote.tipo == LotePdf.Tipo.NOMBRAMIENTOS and lote.total == 3
