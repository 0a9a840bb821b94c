"""The demo padrón loads a few hundred valid Jefes de Manzana with cuarteles, and loading twice changes nothing."""

import pytest

from jefes_manzana import demo as demo_jefes
from jefes_manzana.curp import validar_curp
from jefes_manzana.models import AsistenciaCapacitacion, Cuartel, JefeManzana
from peticiones import demo as demo_peticiones

pytestmark = pytest.mark.django_db


def test_demo_idempotente_con_curps_validas():
    demo_peticiones.cargar_catalogos()
    demo_peticiones.cargar_usuarios()
    demo_jefes.cargar()
    conteos = (JefeManzana.objects.count(), Cuartel.objects.count(), AsistenciaCapacitacion.objects.count())
    demo_jefes.cargar()
    assert (JefeManzana.objects.count(), Cuartel.objects.count(), AsistenciaCapacitacion.objects.count()) == conteos
    assert conteos[0] >= 300 and conteos[1] >= 10 and conteos[2] > 0
    assert JefeManzana.objects.filter(fecha_acreditacion__isnull=False).count() > 100
    assert not JefeManzana.objects.filter(cuartel__isnull=True).exists()
    for curp in JefeManzana.objects.values_list("curp", flat=True):
        validar_curp(curp)
    maria = JefeManzana.objects.get(usuario__username="jefe.manzana")
    assert maria.colonia.nombre == "Faros"
    assert Cuartel.objects.filter(jefe__usuario__username="jefe.cuartel").exists()
