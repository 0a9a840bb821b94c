"""Markup typed by people reaches PDFs as literal text: reportlab's Paragraph never interprets it (no
link annotation, no image read from a server path, no restyling, no 500 from an unbalanced tag)."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from indicadores.models import Actividad, Indicador, Programa
from jefes_manzana import acciones as acciones_jm
from jefes_manzana.models import JefeManzana
from jefes_manzana.pdf.nombramiento import nombramientos
from peticiones import roles
from peticiones.acciones.captura import capturar
from peticiones.models import Peticion
from peticiones.pdf.oficio import generar_oficio
from sirc.pdf_texto import texto_pdf

from .factories import ColoniaFactory, JefeManzanaFactory, UsuarioFactory, datos_de_captura

pytestmark = pytest.mark.django_db


@pytest.fixture
def imagen_del_servidor(tmp_path):
    """A file on the server that an `<img src>` in user text would embed into the PDF."""
    ruta = tmp_path / "evidencia-de-otra-direccion.png"
    Image.new("RGB", (40, 40), "red").save(ruta)
    return str(ruta)


def marcas(ruta_imagen: str) -> list[str]:
    return [
        f'<img src="{ruta_imagen}" width="200" height="200"/>',
        '<a href="javascript:alert(1)">clic aquí</a>',
        '<font color="red" size="40">GRITO</font>',
        "<b>sin cerrar <i>y mal anidado</b>",
        "&nbsp; &amp; </para> <br/> <unknown>",
    ]


def _lectura(contenido: bytes) -> tuple[str, PdfReader]:
    lector = PdfReader(io.BytesIO(contenido))
    return "".join(p.extract_text() for p in lector.pages), lector


def _sin_espacios(texto: str) -> str:
    return re.sub(r"\s+", "", texto)


def assert_literal_y_sin_efectos(contenido: bytes, textos: list[str], *, imagenes_propias: int = 0) -> None:
    texto, lector = _lectura(contenido)
    plano = _sin_espacios(texto)
    for marca in textos:
        assert _sin_espacios(marca) in plano, marca
    for pagina in lector.pages:
        anotaciones = pagina.get("/Annots")
        assert not anotaciones, "el texto del usuario creó un enlace en el PDF"
    assert sum(len(p.images) for p in lector.pages) == imagenes_propias, "el PDF incrustó un archivo del servidor"


def test_texto_pdf_escapa_marcas_y_quita_controles():
    assert texto_pdf('<img src="/x"/> & <a>') == '&lt;img src="/x"/&gt; &amp; &lt;a&gt;'
    assert texto_pdf("a\x00b\x07c") == "abc"
    assert texto_pdf(None) == ""
    assert texto_pdf("uno\ndos", saltos=True) == "uno<br/>dos"


def test_acuse_con_marcas_en_descripcion_calle_y_numero(client, imagen_del_servidor):
    operador = UsuarioFactory(rol=roles.OPERADOR)
    textos = marcas(imagen_del_servidor)
    for marca in textos:
        peticion = capturar(
            usuario=operador,
            **datos_de_captura(descripcion=marca, calle="<b>Calle", numero_exterior="<i>12"),
        )
        client.force_login(operador)
        r = client.get(reverse("peticiones:acuse", args=[peticion.folio]))
        assert r.status_code == 200, marca
        assert_literal_y_sin_efectos(r.content, [marca, "<b>Calle <i>12"])


def test_acuse_con_descripcion_mas_larga_que_una_pagina(client):
    operador = UsuarioFactory(rol=roles.OPERADOR)
    peticion = capturar(usuario=operador, **datos_de_captura(descripcion="bache profundo " * 3000))
    client.force_login(operador)
    r = client.get(reverse("peticiones:acuse", args=[peticion.folio]))
    assert r.status_code == 200
    assert len(PdfReader(io.BytesIO(r.content)).pages) > 1


def test_oficio_con_marcas_en_descripcion_referencias_y_nota(imagen_del_servidor):
    operador = UsuarioFactory(rol=roles.OPERADOR, first_name="<b>Ana", last_name="</i>Ruiz")
    textos = marcas(imagen_del_servidor)
    peticion = capturar(
        usuario=operador,
        **datos_de_captura(descripcion=textos[0] + " " + textos[1], referencias="<font size=60>esquina"),
    )
    Peticion.objects.filter(pk=peticion.pk).update(estado=Peticion.Estado.TURNADA)
    pdf = generar_oficio(peticion, operador, nota=textos[2] + " " + textos[3])
    assert_literal_y_sin_efectos(pdf, [textos[0], textos[1], textos[2], "<font size=60>esquina", "<b>Ana </i>Ruiz"])


def test_credencial_y_nombramiento_con_marcas_en_nombre_manzana_y_colonia(client, imagen_del_servidor):
    supervisor = UsuarioFactory(rol=roles.SUPERVISOR)
    jefe = JefeManzanaFactory(
        nombres='<a href="javascript:x()">Rosa',
        apellidos="<b>Pérez",
        manzana="<i>M-1",
        colonia=ColoniaFactory(nombre=f'<img src="{imagen_del_servidor}"/>'),
    )
    acciones_jm.emitir_credenciales(JefeManzana.objects.filter(pk=jefe.pk))
    client.force_login(supervisor)
    credencial = client.post(reverse("jefes_manzana:credencial", args=[jefe.pk]))
    assert credencial.status_code == 200
    texto, _ = _lectura(credencial.content)
    assert "<b>Pérez" in texto.replace("\n", " ")
    nombramiento = client.get(reverse("jefes_manzana:nombramiento", args=[jefe.pk]))
    assert nombramiento.status_code == 200
    esperados = ['<A HREF="JAVASCRIPT:X()">ROSA <B>PÉREZ', "<i>M-1", f'<img src="{imagen_del_servidor}"/>']
    assert_literal_y_sin_efectos(nombramiento.content, esperados)
    assert_literal_y_sin_efectos(nombramientos([jefe]), esperados)


def test_mir_con_marcas_en_programa_actividad_e_indicador(client, director, imagen_del_servidor):
    programa = Programa.objects.get(anio=2023)
    Programa.objects.filter(pk=programa.pk).update(eje='<a href="javascript:alert(1)">Eje</a>')
    actividad = Actividad.objects.filter(programa=programa).order_by("numero").first()
    Actividad.objects.filter(pk=actividad.pk).update(descripcion=f'<img src="{imagen_del_servidor}"/>')
    indicador = Indicador.objects.filter(programa=programa).order_by("orden").first()
    Indicador.objects.filter(pk=indicador.pk).update(supuestos="<b>sin cerrar <font size=50>", nombre="<i>Indicador")
    client.force_login(director)
    r = client.get(reverse("indicadores:mir_pdf"), {"mes": "2023-10"})
    assert r.status_code == 200
    assert_literal_y_sin_efectos(
        r.content,
        [
            '<a href="javascript:alert(1)">Eje</a>',
            f'<img src="{imagen_del_servidor}"/>',
            "<b>sin cerrar <font size=50>",
            "<i>Indicador",
        ],
    )
