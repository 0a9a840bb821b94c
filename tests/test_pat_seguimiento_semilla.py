"""Row 2 of the PAT 2023 calendar («Realizar visitas y/o llamadas», «a/b») is follow-up ATTEMPTS / citizens
REACHED from the Bitácora de Llamadas — the reading under which every month of seed 002 has a ≥ b. The year is
built through the follow-up functions (the call queue and the brigades' visits), never by writing rows."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from indicadores.calendario import calendario
from indicadores.models import Programa
from peticiones import roles
from peticiones.acciones import seguimiento
from peticiones.models import Peticion

from .factories import PeticionFactory, UsuarioFactory
from .seguimiento_utiles import peticion_atendida

pytestmark = pytest.mark.django_db

# Seed 002, «Calendario de Actividades», row 2: attempts/reached per month (total 14,111 = the sum of the b's).
SEMILLA = [(1287, 843), (2692, 2381), (2354, 1995), (962, 846), (1266, 1042), (1110, 987)]
SEMILLA += [(342, 310), (1942, 1839), (1739, 1588), (1283, 1192), (118, 108), (1009, 980)]
# The test builds the seed's year at 1:20 (805 attempts) so it stays fast; the ratios and a ≥ b are the seed's.
ESCALA = 20


def _escalado(valor: int) -> int:
    return max(1, (valor + ESCALA // 2) // ESCALA)


def test_la_semilla_cumple_intentos_mayores_o_iguales_a_contactados():
    assert all(a >= b for a, b in SEMILLA)
    assert sum(b for _, b in SEMILLA) == 14111


def _llamada_contactada(operador, momento: datetime) -> None:
    """One attended request whose follow-up call (queued, taken, answered) reached the citizen at `momento`."""
    peticion = peticion_atendida(fecha_recepcion=momento - timedelta(hours=30))
    Peticion.objects.filter(pk=peticion.pk).update(fecha_atendida=momento - timedelta(hours=25))
    assert seguimiento.encolar_llamadas(ahora=momento) >= 1
    llamada = seguimiento.siguiente_llamada(operador, ahora=momento + timedelta(days=1))
    seguimiento.registrar_resultado(llamada, operador, "contactado", se_resolvio=True, ahora=momento)


def test_fila_2_del_calendario_son_intentos_sobre_contactados_los_doce_meses(operador):
    brigadista = UsuarioFactory(rol=roles.OPERADOR, username="brigada-1")
    visitada = PeticionFactory(
        estado=Peticion.Estado.CERRADA, fecha_recepcion=timezone.make_aware(datetime(2023, 1, 2))
    )
    esperado = []
    for mes, (a, b) in enumerate(SEMILLA, start=1):
        intentos, contactados = _escalado(a), _escalado(b)
        esperado.append(f"{intentos:,}/{contactados:,}")
        momento = timezone.make_aware(datetime(2023, mes, 10, 11, 0))
        _llamada_contactada(operador, momento)  # one attempt, one citizen reached, by phone
        for n in range(intentos - 1):  # the rest by the brigades: the first ones reach the citizen
            seguimiento.registrar_visita(
                visitada,
                operador,
                realizada_por=brigadista,
                fecha_visita=momento + timedelta(minutes=n),
                resultado="contactado" if n < contactados - 1 else "no_encontrado",
                se_resolvio=True if n < contactados - 1 else None,
            )
    fila = next(f for f in calendario(Programa.objects.get(anio=2023)) if f.actividad.numero == 2)
    assert fila.realizado == esperado
    assert fila.total_realizado == f"{sum(_escalado(b) for _, b in SEMILLA):,}"  # the seed's total: the b's


def test_el_total_de_capacitados_dice_que_cuenta(client, director):
    client.force_login(director)
    html = client.get(reverse("indicadores:mir"), {"mes": "2023-12"}).content.decode()
    assert "Personas distintas en el año" in html and "Suma de los meses" in html


def test_el_mir_de_un_anio_sin_pat_ofrece_copiar_el_anterior_y_solo_un_post_lo_copia(client, director):
    admin = UsuarioFactory(rol=roles.ADMINISTRADOR, is_staff=True)
    client.force_login(admin)
    url = reverse("indicadores:mir")
    html = client.get(url, {"mes": "2024-03"}).content.decode()
    assert "Copiar el Programa Anual de Trabajo 2023 a 2024" in html
    assert not Programa.objects.filter(anio=2024).exists()  # GET never writes
    assert client.get(reverse("indicadores:mir_copiar_programa"), {"mes": "2024-03"}).status_code == 405
    client.force_login(director)  # may read the MIR, may not create a year's programme
    assert "Copiar el Programa" not in client.get(url, {"mes": "2024-03"}).content.decode()
    assert client.post(reverse("indicadores:mir_copiar_programa"), {"mes": "2024-03"}).status_code == 403
    client.force_login(admin)
    respuesta = client.post(reverse("indicadores:mir_copiar_programa"), {"mes": "2024-03"}, follow=True)
    assert "Se copió el Programa Anual de Trabajo 2023 a 2024" in respuesta.content.decode()
    copia = Programa.objects.get(anio=2024)
    assert copia.actividades.count() == Programa.objects.get(anio=2023).actividades.count()
    client.post(reverse("indicadores:mir_copiar_programa"), {"mes": "2024-03"})  # twice: still one
    assert Programa.objects.filter(anio=2024).count() == 1
