"""Administrators add years to the PAT by copying a programme; the admin shows and edits it."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from indicadores.copiar import asegurar_programa, copiar_programa
from indicadores.models import Programa
from peticiones import roles

from .factories import UsuarioFactory

pytestmark = pytest.mark.django_db


def test_copiar_el_pat_a_otro_anio_copia_actividades_calendario_e_indicadores():
    pat = Programa.objects.get(anio=2023)
    nuevo = copiar_programa(pat, 2024)
    assert nuevo.pk != pat.pk and nuevo.nombre == pat.nombre
    assert nuevo.actividades.count() == 9 and nuevo.indicadores.count() == 8
    primera = nuevo.actividades.get(numero=1)
    assert primera.metas.get(mes=1).cantidad == 2907
    assert all(i.actividad.programa_id == nuevo.pk for i in nuevo.indicadores.all())
    assert pat.actividades.count() == 9  # the original is untouched
    with pytest.raises(IntegrityError):
        copiar_programa(pat, 2024)


def test_asegurar_programa_usa_el_anio_anterior_mas_cercano():
    assert asegurar_programa(2026).indicadores.count() == 8
    assert asegurar_programa(2026).pk == Programa.objects.get(anio=2026).pk
    assert asegurar_programa(2019) is None


def test_administrador_edita_el_programa_y_copia_al_anio_siguiente(client):
    client.force_login(UsuarioFactory(rol=roles.ADMINISTRADOR, is_staff=True, is_superuser=True))
    pat = Programa.objects.get(anio=2023)
    assert client.get(reverse("admin:indicadores_programa_change", args=[pat.pk])).status_code == 200
    respuesta = client.post(
        reverse("admin:indicadores_programa_changelist"),
        {"action": "copiar_al_anio_siguiente", "_selected_action": [pat.pk]},
        follow=True,
    )
    assert "Se creó el programa 2024" in respuesta.content.decode()


def test_reportes_emitidos_son_de_solo_lectura_en_el_admin(client):
    client.force_login(UsuarioFactory(rol=roles.ADMINISTRADOR, is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:indicadores_reportemensual_add")).status_code == 403
