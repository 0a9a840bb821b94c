"""The map of Jefes de Manzana: markers with open/closed request counts from one aggregated query."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jefes_manzana.models import JefeManzana
from jefes_manzana.views.mapa import puntos_del_mapa
from peticiones.models import Peticion

from .factories import ColoniaFactory, JefeManzanaFactory, PeticionFactory

pytestmark = pytest.mark.django_db


def test_popup_con_conteos_de_peticiones_en_una_consulta():
    jefe = JefeManzanaFactory(nombres="Rosa", apellidos="Lara", manzana="F-1", telefono="2291234567",
                              latitud=Decimal("19.2"), longitud=Decimal("-96.1"))  # fmt: skip
    PeticionFactory.create_batch(2, gestor=jefe)
    PeticionFactory(gestor=jefe, estado=Peticion.Estado.CERRADA)
    otro = JefeManzanaFactory(colonia=ColoniaFactory(latitud="19.100000", longitud="-96.200000"))
    JefeManzanaFactory.create_batch(5)
    with CaptureQueriesContext(connection) as consultas:
        puntos = {p["id"]: p for p in puntos_del_mapa(JefeManzana.objects.all())}
    assert len(consultas) == 1
    rosa = puntos[jefe.pk]
    assert (rosa["nombre"], rosa["manzana"], rosa["telefono"]) == ("Rosa Lara", "F-1", "2291234567")
    assert (rosa["abiertas"], rosa["cerradas"], rosa["aproximada"]) == (2, 1, False)
    assert (puntos[otro.pk]["lat"], puntos[otro.pk]["aproximada"]) == (19.1, True)
    assert (puntos[otro.pk]["abiertas"], puntos[otro.pk]["cerradas"]) == (0, 0)


def test_datos_del_mapa_respetan_los_filtros(client, supervisor):
    faros = ColoniaFactory(nombre="Faros")
    JefeManzanaFactory(colonia=faros)
    JefeManzanaFactory()
    client.force_login(supervisor)
    datos = client.get("/jefes-manzana/mapa/datos/", {"colonia": faros.pk}).json()
    assert len(datos["puntos"]) == 1


def test_mapa_funciona_sin_teselas(client, supervisor, settings):
    settings.MAPA_TILES_URL = ""
    client.force_login(supervisor)
    texto = client.get("/jefes-manzana/mapa/").content.decode()
    assert "vendor/leaflet-1.9.4/leaflet.js" in texto and "sin capa de calles" in texto


def test_mapa_requiere_permiso(client, usuario_de_rol):
    from peticiones import roles

    client.force_login(usuario_de_rol(roles.OPERADOR))
    assert client.get("/jefes-manzana/mapa/datos/").status_code == 403
