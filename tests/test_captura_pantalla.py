"""The operator's capture screen: save with a folio, keep what was typed on errors, one request per submit."""

import uuid

import pytest
from django.urls import reverse

from peticiones import roles
from peticiones.models import Ciudadano, EventoBitacora, Peticion

from .factories import (
    CanalFactory,
    CategoriaFactory,
    CiudadanoFactory,
    ColoniaFactory,
    DireccionFactory,
    PeticionFactory,
    TipoPeticionFactory,
    UsuarioFactory,
)

URL = "/peticiones/captura/"


@pytest.fixture
def catalogo(db):
    alumbrado = DireccionFactory(nombre="Dirección de Alumbrado Público", siglas="ALUM")
    return {
        "tipo": TipoPeticionFactory(),
        "denuncia": TipoPeticionFactory(clave="denuncia", nombre="Denuncia"),
        "canal": CanalFactory(),
        "categoria": CategoriaFactory(nombre="Luminaria apagada", direccion=alumbrado, plazo_horas=24),
        "colonia": ColoniaFactory(nombre="Ricardo Flores Magón", codigo_postal="91900"),
    }


@pytest.fixture
def cliente_operador(client, catalogo):
    client.force_login(UsuarioFactory(rol=roles.OPERADOR, username="karla"))
    return client


def llamada(catalogo, **cambios):
    datos = {
        "clave_idempotencia": str(uuid.uuid4()),
        "telefono": "(229) 123-45-67",
        "nombre": "María",
        "apellidos": "López Pérez",
        "acepta_aviso": "on",
        "categoria": catalogo["categoria"].pk,
        "descripcion": "Luminaria apagada frente a la primaria Benito Juárez",
        "colonia": "ricardo flores magon",
        "calle": "Calle Arista",
        "numero_exterior": "512",
        "tipo": catalogo["tipo"].pk,
        "canal": catalogo["canal"].pk,
    }
    datos.update(cambios)
    return datos


def test_la_pantalla_empieza_en_el_telefono_y_ofrece_colonias(cliente_operador, catalogo):
    r = cliente_operador.get(URL)
    html = r.content.decode()
    assert r.status_code == 200
    assert 'id="id_telefono"' in html and "autofocus" in html.split('id="id_telefono"')[1].split(">")[0]
    assert 'value="Ricardo Flores Magón (91900)"' in html  # colonia autocomplete over the catalog
    assert f'data-direccion="{catalogo["categoria"].direccion_id}"' in html  # category → dirección
    assert "vendor/leaflet-1.9.4/leaflet.js" in html and "vendor/htmx-2.0.11/htmx.min.js" in html
    assert f'href="{URL}" aria-current="page" accesskey="n"' in html  # Alt+N: new capture from any page


def test_guardar_muestra_el_folio_y_registra_ciudadano_y_bitacora(cliente_operador, catalogo):
    r = cliente_operador.post(URL, llamada(catalogo), follow=True)
    peticion = Peticion.objects.get()
    assert r.redirect_chain[-1][0] == reverse("peticiones:capturada", args=[peticion.folio])
    html = r.content.decode()
    assert f'class="folio-grande" id="folio-titulo" data-folio="{peticion.folio}"' in html
    assert "Nueva captura" in html and reverse("peticiones:acuse", args=[peticion.folio]) in html
    assert peticion.estado == "recibida" and peticion.colonia == catalogo["colonia"]
    assert peticion.direccion.siglas == "ALUM"
    ciudadano = peticion.ciudadano
    assert ciudadano.telefono == "2291234567" and ciudadano.aviso_privacidad_fecha is not None
    assert ciudadano.aviso_privacidad_canal == catalogo["canal"]
    assert peticion.bitacora.filter(tipo=EventoBitacora.Tipo.CAPTURA).count() == 1


def test_el_operador_puede_cambiar_la_direccion_de_la_categoria(cliente_operador, catalogo):
    otra = DireccionFactory(nombre="Dirección de Obras Públicas", siglas="OP")
    cliente_operador.post(URL, llamada(catalogo, direccion=otra.pk))
    assert Peticion.objects.get().direccion == otra


def test_doble_envio_o_post_reintentado_crea_una_sola_peticion(cliente_operador, catalogo):
    datos = llamada(catalogo)
    primera = cliente_operador.post(URL, datos)
    segunda = cliente_operador.post(URL, datos)
    assert Peticion.objects.count() == 1
    assert primera.status_code == segunda.status_code == 302
    assert primera["Location"] == segunda["Location"]


def test_datos_malos_dan_errores_en_espanol_junto_al_campo_y_conservan_lo_escrito(cliente_operador, catalogo):
    datos = llamada(catalogo, telefono="229 123 456", descripcion="", colonia="Colonia Inventada")
    r = cliente_operador.post(URL, datos)
    html = r.content.decode()
    assert r.status_code == 422
    assert Peticion.objects.count() == 0 and Ciudadano.objects.count() == 0
    assert 'id="id_telefono_error"' in html and "debe tener 10 dígitos" in html and "se escribieron 9" in html
    assert 'id="id_descripcion_error"' in html and "Describa qué pasa" in html
    assert 'id="id_colonia_error"' in html and "No encontramos la colonia «Colonia Inventada»" in html
    # everything typed is still there
    assert 'value="229 123 456"' in html and 'value="María"' in html and 'value="López Pérez"' in html
    assert 'value="Colonia Inventada"' in html and 'value="Calle Arista"' in html and 'value="512"' in html
    assert f'value="{datos["clave_idempotencia"]}"' in html  # the retry keeps its key
    assert f'<option value="{catalogo["categoria"].pk}" selected data-direccion' in html


def test_sin_nombre_solo_si_es_denuncia_anonima(cliente_operador, catalogo):
    r = cliente_operador.post(URL, llamada(catalogo, nombre="", apellidos="", telefono="", acepta_aviso=""))
    assert r.status_code == 422 and "Escriba el nombre de quien llama" in r.content.decode()
    r = cliente_operador.post(
        URL, llamada(catalogo, nombre="", apellidos="", telefono="", anonima="on", tipo=catalogo["denuncia"].pk)
    )
    assert r.status_code == 302
    assert Peticion.objects.get().ciudadano is None


def test_colonia_ambigua_pide_elegir(cliente_operador, catalogo):
    ColoniaFactory(nombre="Reforma", codigo_postal="91919")
    ColoniaFactory(nombre="Reforma", codigo_postal="91920")
    r = cliente_operador.post(URL, llamada(catalogo, colonia="Reforma"))
    assert "¿Quiso decir: Reforma (91919), Reforma (91920)?" in r.content.decode()
    r = cliente_operador.post(URL, llamada(catalogo, colonia="Reforma (91920)"))
    assert r.status_code == 302 and Peticion.objects.get().colonia.codigo_postal == "91920"


def test_telefono_conocido_muestra_al_ciudadano_y_sus_folios(cliente_operador, catalogo):
    ciudadano = CiudadanoFactory(nombre="Rosa", apellidos="Chama Landa", telefono="2299876543")
    anterior = PeticionFactory(ciudadano=ciudadano, categoria=catalogo["categoria"])
    r = cliente_operador.get(reverse("peticiones:captura_ciudadano"), {"telefono": "229 987 6543"})
    html = r.content.decode()
    assert 'data-nombre="Rosa"' in html and 'data-apellidos="Chama Landa"' in html
    assert anterior.folio in html and "Folios anteriores (1)" in html
    r = cliente_operador.get(reverse("peticiones:captura_ciudadano"), {"telefono": "2290000000"})
    assert "Número nuevo" in r.content.decode()


def test_ciudadano_que_vuelve_a_llamar_se_guarda_una_vez(cliente_operador, catalogo):
    CiudadanoFactory(nombre="Rosa", apellidos="Chama", telefono="2291234567", correo="rosa@example.mx")
    respuesta = cliente_operador.post(URL, llamada(catalogo, nombre="Rosa", apellidos="Chama Landa"))
    assert respuesta.status_code == 422 and "¿Es la misma persona?" in respuesta.content.decode()  # never silently
    assert Ciudadano.objects.get().apellidos == "Chama" and not Peticion.objects.exists()
    cliente_operador.post(URL, llamada(catalogo, nombre="Rosa", apellidos="Chama Landa", si_ya_existe="actualizar"))
    ciudadano = Ciudadano.objects.get()
    assert ciudadano.apellidos == "Chama Landa" and ciudadano.correo == "rosa@example.mx"
    assert Peticion.objects.get().ciudadano == ciudadano


@pytest.mark.parametrize("rol", [roles.ENLACE, roles.DIRECTOR, roles.JEFE_MANZANA])
def test_quien_no_captura_no_puede_usar_la_pantalla(client, catalogo, rol):
    client.force_login(UsuarioFactory(rol=rol))
    assert client.get(URL).status_code == 403
    assert client.post(URL, llamada(catalogo)).status_code == 403
    assert client.get(reverse("peticiones:captura_ciudadano"), {"telefono": "2291234567"}).status_code == 403
    assert Peticion.objects.count() == 0


def test_el_acuse_de_captura_es_404_para_un_folio_que_no_ve_y_403_para_quien_no_captura(client, catalogo):
    alumbrado = catalogo["categoria"].direccion
    suya = PeticionFactory(direccion=alumbrado, categoria=catalogo["categoria"], estado=Peticion.Estado.TURNADA)
    ajena = PeticionFactory(direccion=DireccionFactory(nombre="Dirección de Obras Públicas"))
    enlace = UsuarioFactory(rol=roles.ENLACE)
    alumbrado.enlaces.add(enlace)
    client.force_login(enlace)
    assert client.get(reverse("peticiones:capturada", args=[ajena.folio])).status_code == 404
    assert client.get(reverse("peticiones:capturada", args=["2099-999999"])).status_code == 404
    assert client.get(reverse("peticiones:capturada", args=[suya.folio])).status_code == 403  # not a capture role
    client.force_login(UsuarioFactory(rol=roles.OPERADOR))
    respuesta = client.get(reverse("peticiones:capturada", args=[ajena.folio]))
    assert respuesta.status_code == 200 and ajena.folio in respuesta.content.decode()


def test_sin_sesion_lleva_al_login(client, catalogo):
    r = client.get(URL)
    assert r.status_code == 302 and "/cuentas/login/" in r["Location"]
