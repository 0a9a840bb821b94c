"""The month's MIR PDF: its text, read back with pypdf, carries the figures computed from the data."""

import io
import re

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from peticiones.models import Evento

from .indicadores_datos import local, peticion

pytestmark = pytest.mark.django_db


def _texto(contenido: bytes) -> str:
    texto = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages)
    return re.sub(r"\s+", " ", texto)


@pytest.fixture
def octubre_2023():
    gira = Evento.objects.create(tipo=Evento.Tipo.GIRA_PRESIDENCIA, nombre="Gira Norte", fecha="2023-10-12")
    for dia in range(1, 13):  # 12 received in October, 9 of them attended
        if dia <= 9:
            peticion(local(2023, 10, dia), atendida=local(2023, 10, dia, 20))
        else:
            peticion(local(2023, 10, dia), evento=gira)
    for dia in (4, 5):  # September: 2 received, 1 attended in September
        peticion(local(2023, 9, dia), atendida=local(2023, 9, dia, 23) if dia == 4 else None)


def test_pdf_del_mes_trae_las_cifras_de_los_datos(client, director, octubre_2023):
    client.force_login(director)
    respuesta = client.get(reverse("indicadores:mir_pdf"), {"mes": "2023-10"})
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    assert 'filename="mir-2023-10.pdf"' in respuesta["Content-Disposition"]
    texto = _texto(respuesta.content)

    # Header: municipio, dirección, programa, periodo.
    assert "Veracruz, Ver." in texto
    assert "Dirección de Atención Ciudadana" in texto
    assert "Programa Municipal de Atención Ciudadana (2023)" in texto
    assert "Periodo octubre 2023" in texto
    # Matrix: 9 attended ÷ 12 received = 75 % against a meta of 85 % → 88.2 % of the meta: amarillo.
    assert "Porcentaje de Solicitudes Ciudadanas Atendidas" in texto
    assert re.search(r"85\.0 % 75\.0 % \(9 / 12\) octubre 2023 88\.2 % Amarillo", texto), texto
    # Gira de Presidencia: 3 requests against 50 (constante) → rojo.
    assert re.search(r"Gira de Presidencia .*?50 3 octubre 2023 6\.0 % Rojo", texto)
    # The Bitácora de Llamadas (issue 5, seguimiento) is a source now: no calls in the data against 1,500.
    assert "Bitácora de Llamadas de Atención" in texto
    assert re.search(
        r"llamadas de seguimiento a solicitudes ciudadanas .*?1,500 1,500 0 octubre 2023 0\.0 % Rojo", texto
    )
    # The figures of the month with their definitions, including the on-time rate trap.
    assert "Solicitudes recibidas 12" in texto
    assert "Atención a tiempo (vencidas abiertas cuentan como tarde) 75.0 %" in texto
    assert "Atención a tiempo sólo de respondidas (referencia) 100.0 %" in texto
    # Calendar as in the PAT, and what SIRC registered (atendidas/recibidas).
    assert "Calendario de Actividades 2023" in texto
    assert "1,287/2,907" in texto and "37,225" in texto  # es-MX, like every figure of the report
    assert "1/2 9/12" in texto  # September and October realized
    # Chart data: received vs attended by month.
    assert "Recibidas vs atendidas por mes, 2023" in texto
    assert re.search(r"Recibidas 0 0 0 0 0 0 0 0 2 12 0 0", texto)
    assert re.search(r"Atendidas 0 0 0 0 0 0 0 0 1 9 0 0", texto)


def test_mes_sin_programa_avisa_en_espanol(client, director):
    client.force_login(director)
    respuesta = client.get(reverse("indicadores:mir_pdf"), {"mes": "2019-05"}, follow=True)
    assert "No hay Programa Anual de Trabajo capturado para 2019" in respuesta.content.decode()


def test_pagina_mir_muestra_matriz_calendario_y_definiciones(client, director, octubre_2023):
    client.force_login(director)
    html = client.get(reverse("indicadores:mir"), {"mes": "2023-10"}).content.decode()
    assert "Matriz de Indicadores para Resultados · octubre 2023" in html
    assert "semaforo-amarillo" in html
    if settings.ES_POSTGRES:
        assert "sin fuente de datos aún" not in html  # every series has its source (llamadas: issue 5)
    else:  # SQLite records no history: only the padrón updates (counted from it) say so
        assert html.count("sin fuente de datos aún") == html.count("El historial de cambios del padrón sólo se")
    assert "abiertos con la fecha límite ya vencida" in html  # definition beside the on-time figure
    assert "1,287/2,907" in html and "37,225" in html


def test_consultas_del_mir_no_crecen_con_los_datos(client, director, octubre_2023, django_assert_max_num_queries):
    client.force_login(director)
    with django_assert_max_num_queries(25):
        client.get(reverse("indicadores:mir_pdf"), {"mes": "2023-10"})
