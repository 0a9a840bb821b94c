"""Demo data of the follow-up: calls, a visit and a rating on attended requests; a second run adds nothing."""

import pytest

from peticiones import demo
from peticiones.models import EvaluacionCiudadana, LlamadaSeguimiento, Peticion, VisitaDomiciliaria

from .factories import PeticionFactory, UsuarioFactory

pytestmark = pytest.mark.django_db


def test_la_demo_de_seguimiento_es_idempotente_y_deja_trabajo_en_la_cola():
    demo.cargar_usuarios()
    capturista = UsuarioFactory(username="capturista-demo", password=None)
    for _ in range(14):
        PeticionFactory(capturada_por=capturista)
    llamadas = demo.cargar_seguimiento()
    assert llamadas >= 12
    assert Peticion.objects.filter(estado=Peticion.Estado.CERRADA).count() == 4  # 3 by phone, 1 by visit
    assert Peticion.objects.filter(estado=Peticion.Estado.TURNADA).count() == 1  # "no se resolvió"
    assert VisitaDomiciliaria.objects.count() == 1 and EvaluacionCiudadana.objects.count() == 1
    assert LlamadaSeguimiento.objects.filter(estado=LlamadaSeguimiento.Estado.PENDIENTE).count() >= 6
    assert demo.cargar_seguimiento() == llamadas
    assert VisitaDomiciliaria.objects.count() == 1
