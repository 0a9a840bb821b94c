"""The periodic sweep is a registered Celery task on the beat schedule, and the same job as a command."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from peticiones.models import LlamadaSeguimiento
from sirc.celery import app

from .seguimiento_utiles import peticion_atendida

pytestmark = pytest.mark.django_db


def test_la_barrida_esta_en_el_calendario_y_registrada_en_celery():
    entrada = settings.CELERY_BEAT_SCHEDULE["seguimiento-encolar-llamadas"]
    app.loader.import_default_modules()
    assert entrada["task"] in app.tasks
    assert entrada["schedule"] <= 15 * 60  # well within the 24 h delay


def test_la_tarea_y_el_comando_encolan_lo_que_falta():
    tarea = app.tasks["peticiones.encolar_llamadas"]
    peticion_atendida()
    assert tarea.apply().get() == 1
    peticion_atendida()
    salida = io.StringIO()
    call_command("encolar_llamadas", stdout=salida)
    assert "Llamadas de seguimiento encoladas: 1" in salida.getvalue()
    assert LlamadaSeguimiento.objects.count() == 2
