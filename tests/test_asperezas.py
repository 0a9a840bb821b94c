"""Rough edges users hit (issue 15): a place with no street, the enlace's search, direcciones by name for the
Jefes, the acuse's link on the port it was served from, one percentage format, es-MX numbers on screens and
plain ones in CSV."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from peticiones import roles
from peticiones.acciones import transiciones
from peticiones.models import Peticion
from sirc import cifras

from .factories import (
    CategoriaFactory,
    ColoniaFactory,
    DireccionFactory,
    JefeManzanaFactory,
    PeticionFactory,
    UsuarioFactory,
)
from .seguimiento_utiles import llamada_vencida, tomar

pytestmark = pytest.mark.django_db


def _texto_pdf(contenido: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(contenido)).pages)


# --- «Ubicación: , col. Centro» ----------------------------------------------------------------------------


def test_sin_calle_la_ubicacion_no_empieza_con_coma(client, operador, supervisor):
    centro = ColoniaFactory(nombre="Centro")
    peticion = PeticionFactory(calle="", numero_exterior="", colonia=centro, estado=Peticion.Estado.TURNADA)
    assert peticion.ubicacion == "col. Centro"
    con_calle = PeticionFactory(calle="Arista", numero_exterior="12", referencias="frente al parque", colonia=centro)
    assert con_calle.ubicacion == "Arista 12 (frente al parque), col. Centro"

    client.force_login(operador)
    html = client.get(reverse("peticiones:detalle", kwargs={"folio": peticion.folio})).content.decode()
    assert "<dd>col. Centro" in html and ", col. Centro" not in html
    oficio = _texto_pdf(client.get(reverse("peticiones:oficio", args=[peticion.pk])).content)
    assert "Ubicación col. Centro" in oficio and ", col. Centro" not in oficio
    acuse = _texto_pdf(client.get(reverse("peticiones:acuse", kwargs={"folio": peticion.folio})).content)
    assert "Ubicación col. Centro" in acuse

    atendida = PeticionFactory(calle="", numero_exterior="", colonia=centro, estado=Peticion.Estado.ATENDIDA)
    Peticion.objects.filter(pk=atendida.pk).update(fecha_atendida=atendida.fecha_recepcion)
    llamada_vencida(Peticion.objects.get(pk=atendida.pk))
    llamada = tomar(supervisor)
    client.force_login(supervisor)
    pantalla = client.get(reverse("peticiones:seguimiento_llamada", args=[llamada.pk])).content.decode()
    assert "<dd>col. Centro</dd>" in pantalla


# --- the enlace's tray: search, and notices that lead to the folio -------------------------------------------


def test_el_enlace_busca_en_su_bandeja_por_folio_y_por_texto_solo_en_lo_suyo(client, operador):
    obras = DireccionFactory(nombre="Obras Públicas", siglas="OP")
    enlace = UsuarioFactory(rol=roles.ENLACE)
    obras.enlaces.add(enlace)
    bache = PeticionFactory(categoria=CategoriaFactory(direccion=obras), descripcion="Bache profundo en Arista")
    fuga = PeticionFactory(categoria=CategoriaFactory(direccion=obras), descripcion="Fuga de agua en Cortés")
    ajena = PeticionFactory(descripcion="Bache en otra dirección")
    for p in (bache, fuga, ajena):
        transiciones.turnar(p, operador, p.direccion)
    client.force_login(enlace)
    url = reverse("peticiones:bandeja_direccion")

    def filas(q: str) -> set[str]:
        html = client.get(url, {"q": q}).content.decode()
        return {p.folio for p in (bache, fuga, ajena) if f'data-folio="{p.folio}"' in html}

    assert filas(bache.folio) == {bache.folio}
    assert filas("bache") == {bache.folio}  # the other dirección's «bache» is not searched
    assert 'name="q" value="bache"' in client.get(url, {"q": "bache"}).content.decode()
    assert filas(ajena.folio) == set()
    assert client.get(url, {"q": "\x00" * 3 + "9" * 500}).status_code in (200, 400)  # hostile input: no 500


def test_los_avisos_del_enlace_ligan_a_su_folio(client, operador):
    peticion = PeticionFactory()
    enlace = UsuarioFactory(rol=roles.ENLACE)
    peticion.direccion.enlaces.add(enlace)
    transiciones.turnar(peticion, operador, peticion.direccion)
    client.force_login(enlace)
    html = client.get(reverse("peticiones:avisos")).content.decode()
    assert f"Nueva petición turnada: {peticion.folio}" in html
    assert f'href="{reverse("peticiones:detalle", kwargs={"folio": peticion.folio})}"' in html


# --- Jefes de Manzana see direcciones by name --------------------------------------------------------------


def test_el_jefe_ve_el_nombre_de_la_direccion_no_sus_siglas(client):
    usuario = UsuarioFactory(rol=roles.JEFE_MANZANA)
    jefe = JefeManzanaFactory(usuario=usuario)
    parques = DireccionFactory(nombre="Dirección de Parques y Jardines", siglas="PYJ")
    PeticionFactory(gestor=jefe, colonia=jefe.colonia, categoria=CategoriaFactory(direccion=parques))
    catastro = DireccionFactory(nombre="Dirección de Catastro", siglas="CAT")
    PeticionFactory(colonia=jefe.colonia, calle="", categoria=CategoriaFactory(direccion=catastro))
    client.force_login(usuario)
    url = reverse("jefes_manzana:mis_peticiones")
    propias = client.get(url).content.decode()
    assert "Dirección de Parques y Jardines" in propias and ">PYJ<" not in propias
    colonia = client.get(url, {"ver": "colonia"}).content.decode()
    assert "Dirección de Catastro" in colonia and ">CAT<" not in colonia
    assert f"<td>col. {jefe.colonia.nombre}</td>" in colonia  # no street: no leading «—,»


# --- links on the port the demo serves ------------------------------------------------------------------


def test_el_acuse_liga_a_la_consulta_del_sitio_por_el_que_se_pidio(client, operador, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    peticion = PeticionFactory()
    client.force_login(operador)
    respuesta = client.get(reverse("peticiones:acuse", kwargs={"folio": peticion.folio}), HTTP_HOST="127.0.0.1:8100")
    texto = _texto_pdf(respuesta.content)
    assert "http://127.0.0.1:8100/consulta/" in texto and "127.0.0.1:8000" not in texto


def test_make_run_pone_site_url_en_su_puerto():
    with open("Makefile", encoding="utf-8") as archivo:
        makefile = archivo.read()
    assert "SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)}" in makefile


# --- one number format ---------------------------------------------------------------------------------


def test_un_solo_formato_de_porcentaje_y_de_numero():
    assert cifras.porcentaje(91) == "91.0 %" and cifras.porcentaje(Decimal("71.66")) == "71.7 %"
    assert cifras.porcentaje(None) == "—"
    assert cifras.numero(37225) == "37,225" and cifras.numero(Decimal("71.66")) == "71.7"
    assert cifras.plano(37225) == 37225 and str(cifras.plano(Decimal("35265.0"))) == "35265"


def test_el_avance_del_seguimiento_lleva_el_mismo_formato(client, supervisor, settings):
    settings.SEGUIMIENTO_META_MENSUAL = 3
    client.force_login(supervisor)
    html = client.get(reverse("peticiones:seguimiento")).content.decode()
    assert "de 3 este mes (0.0 %)" in html


def test_calendario_es_mx_en_pantalla_y_plano_en_csv(client, director):
    """The PAT 2023 calendar (migration data): screen «37,225», CSV «37225» — never both styles in one file."""
    client.force_login(director)
    html = client.get(reverse("indicadores:mir"), {"mes": "2023-10"}).content.decode()
    assert "37,225" in html and "1,287/2,907" in html
    respuesta = client.get(reverse("indicadores:exportar", args=["calendario", "csv"]), {"hasta": "2023-10"})
    contenido = b"".join(respuesta.streaming_content) if respuesta.streaming else respuesta.content
    filas = list(csv.reader(io.StringIO(contenido.decode("utf-8-sig"))))
    celdas = [c for fila in filas[1:] for c in fila[3:]]
    assert "37225" in celdas and "1287/2907" in celdas
    assert not [c for c in celdas if "," in c], "una cifra con separador de miles en el CSV"
