"""Public /consulta/: folio + last 4 phone digits; wrong pairs answer like missing folios; rate-limited."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from peticiones.acciones import transiciones as t
from peticiones.views.consulta import NO_ENCONTRADA

from .escenario_turnado import crear_escenario

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sin_limite_previo():
    cache.clear()


@pytest.fixture
def escena():
    escena = crear_escenario()
    ciudadano = escena.peticion.ciudadano
    ciudadano.nombre, ciudadano.apellidos, ciudadano.telefono = "Rosa", "Martínez Ochoa", "2291234567"
    ciudadano.correo = "rosa@example.mx"
    ciudadano.save()
    t.turnar(escena.peticion, escena.supervisor, escena.direccion, nota="Nota interna: la señora Rosa es insistente")
    t.iniciar(escena.peticion, escena.enlace)
    t.marcar_atendida(escena.peticion, escena.enlace, "Se instaló una lámpara LED nueva")
    return escena


def _consultar(client, folio, digitos, **extra):
    return client.post(reverse("consulta_folio"), {"folio": folio, "telefono": digitos}, **extra)


def test_muestra_estado_y_linea_de_tiempo_sin_datos_personales(client, escena):
    html = _consultar(client, escena.peticion.folio, "4567").content.decode()
    assert "Atendida" in html and "Se instaló una lámpara LED nueva" in html
    assert "Turnada a Dirección de Alumbrado Público" in html and "En proceso en" in html
    for privado in [
        "Rosa",
        "Martínez",
        "2291234567",
        "rosa@example.mx",
        "Nota interna",
        "Av. Independencia",
        "Patricia",
    ]:
        assert privado not in html, privado


def test_acepta_el_folio_sin_ceros(client, escena):
    anio, numero = escena.peticion.folio.split("-")
    assert "Se instaló una lámpara" in _consultar(client, f"{anio}-{int(numero)}", "4567").content.decode()


def test_par_equivocado_responde_igual_que_folio_inexistente(client, escena):
    equivocado = _consultar(client, escena.peticion.folio, "0000")
    inexistente = _consultar(client, "2031-999999", "4567")
    assert equivocado.status_code == inexistente.status_code == 200
    assert NO_ENCONTRADA in equivocado.content.decode()

    def sin_eco(respuesta):  # the page echoes what was typed; the rest must be identical
        html = respuesta.content.decode()
        for typed in (escena.peticion.folio, "0000", "2031-999999", "4567"):
            html = html.replace(typed, "")
        return html.split('name="csrfmiddlewaretoken"')[0]

    assert sin_eco(equivocado) == sin_eco(inexistente)


def test_improcedente_nunca_se_muestra_como_atendida(client):
    escena = crear_escenario()
    escena.peticion.ciudadano.telefono = "2299998888"
    escena.peticion.ciudadano.save()
    t.declarar_improcedente(escena.peticion, escena.supervisor, "El predio es particular")
    html = _consultar(client, escena.peticion.folio, "8888").content.decode()
    assert "No es posible atender (improcedente)" in html
    assert "Lo decidió Dirección de Alumbrado Público: El predio es particular" in html
    assert "Atendida" not in html


def test_limite_de_consultas_por_direccion(client, escena, settings):
    settings.SIRC_CONSULTA_LIMITE = 3
    for _ in range(3):
        assert _consultar(client, "2031-000001", "1111").status_code == 200
    bloqueada = _consultar(client, escena.peticion.folio, "4567")
    assert bloqueada.status_code == 429 and "Demasiadas consultas" in bloqueada.content.decode()
    assert "Se instaló" not in bloqueada.content.decode()
    # Another address is not affected.
    otra = _consultar(client, escena.peticion.folio, "4567", REMOTE_ADDR="10.0.0.9")
    assert otra.status_code == 200 and "Se instaló" in otra.content.decode()


def test_la_pagina_es_publica(client):
    respuesta = client.get(reverse("consulta_folio"))
    assert respuesta.status_code == 200 and "Consulte su folio" in respuesta.content.decode()


def test_detras_del_proxy_cuenta_la_direccion_del_ciudadano_no_la_del_proxy(client, escena, settings):
    settings.SIRC_CONSULTA_LIMITE = 2
    settings.SIRC_PROXIES_DE_CONFIANZA = ["10.0.0.0/24"]
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(2):
        _consultar(client, "2031-000001", "1111", HTTP_X_FORWARDED_FOR="200.1.1.1", **proxy)
    # Another citizen behind the same proxy is not blocked…
    assert (
        _consultar(client, escena.peticion.folio, "4567", HTTP_X_FORWARDED_FOR="200.2.2.2", **proxy).status_code == 200
    )
    # …and the first one cannot dodge the limit by writing a fake address at the left of the header.
    evasion = _consultar(client, escena.peticion.folio, "4567", HTTP_X_FORWARDED_FOR="1.2.3.4, 200.1.1.1", **proxy)
    assert evasion.status_code == 429


def test_sin_almacen_de_limites_la_consulta_se_rechaza_en_espanol(client, escena, settings):
    """Fail closed: with the store of the limits unreachable no anonymous lookup is answered (503, Spanish)."""
    settings.SIRC_LIMITES_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    respuesta = _consultar(client, escena.peticion.folio, "4567")
    assert respuesta.status_code == 503
    texto = respuesta.content.decode()
    assert "Por el momento no podemos atender esta consulta" in texto
    assert "Se instaló una lámpara LED nueva" not in texto
    assert respuesta["Retry-After"] == "120"


def test_muchos_fallos_sobre_un_folio_pausan_su_consulta_desde_cualquier_direccion(client, escena, settings):
    settings.SIRC_CONSULTA_FALLOS_POR_FOLIO = 3
    folio = escena.peticion.folio
    for i in range(3):
        respuesta = _consultar(client, folio, f"000{i}", REMOTE_ADDR=f"200.0.0.{i}")
        assert respuesta.status_code == 200 and NO_ENCONTRADA in respuesta.content.decode()
    # Even the right digits from a fresh address wait for the window: nobody guesses 4 digits from many addresses.
    bloqueada = _consultar(client, folio, "4567", REMOTE_ADDR="200.0.0.99")
    assert bloqueada.status_code == 429
    assert "Llame a la Línea 072" in bloqueada.content.decode()
    assert "Se instaló una lámpara LED nueva" not in bloqueada.content.decode()
    # Another folio is not affected.
    assert _consultar(client, "2031-000001", "1111", REMOTE_ADDR="200.0.0.99").status_code == 200
