"""The monthly counters (`indicadores.conteos`) are kept by the trigger in the same transaction as every write,
and give the dashboard and the MIR exactly the figures of the direct queries."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F

from indicadores import conteos, tablero
from indicadores.calculo import atendidas, series_del_anio
from indicadores.models import ConteoMensual
from indicadores.periodos import Mes
from peticiones.models import Evento, Peticion

from .factories import CanalFactory, CategoriaFactory, ColoniaFactory, DireccionFactory
from .indicadores_datos import local, peticion

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="los conteos son de PostgreSQL"),
]

CORTE = local(2023, 11, 20)


def _conteos() -> set[tuple]:
    """Every counter row with a non-zero figure."""
    cifras = ("recibidas", "atendidas_recibidas", "a_tiempo", "tarde", "atendidas")
    return {
        fila
        for fila in ConteoMensual.objects.values_list(
            "mes", "dimension", "direccion_id", "canal_id", "evento_id", "colonia_id", *cifras
        )
        if any(fila[6:])
    }


@pytest.fixture
def datos():
    """Two direcciones, two canales, two colonias, a gira; requests of Sep–Nov 2023 in every state."""
    alumbrado = CategoriaFactory(nombre="Luminaria", direccion=DireccionFactory(nombre="Alumbrado"))
    obras = CategoriaFactory(nombre="Bache", direccion=DireccionFactory(nombre="Obras"))
    whatsapp = CanalFactory(clave="whatsapp", nombre="WhatsApp")
    centro, norte = ColoniaFactory(nombre="Centro"), ColoniaFactory(nombre="Norte")
    gira = Evento.objects.create(tipo=Evento.Tipo.GIRA_PRESIDENCIA, nombre="Gira", fecha="2023-10-05")
    hechas = []
    for i in range(12):
        recibida = local(2023, 9 + i % 3, 1 + i, hora=i % 24)
        hechas.append(
            peticion(
                recibida,
                atendida=recibida + timedelta(hours=3 * i + 1) if i % 2 else None,
                categoria=alumbrado if i % 3 else obras,
                colonia=centro if i % 4 else norte,
                **({"canal": whatsapp} if i % 5 == 0 else {}),
                **({"evento": gira} if i == 4 else {}),
            )
        )
    # Attended in the next month; on the 1st at 00:30 local (the month is the local one); cerrada.
    hechas.append(peticion(local(2023, 9, 30, hora=23), atendida=local(2023, 10, 1, hora=0, minuto=30)))
    hechas.append(peticion(local(2023, 10, 2), atendida=local(2023, 10, 3), estado=Peticion.Estado.CERRADA))
    improcedente = peticion(local(2023, 10, 8), estado=Peticion.Estado.IMPROCEDENTE)
    Peticion.objects.filter(pk=improcedente.pk).update(fecha_improcedente=local(2023, 10, 20))
    peticion(local(2023, 10, 9), estado=Peticion.Estado.DUPLICADA)
    peticion(local(2023, 10, 10), estado=Peticion.Estado.CANCELADA)
    return {"hechas": hechas, "obras": obras, "alumbrado": alumbrado}


def _cambios(datos) -> None:
    """Writes of every kind after the requests exist: attend, reopen, move, mark duplicate, delete."""
    p = datos["hechas"]
    Peticion.objects.filter(pk=p[0].pk).update(estado=Peticion.Estado.ATENDIDA, fecha_atendida=local(2023, 11, 2))
    Peticion.objects.filter(pk=p[1].pk).update(estado=Peticion.Estado.EN_PROCESO, fecha_atendida=None)
    Peticion.objects.filter(pk=p[2].pk).update(direccion=datos["alumbrado"].direccion)
    Peticion.objects.filter(pk=p[9].pk).update(fecha_limite=F("fecha_recepcion") + timedelta(hours=30))
    Peticion.objects.filter(pk=p[3].pk).update(estado=Peticion.Estado.DUPLICADA)
    movida = local(2023, 10, 31, hora=23)
    Peticion.objects.filter(pk=p[6].pk).update(fecha_recepcion=movida, fecha_limite=movida + timedelta(days=2))
    Peticion.objects.filter(pk=p[8].pk).update(resolucion="Sólo cambia el texto.")
    p[7].delete()


def test_el_disparador_cuenta_cada_escritura():
    assert not _conteos()
    p = peticion(local(2023, 10, 5), atendida=local(2023, 11, 1, hora=0, minuto=0))
    octubre = {f for f in _conteos() if f[0].month == 10}
    assert {(f[1], f[6], f[7]) for f in octubre} == {("c", 1, 1), ("l", 1, 1)}
    assert {f[10] for f in _conteos() if f[0].month == 11} == {1}  # attended at 00:00 on Nov 1st, local
    p.delete()
    assert not _conteos()


def test_los_conteos_son_los_de_reconstruir(datos):
    _cambios(datos)
    mantenidos = _conteos()
    assert mantenidos
    assert conteos.reconstruir() > 0
    assert _conteos() == mantenidos


def test_reconstruir_conteos_los_repone(datos):
    esperados = _conteos()
    with connection.cursor() as c:
        c.execute("DELETE FROM indicadores_conteomensual")
    assert not _conteos()
    salida = io.StringIO()
    call_command("reconstruir_conteos", stdout=salida)
    assert "reconstruidos" in salida.getvalue()
    assert _conteos() == esperados


def test_se_deshacen_con_la_transaccion(datos):
    antes = _conteos()
    with pytest.raises(RuntimeError), transaction.atomic():
        peticion(local(2023, 10, 15))
        Peticion.objects.filter(pk=datos["hechas"][1].pk).update(estado=Peticion.Estado.RECIBIDA)
        raise RuntimeError
    assert _conteos() == antes


@pytest.mark.parametrize("direccion", [None, "obras"])
def test_tablero_por_conteos_igual_al_directo(datos, direccion):
    _cambios(datos)
    qs = Peticion.objects.all()
    direccion_id = None
    if direccion:
        direccion_id = datos[direccion].direccion_id
        qs = qs.filter(direccion_id=direccion_id)
    for desde, hasta in [(Mes(2023, 9), Mes(2023, 11)), (Mes(2023, 10), Mes(2023, 10)), (Mes(2023, 1), Mes(2023, 12))]:
        directo = tablero.calcular(qs, desde, hasta, CORTE)
        contado = tablero.calcular(qs, desde, hasta, CORTE, por_conteos=True, direccion_id=direccion_id)
        assert contado == directo


def test_series_de_la_mir_por_conteos_iguales_a_las_directas(datos, monkeypatch):
    _cambios(datos)
    contadas = series_del_anio(2023, ["recibidas", "atendidas", "solicitudes_gira", "solicitudes_miercoles"])
    monkeypatch.setattr(conteos, "disponibles", lambda: False)
    directas = series_del_anio(2023, ["recibidas", "atendidas", "solicitudes_gira", "solicitudes_miercoles"])
    assert contadas == directas
    assert contadas["solicitudes_gira"] == {Mes(2023, 10): 1}
    # Bounds that are not whole months are counted from the requests.
    assert atendidas(local(2023, 10, 2), local(2023, 10, 4)) == {Mes(2023, 10): 1}
