"""Every image that enters goes through sirc.imagenes: a decompression bomb or an EPS is a Spanish form
error (never a 500), only JPEG/PNG/WebP by content are accepted, and what is stored is a re-encoded copy
(no metadata, nothing appended). Credentials never fail on a bad photo already stored."""

import io
import struct
import zlib
from datetime import date
from functools import lru_cache

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from jefes_manzana import acciones as acciones_jm
from jefes_manzana.forms import JefeManzanaForm
from jefes_manzana.models import JefeManzana
from peticiones import roles
from peticiones.acciones import transiciones as t
from peticiones.models import Evidencia, Peticion
from sirc.imagenes import ImagenInvalida, imagen_segura

from .escenario_turnado import crear_escenario, foto
from .factories import (
    CanalFactory,
    CategoriaFactory,
    ColoniaFactory,
    JefeManzanaFactory,
    TipoPeticionFactory,
    UsuarioFactory,
)

pytestmark = pytest.mark.django_db


@lru_cache
def png_bomba(lado: int = 30_000) -> bytes:
    """A 1-bit PNG of lado×lado pixels, all black: ~110 KB on disk, 900 megapixels once decoded."""

    def trozo(tipo: bytes, datos: bytes) -> bytes:
        return struct.pack(">I", len(datos)) + tipo + datos + struct.pack(">I", zlib.crc32(tipo + datos) & 0xFFFFFFFF)

    compresor = zlib.compressobj(9)
    fila = b"\x00" * (1 + (lado + 7) // 8)
    idat = b"".join(compresor.compress(fila) for _ in range(lado)) + compresor.flush()
    cabecera = struct.pack(">IIBBBBB", lado, lado, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + trozo(b"IHDR", cabecera) + trozo(b"IDAT", idat) + trozo(b"IEND", b"")


EPS = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n%%EndComments\n"
    b"(/etc/passwd) (r) file pop\nnewpath 0 0 moveto 10 10 lineto stroke\nshowpage\n%%EOF\n"
)


def bomba(nombre: str = "bomba.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(nombre, png_bomba(), content_type="image/png")


def eps(nombre: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(nombre, EPS, content_type="image/jpeg")


def test_la_bomba_es_pequena_pero_declara_900_megapixeles():
    contenido = png_bomba()
    assert len(contenido) < 200_000
    with pytest.raises(ImagenInvalida, match="megapíxeles"):
        imagen_segura(io.BytesIO(contenido), nombre="bomba.png")


def test_eps_gif_y_basura_se_rechazan_por_contenido_no_por_nombre():
    with pytest.raises(ImagenInvalida, match="sólo se aceptan fotos JPG, PNG o WebP"):
        imagen_segura(io.BytesIO(EPS), nombre="foto.jpg")
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    with pytest.raises(ImagenInvalida, match="es GIF"):
        imagen_segura(io.BytesIO(gif.getvalue()), nombre="foto.png")
    with pytest.raises(ImagenInvalida, match="no es una imagen válida"):
        imagen_segura(io.BytesIO(b"<html><script>alert(1)</script>"), nombre="foto.jpg")
    truncada = foto("t.jpg", "JPEG", (200, 200)).read()[:300]
    with pytest.raises(ImagenInvalida, match="no es una imagen válida"):
        imagen_segura(io.BytesIO(truncada), nombre="t.jpg")


def test_se_reencoda_sin_metadatos_ni_lo_que_venga_pegado():
    original = Image.new("RGB", (60, 40), (10, 200, 30))
    exif = Image.Exif()
    exif[0x010E] = "domicilio de la ciudadana"  # ImageDescription
    exif[0x0112] = 6  # rotated: the copy comes out upright
    salida = io.BytesIO()
    original.save(salida, "JPEG", exif=exif.tobytes())
    poliglota = salida.getvalue() + b"<html><script>alert(1)</script></html>PK\x03\x04"
    limpia = imagen_segura(io.BytesIO(poliglota), nombre="foto.jpg")
    assert isinstance(limpia, ContentFile) and limpia.content_type == "image/jpeg" and limpia.extension == ".jpg"
    datos = limpia.read()
    assert b"<script>" not in datos and b"domicilio" not in datos and b"PK\x03\x04" not in datos
    with Image.open(io.BytesIO(datos)) as copia:
        assert copia.size == (40, 60) and not copia.getexif()


@pytest.fixture
def escena(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    escena = crear_escenario()
    t.turnar(escena.peticion, escena.supervisor, escena.direccion)
    return escena


@pytest.mark.parametrize("archivo", [bomba, eps], ids=["bomba", "eps"])
def test_evidencia_y_marcar_atendida_con_bomba_o_eps(client, escena, archivo):
    client.force_login(escena.enlace)
    subida = client.post(
        reverse("peticiones:subir_evidencia", args=[escena.peticion.pk]), {"evidencia-fotos": [archivo()]}, follow=True
    )
    assert subida.status_code == 200
    avisos = [str(m) for m in subida.context["messages"]]
    assert any("megapíxeles" in m or "sólo se aceptan fotos JPG, PNG o WebP" in m for m in avisos), avisos
    respuesta = client.post(
        reverse("peticiones:transicion", args=[escena.peticion.pk, "marcar_atendida"]),
        {"marcar_atendida-resolucion": "Se repuso la luminaria", "marcar_atendida-fotos": [archivo()]},
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 400 and "Se repuso la luminaria" in html
    assert "megapíxeles" in html or "sólo se aceptan fotos JPG, PNG o WebP" in html
    assert not Evidencia.objects.exists()
    assert Peticion.objects.get(pk=escena.peticion.pk).estado == Peticion.Estado.TURNADA


def test_evidencia_guardada_es_la_copia_reencodada(client, escena):
    client.force_login(escena.enlace)
    contenido = foto("antes.jpg").read() + b"<html>pegado</html>"
    client.post(
        reverse("peticiones:subir_evidencia", args=[escena.peticion.pk]),
        {"evidencia-fotos": [SimpleUploadedFile("antes.jpg", contenido, content_type="image/jpeg")]},
    )
    evidencia = Evidencia.objects.get()
    assert evidencia.nombre_original == "antes.jpg" and evidencia.tipo_contenido == "image/jpeg"
    with evidencia.archivo.open("rb") as guardado:
        assert b"<html>" not in guardado.read()


def _datos_jefe(jefe: JefeManzana) -> dict:
    return {
        "nombres": jefe.nombres,
        "apellidos": jefe.apellidos,
        "curp": jefe.curp,
        "colonia": jefe.colonia_id,
        "manzana": jefe.manzana,
        "estado": jefe.estado,
    }


@pytest.mark.parametrize("archivo", [bomba, eps], ids=["bomba", "eps"])
def test_foto_del_jefe_de_manzana_bomba_o_eps_es_error_del_formulario(archivo):
    jefe = JefeManzanaFactory()
    form = JefeManzanaForm(_datos_jefe(jefe), {"foto": archivo("foto.jpg")}, instance=jefe)
    assert not form.is_valid()
    assert "foto" in form.errors


def test_foto_del_jefe_se_guarda_reencodada(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    jefe = JefeManzanaFactory()
    contenido = foto("yo.png", "PNG", (120, 160)).read() + b"%!PS pegado"
    form = JefeManzanaForm(
        _datos_jefe(jefe), {"foto": SimpleUploadedFile("yo.png", contenido, content_type="image/png")}, instance=jefe
    )
    assert form.is_valid(), form.errors
    form.save()
    jefe.refresh_from_db()
    assert jefe.foto.name.endswith(".png")
    with jefe.foto.open("rb") as guardada:
        assert b"%!PS" not in guardada.read()


def test_credenciales_no_fallan_con_una_foto_mala_ya_guardada(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    supervisor = UsuarioFactory(rol=roles.SUPERVISOR)
    con_eps = JefeManzanaFactory(nombres="Elsa")
    con_eps.foto.save("foto.jpg", ContentFile(EPS))
    con_bomba = JefeManzanaFactory(nombres="Berta")
    con_bomba.foto.save("foto.png", ContentFile(png_bomba()))
    acciones_jm.emitir_credenciales(JefeManzana.objects.all(), vigencia=date(2030, 12, 31))
    client.force_login(supervisor)
    for jefe in (con_eps, con_bomba):
        respuesta = client.post(reverse("jefes_manzana:credencial", args=[jefe.pk]))
        assert respuesta.status_code == 200
        assert jefe.nombres in PdfReader(io.BytesIO(respuesta.content)).pages[0].extract_text()
    hoja = client.post(reverse("jefes_manzana:credenciales"), {"ids": [con_eps.pk, con_bomba.pk]})
    assert hoja.status_code == 200 and hoja["Content-Type"] == "application/pdf"


def test_reporta_con_bomba(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    categoria = CategoriaFactory(nombre="Recolección de basura")
    ColoniaFactory(nombre="Centro", latitud="19.200000", longitud="-96.140000")
    datos = {
        "clave_idempotencia": "1b9c6a1e-8f5e-4c55-9a37-3d2c1f0e7a11",
        "categoria": categoria.pk,
        "descripcion": "No ha pasado el camión",
        "latitud": "19.200300",
        "longitud": "-96.140200",
        "calle": "Calle Arista 120",
        "nombre": "Rosa",
        "apellidos": "Chama",
        "telefono": "229 111 2233",
        "acepta_aviso": "on",
        "sitio_web": "",
    }
    for archivo in (bomba("foto.png"), eps("foto.jpg")):
        respuesta = client.post("/reporta/", {**datos, "foto": archivo})
        html = respuesta.content.decode()
        assert respuesta.status_code == 400 and "No ha pasado el camión" in html
        assert "megapíxeles" in html or "sólo se aceptan fotos JPG, PNG o WebP" in html
    assert not Peticion.objects.exists()


def test_app_de_jefes_con_bomba(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    usuario = UsuarioFactory(rol=roles.JEFE_MANZANA, username="jm-imagen")
    CanalFactory(clave="jefes-manzana", nombre="Jefes de Manzana")
    jefe = JefeManzanaFactory(usuario=usuario)
    client.force_login(usuario)
    datos = {
        "clave": "7c9c6a1e-8f5e-4c55-9a37-3d2c1f0e7a11",
        "nombre": "Pedro",
        "telefono": "2299876543",
        "tipo": TipoPeticionFactory().pk,
        "categoria": CategoriaFactory(nombre="Luminaria apagada").pk,
        "descripcion": "Luminaria apagada frente al parque",
        "calle": "Calle Arista",
        "colonia": jefe.colonia.pk,
        "aviso_privacidad": "on",
        "foto": bomba(),
    }
    respuesta = client.post("/jefes-manzana/mis-peticiones/nueva/", datos, HTTP_ACCEPT="application/json")
    assert respuesta.status_code == 422 and "megapíxeles" in respuesta.json()["errores"]["foto"][0]
    assert not Peticion.objects.exists()
