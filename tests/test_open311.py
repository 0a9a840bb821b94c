"""Open311 GeoReport v2 at /open311/v2/: every answer checked against SIRC's OpenAPI document and the
spec's own example documents; POST as an ordinary petición; public GETs without personal data."""

import json
from datetime import timedelta
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from openapi_spec_validator import validate as validar_openapi

from peticiones.acciones.open311 import crear_clave, huella, revocar_clave
from peticiones.models import (
    Canal,
    ClaveApi,
    EventoBitacora,
    Notificacion,
    Peticion,
    PreguntaServicio,
    SolicitudOpen311,
    TipoPeticion,
)

from . import open311_ejemplos
from .factories import (
    CanalFactory,
    CategoriaFactory,
    CiudadanoFactory,
    ColoniaFactory,
    DireccionFactory,
    PeticionFactory,
    TipoPeticionFactory,
)
from .open311_utiles import en_texto, errores_de, json_de_ejemplo, spark, validar_respuesta

pytestmark = pytest.mark.django_db

V2 = "/open311/v2"


@pytest.fixture(autouse=True)
def sin_limites_previos():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def escena():
    alumbrado = DireccionFactory(nombre="Dirección de Alumbrado Público", siglas="ALUM")
    luminaria = CategoriaFactory(nombre="Luminaria apagada", direccion=alumbrado, plazo_horas=24)
    PreguntaServicio.objects.create(
        categoria=luminaria,
        codigo="cuantas",
        descripcion="¿Cuántas luminarias están apagadas?",
        tipo_dato="singlevaluelist",
        requerida=True,
        orden=1,
        opciones=[["1", "Una"], ["2", "Dos"], ["3", "Tres o más"]],
    )
    bache = CategoriaFactory(nombre="Bache en vialidad", plazo_horas=72)
    tiradero = CategoriaFactory(nombre="Tiradero clandestino", permite_anonimo=True)
    CategoriaFactory(nombre="Categoría retirada", activa=False)
    centro = ColoniaFactory(nombre="Centro", codigo_postal="91700", latitud="19.200000", longitud="-96.140000")
    ColoniaFactory(nombre="Reforma", codigo_postal="91919", latitud="19.160000", longitud="-96.120000")
    TipoPeticionFactory()
    canal = CanalFactory(clave="app-vecinos", nombre="App Vecinos")
    clave, secreto = crear_clave("App Vecinos", canal, aviso_en_la_app=True)
    return {
        "alumbrado": alumbrado,
        "luminaria": luminaria,
        "bache": bache,
        "tiradero": tiradero,
        "centro": centro,
        "canal": canal,
        "clave": clave,
        "api_key": secreto,
    }


def _post(client, escena, formato="json", **datos):
    valores = {"api_key": escena["api_key"], **datos}
    respuesta = client.post(f"{V2}/requests.{formato}", valores)
    return respuesta, validar_respuesta(respuesta, "/requests.{format}", "post")


def _luminaria(escena, **extra):
    return {
        "service_code": str(escena["luminaria"].pk),
        "lat": "19.200100",
        "long": "-96.140100",
        "address_string": "Av. Independencia 1200, Centro",
        "first_name": "Rosa",
        "last_name": "Chama Landa",
        "phone": "+52 229 111 2233",
        "email": "rosa@example.mx",
        "description": "Dos lámparas apagadas frente a la escuela",
        "attribute[cuantas]": "2",
        **extra,
    }


# --- the document and the spec's examples -----------------------------------------------------------------


def test_el_documento_openapi_es_valido_y_se_sirve(client):
    respuesta = client.get(f"{V2}/openapi.json")
    assert respuesta.status_code == 200
    documento = respuesta.json()
    validar_openapi(documento)  # raises on an invalid OpenAPI 3.1 document
    assert set(documento["paths"]) == {
        "/discovery.{format}",
        "/services.{format}",
        "/services/{service_code}.{format}",
        "/requests.{format}",
        "/requests/{service_request_id}.{format}",
        "/tokens/{token}.{format}",
    }


@pytest.mark.parametrize(("esquema", "xml", "json_texto"), open311_ejemplos.EJEMPLOS, ids=lambda v: str(v)[:20])
def test_los_ejemplos_de_la_especificacion_cumplen_nuestros_esquemas(esquema, xml, json_texto):
    assert errores_de(json_de_ejemplo(json_texto), esquema) == []
    assert errores_de(spark(ElementTree.fromstring(xml.encode())), esquema, xml=True) == []


def test_un_documento_que_no_es_de_la_especificacion_no_pasa():
    assert errores_de([{"service_code": "1"}], "ServiceList")  # no service_name, metadata, type
    assert errores_de([{"code": "x"}], "ErrorList")


# --- discovery, services, definitions ----------------------------------------------------------------------


@pytest.mark.parametrize("formato", ["json", "xml"])
def test_discovery(client, formato, settings):
    settings.SITE_URL = "https://sirc.veracruzmunicipio.gob.mx"
    datos = validar_respuesta(client.get(f"{V2}/discovery.{formato}"), "/discovery.{format}")
    extremo = datos["endpoints"][0]
    assert extremo["url"] == "https://sirc.veracruzmunicipio.gob.mx/open311/v2"
    assert extremo["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert extremo["formats"] == ["text/xml", "application/json"]


def test_servicios_son_las_categorias_activas_agrupadas_por_direccion(client, escena):
    datos = validar_respuesta(client.get(f"{V2}/services.json"), "/services.{format}")
    por_nombre = {s["service_name"]: s for s in datos}
    assert "Categoría retirada" not in por_nombre
    luminaria = por_nombre["Luminaria apagada"]
    assert luminaria["service_code"] == str(escena["luminaria"].pk)
    assert luminaria["group"] == "Dirección de Alumbrado Público"
    assert luminaria["metadata"] is True and por_nombre["Bache en vialidad"]["metadata"] is False
    assert luminaria["type"] == "batch"


def test_xml_y_json_dicen_lo_mismo(client, escena):
    PeticionFactory(categoria=escena["bache"], colonia=escena["centro"], latitud="19.2", longitud="-96.14")
    for ruta, esquema in [
        ("services", "/services.{format}"),
        ("discovery", "/discovery.{format}"),
        (f"services/{escena['luminaria'].pk}", "/services/{service_code}.{format}"),
        ("requests", "/requests.{format}"),
    ]:
        como_json = validar_respuesta(client.get(f"{V2}/{ruta}.json"), esquema)
        como_xml = validar_respuesta(client.get(f"{V2}/{ruta}.xml"), esquema)
        assert como_xml == en_texto(como_json), ruta


@pytest.mark.parametrize("formato", ["json", "xml"])
def test_definicion_de_servicio_con_sus_preguntas(client, escena, formato):
    datos = validar_respuesta(
        client.get(f"{V2}/services/{escena['luminaria'].pk}.{formato}"), "/services/{service_code}.{format}"
    )
    atributo = datos["attributes"][0]
    assert atributo["code"] == "cuantas" and atributo["datatype"] == "singlevaluelist"
    assert [v["name"] for v in atributo["values"]] == ["Una", "Dos", "Tres o más"]


@pytest.mark.parametrize("codigo", ["999999", "abc", "1%00"])
def test_servicio_inexistente_es_404_en_el_formato_de_la_especificacion(client, escena, codigo):
    respuesta = client.get(f"{V2}/services/{codigo}.json")
    datos = validar_respuesta(respuesta, "/services/{service_code}.{format}")
    assert respuesta.status_code == 404 and datos[0]["code"] == 404


def test_jurisdiccion_propia_se_acepta_y_otra_es_404(client, escena):
    assert client.get(f"{V2}/services.json", {"jurisdiction_id": "veracruzmunicipio.gob.mx"}).status_code == 200
    respuesta = client.get(f"{V2}/services.xml", {"jurisdiction_id": "sfgov.org"})
    datos = validar_respuesta(respuesta, "/services.{format}")
    assert respuesta.status_code == 404 and "sfgov.org" in datos[0]["description"]


def test_ruta_desconocida_responde_error_de_la_especificacion(client):
    respuesta = client.get(f"{V2}/reports.json")
    assert respuesta.status_code == 404 and respuesta.json()[0]["code"] == 404
    respuesta = client.get(f"{V2}/services.html")
    assert respuesta.status_code == 404 and respuesta["Content-Type"].startswith("text/xml")


# --- POST --------------------------------------------------------------------------------------------------


def test_post_crea_una_peticion_como_una_llamada(client, escena):
    antes = timezone.now()
    respuesta, datos = _post(client, escena, **_luminaria(escena))
    assert respuesta.status_code == 201
    token = datos[0]["token"]
    assert "service_request_id" not in datos[0]  # the spec: token or id, never both
    solicitud = SolicitudOpen311.objects.select_related("peticion").get(token=token)
    peticion = solicitud.peticion
    assert peticion.folio.startswith(f"{timezone.localdate().year}-")
    assert peticion.canal == escena["canal"] and peticion.capturada_por == escena["clave"].usuario
    assert peticion.direccion == escena["alumbrado"] and peticion.colonia == escena["centro"]
    assert peticion.tipo.clave == "peticion" and peticion.estado == Peticion.Estado.RECIBIDA
    assert peticion.fecha_limite - peticion.fecha_recepcion == timedelta(hours=24)
    assert peticion.latitud == Decimal("19.200100") and peticion.calle == "Av. Independencia 1200"
    assert "¿Cuántas luminarias están apagadas?: Dos" in peticion.descripcion
    assert solicitud.atributos == {"cuantas": "2"} and peticion.respuestas == {"cuantas": "2"}
    assert datos[0]["service_notice"].startswith(f"La atiende la {escena['alumbrado'].nombre}; plazo")
    assert "/consulta/ con los últimos 4 dígitos" in datos[0]["service_notice"]
    ciudadano = peticion.ciudadano
    assert (ciudadano.nombre, ciudadano.telefono, ciudadano.correo) == ("Rosa", "2291112233", "rosa@example.mx")
    assert ciudadano.aviso_privacidad_fecha >= antes and ciudadano.aviso_privacidad_canal == escena["canal"]
    acuse = Notificacion.objects.filter(peticion=peticion, motivo=Notificacion.Motivo.RECIBIDA)
    assert set(acuse.values_list("canal", flat=True)) == {"correo", "sms"}
    assert peticion.bitacora.filter(tipo=EventoBitacora.Tipo.CAPTURA, descripcion__contains="App Vecinos").exists()
    assert peticion.folio in client.get(f"{V2}/tokens/{token}.json").content.decode()


def test_post_en_xml(client, escena):
    respuesta, datos = _post(client, escena, "xml", **_luminaria(escena))
    assert respuesta.status_code == 201 and len(datos[0]["token"]) == 32


def test_sin_aviso_en_la_app_no_acepta_datos_personales(client, escena):
    ClaveApi.objects.filter(pk=escena["clave"].pk).update(aviso_en_la_app=False)
    respuesta, datos = _post(client, escena, **_luminaria(escena))
    assert respuesta.status_code == 400 and "aviso de privacidad" in datos[0]["description"]
    respuesta, datos = _post(
        client, escena, service_code=str(escena["tiradero"].pk), address_id=str(escena["centro"].pk), description="x"
    )
    assert respuesta.status_code == 201  # anonymous, where the category admits it
    assert Peticion.objects.get().ciudadano is None
    assert datos[0]["service_notice"].startswith("La atiende la ") and "4 dígitos" not in datos[0]["service_notice"]


def test_post_anotado_como_posible_duplicado(client, escena):
    previa = PeticionFactory(categoria=escena["luminaria"], colonia=escena["centro"])
    _post(client, escena, **_luminaria(escena))
    nueva = Peticion.objects.exclude(pk=previa.pk).get()
    nota = nueva.bitacora.get(tipo=EventoBitacora.Tipo.COMENTARIO)
    assert previa.folio in nota.descripcion and not nota.publico


def test_post_anonimo_solo_donde_la_categoria_lo_admite(client, escena):
    respuesta, datos = _post(
        client, escena, service_code=str(escena["bache"].pk), address_string="Calle 5 de Mayo, Centro"
    )
    assert respuesta.status_code == 400 and "no admite reportes anónimos" in datos[0]["description"]
    respuesta, datos = _post(
        client,
        escena,
        service_code=str(escena["tiradero"].pk),
        address_id=str(escena["centro"].pk),
        description="Tiran escombro en el baldío",
    )
    assert respuesta.status_code == 201
    peticion = Peticion.objects.get()
    assert peticion.ciudadano is None and peticion.tipo.clave == "denuncia"


@pytest.mark.parametrize(
    ("cambios", "estado", "texto"),
    [
        ({"service_code": ""}, 400, "Falta service_code"),
        ({"service_code": "999999"}, 404, "no existe"),
        ({"lat": "", "long": "", "address_string": ""}, 400, "Falta la ubicación"),
        ({"long": ""}, 400, "lat y long se envían juntas"),
        ({"lat": "40.7", "long": "-74.0"}, 400, "fuera del municipio"),
        ({"lat": "1e400", "long": "nan"}, 400, "fuera del municipio"),
        ({"lat": "", "long": "", "address_string": "Calle Sin Colonia"}, 400, "No reconocimos la colonia"),
        ({"attribute[cuantas]": ""}, 400, "Falta attribute[cuantas]"),
        ({"attribute[cuantas]": "7"}, 400, "no es una opción"),
        ({"phone": "12345"}, 400, "phone:"),
        ({"email": "no-es-correo"}, 400, "no es un correo válido"),
        ({"first_name": ""}, 400, "first_name"),
        ({"description": "x" * 4001}, 400, "4000"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
        ({"jurisdiction_id": "otra.gob.mx"}, 404, "jurisdiction_id"),
    ],
)
def test_post_invalido_no_crea_nada_y_dice_por_que(client, escena, cambios, estado, texto):
    respuesta, datos = _post(client, escena, **_luminaria(escena, **cambios))
    assert respuesta.status_code == estado
    assert any(texto in e["description"] for e in datos), datos
    assert not Peticion.objects.exists()


def test_entradas_hostiles_nunca_dan_500(client, escena):
    hostil = _luminaria(
        escena,
        description="<script>alert(1)</script>\x00 ]]></description><x/>" + "\x07",
        first_name="Rosa\x00",
        address_string="Centro\x00, Centro",
        **{"attribute[cuantas]": "2", "attribute[<x>]": "y" * 10_000},
    )
    respuesta, _datos = _post(client, escena, "xml", **hostil)
    assert respuesta.status_code == 201
    peticion = Peticion.objects.get()
    assert (
        "\x00" not in peticion.descripcion and "<script>" in peticion.descripcion
    )  # stored as text, escaped on output
    respuesta = client.get(f"{V2}/requests.xml", {"service_request_id": "\x00,<a>," + peticion.folio})
    assert validar_respuesta(respuesta, "/requests.{format}")[0]["service_request_id"] == peticion.folio


@pytest.mark.parametrize(
    ("api_key", "texto"), [("", "Falta api_key"), ("sirc_00000000_nada", "no válida"), ("x" * 5000, "no válida")]
)
def test_post_sin_clave_valida_es_403(client, escena, api_key, texto):
    respuesta = client.post(f"{V2}/requests.json", {**_luminaria(escena), "api_key": api_key})
    datos = validar_respuesta(respuesta, "/requests.{format}", "post")
    assert respuesta.status_code == 403 and texto in datos[0]["description"]
    assert not Peticion.objects.exists()


def test_clave_revocada_deja_de_funcionar(client, escena):
    revocar_clave(escena["clave"])
    respuesta, _datos = _post(client, escena, **_luminaria(escena))
    assert respuesta.status_code == 403


def test_limite_por_clave(client, escena, settings):
    settings.SIRC_OPEN311_LIMITE = 2
    otra_canal = CanalFactory(clave="bot-whatsapp", nombre="Bot de WhatsApp")
    _, otra = crear_clave("Bot", otra_canal, aviso_en_la_app=True)
    for _ in range(2):
        assert _post(client, escena, **_luminaria(escena))[0].status_code == 201
    respuesta, _datos = _post(client, escena, **_luminaria(escena))
    assert respuesta.status_code == 429 and respuesta["Retry-After"] == str(settings.SIRC_OPEN311_VENTANA_SEGUNDOS)
    assert Peticion.objects.count() == 2
    respuesta = client.post(f"{V2}/requests.json", {**_luminaria(escena), "api_key": otra})
    assert respuesta.status_code == 201  # the limit is per key


def test_solo_se_guarda_la_huella_de_la_clave(escena):
    fila = ClaveApi.objects.get(pk=escena["clave"].pk)
    assert escena["api_key"] not in {fila.huella, fila.prefijo, fila.nombre}
    assert fila.huella == huella(escena["api_key"]) and fila.usuario.has_usable_password() is False


def test_comando_crear_clave_api_la_muestra_una_vez(capsys):
    canal = Canal.objects.get_or_create(clave="whatsapp", defaults={"nombre": "WhatsApp"})[0]
    call_command("crear_clave_api", "Bot de WhatsApp", "--canal", "whatsapp")
    salida = capsys.readouterr().out
    clave = salida.strip().splitlines()[-1]
    fila = ClaveApi.objects.get(nombre="Bot de WhatsApp")
    assert fila.canal == canal and fila.huella == huella(clave) and clave.startswith("sirc_")
    call_command("crear_clave_api", "Bot de WhatsApp", "--revocar")
    assert not ClaveApi.objects.get(pk=fila.pk).activa
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No existe el canal"):
        call_command("crear_clave_api", "Otra", "--canal", "no-existe")


# --- GET requests ------------------------------------------------------------------------------------------


def test_consulta_publica_sin_datos_personales(client, escena):
    rosa = CiudadanoFactory(nombre="Rosalinda", apellidos="Chamorro", telefono="2297778899", correo="rl@example.mx")
    peticion = PeticionFactory(
        categoria=escena["luminaria"],
        colonia=escena["centro"],
        ciudadano=rosa,
        descripcion="Frente a la casa de Rosalinda Chamorro, tel 2297778899",
        calle="Calle Arista",
        numero_exterior="1234",
        latitud="19.201234",
        longitud="-96.141987",
    )
    for formato in ("json", "xml"):
        respuesta = client.get(f"{V2}/requests.{formato}")
        datos = validar_respuesta(respuesta, "/requests.{format}")
        texto = respuesta.content.decode()
        for dato in ("Rosalinda", "Chamorro", "2297778899", "7788", "rl@example.mx", "1234", "Frente a la casa"):
            assert dato not in texto, dato
    solicitud = json.loads(client.get(f"{V2}/requests/{peticion.folio}.json").content)[0]
    assert solicitud["address"] == "Calle Arista, Centro, Veracruz, Ver." and solicitud["zipcode"] == "91700"
    assert (solicitud["lat"], solicitud["long"]) == (19.201, -96.142)
    assert solicitud["agency_responsible"] == "Dirección de Alumbrado Público"
    assert solicitud["status"] == "open" and solicitud["status_notes"] == "Recibida"
    assert solicitud["expected_datetime"] == timezone.localtime(peticion.fecha_limite).isoformat(timespec="seconds")
    assert datos  # the list answer had it too


def test_denuncias_y_quejas_no_se_publican(client, escena):
    denuncia = PeticionFactory(tipo=TipoPeticionFactory(clave="denuncia", nombre="Denuncia"), ciudadano=None)
    queja = PeticionFactory(tipo=TipoPeticion.objects.create(clave="queja", nombre="Queja", para_supervisor=True))
    publica = PeticionFactory()
    texto = client.get(f"{V2}/requests.json").content.decode()
    assert publica.folio in texto and denuncia.folio not in texto and queja.folio not in texto
    assert client.get(f"{V2}/requests/{queja.folio}.json").status_code == 404


def test_filtros_y_valores_por_omision(client, escena):
    ahora = timezone.now()
    vieja = PeticionFactory(categoria=escena["bache"], fecha_recepcion=ahora - timedelta(days=120))
    abierta = PeticionFactory(categoria=escena["bache"], fecha_recepcion=ahora - timedelta(days=2))
    cerrada = PeticionFactory(
        categoria=escena["luminaria"], estado=Peticion.Estado.CERRADA, fecha_cerrada=ahora - timedelta(days=1)
    )

    def folios(**parametros):
        respuesta = client.get(f"{V2}/requests.json", parametros)
        return [s["service_request_id"] for s in validar_respuesta(respuesta, "/requests.{format}")]

    assert set(folios()) == {abierta.folio, cerrada.folio}  # the last 90 days
    assert folios(status="open") == [abierta.folio]
    assert folios(status="closed") == [cerrada.folio]
    assert set(folios(status="open,closed")) == {abierta.folio, cerrada.folio}
    assert folios(service_code=str(escena["luminaria"].pk)) == [cerrada.folio]
    inicio = (ahora - timedelta(days=130)).strftime("%Y-%m-%dT%H:%M:%SZ")
    fin = (ahora - timedelta(days=100)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert folios(start_date=inicio, end_date=fin) == [vieja.folio]
    assert set(folios(service_request_id=f"{vieja.folio},{abierta.folio}", status="closed")) == {
        vieja.folio,
        abierta.folio,
    }  # the ids override every other argument
    cerrada_json = json.loads(client.get(f"{V2}/requests/{cerrada.folio}.json").content)[0]
    assert cerrada_json["status"] == "closed" and cerrada_json["status_notes"] == "Atendida y cerrada"
    assert cerrada_json["updated_datetime"] == timezone.localtime(cerrada.fecha_cerrada).isoformat(timespec="seconds")


@pytest.mark.parametrize(
    ("parametros", "texto"),
    [
        ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, "90 días"),
        ({"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"}, "posterior"),
        ({"start_date": "ayer"}, "formato W3"),
        ({"start_date": "2026-13-45T99:00:00Z"}, "formato W3"),
        ({"status": "abierta"}, "open y closed"),
        ({"service_code": "1;DROP"}, "service_code"),
    ],
)
def test_parametros_invalidos_son_400(client, parametros, texto):
    respuesta = client.get(f"{V2}/requests.xml", parametros)
    datos = validar_respuesta(respuesta, "/requests.{format}")
    assert respuesta.status_code == 400 and texto in datos[0]["description"]


def test_folio_y_token_inexistentes_son_404(client):
    for ruta, esquema in [
        ("requests/2026-999999", "/requests/{service_request_id}.{format}"),
        ("requests/nada", "/requests/{service_request_id}.{format}"),
        ("tokens/0123456789abcdef0123456789abcdef", "/tokens/{token}.{format}"),
        ("tokens/no-es-token", "/tokens/{token}.{format}"),
    ]:
        respuesta = client.get(f"{V2}/{ruta}.json")
        assert respuesta.status_code == 404
        validar_respuesta(respuesta, esquema)


def test_la_lista_no_crece_en_consultas_con_las_peticiones(client, escena, django_assert_max_num_queries):
    for _ in range(3):
        PeticionFactory(categoria=escena["bache"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as pocas:
        client.get(f"{V2}/requests.json")
    for _ in range(30):
        PeticionFactory(categoria=escena["bache"])
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        assert len(client.get(f"{V2}/requests.json").json()) == 33


def test_consultas_publicas_tienen_limite_por_direccion(client, settings):
    settings.SIRC_OPEN311_LIMITE_CONSULTAS = 3
    estados = [client.get(f"{V2}/services.json").status_code for _ in range(4)]
    assert estados == [200, 200, 200, 429]


def test_un_metodo_no_admitido_responde_el_error_de_la_especificacion(client):
    respuesta = client.put(f"{V2}/requests.json")
    assert respuesta.status_code == 405 and respuesta["Allow"] == "GET, POST"
    assert respuesta.json() == [{"code": 405, "description": "PUT no se admite aquí; use GET o POST."}]
    xml = client.delete(f"{V2}/services.xml")
    assert xml.status_code == 405 and xml["Allow"] == "GET"
    assert b"<errors><error><code>405</code>" in xml.content
