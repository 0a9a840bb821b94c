"""Demo data: part of the demo requests moved through the states with believable dates and resolutions."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from peticiones import demo, roles
from peticiones.models import DiaInhabil, EventoBitacora, Notificacion, Peticion

from .escenario_turnado import crear_escenario
from .factories import PeticionFactory

pytestmark = pytest.mark.django_db


def test_mueve_parte_de_las_peticiones_y_es_idempotente():
    escena = crear_escenario()
    assert escena.supervisor.groups.filter(name=roles.SUPERVISOR).exists()
    hace_dias = timezone.now() - timedelta(days=10)
    for _ in range(20):  # folio numbers 3–22 cover every step of the demo (numero % 20)
        PeticionFactory(categoria=escena.peticion.categoria, fecha_recepcion=hace_dias)
    resumen = demo.cargar_turnado()
    estados = Counter(Peticion.objects.values_list("estado", flat=True))
    assert resumen["atendida"] >= 5 and resumen["improcedente"] >= 1 and resumen["devuelta"] >= 1
    assert estados["turnada"] and estados["en_proceso"] and estados["recibida"]
    atendida = Peticion.objects.filter(estado="atendida").first()
    assert atendida.resolucion.startswith("Se sustituyó la luminaria")
    assert atendida.fecha_recepcion < atendida.fecha_turnada < atendida.fecha_en_proceso < atendida.fecha_atendida
    assert (
        atendida.bitacora.filter(tipo=EventoBitacora.Tipo.CAMBIO_ESTADO).latest("fecha").fecha
        == atendida.fecha_atendida
    )
    assert not Notificacion.objects.filter(estado="pendiente").exists()
    improcedente = Peticion.objects.filter(estado="improcedente").first()
    assert improcedente.motivo_improcedencia

    antes = list(Peticion.objects.order_by("pk").values_list("estado", "actualizada"))
    assert not any(demo.cargar_turnado().values())
    assert list(Peticion.objects.order_by("pk").values_list("estado", "actualizada")) == antes
    assert DiaInhabil.objects.filter(fecha__year=timezone.localdate().year + 2).count() >= 11
