"""Celery beat: every periodic job is scheduled in settings, registered, and also a management command."""

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands

from peticiones import notificaciones
from peticiones.acciones import transiciones as t
from peticiones.models import Notificacion
from peticiones.tasks import enviar_notificacion
from sirc.celery import app

from .escenario_turnado import crear_escenario


def test_las_tareas_periodicas_estan_en_settings_y_registradas():
    programa = settings.CELERY_BEAT_SCHEDULE
    assert programa["peticiones.revisar_vencimientos"]["schedule"] == 600.0  # every 10 minutes
    assert programa["peticiones.enviar_notificaciones_pendientes"]["schedule"] == 60.0
    app.loader.import_default_modules()
    for entrada in ("peticiones.revisar_vencimientos", "peticiones.enviar_notificaciones_pendientes"):
        assert programa[entrada]["task"] in app.tasks
    assert {"revisar_vencimientos", "enviar_notificaciones"} <= set(get_commands())


@pytest.mark.django_db
def test_la_tarea_reintenta_con_la_espera_de_la_bandeja(settings, monkeypatch):
    settings.SIRC_MENSAJERIA_BACKEND = "tests.test_aviso_al_ciudadano.BackendQueFalla"
    escena = crear_escenario()
    t.turnar(escena.peticion, escena.supervisor, escena.direccion)
    t.marcar_atendida(escena.peticion, escena.supervisor, "Hecho")
    sms = Notificacion.objects.get(peticion=escena.peticion, canal="sms")
    pedidas = []

    class Reintento(Exception):
        pass

    def retry(**kwargs):
        pedidas.append(kwargs)
        return Reintento()

    monkeypatch.setattr(enviar_notificacion, "retry", retry)
    with pytest.raises(Reintento):
        enviar_notificacion.run(sms.pk)
    assert pedidas == [{"countdown": notificaciones.RETRASOS[0]}]


@pytest.mark.django_db
def test_el_comando_de_envio(capsys):
    escena = crear_escenario()
    t.turnar(escena.peticion, escena.supervisor, escena.direccion)
    t.marcar_atendida(escena.peticion, escena.supervisor, "Hecho")
    call_command("enviar_notificaciones")
    assert "1 aviso(s) enviado(s)." in capsys.readouterr().out  # the SMS (no e-mail on file)
