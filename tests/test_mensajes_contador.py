"""The «Mensajes» badge (WhatsApp conversations waiting for an operator) costs one query per page, however
many conversations there are, and only for users who see the entry."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peticiones import roles
from peticiones.models import ConversacionWhatsApp, MensajeWhatsApp

pytestmark = pytest.mark.django_db

TABLA = ConversacionWhatsApp._meta.db_table


def _conversaciones(cuantas: int, estado: str = ConversacionWhatsApp.Estado.PENDIENTE) -> None:
    for n in range(cuantas):
        conversacion = ConversacionWhatsApp.objects.create(wa_id=f"52229{estado[:1]}{n:07d}", estado=estado)
        MensajeWhatsApp.objects.create(conversacion=conversacion, sentido="entrante", texto="hola", wa_mensaje_id=None)


def _insignia(html: str) -> str | None:
    encontrado = re.search(r"Mensajes <span class=\"insignia\">(\d+)", html)
    return encontrado.group(1) if encontrado else None


def _consultas_de_la_bandeja(client, url: str) -> tuple[int, int, str]:
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(url)
    assert respuesta.status_code == 200
    de_conversaciones = [q["sql"] for q in consultas.captured_queries if TABLA in q["sql"]]
    return len(consultas.captured_queries), len(de_conversaciones), respuesta.content.decode()


def test_la_insignia_cuenta_las_pendientes_con_una_consulta(client, operador, django_assert_max_num_queries):
    client.force_login(operador)
    client.get("/")  # the session, permissions and catalog caches warm up as on any second page
    total_sin, de_conversaciones, html = _consultas_de_la_bandeja(client, "/")
    assert de_conversaciones == 1 and _insignia(html) is None  # none waiting: no badge, still one query
    _conversaciones(25)
    _conversaciones(5, ConversacionWhatsApp.Estado.ATENDIDA)
    with django_assert_max_num_queries(total_sin):  # 25 waiting conversations add no query to the page
        _, de_conversaciones, html = _consultas_de_la_bandeja(client, "/")
    assert _insignia(html) == "25" and de_conversaciones == 1
    _, de_conversaciones, html = _consultas_de_la_bandeja(client, "/peticiones/mensajes/")
    assert de_conversaciones == 2  # the inbox's own list, plus the badge


def test_quien_no_atiende_mensajes_no_paga_la_consulta(client, usuario_de_rol):
    _conversaciones(3)
    client.force_login(usuario_de_rol(roles.ENLACE))
    client.get("/")
    _, de_conversaciones, html = _consultas_de_la_bandeja(client, "/")
    assert de_conversaciones == 0 and "Mensajes" not in html
