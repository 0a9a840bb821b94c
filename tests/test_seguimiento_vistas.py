"""The operator's screens: only follow-up roles get in; the call screen shows what the call needs."""

import pytest
from django.urls import reverse

from peticiones import roles
from peticiones.models import LlamadaSeguimiento, Peticion

from .factories import UsuarioFactory
from .seguimiento_utiles import llamada_vencida, peticion_atendida, tomar

pytestmark = pytest.mark.django_db

Estado = LlamadaSeguimiento.Estado


@pytest.mark.parametrize("rol", [roles.ENLACE, roles.DIRECTOR, roles.JEFE_MANZANA, roles.JEFE_CUARTEL])
def test_roles_sin_hacer_seguimiento_no_entran(client, rol):
    llamada = llamada_vencida()
    client.force_login(UsuarioFactory(rol=rol))
    assert client.get(reverse("peticiones:seguimiento")).status_code == 403
    assert client.post(reverse("peticiones:seguimiento_siguiente")).status_code == 403
    assert client.get(reverse("peticiones:seguimiento_llamada", args=[llamada.pk])).status_code == 403
    assert client.get(reverse("peticiones:seguimiento_visitas")).status_code == 403
    llamada.refresh_from_db()
    assert llamada.estado == Estado.PENDIENTE


def test_sin_sesion_lleva_al_login(client):
    respuesta = client.get(reverse("peticiones:seguimiento"))
    assert respuesta.status_code == 302 and reverse("login") in respuesta.url


@pytest.mark.parametrize("rol", [roles.OPERADOR, roles.SUPERVISOR])
def test_el_menu_muestra_seguimiento_a_quien_lo_hace(client, rol):
    client.force_login(UsuarioFactory(rol=rol))
    html = client.get(reverse("inicio")).content.decode()
    assert reverse("peticiones:seguimiento") in html


def test_siguiente_llamada_lleva_a_la_pantalla_con_telefono_y_resolucion(client, operador):
    llamada = llamada_vencida()
    client.force_login(operador)
    html = client.get(reverse("peticiones:seguimiento")).content.decode()
    assert "Siguiente llamada" in html and 'id="por-llamar">1<' in html
    respuesta = client.post(reverse("peticiones:seguimiento_siguiente"))
    assert respuesta.url == reverse("peticiones:seguimiento_llamada", args=[llamada.pk])
    html = client.get(respuesta.url).content.decode()
    peticion = llamada.peticion
    assert peticion.folio in html
    assert peticion.ciudadano.telefono in html
    assert "Se cambió la luminaria por una LED de 100 W." in html
    assert "intento 1 de 3" in html


def test_cola_vacia_avisa(client, operador):
    client.force_login(operador)
    respuesta = client.post(reverse("peticiones:seguimiento_siguiente"), follow=True)
    assert "No hay llamadas de seguimiento pendientes" in respuesta.content.decode()


def test_formulario_rechazado_conserva_lo_escrito(client, operador):
    llamada = llamada_vencida()
    tomar(operador)
    client.force_login(operador)
    url = reverse("peticiones:seguimiento_llamada", args=[llamada.pk])
    respuesta = client.post(
        url, {"resultado": "contactado", "se_resolvio": "no", "satisfaccion": "2", "comentario": ""}
    )
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "Escriba qué falta según el ciudadano" in html
    assert 'value="contactado" id="id_resultado_0" required checked' in html
    assert 'value="no" id="id_se_resolvio_1" checked' in html
    assert 'value="2" id="id_satisfaccion_3" checked' in html
    llamada.refresh_from_db()
    assert llamada.estado == Estado.EN_CURSO
    respuesta = client.post(url, {})
    assert "Elija el resultado de la llamada." in respuesta.content.decode()


def test_registrar_no_se_resolvio_desde_la_pantalla(client, operador):
    llamada = llamada_vencida()
    tomar(operador)
    client.force_login(operador)
    respuesta = client.post(
        reverse("peticiones:seguimiento_llamada", args=[llamada.pk]),
        {"resultado": "contactado", "se_resolvio": "no", "satisfaccion": "1", "comentario": "La lámpara sigue apagada"},
        follow=True,
    )
    assert "regresó a" in respuesta.content.decode()
    assert Peticion.objects.get(pk=llamada.peticion_id).estado == Peticion.Estado.TURNADA


def test_guardar_y_siguiente_entrega_la_proxima(client, operador):
    primera = llamada_vencida()
    segunda = llamada_vencida()
    tomar(operador)
    client.force_login(operador)
    respuesta = client.post(
        reverse("peticiones:seguimiento_llamada", args=[primera.pk]), {"resultado": "no_contesta", "y_siguiente": "1"}
    )
    assert respuesta.url == reverse("peticiones:seguimiento_llamada", args=[segunda.pk])


def test_no_se_registra_una_llamada_ajena(client, operador, supervisor):
    llamada = llamada_vencida()
    tomar(supervisor)
    client.force_login(operador)
    respuesta = client.post(
        reverse("peticiones:seguimiento_llamada", args=[llamada.pk]), {"resultado": "no_contesta"}, follow=True
    )
    assert "ya no está a su nombre" in respuesta.content.decode()
    llamada.refresh_from_db()
    assert llamada.estado == Estado.EN_CURSO and llamada.tomada_por == supervisor


def test_visita_desde_el_formulario_y_errores_en_espanol(client, operador):
    peticion = peticion_atendida()
    client.force_login(operador)
    url = reverse("peticiones:seguimiento_visita_nueva")
    respuesta = client.post(url, {"folio": "2020-999999", "realizada_por": operador.pk, "resultado": "contactado"})
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "No existe el folio 2020-999999" in html and 'value="2020-999999"' in html
    respuesta = client.post(
        url,
        {
            "folio": peticion.folio.lower(),
            "realizada_por": operador.pk,
            "fecha_visita": "2026-01-10T10:30",
            "resultado": "contactado",
            "se_resolvio": "si",
            "satisfaccion": "5",
        },
        follow=True,
    )
    assert f"Visita al folio {peticion.folio} registrada" in respuesta.content.decode()
    peticion.refresh_from_db()
    assert peticion.estado == Peticion.Estado.CERRADA


def test_lista_de_visitas_muestra_las_pendientes_por_numero_equivocado(client, operador, django_assert_max_num_queries):
    for _ in range(3):
        llamada = llamada_vencida()
        LlamadaSeguimiento.objects.filter(pk=llamada.pk).update(estado=Estado.NUMERO_EQUIVOCADO)
    client.force_login(operador)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("peticiones:seguimiento_visitas")).content.decode()
    assert "Por visitar (3)" in html and llamada.peticion.folio in html


def test_las_visitas_pendientes_se_filtran_por_colonia(client, operador):
    from .factories import CiudadanoFactory

    sin_telefono = [peticion_atendida(ciudadano=CiudadanoFactory(telefono="")) for _ in range(2)]
    client.force_login(operador)
    html = client.get(reverse("peticiones:seguimiento_visitas"), {"colonia": sin_telefono[0].colonia_id}).content
    html = html.decode()
    assert sin_telefono[0].folio in html and sin_telefono[1].folio not in html


def test_la_pagina_del_folio_muestra_el_seguimiento(client, operador):
    llamada = llamada_vencida()
    tomar(operador)
    from peticiones.acciones import seguimiento

    seguimiento.registrar_resultado(
        llamada, operador, Estado.CONTACTADO, se_resolvio=False, satisfaccion=2, comentario="Sigue fallando"
    )
    client.force_login(operador)
    html = client.get(reverse("peticiones:detalle", args=[llamada.peticion.folio])).content.decode()
    assert "Seguimiento con el ciudadano" in html
    assert "no se resolvió" in html and "satisfacción 2/5" in html and "«Sigue fallando»" in html
    enlace = UsuarioFactory(rol=roles.ENLACE)
    llamada.peticion.direccion.enlaces.add(enlace)
    client.force_login(enlace)
    assert (
        "Seguimiento con el ciudadano"
        not in client.get(reverse("peticiones:detalle", args=[llamada.peticion.folio])).content.decode()
    )
