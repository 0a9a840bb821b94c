"""The heat map endpoint returns cells aggregated in the database, filtered by category and period."""

from decimal import Decimal

import pytest
from django.urls import reverse

from .factories import CategoriaFactory, ColoniaFactory
from .indicadores_datos import local, peticion

pytestmark = pytest.mark.django_db


def test_puntos_agrupados_por_celda_con_filtro_de_categoria_y_periodo(client, director):
    baches = CategoriaFactory(nombre="Bache")
    basura = CategoriaFactory(nombre="Basura")
    colonia = ColoniaFactory(latitud=Decimal("19.180000"), longitud=Decimal("-96.140000"))
    for i in range(3):  # three requests in the same ~110 m cell
        peticion(
            local(2023, 10, 2 + i),
            categoria=baches,
            latitud=Decimal("19.17310") + Decimal(i) / 10000,
            longitud=Decimal("-96.13420"),
        )
    peticion(local(2023, 10, 5), categoria=baches, colonia=colonia)  # no point: its colonia's centroid
    peticion(local(2023, 10, 6), categoria=basura, latitud=Decimal("19.17310"), longitud=Decimal("-96.13420"))
    peticion(local(2023, 8, 6), categoria=baches, latitud=Decimal("19.17310"), longitud=Decimal("-96.13420"))

    client.force_login(director)
    datos = client.get(
        reverse("indicadores:mapa_datos"), {"desde": "2023-10", "hasta": "2023-10", "categoria": baches.pk, "zoom": 13}
    ).json()

    assert sorted(datos["puntos"]) == [[19.173, -96.134, 3], [19.18, -96.14, 1]]
    assert (datos["total"], datos["maximo"], datos["celdas"], datos["precision"]) == (4, 3, 2, 3)
    assert datos["referencia"] == 3


def test_filtro_invalido_del_mapa_responde_400_con_el_error(client, director):
    client.force_login(director)
    respuesta = client.get(reverse("indicadores:mapa_datos"), {"categoria": "999999"})
    assert respuesta.status_code == 400
    assert respuesta.json()["errores"] == ["Esa categoría no existe."]


def test_pagina_del_mapa_carga_leaflet_vendorizado(client, director):
    client.force_login(director)
    html = client.get(reverse("indicadores:mapa")).content.decode()
    assert "vendor/leaflet-1.9.4/leaflet.js" in html and "vendor/leaflet.heat-0.2.0/leaflet-heat.js" in html
    assert "Mapa de calor de peticiones" in html


def test_zona_visible_limita_las_celdas(client, director):
    peticion(local(2023, 10, 2), latitud=Decimal("19.17310"), longitud=Decimal("-96.13420"))
    peticion(local(2023, 10, 3), latitud=Decimal("19.25000"), longitud=Decimal("-96.30000"))
    client.force_login(director)
    url = reverse("indicadores:mapa_datos")
    datos = client.get(url, {"desde": "2023-10", "hasta": "2023-10", "zoom": 16, "caja": "19.16,-96.14,19.18,-96.12"})
    assert datos.json()["puntos"] == [[19.1731, -96.1342, 1]]
    assert client.get(url, {"caja": "norte"}).json()["errores"] == [
        "La zona del mapa debe ser «sur,oeste,norte,este» en grados."
    ]
