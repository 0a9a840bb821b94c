"""Jefe de Cuartel: proposals (propuesto) and the election (electo), with history and the login's role."""

import pytest
from django.db import IntegrityError

from jefes_manzana import acciones
from jefes_manzana.models import CandidaturaCuartel, JefeManzana
from peticiones import roles

from .factories import CuartelFactory, JefeManzanaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cuartel():
    return CuartelFactory()


def test_eleccion_y_relevo_con_historial(cuartel, supervisor):
    ana, beto, carla = JefeManzanaFactory.create_batch(3, cuartel=cuartel)
    acceso_beto = acciones.crear_acceso(beto, por=supervisor)
    propuesta_ana = acciones.proponer_jefe_cuartel(cuartel, ana, por=supervisor)
    propuesta_beto = acciones.proponer_jefe_cuartel(cuartel, beto, por=supervisor)
    acciones.elegir_jefe_cuartel(propuesta_beto, por=supervisor)
    cuartel.refresh_from_db()
    assert cuartel.jefe == beto
    propuesta_ana.refresh_from_db()
    assert propuesta_ana.estado == CandidaturaCuartel.Estado.NO_ELECTO
    beto.refresh_from_db()
    assert beto.usuario.groups.filter(name=roles.JEFE_CUARTEL).exists()
    # a later election: the previous one concludes and loses the role
    acciones.elegir_jefe_cuartel(acciones.proponer_jefe_cuartel(cuartel, carla, por=supervisor), por=supervisor)
    cuartel.refresh_from_db()
    assert cuartel.jefe == carla
    historial = list(cuartel.candidaturas.order_by("id").values_list("jefe__nombres", "estado"))
    assert historial == [
        (ana.nombres, "no_electo"),
        (beto.nombres, "concluido"),
        (carla.nombres, "electo"),
    ]
    assert not beto.usuario.groups.filter(name=roles.JEFE_CUARTEL).exists()
    assert acceso_beto.username == beto.usuario.username


def test_solo_activos_del_mismo_cuartel(cuartel, supervisor):
    with pytest.raises(acciones.AccionInvalida, match="no pertenece"):
        acciones.proponer_jefe_cuartel(cuartel, JefeManzanaFactory(cuartel=CuartelFactory()), por=supervisor)
    with pytest.raises(acciones.AccionInvalida, match="no está activo"):
        acciones.proponer_jefe_cuartel(
            cuartel, JefeManzanaFactory(cuartel=cuartel, estado=JefeManzana.Estado.PROPUESTO), por=supervisor
        )


def test_no_se_elige_dos_veces_la_misma_candidatura(cuartel, supervisor):
    propuesta = acciones.proponer_jefe_cuartel(cuartel, JefeManzanaFactory(cuartel=cuartel), por=supervisor)
    acciones.elegir_jefe_cuartel(propuesta, por=supervisor)
    with pytest.raises(acciones.AccionInvalida, match="Electo"):
        acciones.elegir_jefe_cuartel(propuesta, por=supervisor)


def test_la_base_de_datos_impide_dos_electos(cuartel):
    a, b = JefeManzanaFactory.create_batch(2, cuartel=cuartel)
    CandidaturaCuartel.objects.create(cuartel=cuartel, jefe=a, estado="electo")
    with pytest.raises(IntegrityError):
        CandidaturaCuartel.objects.create(cuartel=cuartel, jefe=b, estado="electo")


def test_baja_del_jefe_de_cuartel_deja_el_cuartel_sin_jefe(cuartel, supervisor):
    jefe = JefeManzanaFactory(cuartel=cuartel)
    acciones.elegir_jefe_cuartel(acciones.proponer_jefe_cuartel(cuartel, jefe, por=supervisor), por=supervisor)
    acciones.dar_de_baja(jefe, motivo="Renuncia", fecha="2026-05-01", por=supervisor)
    cuartel.refresh_from_db()
    assert cuartel.jefe is None
    assert cuartel.candidaturas.get().estado == "concluido"


def test_pantalla_del_cuartel_propone_y_elige(client, supervisor, cuartel):
    jefe = JefeManzanaFactory(cuartel=cuartel, nombres="Elena")
    client.force_login(supervisor)
    client.post(
        f"/jefes-manzana/cuarteles/{cuartel.pk}/proponer/", {"jefe": jefe.pk, "notas": "Asamblea del 3 de marzo"}
    )
    propuesta = CandidaturaCuartel.objects.get()
    texto = client.get(f"/jefes-manzana/cuarteles/{cuartel.pk}/").content.decode()
    assert "Elena" in texto and "Asamblea del 3 de marzo" in texto and "Declarar electo" in texto
    client.post(f"/jefes-manzana/candidaturas/{propuesta.pk}/elegir/")
    cuartel.refresh_from_db()
    assert cuartel.jefe == jefe


def test_director_no_elige(client, director, cuartel):
    propuesta = CandidaturaCuartel.objects.create(cuartel=cuartel, jefe=JefeManzanaFactory(cuartel=cuartel))
    client.force_login(director)
    assert client.post(f"/jefes-manzana/candidaturas/{propuesta.pk}/elegir/").status_code == 403
