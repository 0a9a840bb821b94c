"""Quejas y sugerencias about the service itself reach the supervisor's queue, never a dirección."""

import pytest
from django.urls import reverse

from peticiones import roles
from peticiones.acciones import transiciones
from peticiones.acciones.quejas import direccion_atencion_ciudadana
from peticiones.models import Peticion

from .factories import DireccionFactory, PeticionFactory, TipoPeticionFactory, UsuarioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queja():
    tipo = TipoPeticionFactory(clave="queja", nombre="Queja", para_supervisor=True)
    return PeticionFactory(tipo=tipo, descripcion="El operador me colgó la llamada")


def test_una_queja_no_se_turna_a_una_direccion(queja, operador):
    with pytest.raises(transiciones.TransicionInvalida, match="no se turnan a una dirección"):
        transiciones.turnar(queja, operador, DireccionFactory())
    queja.refresh_from_db()
    assert queja.estado == Peticion.Estado.RECIBIDA and not queja.bitacora.exists()
    transiciones.turnar(queja, operador, direccion_atencion_ciudadana())
    assert Peticion.objects.get(pk=queja.pk).estado == Peticion.Estado.TURNADA


def test_una_peticion_comun_se_sigue_turnando(operador):
    peticion = PeticionFactory()
    transiciones.turnar(peticion, operador, peticion.direccion)
    assert Peticion.objects.get(pk=peticion.pk).estado == Peticion.Estado.TURNADA


def test_el_supervisor_ve_la_queja_y_la_atiende(client, queja, supervisor, django_assert_max_num_queries):
    comun = PeticionFactory(descripcion="Bache frente a la escuela")
    PeticionFactory(tipo=queja.tipo, descripcion="Sugiero más líneas telefónicas")
    client.force_login(supervisor)
    with django_assert_max_num_queries(10):
        html = client.get(reverse("peticiones:quejas")).content.decode()
    assert "Sugiero más líneas telefónicas" in html
    assert "El operador me colgó la llamada" in html and "Bache frente a la escuela" not in html
    assert comun.folio not in html
    respuesta = client.post(
        reverse("peticiones:queja_atender", args=[queja.pk]),
        {"accion": "atender", "respuesta": "Se habló con el operador y se le capacitó."},
        follow=True,
    )
    assert f"Folio {queja.folio} atendido" in respuesta.content.decode()
    queja.refresh_from_db()
    assert queja.estado == Peticion.Estado.ATENDIDA
    assert queja.direccion.siglas == "DAC" and not queja.direccion.enlaces.exists()


def test_responder_sin_texto_se_rechaza(client, queja, supervisor):
    client.force_login(supervisor)
    respuesta = client.post(reverse("peticiones:queja_atender", args=[queja.pk]), {"accion": "atender"}, follow=True)
    assert "escriba la respuesta" in respuesta.content.decode()
    assert Peticion.objects.get(pk=queja.pk).estado == Peticion.Estado.RECIBIDA


@pytest.mark.parametrize("rol", [roles.OPERADOR, roles.ENLACE, roles.DIRECTOR, roles.JEFE_MANZANA])
def test_solo_el_supervisor_ve_la_bandeja_de_quejas(client, queja, rol):
    client.force_login(UsuarioFactory(rol=rol))
    assert client.get(reverse("peticiones:quejas")).status_code == 403
    assert client.post(reverse("peticiones:queja_atender", args=[queja.pk]), {"respuesta": "x"}).status_code == 403


def test_capturar_una_queja_la_manda_a_atencion_ciudadana_y_a_la_bandeja_del_supervisor(client, operador, supervisor):
    from peticiones.acciones.captura import DatosCiudadano, capturar

    from .factories import CanalFactory, CategoriaFactory, ColoniaFactory

    tipo = TipoPeticionFactory(clave="sugerencia", nombre="Sugerencia", para_supervisor=True)
    categoria = CategoriaFactory()
    peticion = capturar(
        usuario=operador,
        categoria=categoria,
        colonia=ColoniaFactory(),
        descripcion="Sugiero que el 072 atienda también por WhatsApp",
        ciudadano=DatosCiudadano(nombre="Rosa", apellidos="Landa", telefono="2291234567", acepta_aviso=True),
        tipo=tipo,
        canal=CanalFactory(),
    )
    assert peticion.direccion == direccion_atencion_ciudadana() and peticion.direccion != categoria.direccion
    enlace = UsuarioFactory(rol=roles.ENLACE)
    categoria.direccion.enlaces.add(enlace)
    from peticiones.visibilidad import visibles_para

    assert not visibles_para(enlace).filter(pk=peticion.pk).exists()
    client.force_login(supervisor)
    assert (
        "Sugiero que el 072 atienda también por WhatsApp" in client.get(reverse("peticiones:quejas")).content.decode()
    )


def test_las_quejas_no_aparecen_en_por_turnar(client, queja, operador):
    comun = PeticionFactory()
    client.force_login(operador)
    html = client.get(reverse("peticiones:bandeja_atencion")).content.decode()
    assert comun.folio in html and queja.folio not in html
