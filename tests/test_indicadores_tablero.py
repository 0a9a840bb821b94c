"""The dashboard shows received/attended by month, %, median and p90 attention time, overdue by
dirección, by channel and by colonia, for the period and dirección chosen."""

from datetime import timedelta

import pytest
from django.urls import reverse

from indicadores import tablero
from indicadores.periodos import Mes
from peticiones.models import Peticion

from .factories import CanalFactory, CategoriaFactory, ColoniaFactory, DireccionFactory
from .indicadores_datos import local, peticion

pytestmark = pytest.mark.django_db

PERIODO = {"desde": "2023-09", "hasta": "2023-10"}


@pytest.fixture
def datos():
    """Alumbrado attends 10 requests in October taking 1..10 hours; Obras has 2 open overdue."""
    alumbrado = CategoriaFactory(nombre="Luminaria apagada", direccion=DireccionFactory(nombre="Alumbrado Público"))
    obras = CategoriaFactory(nombre="Bache", direccion=DireccionFactory(nombre="Obras Públicas"))
    whatsapp = CanalFactory(clave="whatsapp", nombre="WhatsApp")
    centro = ColoniaFactory(nombre="Centro")
    for horas in range(1, 11):
        recibida = local(2023, 10, horas + 1)
        peticion(recibida, atendida=recibida + timedelta(hours=horas), categoria=alumbrado, colonia=centro)
    for dia in (3, 4):
        peticion(local(2023, 10, dia), categoria=obras, canal=whatsapp)
    peticion(local(2023, 9, 15), atendida=local(2023, 9, 16), categoria=obras)
    peticion(local(2023, 12, 1), categoria=obras)  # outside the period
    return {"alumbrado": alumbrado, "obras": obras}


def test_mediana_y_percentil_90_por_direccion(datos):
    octubre = Mes(2023, 10)
    filas = {
        f["direccion"]: f
        for f in tablero.por_direccion(Peticion.objects.all(), octubre.inicio, octubre.fin, local(2023, 11, 20))
    }
    alumbrado = filas["Alumbrado Público"]
    assert alumbrado["mediana_horas"] == 5.5  # hours 1..10
    assert float(alumbrado["p90_horas"]) == pytest.approx(9.1)  # percentile_cont(0.9) of 1..10
    assert (alumbrado["recibidas"], alumbrado["atendidas"], alumbrado["vencidas"]) == (10, 10, 0)
    assert filas["Obras Públicas"]["vencidas"] == 2
    assert filas["Obras Públicas"]["mediana_horas"] is None


def test_tablero_muestra_las_cifras_del_periodo(client, director, datos):
    client.force_login(director)
    respuesta = client.get(reverse("indicadores:tablero"), PERIODO)
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    resumen = respuesta.context["resumen"]
    assert (resumen["recibidas"], resumen["atendidas"], resumen["vencidas"]) == (13, 11, 2)
    assert resumen["mediana_horas"] == 6  # 1..10 hours and one of 24 hours
    assert 'data-cifra="recibidas">13<' in html
    assert 'data-cifra="porcentaje">84.6 %<' in html
    assert "Percentil 90" in html and "9 de cada 10" in html  # the definition is beside the figure
    meses = {m["mes"].clave: m for m in respuesta.context["meses"]}
    assert (meses["2023-09"]["recibidas"], meses["2023-09"]["atendidas"]) == (1, 1)
    assert (meses["2023-10"]["recibidas"], meses["2023-10"]["atendidas"]) == (12, 10)
    canales = {c["canal"]: c["recibidas"] for c in respuesta.context["canales"]}
    assert canales["WhatsApp"] == 2
    colonias = {c["colonia"]: c["recibidas"] for c in respuesta.context["colonias"]}
    assert colonias["Centro"] == 10


def test_filtro_por_direccion(client, director, datos):
    client.force_login(director)
    respuesta = client.get(reverse("indicadores:tablero"), {**PERIODO, "direccion": datos["obras"].direccion_id})
    resumen = respuesta.context["resumen"]
    assert (resumen["recibidas"], resumen["atendidas"], resumen["vencidas"]) == (3, 1, 2)
    assert [d["direccion"] for d in respuesta.context["direcciones"]] == ["Obras Públicas"]


def test_filtro_invalido_muestra_error_y_conserva_lo_escrito(client, director):
    client.force_login(director)
    respuesta = client.get(reverse("indicadores:tablero"), {"desde": "2023-13", "hasta": "2023-10"})
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "no es un mes válido" in html
    assert 'value="2023-13"' in html

    respuesta = client.get(reverse("indicadores:tablero"), {"desde": "2023-11", "hasta": "2023-10"})
    assert "debe ser anterior o igual" in respuesta.content.decode()


def test_consultas_del_tablero_no_crecen_con_los_datos(client, director, datos, django_assert_max_num_queries):
    client.force_login(director)
    with django_assert_max_num_queries(20):
        client.get(reverse("indicadores:tablero"), PERIODO)


def test_tablero_sin_datos_se_muestra_sin_errores(client, director):
    client.force_login(director)
    respuesta = client.get(reverse("indicadores:tablero"))
    assert respuesta.status_code == 200
    assert "No hay folios en el periodo." in respuesta.content.decode()
