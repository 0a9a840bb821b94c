"""Credentials (ID-1 cards, 10 per A4 sheet, QR to /verificar/) and the nombramiento, read back with pypdf; the
printed QR codes are rendered and decoded as a phone would."""

import io
import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from jefes_manzana import acciones
from jefes_manzana.models import JefeManzana
from jefes_manzana.pdf.credenciales import ALTO, ANCHO, POR_HOJA, hoja_de_credenciales
from jefes_manzana.pdf.nombramiento import DatosAcceso, nombramientos
from peticiones import roles

from .factories import CuartelFactory, JefeManzanaFactory
from .padron_utiles import qrs_impresos

pytestmark = pytest.mark.django_db


def texto_pdf(contenido: bytes) -> list[str]:
    return [pagina.extract_text() for pagina in PdfReader(io.BytesIO(contenido)).pages]


def test_tarjeta_mide_id1():
    assert round(ANCHO / 72 * 25.4, 1) == 85.6
    assert round(ALTO / 72 * 25.4, 1) == 54.0


def test_credencial_lleva_nombre_manzana_cuartel_numero_vigencia_y_url_de_verificacion():
    jefe = JefeManzanaFactory(
        nombres="Rosa María", apellidos="Lagunes Cházaro", manzana="F-014", cuartel=CuartelFactory(numero=3)
    )
    acciones.emitir_credenciales(JefeManzana.objects.filter(pk=jefe.pk), vigencia=date(2029, 12, 31))
    jefe.refresh_from_db()
    (pagina,) = texto_pdf(hoja_de_credenciales([jefe]))
    pagina = " ".join(pagina.split())
    assert "Rosa María Lagunes Cházaro" in pagina
    assert "F-014" in pagina
    assert jefe.numero_credencial in pagina and jefe.numero_credencial == f"JM-{jefe.pk:05d}"
    assert "31/12/2029" in pagina
    assert f"/verificar/{jefe.token_verificacion}/" in pagina


def test_hojas_de_diez_credenciales():
    JefeManzanaFactory.create_batch(23)
    acciones.emitir_credenciales(JefeManzana.objects.all())
    jefes = list(JefeManzana.objects.select_related("colonia", "cuartel"))
    paginas = texto_pdf(hoja_de_credenciales(jefes))
    assert len(paginas) == 3
    assert [p.count("JEFE DE MANZANA") for p in paginas] == [POR_HOJA, POR_HOJA, 3]
    for jefe in jefes:
        assert sum(jefe.numero_credencial in p for p in paginas) == 1


def test_emitir_conserva_numero_y_qr_al_reimprimir_y_omite_no_activos():
    activo = JefeManzanaFactory()
    propuesto = JefeManzanaFactory(estado=JefeManzana.Estado.PROPUESTO)
    assert acciones.emitir_credenciales(JefeManzana.objects.all()) == 1
    activo.refresh_from_db()
    token = activo.token_verificacion
    assert acciones.emitir_credenciales(JefeManzana.objects.all()) == 0
    activo.refresh_from_db()
    propuesto.refresh_from_db()
    assert activo.token_verificacion == token
    assert propuesto.numero_credencial == ""


def direcciones_impresas(pagina: str) -> list[str]:
    return re.findall(r"https?://\S+/verificar/[\w-]+/", pagina)


def test_cada_qr_de_la_hoja_decodifica_la_direccion_de_su_credencial(settings):
    settings.SITE_URL = "https://atencionciudadana.veracruz.gob.mx"  # a production-length address: a bigger QR
    JefeManzanaFactory.create_batch(POR_HOJA + 1)
    acciones.emitir_credenciales(JefeManzana.objects.all())
    jefes = list(JefeManzana.objects.select_related("colonia", "cuartel").order_by("pk"))
    pdf = hoja_de_credenciales(jefes)
    esperadas = [f"https://atencionciudadana.veracruz.gob.mx/verificar/{j.token_verificacion}/" for j in jefes]
    assert qrs_impresos(pdf) == [esperadas[:POR_HOJA], esperadas[POR_HOJA:]]
    assert [direcciones_impresas(p) for p in texto_pdf(pdf)] == [esperadas[:POR_HOJA], esperadas[POR_HOJA:]]


def test_el_qr_impreso_abre_la_verificacion_vigente_y_no_la_de_una_baja(client, settings):
    settings.SITE_URL = "https://atencionciudadana.veracruz.gob.mx"
    activa = _emitida(nombres="Rosa", apellidos="Lagunes Cházaro")
    baja = _emitida(nombres="Luis", apellidos="Cano Herrera")
    pdf = hoja_de_credenciales([activa, baja])  # printed while both were active
    acciones.dar_de_baja(baja, motivo="Cambio de domicilio", fecha=timezone.localdate())
    ((qr_activa, qr_baja),) = qrs_impresos(pdf)
    (pagina,) = texto_pdf(pdf)
    assert direcciones_impresas(pagina) == [qr_activa, qr_baja]  # the QR says what the card prints
    assert qr_activa.startswith("https://atencionciudadana.veracruz.gob.mx/verificar/")

    respuesta = client.get(urlsplit(qr_activa).path)
    texto = " ".join(respuesta.content.decode().split())
    assert respuesta.status_code == 200
    assert "Rosa Lagunes Cházaro" in texto and "Credencial VIGENTE" in texto

    respuesta = client.get(urlsplit(qr_baja).path)
    texto = " ".join(respuesta.content.decode().split())
    assert respuesta.status_code == 200
    assert "Luis Cano Herrera" in texto and "Credencial NO VIGENTE" in texto
    assert "Credencial VIGENTE" not in texto


def test_vista_de_credenciales_por_seleccion(client, usuario_de_rol):
    client.force_login(usuario_de_rol(roles.SUPERVISOR))
    elegidos = JefeManzanaFactory.create_batch(2)
    otro = JefeManzanaFactory()
    respuesta = client.post("/jefes-manzana/credenciales.pdf", {"ids": [j.pk for j in elegidos]})
    assert respuesta["Content-Type"] == "application/pdf"
    (pagina,) = texto_pdf(respuesta.content)
    assert all(j.apellidos in pagina for j in elegidos)
    assert f"JM-{otro.pk:05d}" not in pagina


def test_director_no_imprime_credenciales(client, usuario_de_rol):
    client.force_login(usuario_de_rol(roles.DIRECTOR))
    assert client.get("/jefes-manzana/credenciales.pdf").status_code == 403


def _emitida(**kwargs) -> JefeManzana:
    jefe = JefeManzanaFactory(**kwargs)
    acciones.emitir_credenciales(JefeManzana.objects.filter(pk=jefe.pk))
    jefe.refresh_from_db()
    return jefe


def test_verificacion_publica_vigente_muestra_solo_nombre(client):
    jefe = _emitida(nombres="Ana", apellidos="Ruiz Lara", telefono="2291234567")
    respuesta = client.get(f"/verificar/{jefe.token_verificacion}/")
    texto = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Ana Ruiz Lara" in texto and "VIGENTE" in texto
    assert jefe.curp not in texto and "2291234567" not in texto and jefe.manzana not in texto


def test_verificacion_vencida_y_de_baja(client):
    vencida = _emitida()
    JefeManzana.objects.filter(pk=vencida.pk).update(vigencia_credencial=timezone.localdate() - timedelta(days=1))
    assert "VENCIDA" in client.get(f"/verificar/{vencida.token_verificacion}/").content.decode()
    baja = _emitida()
    acciones.dar_de_baja(baja, motivo="Cambio de domicilio", fecha=timezone.localdate())
    assert "NO VIGENTE" in client.get(f"/verificar/{baja.token_verificacion}/").content.decode()


def test_verificacion_de_token_inexistente(client):
    respuesta = client.get("/verificar/no-existe/")
    assert respuesta.status_code == 404
    assert "no existe en el padrón" in respuesta.content.decode()


def test_nombramiento_con_nombre_numero_fechas_y_acceso():
    jefe = _emitida(nombres="Luis", apellidos="Cano Herrera", fecha_nombramiento=date(2026, 1, 15))
    (pagina,) = texto_pdf(nombramientos([jefe], {jefe.pk: DatosAcceso("luis.cano", "ABCD-EFGH-JKMN")}))
    plano = re.sub(r"\s+", " ", pagina)
    assert "NOMBRAMIENTO" in plano
    assert "LUIS CANO HERRERA" in plano
    assert jefe.numero_credencial in plano
    assert "15 de enero de 2026" in plano
    assert "luis.cano" in plano and "ABCD-EFGH-JKMN" in plano


def test_nombramiento_desde_la_ficha_sin_contrasena(client, usuario_de_rol):
    client.force_login(usuario_de_rol(roles.SUPERVISOR))
    jefe = JefeManzanaFactory(fecha_nombramiento=date(2026, 2, 3))
    respuesta = client.get(f"/jefes-manzana/{jefe.pk}/nombramiento.pdf")
    (pagina,) = texto_pdf(respuesta.content)
    assert "3 de febrero de 2026" in pagina and "Contraseña temporal" not in pagina


def test_foto_subida_aparece_en_la_credencial_y_en_la_verificacion(client, supervisor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    jefe = JefeManzanaFactory(nombres="Sofía", apellidos="Luna")
    imagen = io.BytesIO()
    Image.new("RGB", (300, 375), (120, 30, 60)).save(imagen, format="JPEG")
    client.force_login(supervisor)
    datos = {
        campo: getattr(jefe, campo) or ""
        for campo in ["nombres", "apellidos", "curp", "telefono", "correo", "domicilio", "manzana"]
    }
    datos |= {"colonia": jefe.colonia_id, "foto": SimpleUploadedFile("sofia.jpg", imagen.getvalue(), "image/jpeg")}
    assert client.post(f"/jefes-manzana/{jefe.pk}/editar/", datos).status_code == 302
    pdf = client.post(f"/jefes-manzana/{jefe.pk}/credencial.pdf").content
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1
    jefe.refresh_from_db()
    client.logout()
    pagina = client.get(f"/verificar/{jefe.token_verificacion}/").content.decode()
    assert f"/verificar/{jefe.token_verificacion}/foto/" in pagina
    foto = client.get(f"/verificar/{jefe.token_verificacion}/foto/")
    assert b"".join(foto.streaming_content)[:2] == b"\xff\xd8"  # the JPEG itself, no login needed


def test_nombramientos_de_la_seleccion_uno_por_pagina(client, supervisor):
    elegidos = [JefeManzanaFactory(nombres=n, apellidos="Ruiz") for n in ("Ana", "Beto")]
    baja = JefeManzanaFactory(estado=JefeManzana.Estado.BAJA, motivo_baja="x", fecha_baja=date(2026, 1, 1))
    client.force_login(supervisor)
    respuesta = client.post("/jefes-manzana/nombramientos.pdf", {"ids": [j.pk for j in [*elegidos, baja]]})
    paginas = texto_pdf(respuesta.content)
    assert len(paginas) == 2
    assert "ANA RUIZ" in paginas[0] + paginas[1] and "BETO RUIZ" in paginas[0] + paginas[1]
