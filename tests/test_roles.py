"""Roles are groups created by migration; each role's home and menu show only what it may use."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from peticiones import roles


@pytest.mark.django_db
def test_la_migracion_crea_los_siete_roles_con_permisos():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)
    operador = Group.objects.get(name=roles.OPERADOR)
    assert operador.permissions.filter(codename="capturar_peticion").exists()
    assert not operador.permissions.filter(codename="ver_indicadores").exists()
    director = Group.objects.get(name=roles.DIRECTOR)
    assert director.permissions.filter(codename="ver_indicadores").exists()
    assert not director.permissions.filter(codename__startswith="add_").exists()


@pytest.mark.django_db
def test_sin_sesion_el_inicio_lleva_al_login(client):
    respuesta = client.get(reverse("inicio"))
    assert respuesta.status_code == 302
    assert respuesta.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_login_en_espanol_rechaza_contrasena_equivocada(client, operador):
    respuesta = client.post(reverse("login"), {"username": "operador", "password": "equivocada"})
    assert respuesta.status_code == 200
    assert "Por favor introduzca" in respuesta.content.decode()
    assert 'value="operador"' in respuesta.content.decode()


@pytest.mark.django_db
def test_el_inicio_muestra_el_rol(client, operador):
    client.force_login(operador)
    html = client.get(reverse("inicio")).content.decode()
    assert "Rol: <strong>Operador</strong>" in html


@pytest.mark.django_db
def test_usuario_sin_rol_no_ve_menu_de_trabajo(client, django_user_model):
    usuario = django_user_model.objects.create_user("sinrol", password="x")
    client.force_login(usuario)
    html = client.get(reverse("inicio")).content.decode()
    assert "aún no tiene un rol asignado" in html
    assert "Administración" not in html


@pytest.mark.django_db
def test_salir_por_post_cierra_la_sesion(client, operador):
    client.force_login(operador)
    respuesta = client.post(reverse("logout"))
    assert respuesta.status_code == 302
    assert client.get(reverse("inicio")).status_code == 302


@pytest.mark.django_db
def test_administrador_entra_al_admin_en_espanol(client, usuario_de_rol):
    admin = usuario_de_rol(roles.ADMINISTRADOR, username="adminsirc", is_staff=True)
    client.force_login(admin)
    respuesta = client.get(reverse("admin:index"))
    assert respuesta.status_code == 200
    assert "Catálogos y usuarios" in respuesta.content.decode()
    assert client.get(reverse("admin:peticiones_colonia_changelist")).status_code == 200
