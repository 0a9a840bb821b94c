"""The follow-up loop closes on people: «no se resolvió» tells the enlace and restarts the plazo; a low rating
with a comment reaches the supervisor as a queja, linked to the folio, once."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from peticiones import roles, vencimientos
from peticiones.acciones import seguimiento
from peticiones.models import EvaluacionCiudadana, Notificacion, Peticion

from .factories import UsuarioFactory
from .seguimiento_utiles import llamada_vencida, peticion_atendida, tomar

pytestmark = pytest.mark.django_db


def _atendida_con_enlace(**kwargs):
    """Received 10 days ago (its original plazo long gone), attended 30 h ago, with an enlace in its dirección."""
    peticion = peticion_atendida(fecha_recepcion=timezone.now() - timedelta(days=10), **kwargs)
    enlace = UsuarioFactory(rol=roles.ENLACE)
    peticion.direccion.enlaces.add(enlace)
    return peticion, enlace


def _no_se_resolvio(peticion, operador):
    llamada_vencida(peticion)
    llamada = tomar(operador)
    seguimiento.registrar_resultado(
        llamada, operador, "contactado", se_resolvio=False, satisfaccion=2, comentario="La luminaria sigue apagada."
    )
    peticion.refresh_from_db()
    return peticion


def test_no_se_resolvio_avisa_al_enlace_con_liga_al_folio(client, operador):
    peticion, enlace = _atendida_con_enlace()
    _no_se_resolvio(peticion, operador)
    assert peticion.estado == Peticion.Estado.TURNADA
    aviso = Notificacion.objects.get(usuario=enlace, canal=Notificacion.Canal.APP, motivo="reabierta")
    assert aviso.peticion == peticion and "La luminaria sigue apagada." in aviso.cuerpo
    client.force_login(enlace)
    html = client.get(reverse("peticiones:avisos")).content.decode()
    assert f"Reabierta (no se resolvió): {peticion.folio}" in html
    assert f'href="{reverse("peticiones:detalle", kwargs={"folio": peticion.folio})}"' in html


def test_la_reabierta_tiene_un_plazo_nuevo_contado_desde_la_reapertura(operador):
    peticion, _ = _atendida_con_enlace()
    antes = timezone.now()
    _no_se_resolvio(peticion, operador)
    plazo = timedelta(hours=peticion.categoria.plazo_horas)
    assert antes + plazo <= peticion.fecha_limite <= timezone.now() + plazo
    assert peticion.fecha_reabierta is not None and peticion.fecha_vencida is None
    # Not overdue on arrival: the 24-hour sweep leaves it alone until the new plazo passes.
    assert peticion.pk not in vencimientos.marcar_vencidas()
    assert not Peticion.objects.get(pk=peticion.pk).vencida


@override_settings(SIRC_PLAZO_REAPERTURA_HORAS=48)
def test_el_plazo_de_reapertura_sale_de_los_ajustes(operador):
    peticion, _ = _atendida_con_enlace()
    antes = timezone.now()
    _no_se_resolvio(peticion, operador)
    assert antes + timedelta(hours=48) <= peticion.fecha_limite <= timezone.now() + timedelta(hours=48)


def test_el_escalamiento_de_la_reabierta_cuenta_desde_la_reapertura(operador):
    peticion, _ = _atendida_con_enlace()
    _no_se_resolvio(peticion, operador)
    plazo = peticion.categoria.plazo_horas
    assert vencimientos.nivel_alcanzado(peticion, timezone.now() + timedelta(hours=plazo + 1)) == 1
    assert vencimientos.nivel_alcanzado(peticion, timezone.now() + timedelta(hours=3 * plazo + 1)) == 3


def _evaluar(client, peticion, calificacion, comentario):
    return client.post(
        "/consulta/evaluar/",
        {
            "folio": peticion.folio,
            "ultimos4": peticion.ciudadano.telefono[-4:],
            "calificacion": str(calificacion),
            "comentario": comentario,
        },
    )


def test_calificacion_baja_con_comentario_llega_como_queja_al_supervisor(client, supervisor):
    peticion = peticion_atendida()
    respuesta = _evaluar(client, peticion, 2, "Tardaron un mes y quedó mal.")
    assert respuesta.status_code == 200
    queja = EvaluacionCiudadana.objects.get(peticion=peticion).queja
    assert queja is not None and queja.tipo.para_supervisor and queja.ciudadano == peticion.ciudadano
    assert queja.direccion.siglas == "DAC" and "Tardaron un mes y quedó mal." in queja.descripcion
    client.force_login(supervisor)
    html = client.get(reverse("peticiones:quejas")).content.decode()
    assert queja.folio in html and "Calificó 2/5 el folio" in html
    assert f'href="{reverse("peticiones:detalle", kwargs={"folio": peticion.folio})}"' in html
    assert (
        f"llegó a la supervisión como la queja {queja.folio}"
        in client.get(reverse("peticiones:detalle", kwargs={"folio": peticion.folio})).content.decode()
    )


def test_la_queja_se_crea_una_sola_vez(client):
    peticion = peticion_atendida()
    _evaluar(client, peticion, 1, "Nadie vino.")
    evaluacion = EvaluacionCiudadana.objects.get(peticion=peticion)
    assert seguimiento.queja_por_evaluacion(evaluacion) == evaluacion.queja
    _evaluar(client, peticion, 1, "Nadie vino.")
    assert Peticion.objects.filter(tipo__para_supervisor=True).count() == 1


@pytest.mark.parametrize(("calificacion", "comentario"), [(3, "Regular, tardaron."), (2, ""), (5, "Excelente")])
def test_sin_comentario_o_con_calificacion_aceptable_no_hay_queja(client, calificacion, comentario):
    peticion = peticion_atendida()
    _evaluar(client, peticion, calificacion, comentario)
    assert EvaluacionCiudadana.objects.get(peticion=peticion).queja is None
    assert not Peticion.objects.filter(tipo__para_supervisor=True).exists()
