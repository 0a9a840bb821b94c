"""Folios AAAA-NNNNNN: assigned in the database, distinct under concurrency, without gaps, by local year."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection, transaction

from peticiones import roles
from peticiones.acciones.captura import DatosCiudadano, capturar
from peticiones.models import Ciudadano, ContadorFolio, EventoBitacora, Peticion

from .factories import CategoriaFactory, ColoniaFactory, UsuarioFactory, datos_de_captura

MEXICO = ZoneInfo("America/Mexico_City")


@pytest.fixture
def operador(db):
    return UsuarioFactory(rol=roles.OPERADOR, username="operador")


def test_captura_asigna_folio_del_anio_y_deja_la_peticion_recibida(operador):
    peticion = capturar(usuario=operador, **datos_de_captura())
    anio = peticion.fecha_recepcion.astimezone(MEXICO).year
    assert peticion.folio == f"{anio}-000001"
    assert peticion.estado == Peticion.Estado.RECIBIDA
    assert (peticion.fecha_limite - peticion.fecha_recepcion).total_seconds() == 24 * 3600
    assert peticion.direccion == peticion.categoria.direccion
    evento = peticion.bitacora.get(tipo="captura")  # plus the acuse notice line (issue 4)
    assert evento.tipo == EventoBitacora.Tipo.CAPTURA and evento.usuario == operador and evento.publico
    assert capturar(usuario=operador, **datos_de_captura()).folio == f"{anio}-000002"


def test_captura_del_31_de_diciembre_a_las_23_59_hora_local_es_del_anio_viejo(operador):
    fin_de_anio = datetime(2025, 12, 31, 23, 59, tzinfo=MEXICO)  # 2026-01-01 05:59 UTC
    with mock.patch("django.utils.timezone.now", return_value=fin_de_anio):
        vieja = capturar(usuario=operador, **datos_de_captura())
    nueva = capturar(usuario=operador, fecha_recepcion=datetime(2026, 1, 1, 0, 0, tzinfo=MEXICO), **datos_de_captura())
    assert vieja.folio == "2025-000001"
    assert nueva.folio == "2026-000001"  # the number restarts each year
    assert ContadorFolio.objects.get(anio=2025).ultimo == 1
    assert nueva.bitacora.get().fecha == datetime(2026, 1, 1, 0, 0, tzinfo=MEXICO)  # the timeline says when


def test_una_captura_que_se_revierte_no_gasta_numero(operador):
    capturar(usuario=operador, **datos_de_captura())
    with pytest.raises(RuntimeError), transaction.atomic():
        capturar(usuario=operador, **datos_de_captura())
        raise RuntimeError("falla después de tomar el folio (p. ej. al notificar)")
    tercera = capturar(usuario=operador, **datos_de_captura())
    assert tercera.numero == 2
    assert list(Peticion.objects.order_by("numero").values_list("numero", flat=True)) == [1, 2]


class FallaForzada(Exception):
    pass


@pytest.mark.skipif(
    not settings.ES_POSTGRES, reason="Concurrencia real sólo en PostgreSQL (SQLite serializa escritores)"
)
@pytest.mark.django_db(transaction=True)
def test_50_capturas_concurrentes_con_reversiones_dan_folios_distintos_sin_huecos():
    operador = UsuarioFactory(rol=roles.OPERADOR, username="operador-concurrente")
    assert operador.has_perm("peticiones.capturar_peticion")  # warm the permission cache before threads
    categoria = CategoriaFactory(plazo_horas=48)
    colonia = ColoniaFactory()
    base = datos_de_captura(categoria=categoria, colonia=colonia)
    total, hilos = 50, 50
    barrera = threading.Barrier(hilos)
    revertir = {i for i in range(total) if i % 6 == 0}  # 9 captures fail after taking their number

    def capturar_una(i: int) -> str | None:
        try:
            barrera.wait(timeout=30)
            datos = dict(base)
            # a few callers share a phone: the citizen must still be stored once
            comparte = i % 10 == 1
            telefono = "2290000001" if comparte else f"229{i:07d}"
            nombre = "Vecino que llama seguido" if comparte else f"Ciudadano {i}"
            datos["ciudadano"] = DatosCiudadano(nombre=nombre, telefono=telefono, acepta_aviso=True)
            with transaction.atomic():
                peticion = capturar(usuario=operador, **datos)
                if i in revertir:
                    raise FallaForzada
            return peticion.folio
        except FallaForzada:
            return None
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=hilos) as ejecutor:
        folios = list(ejecutor.map(capturar_una, range(total)))

    guardados = [f for f in folios if f]
    assert len(guardados) == total - len(revertir)
    assert len(set(guardados)) == len(guardados), "dos capturas recibieron el mismo folio"
    numeros = sorted(Peticion.objects.values_list("numero", flat=True))
    assert numeros == list(range(1, len(guardados) + 1)), "hay huecos en la numeración"
    assert sorted(Peticion.objects.values_list("folio", flat=True)) == sorted(guardados)
    assert ContadorFolio.objects.get().ultimo == len(guardados)
    assert Ciudadano.objects.filter(telefono="2290000001").count() == 1
