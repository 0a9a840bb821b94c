"""Credentials of the whole search (and any batch over a few hundred cards or letters) are made by Celery:
the POST starts a batch, its page shows progress (htmx polls a fragment) and then a download link that
only its owner may use. GET never writes."""

import io
import socket
import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from jefes_manzana import lotes
from jefes_manzana.models import JefeManzana, LotePdf
from peticiones import roles
from peticiones.models import Reclamo

from .conftest import barrida_del_programador
from .factories import JefeManzanaFactory

pytestmark = pytest.mark.django_db


def texto(contenido: bytes) -> list[str]:
    return [pagina.extract_text() for pagina in PdfReader(io.BytesIO(contenido)).pages]


@pytest.fixture
def supervisor(usuario_de_rol, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return usuario_de_rol(roles.SUPERVISOR)


def _barrida_del_programador() -> None:
    barrida_del_programador("jefes_manzana.recoger_lotes")


@pytest.fixture
def con_broker():
    """As in production: a broker, so tasks are published (the test captures them instead of running them)."""
    from sirc.celery import app

    anterior = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = anterior


def test_credenciales_de_la_busqueda_en_un_lote_con_avance_y_descarga(
    client, supervisor, celery_en_proceso, django_capture_on_commit_callbacks
):
    """Embedded default (no broker): the POST only writes the batch; the programador renders it."""
    activos = JefeManzanaFactory.create_batch(12)
    JefeManzanaFactory(estado=JefeManzana.Estado.PROPUESTO)
    client.force_login(supervisor)

    with django_capture_on_commit_callbacks(execute=True) as tareas:
        respuesta = client.post(reverse("jefes_manzana:credenciales_busqueda"), {"consulta": ""})
    lote = LotePdf.objects.get()
    assert respuesta.status_code == 302 and respuesta["Location"] == reverse("jefes_manzana:lote", args=[lote.pk])
    # Nothing was rendered inside the request, even with tasks running inline: no task, no credential issued.
    assert tareas == [] and lote.total == 12 and lote.estado == LotePdf.Estado.PENDIENTE
    assert not JefeManzana.objects.exclude(numero_credencial="").exists()
    pagina = client.get(respuesta["Location"]).content.decode()
    assert "En espera de turno: 0 de 12" in pagina and "<progress" in pagina
    assert f'hx-get="{reverse("jefes_manzana:lote_avance", args=[lote.pk])}"' in pagina
    assert client.get(reverse("jefes_manzana:lote_descargar", args=[lote.pk])).status_code == 404  # not ready

    _barrida_del_programador()
    fragmento = client.get(reverse("jefes_manzana:lote_avance", args=[lote.pk])).content.decode()
    assert "Listo: 12 credenciales" in fragmento and "hx-get" not in fragmento  # the polling stops
    descarga = client.get(reverse("jefes_manzana:lote_descargar", args=[lote.pk]))
    assert descarga.status_code == 200 and descarga["Content-Type"] == "application/pdf"
    paginas = texto(b"".join(descarga.streaming_content))
    assert len(paginas) == 2  # 10 a sheet
    assert all(f"JM-{j.pk:05d}" in "".join(paginas) for j in activos)
    assert lotes.generar(lote.pk) == LotePdf.Estado.TERMINADO  # a redelivered task does nothing
    assert lotes.recoger() == {"encolados": 0, "fallidos": 0}


def test_con_broker_el_post_encola_y_la_barrida_solo_reenvia_el_aviso_perdido(
    client, supervisor, con_broker, django_capture_on_commit_callbacks
):
    JefeManzanaFactory.create_batch(3)
    client.force_login(supervisor)
    with django_capture_on_commit_callbacks(execute=False) as tareas:
        client.post(reverse("jefes_manzana:credenciales_busqueda"), {"consulta": ""})
    assert len(tareas) == 1  # the nudge to a worker
    with django_capture_on_commit_callbacks(execute=False) as tareas:
        assert lotes.recoger() == {"encolados": 0, "fallidos": 0}  # a worker may still take it
        assert lotes.recoger(ahora=timezone.now() + lotes.COLA_OLVIDADA + timedelta(seconds=1)) == {
            "encolados": 1,
            "fallidos": 0,
        }  # nobody did: the nudge was lost
    assert len(tareas) == 1


def _lote_interrumpido(supervisor, intentos: int) -> LotePdf:
    """A batch whose worker was killed mid-way `intentos` times: its lease, not yet expired, names a process of
    this host that has ended (as after `kill -9`)."""
    proceso = subprocess.Popen(["true"])
    proceso.wait()
    jefes = JefeManzanaFactory.create_batch(3)
    lote = LotePdf.objects.create(
        usuario=supervisor,
        tipo=LotePdf.Tipo.CREDENCIALES,
        jefes=[j.pk for j in jefes],
        total=3,
        hechos=1,
        estado=LotePdf.Estado.PROCESANDO,
    )
    Reclamo.objects.create(
        clave=lotes.clave(lote.pk),
        dueno=f"{socket.gethostname()}:{proceso.pid}:muerto",
        vence=timezone.now() + timedelta(minutes=5),
        intentos=intentos,
    )
    return lote


def test_un_lote_cuyo_trabajador_murio_se_reanuda_en_la_barrida(client, supervisor, celery_en_proceso):
    lote = _lote_interrumpido(supervisor, intentos=1)
    _barrida_del_programador()
    lote.refresh_from_db()
    assert lote.estado == LotePdf.Estado.TERMINADO and lote.hechos == 3 and lote.archivo


def test_interrumpido_tres_veces_falla_con_boton_y_reintentar_lo_termina(client, supervisor, celery_en_proceso):
    lote = _lote_interrumpido(supervisor, intentos=lotes.MAXIMO_INTENTOS)
    assert lotes.recoger() == {"encolados": 0, "fallidos": 1}
    client.force_login(supervisor)
    pagina = client.get(reverse("jefes_manzana:lote", args=[lote.pk])).content.decode()
    assert "Se interrumpió 3 veces" in pagina and "Volver a intentar" in pagina and "hx-get" not in pagina
    reintentar = reverse("jefes_manzana:lote_reintentar", args=[lote.pk])
    assert client.get(reintentar).status_code == 405
    respuesta = client.post(reintentar, follow=True)
    assert "El lote volvió a la fila" in respuesta.content.decode()
    lote.refresh_from_db()
    assert lote.estado == LotePdf.Estado.PENDIENTE and lote.hechos == 0 and lote.error == ""
    _barrida_del_programador()
    lote.refresh_from_db()
    assert lote.estado == LotePdf.Estado.TERMINADO


def test_solo_quien_pidio_el_lote_lo_reintenta(client, supervisor, usuario_de_rol):
    lote = LotePdf.objects.create(
        usuario=supervisor, tipo=LotePdf.Tipo.CREDENCIALES, jefes=[], total=0, estado=LotePdf.Estado.FALLIDO
    )
    client.force_login(usuario_de_rol(roles.ADMINISTRADOR))
    assert client.post(reverse("jefes_manzana:lote_reintentar", args=[lote.pk])).status_code == 404
    assert LotePdf.objects.get(pk=lote.pk).estado == LotePdf.Estado.FALLIDO


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
