"""The public «Reporta» page: a citizen's report becomes an ordinary folio; duplicates nearby are offered to
follow; honeypot, per-address and per-phone limits and size limits; nothing typed is lost."""

import io
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from peticiones.models import EventoBitacora, Evidencia, Notificacion, Peticion

from .factories import CategoriaFactory, CiudadanoFactory, ColoniaFactory, DireccionFactory, PeticionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sin_limites_previos():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def escena():
    limpia = DireccionFactory(nombre="Dirección de Limpia Pública", siglas="LIMP")
    return {
        "basura": CategoriaFactory(nombre="Recolección de basura", direccion=limpia, plazo_horas=24),
        "tiradero": CategoriaFactory(nombre="Tiradero clandestino", permite_anonimo=True, plazo_horas=48),
        "centro": ColoniaFactory(nombre="Centro", latitud="19.200000", longitud="-96.140000"),
        "reforma": ColoniaFactory(nombre="Reforma", latitud="19.160000", longitud="-96.120000"),
    }


def _foto(formato="JPEG", tamano=(64, 48), nombre="foto.jpg") -> SimpleUploadedFile:
    contenido = io.BytesIO()
    Image.new("RGB", tamano, (200, 80, 30)).save(contenido, formato)
    return SimpleUploadedFile(nombre, contenido.getvalue(), content_type="image/jpeg")


def _datos(escena, **cambios):
    return {
        "clave_idempotencia": "1b9c6a1e-8f5e-4c55-9a37-3d2c1f0e7a11",
        "categoria": escena["basura"].pk,
        "descripcion": "No ha pasado el camión en cuatro días",
        "latitud": "19.200300",
        "longitud": "-96.140200",
        "calle": "Calle Arista 120",
        "nombre": "Rosa",
        "apellidos": "Chama",
        "telefono": "229 111 2233",
        "correo": "",
        "acepta_aviso": "on",
        "sitio_web": "",
        **cambios,
    }


def test_la_pagina_se_abre_sin_sesion_y_trae_el_aviso(client, escena):
    texto = client.get("/reporta/").content.decode()
    assert "Reporte un problema" in texto and "Aviso de privacidad simplificado" in texto
    assert 'name="acepta_aviso"' in texto and "Recolección de basura" in texto
    assert "<script>" not in texto and " onclick=" not in texto and ' style="' not in texto


def test_reporte_con_foto_y_punto_crea_un_folio_como_una_llamada(client, escena):
    respuesta = client.post("/reporta/", {**_datos(escena), "foto": _foto()})
    assert respuesta.status_code == 302 and respuesta["Location"] == "/reporta/recibido/"
    peticion = Peticion.objects.get()
    assert peticion.canal.clave == "sitio-web" and peticion.capturada_por.username == "canal.sitio-web"
    assert peticion.colonia == escena["centro"]  # the pin's nearest colonia
    assert peticion.direccion == escena["basura"].direccion
    assert peticion.fecha_limite - peticion.fecha_recepcion == timedelta(hours=24)
    assert peticion.ciudadano.telefono == "2291112233" and peticion.ciudadano.aviso_privacidad_fecha is not None
    evidencia = Evidencia.objects.get(peticion=peticion)
    assert evidencia.tipo_contenido == "image/jpeg" and evidencia.subida_por is None
    assert Notificacion.objects.filter(peticion=peticion, motivo="recibida", canal="sms").exists()
    gracias = client.get("/reporta/recibido/").content.decode()
    assert peticion.folio in gracias and "2233" in gracias
    assert client.post("/consulta/", {"folio": peticion.folio, "telefono": "2233"}).status_code == 200


def test_sin_sesion_la_pagina_de_recibido_no_muestra_folios(client):
    assert client.get("/reporta/recibido/")["Location"] == "/reporta/"


def test_el_mismo_envio_dos_veces_es_un_solo_folio(client, escena):
    client.post("/reporta/", _datos(escena))
    client.post("/reporta/", _datos(escena))
    assert Peticion.objects.count() == 1


def test_colonia_escrita_sin_punto(client, escena):
    client.post("/reporta/", _datos(escena, latitud="", longitud="", colonia="reforma"))
    assert Peticion.objects.get().colonia == escena["reforma"]


@pytest.mark.parametrize(
    ("cambios", "campo", "texto"),
    [
        ({"acepta_aviso": ""}, "acepta_aviso", "acepte el aviso de privacidad"),
        ({"descripcion": ""}, "descripcion", "Cuéntenos qué pasa"),
        ({"latitud": "", "longitud": "", "colonia": ""}, "colonia", "Ponga el punto en el mapa"),
        ({"latitud": "", "longitud": "", "colonia": "Atlántida"}, "colonia", "No encontramos la colonia"),
        ({"latitud": "40.7", "longitud": "-74.0"}, "latitud", "fuera del municipio"),
        ({"nombre": "", "telefono": "", "apellidos": ""}, "nombre", "necesitamos su nombre"),
        ({"telefono": "123"}, "telefono", "10 dígitos"),
        ({"nombre": ""}, "nombre", "Escriba su nombre"),
        ({"descripcion": "x" * 2001}, "descripcion", "2000"),
        ({"categoria": "99999"}, "categoria", "Elija una opción"),
        ({"latitud": "1e400", "longitud": "abc"}, "latitud", ""),
    ],
)
def test_errores_claros_y_nada_se_pierde(client, escena, cambios, campo, texto):
    datos = _datos(escena, **cambios)
    respuesta = client.post("/reporta/", datos)
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert texto in html
    assert "No ha pasado el camión" in html or not datos["descripcion"] or len(datos["descripcion"]) > 2000
    assert not Peticion.objects.exists()


def test_foto_que_no_es_imagen_o_gigante(client, escena, settings):
    falsa = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 no soy una foto", content_type="image/jpeg")
    respuesta = client.post("/reporta/", {**_datos(escena), "foto": falsa})
    assert respuesta.status_code == 400 and "no es una imagen válida" in respuesta.content.decode()
    settings.SIRC_EVIDENCIA_MAX_PIXELES = 1000
    respuesta = client.post("/reporta/", {**_datos(escena), "foto": _foto(tamano=(100, 100))})
    assert respuesta.status_code == 400 and "megapíxeles" in respuesta.content.decode()
    gif = _foto("GIF", nombre="foto.gif")
    settings.SIRC_EVIDENCIA_MAX_PIXELES = 40_000_000
    assert (
        "sólo se aceptan fotos JPG, PNG o WebP"
        in client.post("/reporta/", {**_datos(escena), "foto": gif}).content.decode()
    )
    assert not Peticion.objects.exists()


def test_anonimo_solo_en_categorias_que_lo_admiten(client, escena):
    client.post(
        "/reporta/",
        _datos(escena, categoria=escena["tiradero"].pk, nombre="", apellidos="", telefono="", descripcion="Escombro"),
    )
    peticion = Peticion.objects.get()
    assert peticion.ciudadano is None and peticion.tipo.clave == "denuncia"
    assert "Línea 072" in client.get("/reporta/recibido/").content.decode()


def test_trampa_para_robots_no_guarda_nada(client, escena):
    respuesta = client.post("/reporta/", _datos(escena, sitio_web="http://spam.example"))
    assert respuesta.status_code == 200 and "Gracias" in respuesta.content.decode()
    assert not Peticion.objects.exists()


def test_limite_por_direccion_y_por_telefono(client, escena, settings):
    settings.SIRC_REPORTA_LIMITE_IP = 3
    settings.SIRC_REPORTA_LIMITE_TELEFONO = 2

    def enviar(n: int, telefono: str = "2291112233", ip: str = "127.0.0.1"):
        clave = f"00000000-0000-4000-8000-{n:012d}"
        return client.post("/reporta/", _datos(escena, clave_idempotencia=clave, telefono=telefono), REMOTE_ADDR=ip)

    assert [enviar(1).status_code, enviar(2).status_code] == [302, 302]
    por_telefono = enviar(3)
    assert por_telefono.status_code == 429
    assert "Ya recibimos varios reportes con ese teléfono" in por_telefono.content.decode()
    assert "No ha pasado el camión" in por_telefono.content.decode()  # what was typed is kept
    por_direccion = enviar(4, telefono="2295556677")
    assert por_direccion.status_code == 429 and "desde su conexión" in por_direccion.content.decode()
    assert enviar(5, telefono="2295556677", ip="10.0.0.2").status_code == 302
    assert Peticion.objects.count() == 3


def test_cercanos_sin_datos_personales(client, escena):
    vecino = CiudadanoFactory(nombre="Eustaquio", apellidos="Barragán", telefono="2298889900")
    abierta = PeticionFactory(
        categoria=escena["basura"],
        colonia=escena["reforma"],
        ciudadano=vecino,
        descripcion="Basura de Eustaquio",
        latitud="19.200150",
        longitud="-96.140150",
    )
    PeticionFactory(categoria=escena["basura"], colonia=escena["centro"], estado=Peticion.Estado.CERRADA)
    vieja = PeticionFactory(
        categoria=escena["basura"], colonia=escena["centro"], fecha_recepcion=timezone.now() - timedelta(days=60)
    )
    texto = client.get(
        "/reporta/cercanos/", {"categoria": escena["basura"].pk, "latitud": "19.2001", "longitud": "-96.1401"}
    ).content.decode()
    assert abierta.folio in texto and "Ya está reportado: sígalo" in texto and vieja.folio not in texto
    assert re.search(r"· a \d{1,3} m", texto)  # how far, in meters
    por_colonia = client.get("/reporta/cercanos/", {"categoria": escena["basura"].pk, "colonia": "centro"})
    assert vieja.folio not in por_colonia.content.decode()
    for dato in ("Eustaquio", "Barragán", "9900", "Basura de"):
        assert dato not in texto
    assert client.get("/reporta/cercanos/", {"categoria": "x", "latitud": "nan"}).status_code == 200
    # NUL in a query string is refused for every page by sirc.middleware.RechazarNulos
    assert client.get("/reporta/cercanos/", {"categoria": "x\x00", "latitud": "nan"}).status_code == 400


def test_seguir_un_reporte_existente_suma_al_ciudadano_y_le_avisa_al_cerrar(client, escena, supervisor):
    from peticiones.acciones import transiciones

    abierta = PeticionFactory(categoria=escena["basura"], colonia=escena["centro"], estado=Peticion.Estado.TURNADA)
    respuesta = client.post("/reporta/", _datos(escena, seguir=abierta.folio, descripcion=""))
    assert respuesta["Location"] == "/reporta/recibido/"
    assert Peticion.objects.count() == 1
    rosa = abierta.solicitantes.get()
    assert rosa.telefono == "2291112233"
    assert abierta.bitacora.filter(tipo=EventoBitacora.Tipo.SOLICITANTE).exists()
    assert "Quedó sumado" in client.get("/reporta/recibido/").content.decode()
    assert client.post("/consulta/", {"folio": abierta.folio, "telefono": "2233"}).context["peticion"] == abierta
    transiciones.marcar_atendida(abierta, supervisor, "Se recogió la basura")
    aviso = Notificacion.objects.get(peticion=abierta, motivo="atendida", destinatario="2291112233")
    assert "Se recogió la basura" in aviso.cuerpo


def test_seguir_uno_cerrado_o_sin_telefono(client, escena):
    cerrada = PeticionFactory(categoria=escena["basura"], estado=Peticion.Estado.CERRADA)
    respuesta = client.post("/reporta/", _datos(escena, seguir=cerrada.folio))
    assert respuesta.status_code == 400 and "ya se cerró" in respuesta.content.decode()
    abierta = PeticionFactory(categoria=escena["basura"])
    respuesta = client.post("/reporta/", _datos(escena, seguir=abierta.folio, telefono=""))
    assert "Para seguir un reporte escriba su nombre y su teléfono" in respuesta.content.decode()


# --- the category's extra questions (the same PreguntaServicio as Open311's services/{code}.json) -----------


@pytest.fixture
def preguntas(escena):
    from peticiones.models import PreguntaServicio

    basura = escena["basura"]
    PreguntaServicio.objects.create(
        categoria=basura,
        codigo="dias",
        descripcion="¿Cuántos días lleva sin pasar el camión?",
        tipo_dato="number",
        requerida=True,
        orden=1,
    )
    PreguntaServicio.objects.create(
        categoria=basura,
        codigo="tipo",
        descripcion="¿Qué tipo de basura?",
        tipo_dato="multivaluelist",
        opciones=[["domestica", "Doméstica"], ["escombro", "Escombro"], ["ramas", "Ramas"]],
        orden=2,
    )
    return basura


def test_las_preguntas_de_la_categoria_aparecen_al_elegirla(client, preguntas, escena):
    assert "¿Cuántos días lleva" not in client.get("/reporta/").content.decode()
    fragmento = client.get("/reporta/preguntas/", {"categoria": preguntas.pk}).content.decode()
    assert "¿Cuántos días lleva sin pasar el camión?" in fragmento and 'name="pregunta_dias"' in fragmento
    assert "Escombro" in fragmento and 'type="checkbox"' in fragmento
    assert client.get("/reporta/preguntas/", {"categoria": escena["tiradero"].pk}).content.decode().strip() == ""
    for hostil in ("x", "9" * 40, "-1", "１２", "<b>"):
        assert client.get("/reporta/preguntas/", {"categoria": hostil}).status_code == 200
    assert client.get("/reporta/preguntas/", {"categoria": "\x00"}).status_code == 400  # RechazarNulos
    con_inicial = client.get("/reporta/", {"categoria": preguntas.pk}).content.decode()
    assert "¿Cuántos días lleva" in con_inicial  # works without JavaScript too


def test_las_respuestas_se_validan_como_en_open311_y_se_guardan(client, preguntas, supervisor):
    sin = client.post("/reporta/", _datos({"basura": preguntas}))
    assert sin.status_code == 400 and "Responda esta pregunta." in sin.content.decode()
    malas = client.post("/reporta/", {**_datos({"basura": preguntas}), "pregunta_dias": "muchos", "pregunta_tipo": "x"})
    texto = malas.content.decode()
    assert malas.status_code == 400 and "Debe ser un número." in texto and "«x» no es una opción" in texto
    assert 'value="muchos"' in texto  # what was typed is kept
    assert not Peticion.objects.exists()
    buena = client.post(
        "/reporta/",
        {**_datos({"basura": preguntas}), "pregunta_dias": " 4 ", "pregunta_tipo": ["domestica", "ramas"]},
    )
    assert buena.status_code == 302
    peticion = Peticion.objects.get()
    assert peticion.respuestas == {"dias": "4", "tipo": ["domestica", "ramas"]}
    client.force_login(supervisor)
    html = client.get(f"/peticiones/folio/{peticion.folio}/").content.decode()
    assert "¿Cuántos días lleva sin pasar el camión?</dt><dd>4</dd>" in html
    assert "¿Qué tipo de basura?</dt><dd>Doméstica, Ramas</dd>" in html


def test_la_misma_regla_en_open311_y_en_reporta(preguntas):
    from peticiones.models.open311 import validar_respuestas

    lista = list(preguntas.preguntas.all())
    _, _, errores = validar_respuestas(lista, {"dias": ["1e999999"], "tipo": ["domestica", "nada"]})
    assert set(errores) == {"dias", "tipo"}
    guardar, textos, errores = validar_respuestas(lista, {"dias": ["3"]})
    assert guardar == {"dias": "3"} and not errores and textos == ["¿Cuántos días lleva sin pasar el camión?: 3"]
