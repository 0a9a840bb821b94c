"""Each role's home page counts the requests it may see: open, overdue and its own pending work."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from peticiones import roles
from peticiones.models import Peticion
from peticiones.resumen import cifras_de_inicio

from .factories import CategoriaFactory, JefeManzanaFactory, PeticionFactory, UsuarioFactory

Estado = Peticion.Estado


def _vencida(**kwargs) -> Peticion:
    hace_dos_dias = timezone.now() - timedelta(days=2)
    return PeticionFactory(fecha_recepcion=hace_dos_dias, **kwargs)


@pytest.fixture
def obras_y_alumbrado(db):
    """Obras: one overdue turnada, one atendida. Alumbrado: one recibida today, one cerrada."""
    obras = CategoriaFactory(nombre="Bache")
    alumbrado = CategoriaFactory(nombre="Luminaria apagada")
    _vencida(categoria=obras, estado=Estado.TURNADA)
    PeticionFactory(categoria=obras, estado=Estado.ATENDIDA)
    PeticionFactory(categoria=alumbrado, estado=Estado.RECIBIDA)
    PeticionFactory(categoria=alumbrado, estado=Estado.CERRADA)
    return obras.direccion, alumbrado.direccion


def _como_dict(usuario) -> dict[str, int]:
    return {c.etiqueta: c.valor for c in cifras_de_inicio(usuario)}


def test_operador_ve_abiertas_vencidas_por_turnar_y_por_confirmar(obras_y_alumbrado):
    assert _como_dict(UsuarioFactory(rol=roles.OPERADOR)) == {
        "Abiertas": 2,
        "Vencidas": 1,
        "Por turnar": 1,
        "Atendidas por confirmar": 1,
    }


def test_enlace_solo_cuenta_las_de_su_direccion(obras_y_alumbrado):
    obras, _alumbrado = obras_y_alumbrado
    enlace = UsuarioFactory(rol=roles.ENLACE)
    obras.enlaces.add(enlace)
    assert _como_dict(enlace) == {"Abiertas": 1, "Vencidas": 1, "Turnadas sin iniciar": 1}


def test_director_ve_recibidas_hoy_y_no_bandejas_operativas(obras_y_alumbrado):
    cifras = _como_dict(UsuarioFactory(rol=roles.DIRECTOR))
    assert cifras == {"Abiertas": 2, "Vencidas": 1, "Recibidas hoy": 3}


def test_jefe_de_manzana_cuenta_las_que_presento_no_las_ajenas_de_su_colonia(obras_y_alumbrado):
    usuario = UsuarioFactory(rol=roles.JEFE_MANZANA)
    jefe = JefeManzanaFactory(usuario=usuario)
    PeticionFactory(gestor=jefe, colonia=jefe.colonia)
    _vencida(gestor=jefe, colonia=jefe.colonia, estado=Estado.EN_PROCESO)
    _vencida(colonia=jefe.colonia, estado=Estado.EN_PROCESO)  # a neighbour's, filed by the 072 line
    assert _como_dict(usuario) == {"Abiertas": 2, "Vencidas": 1, "Presentadas por mí": 2}


def test_usuario_sin_rol_no_ve_cifras(obras_y_alumbrado, client):
    usuario = UsuarioFactory()
    assert cifras_de_inicio(usuario) == []
    client.force_login(usuario)
    assert "Peticiones a su alcance" not in client.get(reverse("inicio")).content.decode()


def test_las_cifras_cuestan_una_consulta(obras_y_alumbrado, django_assert_num_queries):
    obras, _alumbrado = obras_y_alumbrado
    enlace = UsuarioFactory(rol=roles.ENLACE)
    obras.enlaces.add(enlace)
    cifras_de_inicio(enlace)  # loads the user's permissions (cached on the user, as in a request)
    with django_assert_num_queries(1):
        cifras_de_inicio(enlace)


def test_la_pagina_de_inicio_muestra_las_cifras_y_marca_las_vencidas(obras_y_alumbrado, client):
    supervisor = UsuarioFactory(rol=roles.SUPERVISOR)
    client.force_login(supervisor)
    html = client.get(reverse("inicio")).content.decode()
    assert "Peticiones a su alcance" in html
    assert '<li class="cifra cifra-alerta">' in html  # one overdue: drawn in red
    assert re.search(r'cifra-valor">2</span>\s*<span class="cifra-etiqueta">Abiertas</span>', html)


def test_un_rol_sin_pantallas_aun_no_recibe_el_aviso_de_sin_rol(db, client):
    client.force_login(UsuarioFactory(rol=roles.ENLACE))
    html = client.get(reverse("inicio")).content.decode()
    assert "Enlace de Dirección" in html
    assert "aún no tiene un rol asignado" not in html
