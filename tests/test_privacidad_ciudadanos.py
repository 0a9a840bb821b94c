"""Nobody silently changes a citizen; the capture needs the aviso de privacidad consent and records it."""

import pytest
from django.core.exceptions import ValidationError

import peticiones.tasks  # noqa: F401  (registers the tasks a capture queues)
from jefes_manzana.captura_gestor import Vecino, presentar_peticion
from peticiones import roles
from peticiones.acciones.captura import ACTUALIZAR, USAR_REGISTRADOS, DatosCiudadano, capturar
from peticiones.models import Ciudadano, Consentimiento, Notificacion, Peticion

from .factories import (
    CanalFactory,
    CategoriaFactory,
    CiudadanoFactory,
    ColoniaFactory,
    JefeManzanaFactory,
    PeticionFactory,
    TipoPeticionFactory,
    UsuarioFactory,
    datos_de_captura,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_en_proceso")]


@pytest.fixture
def jefe():
    usuario = UsuarioFactory(rol=roles.JEFE_MANZANA)
    CanalFactory(clave="jefes-manzana", nombre="Jefes de Manzana")
    return JefeManzanaFactory(usuario=usuario)


def test_jefe_que_teclea_un_telefono_ajeno_no_renombra_a_nadie_ni_avisa_a_ese_telefono(jefe, celery_en_proceso):
    """The scenario of the issue: «Renombrado» with the phone of another request's citizen."""
    dueno = CiudadanoFactory(nombre="Socorro", apellidos="Dueña Real", telefono="2298887766")
    ajena = PeticionFactory(ciudadano=dueno)
    peticion = presentar_peticion(
        usuario=jefe.usuario,
        vecino=Vecino("Renombrado", "Pérez", "2298887766", acepta_aviso=True),
        tipo=TipoPeticionFactory(),
        categoria=CategoriaFactory(),
        descripcion="Bache en la esquina",
        colonia=jefe.colonia,
        calle="Arista",
    )
    dueno.refresh_from_db()
    assert (dueno.nombre, dueno.apellidos, dueno.telefono) == ("Socorro", "Dueña Real", "2298887766")
    assert ajena.ciudadano_id == dueno.pk
    nuevo = peticion.ciudadano
    assert nuevo.pk != dueno.pk and nuevo.nombre == "Renombrado"
    assert nuevo.telefono == "" and nuevo.telefono_por_verificar == "2298887766" and nuevo.revisar
    assert not Notificacion.objects.filter(destinatario="2298887766").exists()  # nothing to the wrong phone
    assert peticion.bitacora.filter(descripcion__contains="ya pertenece a otro ciudadano").exists()


def test_jefe_con_el_mismo_vecino_lo_liga_sin_cambiarlo(jefe):
    vecino = CiudadanoFactory(nombre="Ana", apellidos="Ruiz", telefono="2291112233", domicilio="Arista 5")
    peticion = presentar_peticion(
        usuario=jefe.usuario,
        vecino=Vecino("ana", "RUIZ", "2291112233", acepta_aviso=True),
        tipo=TipoPeticionFactory(),
        categoria=CategoriaFactory(),
        descripcion="Bache",
        colonia=jefe.colonia,
        calle="Arista",
    )
    vecino.refresh_from_db()
    assert peticion.ciudadano_id == vecino.pk and (vecino.nombre, vecino.apellidos) == ("Ana", "Ruiz")


def test_operador_con_datos_distintos_debe_elegir(usuario_de_rol):
    operador = usuario_de_rol(roles.OPERADOR)
    registrado = CiudadanoFactory(nombre="Juan", apellidos="Pérez", telefono="2291234567")
    datos = datos_de_captura(
        ciudadano=DatosCiudadano(nombre="Juana", apellidos="Pérez", telefono="2291234567", acepta_aviso=True)
    )
    with pytest.raises(ValidationError) as error:
        capturar(usuario=operador, **datos)
    assert "¿Es la misma persona?" in str(error.value.message_dict["si_ya_existe"])
    assert not Peticion.objects.exists()

    datos["ciudadano"] = DatosCiudadano(
        nombre="Juana", apellidos="Pérez", telefono="2291234567", acepta_aviso=True, si_ya_existe=USAR_REGISTRADOS
    )
    capturar(usuario=operador, **datos)
    registrado.refresh_from_db()
    assert registrado.nombre == "Juan"

    datos["ciudadano"] = DatosCiudadano(
        nombre="Juana", apellidos="Pérez", telefono="2291234567", acepta_aviso=True, si_ya_existe=ACTUALIZAR
    )
    peticion = capturar(usuario=operador, **datos)
    registrado.refresh_from_db()
    assert registrado.nombre == "Juana" and peticion.ciudadano_id == registrado.pk
    assert peticion.bitacora.filter(descripcion__contains="Se actualizaron datos del ciudadano").exists()


def test_captura_sin_consentimiento_se_rechaza_y_con_el_se_registra(usuario_de_rol):
    operador = usuario_de_rol(roles.OPERADOR)
    datos = datos_de_captura(ciudadano=DatosCiudadano(nombre="Rosa", telefono="2294445566"))
    with pytest.raises(ValidationError) as error:
        capturar(usuario=operador, **datos)
    assert "aviso de privacidad" in str(error.value.message_dict["acepta_aviso"])
    assert not Ciudadano.objects.filter(telefono="2294445566").exists()
    datos["ciudadano"] = DatosCiudadano(nombre="Rosa", telefono="2294445566", acepta_aviso=True)
    peticion = capturar(usuario=operador, **datos)
    consentimiento = Consentimiento.objects.get(peticion=peticion)
    assert consentimiento.ciudadano == peticion.ciudadano
    assert consentimiento.canal == peticion.canal and consentimiento.aviso.version == 1
    assert consentimiento.registrado_por == operador


def test_denuncia_anonima_no_necesita_consentimiento(usuario_de_rol):
    datos = datos_de_captura(ciudadano=None, tipo=TipoPeticionFactory(clave="denuncia", nombre="Denuncia"))
    peticion = capturar(usuario=usuario_de_rol(roles.OPERADOR), **datos)
    assert not Consentimiento.objects.filter(peticion=peticion).exists()


def test_pantalla_de_captura_muestra_el_aviso_y_rechaza_sin_aceptarlo(client, usuario_de_rol):
    client.force_login(usuario_de_rol(roles.OPERADOR))
    texto = client.get("/peticiones/captura/").content.decode()
    assert "Aviso de privacidad simplificado" in texto and "Lea al ciudadano" in texto
    categoria, colonia = CategoriaFactory(), ColoniaFactory(nombre="Reforma")
    respuesta = client.post(
        "/peticiones/captura/",
        {
            "clave_idempotencia": "8f6c1c52-1f0b-4b8e-9d7e-0a1b2c3d4e5f",
            "telefono": "2297778899",
            "nombre": "Tomasa",
            "categoria": categoria.pk,
            "descripcion": "Fuga",
            "colonia": "Reforma",
            "tipo": TipoPeticionFactory().pk,
            "canal": CanalFactory().pk,
        },
    )
    assert respuesta.status_code == 422
    texto = respuesta.content.decode()
    assert "Sin la aceptación del aviso de privacidad" in texto and 'value="Tomasa"' in texto
    assert colonia and not Peticion.objects.exists()


def test_aviso_integral_es_publico(client):
    texto = client.get("/aviso-de-privacidad/").content.decode()
    assert "AVISO DE PRIVACIDAD INTEGRAL" in texto and "Derechos ARCO" in texto
    assert "Aviso de privacidad" in client.get("/consulta/").content.decode()
