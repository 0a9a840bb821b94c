"""The Jefes de Manzana's installable web app: manifest, icons, service worker served with the right scope, and
the drafts the phone sends when the signal returns (JSON, photo and location, one folio per draft key)."""

import io
import json

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from peticiones import roles
from peticiones.models import Evidencia, Peticion

from .factories import (
    CanalFactory,
    CategoriaFactory,
    ColoniaFactory,
    JefeManzanaFactory,
    TipoPeticionFactory,
    UsuarioFactory,
)

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def jefe():
    usuario = UsuarioFactory(rol=roles.JEFE_MANZANA, username="jm")
    CanalFactory(clave="jefes-manzana", nombre="Jefes de Manzana")
    return JefeManzanaFactory(usuario=usuario, colonia=ColoniaFactory(nombre="Faros"), manzana="F-014")


def _foto() -> SimpleUploadedFile:
    contenido = io.BytesIO()
    Image.new("RGB", (80, 60), (40, 90, 160)).save(contenido, "JPEG")
    return SimpleUploadedFile("luminaria.jpg", contenido.getvalue(), content_type="image/jpeg")


def _borrador(jefe, **cambios):
    return {
        "clave": "7c9c6a1e-8f5e-4c55-9a37-3d2c1f0e7a11",
        "nombre": "Pedro",
        "telefono": "2299876543",
        "tipo": TipoPeticionFactory().pk,
        "categoria": CategoriaFactory(nombre="Luminaria apagada").pk,
        "descripcion": "Luminaria apagada frente al parque",
        "calle": "Calle Arista",
        "colonia": jefe.colonia.pk,
        "latitud": "19.198700",
        "longitud": "-96.136500",
        "aviso_privacidad": "on",
        **cambios,
    }


def test_manifiesto_instalable(client):
    respuesta = client.get("/jefes-manzana/app.webmanifest")
    assert respuesta["Content-Type"].startswith("application/manifest+json")
    manifiesto = json.loads(respuesta.content)
    assert manifiesto["start_url"] == "/jefes-manzana/mis-peticiones/" and manifiesto["scope"] == "/jefes-manzana/"
    assert manifiesto["display"] == "standalone" and manifiesto["lang"] == "es-MX"
    tamanos = {(i["sizes"], i["purpose"]) for i in manifiesto["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= tamanos
    for icono in manifiesto["icons"]:
        ruta = finders.find(icono["src"].removeprefix("/static/"))
        ancho, alto = Image.open(ruta).size
        assert f"{ancho}x{alto}" == icono["sizes"]


def test_service_worker_con_alcance_y_shell(client):
    respuesta = client.get("/jefes-manzana/sw.js")
    assert respuesta.status_code == 200 and respuesta["Content-Type"].startswith("application/javascript")
    assert respuesta["Service-Worker-Allowed"] == "/jefes-manzana/" and "no-cache" in respuesta["Cache-Control"]
    codigo = respuesta.content.decode()
    for ruta in ("/static/js/jefes_app.js", "/static/css/sirc.css", "/jefes-manzana/mis-peticiones/nueva/"):
        assert ruta in codigo
    for linea in codigo.splitlines():  # every static file the shell names exists
        if linea.startswith("const ESTATICOS = "):
            for url in json.loads(linea.removeprefix("const ESTATICOS = ").rstrip(";")):
                assert finders.find(url.removeprefix("/static/")), url


def test_paginas_del_jefe_enlazan_la_app(client, jefe):
    client.force_login(jefe.usuario)
    for ruta in ("/jefes-manzana/mis-peticiones/", "/jefes-manzana/mis-peticiones/nueva/"):
        texto = client.get(ruta).content.decode()
        assert 'rel="manifest"' in texto and "js/jefes_app.js" in texto and 'id="app-jdm"' in texto
        assert "<script>" not in texto and " onclick=" not in texto
    nueva = client.get("/jefes-manzana/mis-peticiones/nueva/").content.decode()
    assert 'capture="environment"' in nueva and 'id="mi-ubicacion"' in nueva


def test_borrador_enviado_con_foto_y_ubicacion(client, jefe):
    client.force_login(jefe.usuario)
    respuesta = client.post("/jefes-manzana/mis-peticiones/nueva/", {**_borrador(jefe), "foto": _foto()}, **JSON)
    assert respuesta.status_code == 201
    peticion = Peticion.objects.get()
    assert respuesta.json() == {"folio": peticion.folio, "url": f"/jefes-manzana/mis-peticiones/{peticion.folio}/"}
    assert (str(peticion.latitud), str(peticion.longitud)) == ("19.198700", "-96.136500")
    assert peticion.gestor == jefe and Evidencia.objects.get(peticion=peticion).tipo_contenido == "image/jpeg"


def test_el_mismo_borrador_dos_veces_es_un_folio_y_una_foto(client, jefe):
    client.force_login(jefe.usuario)
    datos = _borrador(jefe)
    primera = client.post("/jefes-manzana/mis-peticiones/nueva/", {**datos, "foto": _foto()}, **JSON)
    segunda = client.post("/jefes-manzana/mis-peticiones/nueva/", {**datos, "foto": _foto()}, **JSON)
    assert primera.json() == segunda.json()
    assert Peticion.objects.count() == 1 and Evidencia.objects.count() == 1


def test_borrador_invalido_dice_por_que_en_json(client, jefe):
    client.force_login(jefe.usuario)
    respuesta = client.post(
        "/jefes-manzana/mis-peticiones/nueva/", _borrador(jefe, descripcion="", latitud="40.7", longitud="-74"), **JSON
    )
    assert respuesta.status_code == 422
    errores = respuesta.json()["errores"]
    assert "descripcion" in errores and "fuera de Veracruz" in " ".join(errores["__all__"])
    falsa = SimpleUploadedFile("x.jpg", b"no soy foto", content_type="image/jpeg")
    respuesta = client.post("/jefes-manzana/mis-peticiones/nueva/", {**_borrador(jefe), "foto": falsa}, **JSON)
    assert respuesta.status_code == 422 and "no es una imagen válida" in respuesta.json()["errores"]["foto"][0]
    assert not Peticion.objects.exists()


def test_usuario_sin_jefe_de_manzana_recibe_403_en_json(client):
    client.force_login(UsuarioFactory(rol=roles.JEFE_MANZANA))
    respuesta = client.post("/jefes-manzana/mis-peticiones/nueva/", {}, **JSON)
    assert respuesta.status_code == 403 and "no está ligado" in respuesta.json()["error"]
