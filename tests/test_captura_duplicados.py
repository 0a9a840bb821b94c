"""Before saving, the operator sees open requests like this one and may link the call instead."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from peticiones import roles
from peticiones.acciones.captura import DatosCiudadano, vincular_solicitante
from peticiones.acciones.transiciones import SinPermiso
from peticiones.models import EventoBitacora, Peticion
from peticiones.selectores.captura import posibles_duplicados

from .factories import (
    CanalFactory,
    CategoriaFactory,
    ColoniaFactory,
    PeticionFactory,
    TipoPeticionFactory,
    UsuarioFactory,
)

# ~0.00135° of latitude is 150 m.
LAT, LNG = Decimal("19.180000"), Decimal("-96.140000")


@pytest.fixture
def escena(db):
    categoria = CategoriaFactory(nombre="Fuga de agua")
    colonia = ColoniaFactory(nombre="Centro")
    return {
        "operador": UsuarioFactory(rol=roles.OPERADOR, username="karla"),
        "categoria": categoria,
        "colonia": colonia,
        "otra_colonia": ColoniaFactory(nombre="Faros"),
        "abierta": PeticionFactory(categoria=categoria, colonia=colonia, latitud=LAT, longitud=LNG),
    }


def buscar(escena, **kwargs):
    return [
        d.peticion for d in posibles_duplicados(usuario=escena["operador"], categoria=escena["categoria"], **kwargs)
    ]


def test_misma_categoria_y_colonia_abierta_reciente_es_posible_duplicado(escena):
    assert buscar(escena, colonia=escena["colonia"]) == [escena["abierta"]]


def test_a_menos_de_150_metros_aunque_sea_otra_colonia(escena):
    cerca = buscar(escena, colonia=escena["otra_colonia"], latitud=LAT + Decimal("0.0012"), longitud=LNG)
    lejos = buscar(escena, colonia=escena["otra_colonia"], latitud=LAT + Decimal("0.0018"), longitud=LNG)
    assert cerca == [escena["abierta"]]
    assert lejos == []
    distancia = posibles_duplicados(
        usuario=escena["operador"], categoria=escena["categoria"], latitud=LAT + Decimal("0.0012"), longitud=LNG
    )[0].distancia_metros
    assert 125 <= distancia <= 140


def test_no_son_duplicados_otra_categoria_cerradas_ni_viejas(escena):
    escena["abierta"].delete()
    PeticionFactory(colonia=escena["colonia"])  # another category
    PeticionFactory(categoria=escena["categoria"], colonia=escena["colonia"], estado=Peticion.Estado.CERRADA)
    hace_40_dias = timezone.now() - timedelta(days=40)
    PeticionFactory(categoria=escena["categoria"], colonia=escena["colonia"], fecha_recepcion=hace_40_dias)
    assert buscar(escena, colonia=escena["colonia"]) == []


def test_el_aviso_aparece_en_la_pantalla_con_boton_para_vincular(client, escena):
    client.force_login(escena["operador"])
    r = client.get(
        reverse("peticiones:captura_duplicados"),
        {"categoria": escena["categoria"].pk, "colonia": "centro"},
    )
    html = r.content.decode()
    assert "Posible duplicado" in html and escena["abierta"].folio in html
    assert f'name="vincular" value="{escena["abierta"].pk}"' in html
    vacio = client.get(
        reverse("peticiones:captura_duplicados"), {"categoria": escena["categoria"].pk, "colonia": "Faros"}
    )
    assert "Posible duplicado" not in vacio.content.decode()


def test_vincular_la_llamada_suma_al_ciudadano_como_solicitante_sin_nuevo_folio(client, escena):
    client.force_login(escena["operador"])
    original = escena["abierta"]
    datos = {
        "clave_idempotencia": str(uuid.uuid4()),
        "telefono": "2295551234",
        "nombre": "Héctor",
        "apellidos": "Reyes",
        "categoria": escena["categoria"].pk,
        "colonia": "Centro",
        "descripcion": "También sale agua en la esquina",
        "tipo": TipoPeticionFactory().pk,
        "canal": CanalFactory().pk,
        "vincular": original.pk,
        "acepta_aviso": "on",
    }
    r = client.post(reverse("peticiones:captura"), datos, follow=True)
    assert f"quedó vinculada al folio {original.folio}" in r.content.decode()
    assert "se sumó a este folio" in r.content.decode() and f'data-folio="{original.folio}"' in r.content.decode()
    assert Peticion.objects.count() == 1
    assert [c.nombre for c in original.solicitantes.all()] == ["Héctor"]
    evento = original.bitacora.get(tipo=EventoBitacora.Tipo.SOLICITANTE)
    assert "Héctor Reyes reportó lo mismo" in evento.descripcion and "También sale agua" in evento.descripcion
    client.post(reverse("peticiones:captura"), datos)  # retried POST
    assert original.bitacora.filter(tipo=EventoBitacora.Tipo.SOLICITANTE).count() == 1
    detalle = client.get(reverse("peticiones:detalle", args=[original.folio])).content.decode()
    assert "Héctor Reyes" in detalle


def test_no_se_vincula_a_un_folio_cerrado(escena):
    cerrada = PeticionFactory(categoria=escena["categoria"], estado=Peticion.Estado.CERRADA)
    with pytest.raises(Exception, match="está cerrada: capture una petición nueva"):
        vincular_solicitante(
            peticion=cerrada, usuario=escena["operador"], ciudadano=DatosCiudadano(nombre="Ana", acepta_aviso=True)
        )


def test_un_enlace_no_puede_vincular(escena):
    enlace = UsuarioFactory(rol=roles.ENLACE)
    with pytest.raises(SinPermiso):
        vincular_solicitante(
            peticion=escena["abierta"], usuario=enlace, ciudadano=DatosCiudadano(nombre="Ana", acepta_aviso=True)
        )


def test_parametros_basura_no_rompen_nada(client, escena):
    client.force_login(escena["operador"])
    r = client.get(reverse("peticiones:captura_duplicados"), {"categoria": "x'; --", "latitud": "abc"})
    assert r.status_code == 200 and "Posible duplicado" not in r.content.decode()
    r = client.post(reverse("peticiones:captura"), {"vincular": "abc", "nombre": "Ana"})
    assert r.status_code == 404
    r = client.get("/peticiones/", {"orden": "bogus", "desde": "ayer", "pagina": "x"})
    assert r.status_code == 200 and "Introduzca una fecha válida" in r.content.decode()
