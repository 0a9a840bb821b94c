"""As a Jefe de Manzana or a Jefe de Cuartel, no page, PDF, export, popup or search of SIRC shows the personal
data of a request he did not file: the whole URLconf is walked with every id of two foreign requests."""

import io
import zipfile

import pytest
from pypdf import PdfReader

from peticiones import roles
from peticiones.bitacora import registrar_evento
from peticiones.models import EventoBitacora, LlamadaSeguimiento, Notificacion

from .factories import (
    CanalFactory,
    CiudadanoFactory,
    ColoniaFactory,
    CuartelFactory,
    JefeManzanaFactory,
    PeticionFactory,
    UsuarioFactory,
)
from .urlconf import rutas as _rutas
from .urlconf import urls as _urls

pytestmark = pytest.mark.django_db

# What would identify the two neighbours whose requests the Jefes did not file.
SECRETOS = [
    "Zacarías",
    "Quetzalcóatl",
    "2299900001",
    "zqy@secreto.mx",
    "Callejón del Secreto",
    "Eufrosina",
    "Xochiquetzal",
    "2299900002",
    "987-B",
    "portón verde",
    "ZQYDESCRIPCION",
    "EXWDESCRIPCION",
    "Comentario interno confidencial",
]
# Searches by part of the secrets (a page may echo what was typed, never the rest).
PARAMETROS = {
    "texto": "Zacar",
    "q": "Quetzal",
    "telefono": "99900001",
    "folio": "",
    "ver": "colonia",
}


@pytest.fixture
def escenario():
    faros = ColoniaFactory(nombre="Faros")
    cuartel, otro_cuartel = CuartelFactory(), CuartelFactory()
    jm_usuario = UsuarioFactory(rol=roles.JEFE_MANZANA, username="jm")
    jm = JefeManzanaFactory(usuario=jm_usuario, colonia=faros, cuartel=cuartel)
    jc_usuario = UsuarioFactory(rol=roles.JEFE_CUARTEL, username="jc")
    jc_usuario.groups.add(*UsuarioFactory(rol=roles.JEFE_MANZANA).groups.all())
    jc = JefeManzanaFactory(usuario=jc_usuario, colonia=faros, cuartel=cuartel)
    cuartel.jefe = jc
    cuartel.save()
    vecino_de_otro_cuartel = JefeManzanaFactory(colonia=faros, cuartel=otro_cuartel)

    zacarias = CiudadanoFactory(
        nombre="Zacarías",
        apellidos="Quetzalcóatl Ybarra",
        telefono="2299900001",
        correo="zqy@secreto.mx",
        domicilio="Callejón del Secreto 77",
        colonia=faros,
    )
    eufrosina = CiudadanoFactory(nombre="Eufrosina", apellidos="Xochiquetzal Wong", telefono="2299900002")
    del_072 = PeticionFactory(
        ciudadano=zacarias,
        colonia=faros,
        canal=CanalFactory(),
        descripcion="Fuga de agua ZQYDESCRIPCION",
        numero_exterior="987-B",
        referencias="portón verde",
        estado="atendida",
    )
    registrar_evento(del_072, EventoBitacora.Tipo.COMENTARIO, "Comentario interno confidencial")
    LlamadaSeguimiento.objects.create(
        peticion=del_072, atendida_el=del_072.fecha_recepcion, programada_para=del_072.fecha_recepcion
    )
    Notificacion.objects.create(
        peticion=del_072,
        motivo="recibida",
        canal="sms",
        destinatario="2299900001",
        asunto="Recibimos",
        cuerpo="x",
        clave="x1",
        usuario=jm_usuario,
    )
    de_otro_jefe = PeticionFactory(
        ciudadano=eufrosina, colonia=faros, gestor=vecino_de_otro_cuartel, descripcion="Bache EXWDESCRIPCION"
    )
    de_otro_jefe.solicitantes.add(zacarias)
    propia_jm = PeticionFactory(
        gestor=jm, colonia=faros, ciudadano=CiudadanoFactory(nombre="Vecino", apellidos="Propio Conocido")
    )
    propia_jm.solicitantes.add(zacarias)  # another caller linked by the 072: not the Jefe's business
    return {
        "jm": jm_usuario,
        "jc": jc_usuario,
        "ajenas": [del_072, de_otro_jefe],
        "propia": propia_jm,
        "ids": {
            "pk": [del_072.pk, de_otro_jefe.pk, zacarias.pk, eufrosina.pk, vecino_de_otro_cuartel.pk],
            "folio": [del_072.folio, de_otro_jefe.folio],
        },
    }


def _texto(respuesta) -> str:
    cuerpo = b"".join(respuesta.streaming_content) if respuesta.streaming else respuesta.content
    tipo = respuesta.get("Content-Type", "")
    if "pdf" in tipo:
        return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(cuerpo)).pages)
    if "spreadsheetml" in tipo:
        with zipfile.ZipFile(io.BytesIO(cuerpo)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    return cuerpo.decode("utf-8", "replace")


@pytest.mark.parametrize("quien", ["jm", "jc"])
def test_ninguna_pagina_muestra_datos_de_peticiones_ajenas(client, escenario, quien):
    client.force_login(escenario[quien])
    vistas = 0
    for ruta in _rutas():
        for url in _urls(ruta, escenario["ids"]):
            respuesta = client.get(url, PARAMETROS)
            assert respuesta.status_code != 500, url
            if respuesta.status_code != 200:
                continue
            vistas += 1
            texto = _texto(respuesta)
            for secreto in SECRETOS:
                assert secreto not in texto, f"{url} muestra «{secreto}» a {quien}"
    assert vistas >= 8  # the walk reached real pages (home, lists, exports, own pages)


def test_su_propia_peticion_si_muestra_al_vecino(client, escenario):
    client.force_login(escenario["jm"])
    propia = escenario["propia"]
    assert "Propio Conocido" in client.get(f"/peticiones/folio/{propia.folio}/").content.decode()
    assert "Propio Conocido" in _texto(client.get(f"/peticiones/folio/{propia.folio}/acuse.pdf"))
    assert "Propio Conocido" in _texto(client.get("/peticiones/exportar.csv"))


def test_su_colonia_se_ve_anonima(client, escenario):
    client.force_login(escenario["jm"])
    texto = client.get("/jefes-manzana/mis-peticiones/", {"ver": "colonia"}).content.decode()
    for ajena in escenario["ajenas"]:
        assert ajena.folio in texto  # what happens in his colonia, without who asked
    assert "Faros" in texto


def test_de_cuartel_sigue_las_de_sus_jefes_con_datos(client, escenario):
    subordinado = JefeManzanaFactory(cuartel=escenario["propia"].gestor.cuartel)
    suya = PeticionFactory(gestor=subordinado, ciudadano=CiudadanoFactory(nombre="Vecina", apellidos="Del Cuartel"))
    client.force_login(escenario["jc"])
    assert "Del Cuartel" in client.get(f"/peticiones/folio/{suya.folio}/").content.decode()
