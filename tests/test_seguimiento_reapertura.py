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


# --- low ratings given on a follow-up call or to a brigade at home --------------------------------------------


def _quejas():
    return Peticion.objects.filter(tipo__para_supervisor=True)


def test_satisfaccion_baja_con_comentario_en_la_llamada_llega_como_queja(client, operador, supervisor):
    peticion = peticion_atendida()
    llamada_vencida(peticion)
    llamada = tomar(operador)
    seguimiento.registrar_resultado(
        llamada, operador, "contactado", se_resolvio=True, satisfaccion=1, comentario="Me trataron muy mal al teléfono."
    )
    queja = _quejas().get()
    assert queja.ciudadano == peticion.ciudadano and queja.direccion.siglas == "DAC"
    assert queja.canal.clave == "seguimiento" and queja.capturada_por.username == "sirc-seguimiento"
    assert f"folio {peticion.folio}" in queja.descripcion and "por llamada de seguimiento" in queja.descripcion
    assert "Me trataron muy mal al teléfono." in queja.descripcion
    assert Peticion.objects.get(pk=peticion.pk).estado == Peticion.Estado.CERRADA  # «sí se resolvió» still closes
    client.force_login(supervisor)
    assert queja.folio in client.get(reverse("peticiones:quejas")).content.decode()
    detalle = client.get(reverse("peticiones:detalle", kwargs={"folio": peticion.folio})).content.decode()
    assert f"llegó a la supervisión como la queja {queja.folio}" in detalle
    # Once per call: asking again for the same rating returns the same queja.
    otra = seguimiento.queja_por_calificacion(
        peticion, 1, "x", medio="llamada de seguimiento", clave=f"sirc:llamada:{llamada.pk}", canal="seguimiento"
    )
    assert otra == queja and _quejas().count() == 1


def test_no_se_resolvio_con_satisfaccion_baja_reabre_y_tambien_llega_como_queja(operador):
    peticion, _enlace = _atendida_con_enlace()
    _no_se_resolvio(peticion, operador)  # satisfacción 2/5, «La luminaria sigue apagada.»
    assert peticion.estado == Peticion.Estado.TURNADA
    assert "La luminaria sigue apagada." in _quejas().get().descripcion


def test_satisfaccion_baja_con_comentario_en_la_visita_llega_como_queja(operador, supervisor):
    from peticiones.models import VisitaDomiciliaria

    peticion = peticion_atendida()
    seguimiento.registrar_visita(
        peticion,
        operador,
        realizada_por=supervisor,
        fecha_visita=timezone.now() - timedelta(hours=1),
        resultado=VisitaDomiciliaria.Resultado.CONTACTADO,
        se_resolvio=True,
        satisfaccion=2,
        comentario="Tardaron tres semanas.",
    )
    queja = _quejas().get()
    assert "por visita domiciliaria" in queja.descripcion and "Tardaron tres semanas." in queja.descripcion


@pytest.mark.parametrize(("satisfaccion", "comentario"), [(3, "Regular, tardaron."), (2, ""), (None, "Sin opinión")])
def test_llamada_sin_comentario_o_con_satisfaccion_aceptable_no_deja_queja(operador, satisfaccion, comentario):
    llamada_vencida()
    seguimiento.registrar_resultado(
        tomar(operador), operador, "contactado", se_resolvio=True, satisfaccion=satisfaccion, comentario=comentario
    )
    assert not _quejas().exists()
