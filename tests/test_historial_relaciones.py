"""History of what lives beside the main rows: the other requesters of a request (the many-to-many
`Peticion.solicitantes`), the colonias of a cuartel (`Cuartel.colonias`) and the MIR configuration (programa,
actividades, calendario, indicadores). Each change says who made it and what it was before and after."""

import uuid
from decimal import Decimal
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

import peticiones.tasks  # noqa: F401  (registers the tasks a capture queues)
from indicadores.admin import historial_de_actividad
from indicadores.models import Actividad, Indicador, MetaMensual, Programa
from jefes_manzana.admin import historial_de_cuartel
from jefes_manzana.models import CuartelColoniaEvent
from peticiones import roles
from peticiones.admin.peticion import historial_de_peticion
from peticiones.models import PeticionSolicitanteEvent
from sirc import historial

from .factories import (
    CanalFactory,
    CiudadanoFactory,
    ColoniaFactory,
    CuartelFactory,
    PeticionFactory,
    TipoPeticionFactory,
    UsuarioFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not settings.ES_POSTGRES, reason="el historial usa disparadores de PostgreSQL (pghistory)"),
    pytest.mark.usefixtures("celery_en_proceso"),
]


@pytest.fixture
def admin(db):
    return UsuarioFactory(username="admin.hist", is_staff=True, is_superuser=True)


def test_otro_solicitante_agregado_por_el_operador_queda_con_quien_y_la_pagina_del_admin_lo_muestra(
    client, usuario_de_rol, admin
):
    operador = usuario_de_rol(roles.OPERADOR, username="karla.op")
    original = PeticionFactory()
    client.force_login(operador)
    respuesta = client.post(
        reverse("peticiones:captura"),
        {
            "clave_idempotencia": str(uuid.uuid4()),
            "telefono": "2295551234",
            "nombre": "Héctor",
            "apellidos": "Reyes",
            "categoria": original.categoria.pk,
            "colonia": original.colonia.nombre,
            "descripcion": "También sale agua en la esquina",
            "tipo": TipoPeticionFactory().pk,
            "canal": CanalFactory().pk,
            "vincular": original.pk,
            "acepta_aviso": "on",
        },
    )
    assert respuesta.status_code == 302
    agregado = [c for c in historial_de_peticion(original) if c.etiqueta == "Solicitante agregado"]
    assert len(agregado) == 1
    assert agregado[0].quien == "karla.op" and agregado[0].origen == reverse("peticiones:captura")
    assert agregado[0].cambios == [("otro solicitante", None, "Héctor Reyes")]

    client.force_login(admin)
    texto = client.get(f"/admin/peticiones/peticion/{original.pk}/history/").content.decode()
    assert "Solicitante agregado" in texto and "karla.op" in texto and "Héctor Reyes" in texto


def test_quitar_un_solicitante_queda_con_el_antes(admin):
    peticion, vecina = PeticionFactory(), CiudadanoFactory(nombre="Lucía", apellidos="Mora")
    with historial.contexto(usuario=admin.pk):
        peticion.solicitantes.add(vecina)
    with historial.contexto(comando="depurar_solicitantes"):
        peticion.solicitantes.remove(vecina)
    enlaces = [c for c in historial_de_peticion(peticion) if c.etiqueta.startswith("Solicitante")]
    assert [(c.etiqueta, c.quien, c.cambios) for c in enlaces] == [
        ("Solicitante agregado", "admin.hist", [("otro solicitante", None, "Lucía Mora")]),
        ("Solicitante quitado", "comando «depurar_solicitantes»", [("otro solicitante", "Lucía Mora", None)]),
    ]
    assert PeticionSolicitanteEvent.objects.filter(peticion_id=peticion.pk).count() == 2


def test_colonias_de_un_cuartel_cambiadas_en_el_admin_quedan_con_quien_y_antes_despues(client, admin):
    faros, centro, reforma = (ColoniaFactory(nombre=n) for n in ("Faros", "Centro", "Reforma"))
    cuartel = CuartelFactory(numero=7, nombre="Puerto")
    cuartel.colonias.set([faros, centro])
    client.force_login(admin)
    respuesta = client.post(
        f"/admin/jefes_manzana/cuartel/{cuartel.pk}/change/",
        {"numero": 7, "nombre": "Puerto", "zona": "", "colonias": [centro.pk, reforma.pk], "jefe": ""},
    )
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    cambios = historial_de_cuartel(cuartel)
    hechos_por_admin = {(c.etiqueta, c.cambios[0]) for c in cambios if c.quien == "admin.hist"}
    assert hechos_por_admin == {
        ("Colonia quitada", ("colonia", str(faros), None)),
        ("Colonia agregada", ("colonia", None, str(reforma))),
    }
    assert CuartelColoniaEvent.objects.filter(cuartel_id=cuartel.pk).count() == 4  # 2 set up + 1 out + 1 in
    texto = client.get(f"/admin/jefes_manzana/cuartel/{cuartel.pk}/history/").content.decode()
    assert "Colonia quitada" in texto and "Colonia agregada" in texto


def _programa() -> Programa:
    programa = Programa.objects.create(
        anio=2031, nombre="Atención ciudadana", unidad_responsable="DAC", eje="Gobierno", objetivo="Atender"
    )
    actividad = Actividad.objects.create(programa=programa, numero=1, descripcion="Recibir peticiones")
    MetaMensual.objects.create(actividad=actividad, mes=3, cantidad=Decimal("100"))
    Indicador.objects.create(
        programa=programa,
        actividad=actividad,
        orden=1,
        resumen_narrativo="Peticiones atendidas",
        nombre="Porcentaje de peticiones atendidas",
        metodo_calculo="atendidas / recibidas × 100",
        dimension=Indicador.Dimension.EFICACIA,
        sentido=Indicador.Sentido.ASCENDENTE,
        frecuencia=Indicador.Frecuencia.MENSUAL,
        linea_base=Decimal("80"),
        meta=Decimal("90"),
        medios_verificacion="SIRC",
        calculo="porcentaje_atendidas",
    )
    return programa


def test_cambios_a_la_configuracion_del_mir_quedan_con_quien_y_antes_despues(client, admin):
    programa = _programa()
    indicador, actividad = programa.indicadores.get(), programa.actividades.get()
    with historial.contexto(usuario=admin.pk, url="/admin/"):
        Indicador.objects.filter(pk=indicador.pk).update(meta=Decimal("95"), umbral_verde=Decimal("92"))
        MetaMensual.objects.filter(actividad=actividad).update(cantidad=Decimal("120"))
        Programa.objects.filter(pk=programa.pk).update(titular="Lic. Ana Torres")
    ultimo = historial.historial_de(indicador)[-1]
    assert (ultimo.etiqueta, ultimo.quien) == ("Cambio", "admin.hist")
    assert ("meta", Decimal("90.00"), Decimal("95.00")) in ultimo.cambios
    assert ("semáforo verde desde (% de cumplimiento)", Decimal("90.00"), Decimal("92.00")) in ultimo.cambios
    calendario = [c for c in historial_de_actividad(actividad) if c.etiqueta == "Calendario, marzo: Cambio"]
    assert calendario[0].quien == "admin.hist"
    assert calendario[0].cambios == [("cantidad programada", Decimal("100.00"), Decimal("120.00"))]
    assert ("titular de la unidad responsable", "", "Lic. Ana Torres") in historial.historial_de(programa)[-1].cambios

    client.force_login(admin)
    for ruta in (f"indicador/{indicador.pk}", f"actividad/{actividad.pk}", f"programa/{programa.pk}"):
        respuesta = client.get(f"/admin/indicadores/{ruta}/history/")
        assert respuesta.status_code == 200 and "admin.hist" in respuesta.content.decode()
    texto = client.get(f"/admin/indicadores/actividad/{actividad.pk}/history/").content.decode()
    assert "Calendario, marzo: Cambio" in texto and "100.00 → 120.00" in texto


def test_una_meta_borrada_del_calendario_sigue_en_el_historial_de_su_actividad(admin):
    actividad = _programa().actividades.get()
    with historial.contexto(usuario=admin.pk):
        MetaMensual.objects.filter(actividad=actividad).delete()
    baja = [c for c in historial_de_actividad(actividad) if c.etiqueta == "Calendario, marzo: Baja"]
    assert baja and baja[0].quien == "admin.hist"


def test_la_configuracion_cargada_antes_del_historial_empieza_con_su_estado_inicial(admin):
    """The PAT loaded by migration before the triggers existed: its first change still shows the before."""
    import pgtrigger

    with pgtrigger.ignore("indicadores.Programa:insert_insert"):
        programa = Programa.objects.create(
            anio=2032, nombre="Atención ciudadana", unidad_responsable="DAC", eje="Gobierno", objetivo="Atender"
        )
    assert historial.historial_de(programa) == []
    import_module("indicadores.migrations.0006_historial_mir_estado_inicial").estado_inicial(
        apps, SimpleNamespace(connection=SimpleNamespace(vendor="postgresql"))
    )
    with historial.contexto(usuario=admin.pk):
        Programa.objects.filter(pk=programa.pk).update(unidad_responsable="Dirección de Atención Ciudadana")
    inicial, cambio = historial.historial_de(programa)
    assert inicial.etiqueta == "Estado inicial"
    assert cambio.cambios == [("unidad responsable", "DAC", "Dirección de Atención Ciudadana")]
