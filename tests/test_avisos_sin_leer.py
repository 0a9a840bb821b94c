"""The "Avisos" menu entry shows how many in-app notices the user has not read: one cheap query per page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peticiones import roles
from peticiones.models import Notificacion

from .factories import PeticionFactory, UsuarioFactory

pytestmark = pytest.mark.django_db

INSIGNIA = re.compile(r'Avisos <span class="insignia">(\d+)<span class="saltar"> sin leer</span></span>')


def _aviso(usuario, numero: int, canal: str = Notificacion.Canal.APP, leida: bool = False) -> Notificacion:
    return Notificacion.objects.create(
        peticion=PeticionFactory(),
        motivo=Notificacion.Motivo.VENCIDA,
        canal=canal,
        usuario=usuario,
        destinatario=usuario.username,
        asunto=f"Petición vencida {numero}",
        cuerpo="Revise la petición.",
        clave=f"prueba-{usuario.pk}-{numero}-{canal}",
        leida_en=timezone.now() if leida else None,
    )


def _insignia(client) -> str | None:
    html = client.get(reverse("inicio")).content.decode()
    encontrada = INSIGNIA.search(html)
    return encontrada.group(1) if encontrada else None


def _consultas_de_avisos(client, url: str) -> int:
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(url)
    assert respuesta.status_code == 200
    return sum('"peticiones_notificacion"' in c["sql"] for c in consultas.captured_queries)


def test_el_menu_cuenta_solo_los_avisos_propios_sin_leer_y_desaparece_al_leerlos(client):
    enlace = UsuarioFactory(rol=roles.ENLACE)
    _aviso(enlace, 1)
    _aviso(enlace, 2)
    _aviso(enlace, 3, leida=True)
    _aviso(enlace, 4, canal=Notificacion.Canal.CORREO)  # an e-mail is not an in-app notice
    _aviso(UsuarioFactory(rol=roles.ENLACE), 5)  # someone else's
    client.force_login(enlace)
    assert _insignia(client) == "2"

    client.post(reverse("peticiones:marcar_avisos_leidos"))
    assert _insignia(client) is None
    assert "Avisos</a>" in client.get(reverse("inicio")).content.decode()  # the entry stays, without a badge


def test_la_insignia_cuesta_una_consulta_por_pagina(client):
    operador = UsuarioFactory(rol=roles.OPERADOR)
    _aviso(operador, 1)
    client.force_login(operador)
    assert _consultas_de_avisos(client, reverse("inicio")) == 1
    assert _consultas_de_avisos(client, reverse("peticiones:captura")) == 1


def test_sin_sesion_o_sin_la_entrada_avisos_no_se_consulta(client):
    assert _consultas_de_avisos(client, reverse("login")) == 0
    jefe = UsuarioFactory(rol=roles.JEFE_MANZANA)  # no "Avisos" entry in this role's menu
    _aviso(jefe, 1)
    client.force_login(jefe)
    assert _consultas_de_avisos(client, reverse("inicio")) == 0
    assert _insignia(client) is None
