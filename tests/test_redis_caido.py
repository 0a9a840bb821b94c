"""Redis down (stopped) or hung (SIGSTOP): the change is saved, the page answers fast, and the work runs
exactly once when Redis is back — because the work lives in the database (outbox + periodic sweep).

Each test starts its OWN redis-server on a free port and points Celery at it; the shared Redis is never touched.
"""

import shutil
import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.urls import reverse

from peticiones import roles
from peticiones.acciones import transiciones as t
from peticiones.models import EventoBitacora, Notificacion, Peticion
from peticiones.notificaciones import enviar_pendientes
from peticiones.tasks import enviar_notificacion, enviar_notificaciones_pendientes
from sirc import tareas
from sirc.celery import app

from .escenario_turnado import crear_escenario
from .factories import CanalFactory, CategoriaFactory, ColoniaFactory, TipoPeticionFactory, UsuarioFactory
from .redis_propio import RedisPropio

pytestmark = [
    pytest.mark.broker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="Falta redis-server para simular la caída"),
]

LIMITE_PAGINA = 2.0  # seconds: the operator's page must answer within this even with Redis hung


@pytest.fixture
def redis():
    servidor = RedisPropio()
    servidor.arrancar()
    anterior = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "result_backend")}
    app.conf.update(broker_url=servidor.url, task_always_eager=False, result_backend=None)
    app._pool = None
    app.amqp._producer_pool = None
    tareas.reiniciar()
    yield servidor
    servidor.cerrar()
    app.conf.update(anterior)
    app._pool = None
    app.amqp._producer_pool = None
    tareas.reiniciar()


@pytest.fixture
def turnada(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    escena = crear_escenario()
    escena.peticion.ciudadano.correo = "vecina@example.mx"
    escena.peticion.ciudadano.save()
    t.turnar(escena.peticion, escena.supervisor, escena.direccion)
    tareas.esperar_publicaciones()
    mail.outbox = []
    return escena


def _atender_por_la_pagina(client, escena) -> float:
    client.force_login(escena.enlace)
    url = reverse("peticiones:transicion", args=[escena.peticion.pk, "marcar_atendida"])
    inicio = time.monotonic()
    respuesta = client.post(url, {"marcar_atendida-resolucion": "Se cambió la luminaria"})
    duracion = time.monotonic() - inicio
    assert respuesta.status_code == 302, respuesta.content.decode()[:500]
    return duracion


def _trabajo_hecho_una_vez(escena) -> None:
    """Start a real worker on the recovered Redis, nudge the sweep, and see each notice sent once."""
    avisos = Notificacion.objects.filter(peticion=escena.peticion, motivo=Notificacion.Motivo.ATENDIDA)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        # A publication that timed out may still land once Redis runs again, and beat nudges the sweep:
        # the worker gets the per-notice tasks (twice here) AND the sweep. The outbox claim lets one send.
        for pk in list(avisos.values_list("pk", flat=True)) * 2:
            enviar_notificacion.apply_async(args=[pk], ignore_result=True)
        enviar_notificaciones_pendientes.apply_async(ignore_result=True)
        limite = time.monotonic() + 20
        while time.monotonic() < limite and avisos.exclude(estado="enviada").exists():
            time.sleep(0.1)
        time.sleep(0.5)  # let any late duplicate message be processed too
    assert set(avisos.values_list("estado", flat=True)) == {"enviada"}
    assert enviar_pendientes() == 0  # nothing left for the periodic sweep either
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["vecina@example.mx"]
    enviados = EventoBitacora.objects.filter(peticion=escena.peticion, datos__resultado="enviada")
    assert enviados.count() == 2  # correo + SMS, each once


def test_redis_detenido_guarda_responde_rapido_y_envia_al_volver(client, redis, turnada):
    redis.detener()
    duracion = _atender_por_la_pagina(client, turnada)
    assert duracion < LIMITE_PAGINA, f"la página tardó {duracion:.2f} s con Redis detenido"
    print(f"\nRedis detenido: la página respondió en {duracion * 1000:.0f} ms")
    turnada.peticion.refresh_from_db()
    assert turnada.peticion.estado == Peticion.Estado.ATENDIDA
    tareas.esperar_publicaciones()
    assert set(turnada.peticion.notificaciones.filter(motivo="atendida").values_list("estado", flat=True)) == {
        "pendiente"
    }
    assert mail.outbox == []
    redis.arrancar()
    _trabajo_hecho_una_vez(turnada)


def test_redis_colgado_guarda_responde_rapido_y_envia_una_vez_al_reanudar(client, redis, turnada):
    redis.pausar()
    duracion = _atender_por_la_pagina(client, turnada)
    assert duracion < LIMITE_PAGINA, f"la página tardó {duracion:.2f} s con Redis colgado"
    print(f"\nRedis colgado: la página respondió en {duracion * 1000:.0f} ms")
    tareas.esperar_publicaciones(15)  # the background publication gives up after the broker timeout
    assert tareas.broker_en_pausa()
    turnada.peticion.refresh_from_db()
    assert turnada.peticion.estado == Peticion.Estado.ATENDIDA
    assert mail.outbox == []
    redis.continuar()
    _trabajo_hecho_una_vez(turnada)


@pytest.mark.parametrize("falla", ["detenido", "colgado"])
def test_captura_con_redis_caido_guarda_responde_rapido_y_el_acuse_sale_una_vez(client, redis, settings, falla):
    """The operator's capture screen (issue 3): saved with its folio, the citizen's acuse sent once later."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    categoria = CategoriaFactory(nombre="Luminaria apagada")
    ColoniaFactory(nombre="Ricardo Flores Magón", codigo_postal="91900")
    tipo, canal = TipoPeticionFactory(), CanalFactory()
    client.force_login(UsuarioFactory(rol=roles.OPERADOR, username="karla"))
    mail.outbox = []
    redis.detener() if falla == "detenido" else redis.pausar()

    inicio = time.monotonic()
    respuesta = client.post(
        reverse("peticiones:captura"),
        {
            "clave_idempotencia": str(uuid.uuid4()),
            "telefono": "229 123 4567",
            "nombre": "María",
            "apellidos": "López Pérez",
            "correo": "maria@example.mx",
            "acepta_aviso": "on",
            "categoria": categoria.pk,
            "descripcion": "Luminaria apagada frente a la primaria",
            "colonia": "ricardo flores magon",
            "calle": "Calle Arista",
            "numero_exterior": "512",
            "tipo": tipo.pk,
            "canal": canal.pk,
        },
    )
    duracion = time.monotonic() - inicio
    assert respuesta.status_code == 302, respuesta.content.decode()[:300]
    assert duracion < LIMITE_PAGINA, f"la captura tardó {duracion:.2f} s con Redis {falla}"
    print(f"\nCaptura con Redis {falla}: la página respondió en {duracion * 1000:.0f} ms")
    peticion = Peticion.objects.get()
    acuse = Notificacion.objects.filter(peticion=peticion, motivo=Notificacion.Motivo.RECIBIDA)
    assert set(acuse.values_list("canal", "estado")) == {("correo", "pendiente"), ("sms", "pendiente")}

    tareas.esperar_publicaciones(15)
    redis.arrancar() if falla == "detenido" else redis.continuar()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        for pk in list(acuse.values_list("pk", flat=True)) * 2:  # late / duplicated messages
            enviar_notificacion.apply_async(args=[pk], ignore_result=True)
        enviar_notificaciones_pendientes.apply_async(ignore_result=True)
        limite = time.monotonic() + 20
        while time.monotonic() < limite and acuse.exclude(estado="enviada").exists():
            time.sleep(0.1)
        time.sleep(0.5)
    assert set(acuse.values_list("estado", flat=True)) == {"enviada"}
    assert [m.to for m in mail.outbox] == [["maria@example.mx"]] and peticion.folio in mail.outbox[0].subject
    assert EventoBitacora.objects.filter(peticion=peticion, datos__resultado="enviada").count() == 2
