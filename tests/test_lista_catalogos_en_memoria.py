"""The list reads the catalogs from memory: no catalog query per page, and a change shows at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peticiones import cache_catalogos

from .factories import ColoniaFactory, DireccionFactory, PeticionFactory


def test_la_segunda_pagina_no_consulta_catalogos_y_un_cambio_se_ve(client, operador):
    PeticionFactory(colonia=ColoniaFactory(nombre="Centro"))
    client.force_login(operador)
    client.get(reverse("peticiones:lista"))
    with CaptureQueriesContext(connection) as consultas:
        html = client.get(reverse("peticiones:lista")).content.decode()
    tablas = " ".join(c["sql"] for c in consultas.captured_queries)
    assert "Centro" in html
    for tabla in ("peticiones_colonia", "peticiones_direccion", "peticiones_categoria", "peticiones_canal"):
        assert f'FROM "{tabla}"' not in tablas and f'JOIN "{tabla}"' not in tablas
    DireccionFactory(nombre="Dirección de Parques", siglas="DP")
    html = client.get(reverse("peticiones:lista")).content.decode()
    assert "Dirección de Parques" in html  # a new catalog row is in the filter at once


def test_filtro_por_direccion_con_id_invalido_dice_que_no_es_opcion(client, operador):
    PeticionFactory()
    client.force_login(operador)
    respuesta = client.get(reverse("peticiones:lista"), {"direccion": "999999"})
    assert respuesta.status_code == 200
    assert "Seleccione una opción válida" in respuesta.content.decode()


def test_fila_con_catalogo_mas_nuevo_que_la_copia_se_vuelve_a_leer(client, operador):
    colonia = ColoniaFactory(nombre="Recién Creada")
    PeticionFactory(colonia=colonia)
    client.force_login(operador)
    client.get(reverse("peticiones:lista"))  # this process's copy now has the colonia…
    del cache_catalogos._copia["catalogos"].colonias[colonia.pk]  # …as if it had been read just before it existed
    html = client.get(reverse("peticiones:lista")).content.decode()
    assert "Recién Creada" in html
