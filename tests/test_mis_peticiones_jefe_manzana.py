"""A Jefe de Manzana sees their own requests and their colonia's, files one for a neighbour and follows it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jefes_manzana.captura_gestor import Vecino, presentar_peticion
from jefes_manzana.models import JefeManzana
from peticiones import roles
from peticiones.bitacora import registrar_evento
from peticiones.models import ContadorFolio, EventoBitacora, Peticion

from .factories import (
    CanalFactory,
    CategoriaFactory,
    ColoniaFactory,
    CuartelFactory,
    JefeManzanaFactory,
    PeticionFactory,
    TipoPeticionFactory,
    UsuarioFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def jefe():
    usuario = UsuarioFactory(rol=roles.JEFE_MANZANA, username="jm")
    return JefeManzanaFactory(usuario=usuario, colonia=ColoniaFactory(nombre="Faros"), manzana="F-014")


@pytest.fixture
def canal():
    return CanalFactory(clave="jefes-manzana", nombre="Jefes de Manzana")


def test_ve_las_suyas_y_las_de_su_colonia_pero_no_otras(client, jefe):
    suya = PeticionFactory(gestor=jefe)
    de_su_colonia = PeticionFactory(colonia=jefe.colonia)
    ajena = PeticionFactory()
    client.force_login(jefe.usuario)
    texto = client.get("/jefes-manzana/mis-peticiones/").content.decode()
    assert suya.folio in texto and de_su_colonia.folio not in texto and ajena.folio not in texto
    colonia = client.get("/jefes-manzana/mis-peticiones/", {"ver": "colonia"}).content.decode()
    assert de_su_colonia.folio in colonia and suya.folio not in colonia and ajena.folio not in colonia
    assert client.get(f"/jefes-manzana/mis-peticiones/{de_su_colonia.folio}/").status_code == 404
    solo_mias = client.get("/jefes-manzana/mis-peticiones/", {"ver": "mias"}).content.decode()
    assert suya.folio in solo_mias and de_su_colonia.folio not in solo_mias
    assert client.get(f"/jefes-manzana/mis-peticiones/{ajena.folio}/").status_code == 404


def test_jefe_de_cuartel_ve_las_de_sus_jefes_de_manzana(client):
    usuario = UsuarioFactory(rol=roles.JEFE_CUARTEL)
    jefe_cuartel = JefeManzanaFactory(usuario=usuario)
    cuartel = CuartelFactory(jefe=jefe_cuartel)
    subordinado = JefeManzanaFactory(cuartel=cuartel)
    peticion = PeticionFactory(gestor=subordinado)
    client.force_login(usuario)
    texto = client.get("/jefes-manzana/mis-peticiones/", {"ver": "cuartel"}).content.decode()
    assert peticion.folio in texto


def test_presenta_una_peticion_de_un_vecino(client, jefe, canal):
    categoria = CategoriaFactory(nombre="Luminaria apagada", plazo_horas=24)
    tipo = TipoPeticionFactory()
    anio = timezone.localdate().year
    ContadorFolio.objects.create(anio=anio, ultimo=41)
    client.force_login(jefe.usuario)
    respuesta = client.post(
        "/jefes-manzana/mis-peticiones/nueva/",
        {
            "nombre": "Pedro", "apellidos": "Malpica", "telefono": "2299876543", "tipo": tipo.pk,
            "categoria": categoria.pk, "descripcion": "Luminaria apagada frente al parque",
            "calle": "Calle Arista", "numero_exterior": "12", "colonia": jefe.colonia.pk, "aviso_privacidad": "on",
            "clave": "0b9c6a1e-8f5e-4c55-9a37-3d2c1f0e7a11",
        },
    )  # fmt: skip
    peticion = Peticion.objects.get()
    assert respuesta["Location"] == f"/jefes-manzana/mis-peticiones/{peticion.folio}/"
    assert (peticion.gestor, peticion.canal, peticion.capturada_por) == (jefe, canal, jefe.usuario)
    assert peticion.direccion == categoria.direccion
    assert peticion.fecha_limite - peticion.fecha_recepcion == timedelta(hours=24)
    assert peticion.ciudadano.telefono == "2299876543" and peticion.ciudadano.aviso_privacidad_fecha
    assert peticion.folio == f"{anio}-000042"
    assert peticion.bitacora.filter(tipo=EventoBitacora.Tipo.CAPTURA).exists()


def test_formulario_incompleto_conserva_lo_escrito(client, jefe, canal):
    client.force_login(jefe.usuario)
    respuesta = client.post(
        "/jefes-manzana/mis-peticiones/nueva/", {"nombre": "Pedro", "descripcion": "Fuga de agua", "telefono": "229"}
    )
    texto = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert 'value="Pedro"' in texto and "Fuga de agua" in texto and "10 dígitos" in texto
    assert "aviso de privacidad" in texto
    assert not Peticion.objects.exists()


def test_folios_consecutivos_por_anio(jefe, canal):
    categoria, tipo = CategoriaFactory(), TipoPeticionFactory()
    folios = [
        presentar_peticion(
            usuario=jefe.usuario, vecino=Vecino("Ana", acepta_aviso=True), tipo=tipo, categoria=categoria,
            descripcion="Bache", colonia=jefe.colonia,
        ).numero
        for _ in range(3)
    ]  # fmt: skip
    assert folios == [folios[0], folios[0] + 1, folios[0] + 2]


def test_jefe_de_baja_no_presenta(jefe, canal):
    JefeManzana.objects.filter(pk=jefe.pk).update(estado="baja", motivo_baja="x", fecha_baja="2026-01-01")
    jefe.usuario.refresh_from_db()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        presentar_peticion(
            usuario=jefe.usuario, vecino=Vecino("Ana", acepta_aviso=True), tipo=TipoPeticionFactory(),
            categoria=CategoriaFactory(), descripcion="Bache", colonia=jefe.colonia,
        )  # fmt: skip


def test_sigue_estado_y_linea_de_tiempo_sin_notas_internas(client, jefe):
    peticion = PeticionFactory(gestor=jefe, estado=Peticion.Estado.TURNADA)
    registrar_evento(peticion, EventoBitacora.Tipo.TURNADO, "Turnada a Alumbrado Público", publico=True)
    registrar_evento(peticion, EventoBitacora.Tipo.COMENTARIO, "Nota interna del operador")
    client.force_login(jefe.usuario)
    texto = client.get(f"/jefes-manzana/mis-peticiones/{peticion.folio}/").content.decode()
    assert "Turnada" in texto and "Turnada a Alumbrado Público" in texto
    assert "Nota interna del operador" not in texto


def test_operador_no_entra_a_mis_peticiones(client, usuario_de_rol):
    client.force_login(usuario_de_rol(roles.OPERADOR))
    assert client.get("/jefes-manzana/mis-peticiones/").status_code == 403


def test_doble_envio_registra_una_sola_peticion(client, jefe, canal):
    categoria, tipo = CategoriaFactory(), TipoPeticionFactory()
    client.force_login(jefe.usuario)
    datos = {
        "nombre": "Pedro", "tipo": tipo.pk, "categoria": categoria.pk, "descripcion": "Bache profundo",
        "calle": "Calle Arista", "colonia": jefe.colonia.pk, "aviso_privacidad": "on",
        "clave": "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c",
    }  # fmt: skip
    primera = client.post("/jefes-manzana/mis-peticiones/nueva/", datos)
    segunda = client.post("/jefes-manzana/mis-peticiones/nueva/", datos)
    assert Peticion.objects.count() == 1
    assert primera["Location"] == segunda["Location"]


def test_jefe_propuesto_con_acceso_no_presenta_todavia(client, jefe, canal):
    JefeManzana.objects.filter(pk=jefe.pk).update(estado=JefeManzana.Estado.PROPUESTO)
    client.force_login(jefe.usuario)
    datos = {
        "nombre": "Pedro", "tipo": TipoPeticionFactory().pk, "categoria": CategoriaFactory().pk,
        "descripcion": "Bache", "calle": "Arista", "colonia": jefe.colonia.pk, "aviso_privacidad": "on",
    }  # fmt: skip
    respuesta = client.post("/jefes-manzana/mis-peticiones/nueva/", datos, follow=True)
    assert "no está activo" in respuesta.content.decode()
    assert not Peticion.objects.exists()
