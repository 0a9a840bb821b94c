"""The citizen rates the service of an attended request on the public page: once per request."""

import pytest
from django.core.cache import cache
from django.db import IntegrityError

from peticiones.acciones import seguimiento
from peticiones.models import EvaluacionCiudadana, EventoBitacora, Peticion

from .factories import PeticionFactory
from .seguimiento_utiles import peticion_atendida

pytestmark = pytest.mark.django_db

URL = "/consulta/evaluar/"


@pytest.fixture(autouse=True)
def _limpiar_limite():
    cache.clear()


def _datos(peticion, **extra):
    return {"folio": peticion.folio, "ultimos4": peticion.ciudadano.telefono[-4:], "calificacion": "4", **extra}


def test_el_ciudadano_califica_una_vez(client):
    peticion = peticion_atendida()
    respuesta = client.post(URL, _datos(peticion, comentario="Muy rápido, gracias"))
    assert respuesta.status_code == 200 and "¡Gracias por su opinión!" in respuesta.content.decode()
    evaluacion = EvaluacionCiudadana.objects.get(peticion=peticion)
    assert (evaluacion.calificacion, evaluacion.comentario) == (4, "Muy rápido, gracias")
    assert peticion.bitacora.filter(tipo=EventoBitacora.Tipo.EVALUACION).count() == 1
    respuesta = client.post(URL, _datos(peticion, calificacion="1"))
    assert "ya fue calificada" in respuesta.content.decode()
    assert EvaluacionCiudadana.objects.get(peticion=peticion).calificacion == 4


def test_la_base_de_datos_impide_dos_evaluaciones():
    peticion = peticion_atendida()
    EvaluacionCiudadana.objects.create(peticion=peticion, calificacion=5)
    with pytest.raises(IntegrityError):
        EvaluacionCiudadana.objects.create(peticion=peticion, calificacion=3)


def test_folio_inexistente_y_telefono_equivocado_reciben_la_misma_respuesta(client):
    peticion = peticion_atendida()
    equivocado = client.post(
        URL, _datos(peticion, ultimos4="0000" if not peticion.ciudadano.telefono.endswith("0000") else "1111")
    )
    inexistente = client.post(URL, _datos(peticion, folio="1999-000001"))
    assert equivocado.status_code == inexistente.status_code == 400
    mensaje = "No encontramos una petición con ese folio y esos dígitos de teléfono."
    assert mensaje in equivocado.content.decode() and mensaje in inexistente.content.decode()
    assert not EvaluacionCiudadana.objects.exists()


def test_no_se_califica_una_peticion_que_sigue_abierta(client):
    peticion = PeticionFactory(estado=Peticion.Estado.TURNADA)
    respuesta = client.post(URL, _datos(peticion))
    assert "cuando su petición haya sido atendida" in respuesta.content.decode()
    assert not EvaluacionCiudadana.objects.exists()


def test_errores_del_formulario_en_espanol_y_conserva_lo_escrito(client):
    respuesta = client.post(URL, {"folio": "2026-000001", "ultimos4": "12a", "comentario": "Hola"})
    html = respuesta.content.decode()
    assert "Escriba los últimos 4 dígitos de su teléfono" in html
    assert "Elija una calificación del 1 al 5." in html
    assert 'value="2026-000001"' in html and ">\nHola</textarea>" in html


def test_demasiados_intentos_se_frenan(client):
    peticion = peticion_atendida()
    for _ in range(10):
        client.post(URL, _datos(peticion, ultimos4="9999", calificacion="3"))
    respuesta = client.post(URL, _datos(peticion))
    assert respuesta.status_code == 429
    assert not EvaluacionCiudadana.objects.exists()


def test_evaluar_servicio_valida_la_calificacion():
    with pytest.raises(seguimiento.SeguimientoInvalido, match="del 1 al 5"):
        seguimiento.evaluar_servicio(peticion_atendida(), 6)


def test_la_consulta_publica_ofrece_calificar_una_peticion_atendida(client):
    peticion = peticion_atendida()
    ultimos4 = peticion.ciudadano.telefono[-4:]
    html = client.post("/consulta/", {"folio": peticion.folio, "telefono": ultimos4}).content.decode()
    assert "Califique el servicio" in html and 'action="/consulta/evaluar/"' in html
    assert f'type="hidden" name="folio" value="{peticion.folio}"' in html
    assert f'type="hidden" name="ultimos4" value="{ultimos4}"' in html
    client.post(URL, {"folio": peticion.folio, "ultimos4": ultimos4, "calificacion": "5"})
    html = client.post("/consulta/", {"folio": peticion.folio, "telefono": ultimos4}).content.decode()
    assert "Usted calificó el servicio con <strong>5/5</strong>" in html and "Califique el servicio" not in html


def test_la_consulta_no_ofrece_calificar_una_peticion_abierta(client):
    peticion = PeticionFactory(estado=Peticion.Estado.TURNADA)
    html = client.post("/consulta/", {"folio": peticion.folio, "telefono": peticion.ciudadano.telefono[-4:]})
    assert "Califique el servicio" not in html.content.decode()
