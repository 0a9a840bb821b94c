"""The periodic jobs run in the embedded default: `make run` starts `manage.py programador` next to the
server, and a request attended now gets its follow-up call with only the clock moving (no command typed).
With a broker, production keeps exactly one scheduler: `celery beat`."""

import io
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from peticiones.acciones import seguimiento
from peticiones.models import LlamadaSeguimiento
from sirc.celery import app
from sirc.programador import Programador

from .factories import UsuarioFactory
from .seguimiento_utiles import peticion_atendida

RAIZ = Path(__file__).resolve().parent.parent


class Reloj:
    """A clock the test moves; `django.utils.timezone.now` reads it too."""

    def __init__(self) -> None:
        self.ahora = timezone.now()

    def __call__(self):
        return self.ahora

    def avanzar(self, **delta) -> None:
        self.ahora += timedelta(**delta)


@pytest.mark.django_db
@override_settings(SEGUIMIENTO_HORARIO=(0, 24))
def test_una_peticion_atendida_recibe_su_llamada_solo_con_mover_el_reloj(monkeypatch):
    from peticiones import roles

    reloj = Reloj()
    monkeypatch.setattr(timezone, "now", reloj)
    programador = Programador(settings.CELERY_BEAT_SCHEDULE, reloj=reloj)
    programador.tick()  # start-up: every interval job once
    peticion = peticion_atendida(hace_horas=0)  # attended just now
    operador = UsuarioFactory(rol=roles.OPERADOR)

    programador.tick()  # the clock did not move: no job is due again
    assert not LlamadaSeguimiento.objects.filter(peticion=peticion).exists()

    reloj.avanzar(minutes=5)
    programador.tick()  # the 5-minute sweep ran: the call is queued for 24 h after the attention
    llamada = LlamadaSeguimiento.objects.get(peticion=peticion)
    assert llamada.programada_para == peticion.fecha_atendida + timedelta(hours=settings.SEGUIMIENTO_DEMORA_HORAS)
    assert seguimiento.siguiente_llamada(operador) is None  # not due yet

    reloj.avanzar(hours=24)
    programador.tick()
    assert seguimiento.siguiente_llamada(operador) == llamada


@pytest.mark.django_db
def test_el_programador_espera_hasta_el_siguiente_trabajo_y_sobrevive_a_uno_que_falla(caplog):
    reloj = Reloj()
    calendario = {
        "roto": {"task": "no.existe", "schedule": 30.0},
        "ping": {"task": "sirc.ping", "schedule": 120.0},
    }
    programador = Programador(calendario, reloj=reloj)
    assert programador.tick() == pytest.approx(30.0)
    assert "no.existe" in caplog.text
    reloj.avanzar(seconds=10)
    assert programador.tick() == pytest.approx(20.0)


@pytest.mark.django_db
def test_con_broker_el_programador_local_no_corre():
    salida = io.StringIO()
    app.conf.task_always_eager = False
    try:
        call_command("programador", "--una-vez", stdout=salida)
    finally:
        app.conf.task_always_eager = True
    assert "celery beat" in salida.getvalue()


@pytest.mark.django_db
def test_sin_broker_una_vuelta_corre_los_trabajos(monkeypatch):
    assert app.conf.task_always_eager
    salida = io.StringIO()
    call_command("programador", "--una-vez", stdout=salida)
    assert "seguimiento-encolar-llamadas" in salida.getvalue()


def test_make_run_arranca_el_programador_junto_al_servidor():
    receta = subprocess.run(["make", "-n", "run"], cwd=RAIZ, capture_output=True, text=True, check=True).stdout
    assert "manage.py programador &" in receta and "manage.py runserver" in receta
    assert "kill" in receta  # stopped with the server
