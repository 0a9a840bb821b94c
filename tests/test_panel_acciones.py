"""The action panel (`templates/peticiones/_acciones.html`) that the request's page includes."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from peticiones.acciones import transiciones as t

from .escenario_turnado import crear_escenario

pytestmark = pytest.mark.django_db


def _panel(peticion, usuario) -> str:
    request = RequestFactory().get(f"/peticiones/{peticion.pk}/")
    request.user = usuario
    return render_to_string("peticiones/_acciones.html", {"peticion": peticion, "request": request})


def test_el_enlace_ve_los_formularios_de_lo_que_puede_hacer():
    escena = crear_escenario()
    t.turnar(escena.peticion, escena.supervisor, escena.direccion)
    html = _panel(escena.peticion, escena.enlace)
    for nombre in ("devolver", "iniciar", "marcar_atendida", "declarar_improcedente"):
        assert f'action="/peticiones/{escena.peticion.pk}/accion/{nombre}/"' in html, nombre
    assert "accion/turnar/" not in html and "accion/cancelar/" not in html
    assert 'enctype="multipart/form-data"' in html and 'name="marcar_atendida-fotos"' in html
    assert "Asignar a un colega" in html and "Oficio de canalización (PDF)" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_atencion_ciudadana_ve_turnar_con_la_direccion_sugerida():
    escena = crear_escenario()
    html = _panel(escena.peticion, escena.operador)
    assert "accion/turnar/" in html and "accion/marcar_duplicada/" in html
    assert f'<option value="{escena.direccion.pk}" selected>' in html
    assert "accion/marcar_atendida/" not in html


def test_el_director_solo_consulta():
    escena = crear_escenario()
    html = _panel(escena.peticion, escena.director)
    assert "accion/" not in html and "Comentario interno" in html
