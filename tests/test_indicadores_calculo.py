"""Each MIR indicator's value is computed from live data, with its meta and semáforo by sentido."""

from decimal import Decimal

import pytest

from indicadores.calculo import CALCULOS, SERIES, SIN_FUENTE, cumplimiento, semaforo
from indicadores.models import Indicador, Programa
from indicadores.periodos import Mes
from peticiones.models import Canal, Evento, Peticion

from .factories import CanalFactory
from .indicadores_datos import local, peticion, valores_por_calculo

pytestmark = pytest.mark.django_db


def test_la_migracion_carga_los_ocho_indicadores_del_pat_2023():
    programa = Programa.objects.get(anio=2023)
    assert programa.nombre == "Programa Municipal de Atención Ciudadana"
    assert programa.unidad_responsable == "Dirección de Atención Ciudadana"
    assert programa.ods == "16.6.2"
    indicadores = list(programa.indicadores.order_by("orden"))
    assert len(indicadores) == 8
    primero = indicadores[0]
    assert (primero.nombre, primero.metodo_calculo) == (
        "Porcentaje de Solicitudes Ciudadanas Atendidas",
        "Atendidas/Recibidas",
    )
    assert (primero.linea_base, primero.meta, primero.sentido, primero.frecuencia) == (
        Decimal(80),
        Decimal(85),
        "ascendente",
        "mensual",
    )
    assert indicadores[1].meta == 1500 and indicadores[1].medios_verificacion == "Bitácora de Llamadas de Atención"
    assert [i.calculo for i in indicadores] == list(CALCULOS)
    assert all(i.calculo in CALCULOS for i in indicadores)
    # The calendar: nine activities, twelve cells each, as printed in the PAT.
    actividades = list(programa.actividades.order_by("numero"))
    assert len(actividades) == 9
    enero = actividades[0].metas.get(mes=1)
    assert (enero.referencia, enero.cantidad) == (Decimal(1287), Decimal(2907))
    assert actividades[3].metas.get(mes=1).cantidad == 74
    assert actividades[0].meta_anual == 37225


def test_porcentaje_de_atendidas_es_atendidas_del_mes_entre_recibidas_del_mes():
    for dia in range(1, 11):  # 10 received in October 2023
        peticion(local(2023, 10, dia))
    for dia in range(1, 5):  # 4 of them attended in October
        peticion(local(2023, 10, dia), atendida=local(2023, 10, dia, 18))
    peticion(local(2023, 9, 28), atendida=local(2023, 10, 2))  # received in September, attended in October
    peticion(local(2023, 10, 3), estado=Peticion.Estado.DUPLICADA)  # a duplicate is not a new request
    peticion(local(2023, 11, 1, 0, 30))  # November, local time, not October

    valor = valores_por_calculo(Mes(2023, 10))["porcentaje_atendidas"]

    assert (valor.numerador, valor.denominador) == (5, 14)
    assert valor.valor == Decimal("35.7")
    assert valor.meta_periodo == 85
    assert valor.semaforo == "rojo"  # 35.7 / 85 = 42 % of the meta


def test_solicitudes_de_gira_de_presidencia_cuentan_evento_o_canal():
    gira = Evento.objects.create(tipo=Evento.Tipo.GIRA_PRESIDENCIA, nombre="Gira Centro", fecha="2023-10-05")
    miercoles = Evento.objects.create(tipo=Evento.Tipo.MIERCOLES_CIUDADANO, nombre="Miércoles", fecha="2023-10-11")
    canal_gira = CanalFactory(clave="gira-presidencia", nombre="Gira de Presidencia")
    for _ in range(3):
        peticion(local(2023, 10, 5), evento=gira)
    peticion(local(2023, 10, 6), canal=canal_gira)
    peticion(local(2023, 10, 11), evento=miercoles)

    valor = valores_por_calculo(Mes(2023, 10))["solicitudes_gira"]

    assert valor.valor == 4
    assert valor.meta_periodo == 50
    assert valor.semaforo == "rojo"  # constante: 4 is far from 50
    assert Canal.objects.filter(clave="gira-presidencia").exists()


def test_indicador_sin_fuente_de_datos_lo_dice_en_vez_de_inventar_un_numero(monkeypatch):
    from indicadores import calculo

    def sin_fuente(desde, hasta):
        raise calculo.SinFuente("SIRC aún no registra esto.")

    monkeypatch.setitem(SERIES, "solicitudes_gira", calculo.Serie("solicitudes_gira", "x", "x", "x", sin_fuente))
    valor = valores_por_calculo(Mes(2023, 10))["solicitudes_gira"]
    assert valor.valor is None and valor.semaforo == ""
    assert valor.valor_texto == SIN_FUENTE
    assert "SIRC aún no registra esto." in valor.sin_fuente


def test_indicador_anual_acumula_el_anio_y_prorratea_la_meta():
    indicador = Indicador.objects.get(programa__anio=2023, calculo="solicitudes_gira")
    indicador.frecuencia = Indicador.Frecuencia.ANUAL
    indicador.meta = Decimal(120)
    indicador.save()
    gira = Evento.objects.create(tipo=Evento.Tipo.GIRA_PRESIDENCIA, nombre="Gira", fecha="2023-02-05")
    for mes in (1, 2, 3):
        for _ in range(10):
            peticion(local(2023, mes, 5), evento=gira)

    valor = valores_por_calculo(Mes(2023, 3))["solicitudes_gira"]

    assert valor.valor == 30  # January–March
    assert valor.meta_periodo == 30  # 120 × 3/12
    assert valor.semaforo == "verde"
    assert valor.periodo == "enero–marzo 2023 (acumulado)"


@pytest.mark.parametrize(
    ("sentido", "valor", "meta", "color"),
    [
        ("ascendente", 85, 85, "verde"),
        ("ascendente", 120, 85, "verde"),  # more is better
        ("ascendente", 70, 85, "amarillo"),  # 82 %
        ("ascendente", 50, 85, "rojo"),
        ("descendente", 20, 24, "verde"),  # less is better
        ("descendente", 30, 24, "amarillo"),  # 80 %
        ("descendente", 60, 24, "rojo"),
        ("constante", 1500, 1500, "verde"),
        ("constante", 1600, 1500, "verde"),  # 6.7 % off
        ("constante", 1900, 1500, "amarillo"),  # 26.7 % over: missing the meta either way counts
        ("constante", 900, 1500, "rojo"),
        ("constante", 0, 0, "verde"),
        ("constante", 3, 0, "rojo"),
    ],
)
def test_semaforo_por_sentido(sentido, valor, meta, color):
    assert semaforo(sentido, Decimal(valor), Decimal(meta)) == color


def test_cumplimiento_descendente_con_valor_cero_es_pleno():
    assert cumplimiento("descendente", Decimal(0), Decimal(10)) == 100


def test_indicador_anual_adelantado_sin_pasar_la_meta_va_en_verde():
    indicador = Indicador.objects.get(programa__anio=2023, calculo="solicitudes_gira")
    indicador.frecuencia = Indicador.Frecuencia.ANUAL
    indicador.meta = Decimal(12)
    indicador.save()
    gira = Evento.objects.create(tipo=Evento.Tipo.GIRA_PRESIDENCIA, nombre="Gira", fecha="2023-01-05")
    for _ in range(12):  # the whole year's meta reached in January
        peticion(local(2023, 1, 5), evento=gira)

    enero = valores_por_calculo(Mes(2023, 1))["solicitudes_gira"]
    assert (enero.valor, enero.meta_periodo, enero.semaforo) == (12, 1, "verde")

    peticion(local(2023, 2, 5), evento=gira)  # 13 > 12: past the yearly meta of a constante indicator
    assert valores_por_calculo(Mes(2023, 2))["solicitudes_gira"].semaforo == "rojo"
