"""Two Jefes de Manzana filing at the same moment never get the same folio (the year's counter in capturar)."""

import threading

import pytest
from django.db import connection, connections

from jefes_manzana.captura_gestor import Vecino, presentar_peticion
from peticiones import roles
from peticiones.models import Peticion

from .factories import CanalFactory, CategoriaFactory, JefeManzanaFactory, TipoPeticionFactory, UsuarioFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="bloqueo de filas concurrente: sólo PostgreSQL")
def test_folios_unicos_y_consecutivos_con_capturas_simultaneas():
    CanalFactory(clave="jefes-manzana", nombre="Jefes de Manzana")
    categoria, tipo = CategoriaFactory(), TipoPeticionFactory()
    jefes = [JefeManzanaFactory(usuario=UsuarioFactory(rol=roles.JEFE_MANZANA)) for _ in range(6)]
    barrera = threading.Barrier(len(jefes))
    errores: list[Exception] = []

    def presentar(jefe):
        try:
            barrera.wait()
            presentar_peticion(
                usuario=jefe.usuario, vecino=Vecino("Ana", acepta_aviso=True), tipo=tipo, categoria=categoria,
                descripcion="Bache", colonia=jefe.colonia,
            )  # fmt: skip
        except Exception as e:  # reported below
            errores.append(e)
        finally:
            connections.close_all()

    hilos = [threading.Thread(target=presentar, args=(j,)) for j in jefes]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join()
    assert not errores
    numeros = sorted(Peticion.objects.values_list("numero", flat=True))
    assert numeros == list(range(numeros[0], numeros[0] + len(jefes)))
