"""Hostile input never answers 500: NUL bytes in paths, query strings and form fields, numbers out of range,
and form values that a database check constraint would refuse (the form refuses them first, in Spanish)."""

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from peticiones import roles
from peticiones.models import Peticion, VisitaDomiciliaria

from .factories import CategoriaFactory, JefeManzanaFactory, PeticionFactory, TipoPeticionFactory, UsuarioFactory
from .seguimiento_utiles import peticion_atendida

pytestmark = pytest.mark.django_db


@pytest.fixture
def jefe_manzana():
    usuario = UsuarioFactory(rol=roles.JEFE_MANZANA, username="jm-hostil")
    return JefeManzanaFactory(usuario=usuario)


@pytest.mark.parametrize(
    "ruta",
    ["/verificar/ab%00cd/", "/verificar/ab%00cd/foto/", "/consulta/?folio=a%00&ultimos4=12%0034"],
)
def test_nulo_en_paginas_publicas_es_400_en_espanol(client, ruta):
    respuesta = client.get(ruta)
    assert respuesta.status_code == 400
    assert "carácter nulo" in respuesta.content.decode()


@pytest.mark.parametrize(
    "ruta",
    [
        "/peticiones/folio/%00/",
        "/peticiones/folio/%00/acuse.pdf",
        "/peticiones/capturada/%00/",
        "/peticiones/bandeja/atencion/?q=a%00b",
        "/peticiones/?q=%00",
    ],
)
def test_nulo_en_rutas_del_personal_es_400(client, supervisor, ruta):
    client.force_login(supervisor)
    assert client.get(ruta).status_code == 400


@pytest.mark.parametrize("ruta", ["/jefes-manzana/mis-peticiones/%00/", "/jefes-manzana/mis-peticiones/?folio=a%00"])
def test_nulo_en_mis_peticiones_es_400(client, jefe_manzana, ruta):
    client.force_login(jefe_manzana.usuario)
    assert client.get(ruta).status_code == 400


def test_nulo_en_la_respuesta_de_una_queja_es_error_en_espanol(client, supervisor):
    queja = PeticionFactory(tipo=TipoPeticionFactory(clave="queja", nombre="Queja", para_supervisor=True))
    client.force_login(supervisor)
    respuesta = client.post(
        reverse("peticiones:queja_atender", args=[queja.pk]),
        {"accion": "atender", "respuesta": "Se habló\x00 con él"},
        follow=True,
    )
    assert respuesta.status_code == 200
    assert "Caracteres nulos no están permitidos" in respuesta.content.decode()
    assert Peticion.objects.get(pk=queja.pk).estado == Peticion.Estado.RECIBIDA


def test_nulo_en_un_campo_de_formulario_es_error_junto_al_campo(client, operador):
    client.force_login(operador)
    respuesta = client.post(
        reverse("peticiones:seguimiento_visita_nueva"), {"folio": "2026\x00", "resultado": "contactado"}
    )
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "Caracteres nulos no están permitidos" in html and 'value="2026"' not in html


@pytest.mark.parametrize("latitud", ["1e309", "-1e309", "inf", "nan", "91", "1" + "0" * 400])
def test_coordenadas_fuera_de_rango_en_duplicados(client, operador, latitud):
    categoria = CategoriaFactory()
    client.force_login(operador)
    respuesta = client.get(
        reverse("peticiones:captura_duplicados"),
        {"categoria": categoria.pk, "latitud": latitud, "longitud": "-96.13"},
    )
    assert respuesta.status_code in (200, 400)


@pytest.mark.parametrize(
    "ruta",
    [
        "/peticiones/?pagina=99999999999999999999999",
        "/peticiones/?categoria=99999999999999999999999",
        "/peticiones/?direccion=-99999999999999999999999",
        "/peticiones/captura/duplicados/?categoria=99999999999999999999999&colonia=1",
        "/peticiones/bandeja/atencion/?pagina=1e309",
        "/peticiones/seguimiento/visitas/?colonia=99999999999999999999999",
    ],
)
def test_enteros_enormes_en_la_consulta(client, supervisor, ruta):
    client.force_login(supervisor)
    assert client.get(ruta).status_code < 500


def test_visita_contactada_sin_decir_si_se_resolvio_es_error_del_formulario(client, operador):
    peticion = peticion_atendida()
    client.force_login(operador)
    respuesta = client.post(
        reverse("peticiones:seguimiento_visita_nueva"),
        {
            "folio": peticion.folio,
            "realizada_por": operador.pk,
            "fecha_visita": "2026-01-10T10:00",
            "resultado": "contactado",
            "se_resolvio": "",
        },
    )
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "Indique si el ciudadano dice que se resolvió" in html
    assert f'value="{peticion.folio}"' in html
    assert not VisitaDomiciliaria.objects.exists()


def test_cada_restriccion_de_la_base_tiene_mensaje_en_espanol():
    """Model forms (admin included) validate constraints; each has a Spanish message, not Django's default."""
    sin_mensaje = []
    for modelo in apps.get_models():
        if modelo._meta.app_label not in ("peticiones", "jefes_manzana", "indicadores"):
            continue
        for restriccion in modelo._meta.constraints:
            if isinstance(restriccion, models.CheckConstraint | models.UniqueConstraint):
                mensaje = str(restriccion.violation_error_message or "")
                if not mensaje or restriccion.violation_error_message == restriccion.default_violation_error_message:
                    sin_mensaje.append(f"{modelo.__name__}.{restriccion.name}")
    assert not sin_mensaje, sin_mensaje
