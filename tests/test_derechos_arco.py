"""ARCO requests (LGPDPPSO): due in 20 días hábiles with an alert at 15; access lists everything held;
rectification with history; cancellation leaves no trace and every figure the same; opposition stops every
contact; the retention rule."""

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import timezone

import peticiones.tasks  # noqa: F401  (registers the tasks the actions queue)
from indicadores import tablero
from indicadores.calculo import valores_del_mes
from indicadores.models import Programa
from indicadores.periodos import Mes
from peticiones import notificaciones, roles
from peticiones.acciones import privacidad
from peticiones.acciones.captura import DatosCiudadano, capturar
from peticiones.acciones.seguimiento import por_encolar
from peticiones.bitacora import registrar_evento
from peticiones.models import (
    Ciudadano,
    DiaInhabil,
    EventoBitacora,
    LlamadaSeguimiento,
    Notificacion,
    Peticion,
    SolicitudArco,
)

from .factories import CanalFactory, CategoriaFactory, ColoniaFactory, TipoPeticionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_en_proceso")]
VERACRUZ = ZoneInfo("America/Mexico_City")
PERSONA = {"nombre": "Filiberta", "apellidos": "Zorrilla Quintanar", "telefono": "2297654321"}
RASTROS = ["Filiberta", "Zorrilla", "Quintanar", "2297654321", "fzq@correo.mx", "Callejón Ñandú 15"]


@pytest.fixture
def supervisor(usuario_de_rol):
    return usuario_de_rol(roles.SUPERVISOR, username="sup.arco")


@pytest.fixture
def persona(usuario_de_rol):
    """A citizen with two requests over two months (one attended and followed up), notices and a call."""
    operador = usuario_de_rol(roles.OPERADOR, username="op.arco")
    canal = CanalFactory()
    categoria = CategoriaFactory(nombre="Fuga de agua")
    colonia = ColoniaFactory(nombre="Zaragoza")
    peticiones_ = []
    for mes in (3, 4):
        peticiones_.append(
            capturar(
                usuario=operador,
                categoria=categoria,
                colonia=colonia,
                canal=canal,
                tipo=TipoPeticionFactory(),
                descripcion="Fuga frente a la casa de Filiberta Zorrilla, tel. 229 765 4321",
                calle="Callejón Ñandú",
                numero_exterior="15",
                referencias="casa de Filiberta",
                ciudadano=DatosCiudadano(
                    **PERSONA, correo="fzq@correo.mx", domicilio="Callejón Ñandú 15", acepta_aviso=True
                ),
                fecha_recepcion=datetime(2023, mes, 6, 10, tzinfo=VERACRUZ),
            )
        )
    primera = peticiones_[0]
    Peticion.objects.filter(pk=primera.pk).update(
        estado="atendida", fecha_atendida=datetime(2023, 3, 7, 10, tzinfo=VERACRUZ), resolucion="Se reparó"
    )
    registrar_evento(primera, EventoBitacora.Tipo.COMENTARIO, "Filiberta pide que llamen después de las 5")
    LlamadaSeguimiento.objects.create(
        peticion=primera,
        atendida_el=datetime(2023, 3, 7, 10, tzinfo=VERACRUZ),
        programada_para=datetime(2023, 3, 8, 10, tzinfo=VERACRUZ),
        estado="contactado",
        se_resolvio=True,
        fecha_resultado=datetime(2023, 3, 8, 11, tzinfo=VERACRUZ),
        comentario="Habló Filiberta, dice que ya quedó",
    )
    notificaciones.avisar_ciudadano(primera, notificaciones.Motivo.ATENDIDA, primera.bitacora.first())
    return Ciudadano.objects.get(telefono=PERSONA["telefono"])


def _solicitud(supervisor, persona, derecho, recepcion=None) -> SolicitudArco:
    return privacidad.registrar_solicitud(
        usuario=supervisor,
        ciudadano=persona,
        derecho=derecho,
        canal=CanalFactory(),
        descripcion="Lo pide por escrito",
        identidad="INE",
        fecha_recepcion=recepcion,
    )


def test_plazo_de_20_dias_habiles_con_el_calendario_y_alerta_a_los_15(supervisor, persona):
    DiaInhabil.objects.get_or_create(fecha=date(2026, 3, 16), defaults={"nombre": "Natalicio de Benito Juárez"})
    recibida = datetime(2026, 3, 2, 12, tzinfo=VERACRUZ)  # a Monday
    solicitud = _solicitud(supervisor, persona, SolicitudArco.Derecho.ACCESO, recibida)
    # From Tuesday 3: 20 días hábiles skipping weekends and 16 March → Tuesday 31 March; the 15th → 24 March.
    assert timezone.localtime(solicitud.fecha_limite).date() == date(2026, 3, 31)
    assert timezone.localtime(solicitud.fecha_alerta).date() == date(2026, 3, 24)

    assert privacidad.alertar_plazos(ahora=datetime(2026, 3, 23, 12, tzinfo=VERACRUZ)).alertadas == []
    assert privacidad.alertar_plazos(ahora=datetime(2026, 3, 24, 9, tzinfo=VERACRUZ)).alertadas == [solicitud.pk]
    assert privacidad.alertar_plazos(ahora=datetime(2026, 3, 25, 9, tzinfo=VERACRUZ)).alertadas == []  # once
    aviso = Notificacion.objects.get(usuario=supervisor, canal="app", motivo="arco_plazo")
    assert solicitud.folio in aviso.asunto and "31/03/2026" in aviso.cuerpo
    assert Notificacion.objects.filter(usuario=supervisor, canal="correo", motivo="arco_plazo").exists()


def test_acceso_entrega_todo_lo_que_se_conserva(client, supervisor, persona):
    solicitud = _solicitud(supervisor, persona, SolicitudArco.Derecho.ACCESO)
    client.force_login(supervisor)
    datos = json.loads(client.get(f"/peticiones/arco/{solicitud.pk}/acceso.json").content)
    assert datos["ciudadano"]["telefono"] == "2297654321" and datos["ciudadano"]["correo"] == "fzq@correo.mx"
    assert len(datos["peticiones"]) == 2 and datos["peticiones"][0]["bitacora"]
    assert datos["llamadas_de_seguimiento"][0]["comentario"] == "Habló Filiberta, dice que ya quedó"
    assert datos["avisos_enviados"] and len(datos["consentimientos"]) == 2
    assert datos["solicitudes_arco"][0]["derecho"] == "Acceso"
    assert datos["historial_de_cambios"] or not privacidad.historial.activo()
    pdf = client.get(f"/peticiones/arco/{solicitud.pk}/acceso.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    respuesta = client.post(f"/peticiones/arco/{solicitud.pk}/", {"responder": "1", "respuesta": "Se entregó."})
    assert respuesta.status_code == 302
    solicitud.refresh_from_db()
    assert solicitud.estado == "atendida" and solicitud.atendida_por == supervisor


def test_rectificacion_cambia_y_el_historial_guarda_lo_anterior(client, supervisor, persona):
    solicitud = _solicitud(supervisor, persona, SolicitudArco.Derecho.RECTIFICACION)
    client.force_login(supervisor)
    respuesta = client.post(
        f"/peticiones/arco/{solicitud.pk}/",
        {
            "rectificar": "1",
            "nombre": "Filiberta",
            "apellidos": "Zorrilla Quintanar",
            "telefono": "2297654321",
            "correo": "nuevo@correo.mx",
            "domicilio": "Callejón Ñandú 15",
            "respuesta": "Rectificado.",
        },
    )
    assert respuesta.status_code == 302
    persona.refresh_from_db()
    assert persona.correo == "nuevo@correo.mx"
    if privacidad.historial.activo():
        ultimo = privacidad.historial.historial_de(persona)[-1]
        assert (
            ultimo.quien == "sup.arco" and ("correo electrónico", "fzq@correo.mx", "nuevo@correo.mx") in ultimo.cambios
        )


def _cifras() -> dict:
    """Every figure of the dashboard and the MIR, month by month (2023)."""
    qs = Peticion.objects.all()
    corte = datetime(2023, 12, 31, tzinfo=VERACRUZ)
    programa = Programa.objects.get(anio=2023)
    cifras = {}
    for m in range(1, 13):
        mes = Mes(2023, m)
        cifras[m] = {
            "tablero": tablero.calcular(qs, mes, mes, corte),
            "mir": [(v.indicador.pk, v.valor, v.numerador, v.denominador) for v in valores_del_mes(programa, mes)],
        }
    return cifras


def _textos_en_la_base() -> str:
    """Every text and JSON value of every table (history included), to look for traces of the person."""
    partes = []
    for modelo in apps.get_models():
        campos = [
            f.attname
            for f in modelo._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        if campos and modelo._meta.managed:
            for fila in modelo.objects.values_list(*campos):
                partes.extend(str(v) for v in fila if v)
    return "\n".join(partes)


def test_cancelacion_no_deja_rastro_y_las_cifras_no_cambian(client, supervisor, persona):
    solicitud = _solicitud(supervisor, persona, SolicitudArco.Derecho.CANCELACION)
    texto = _textos_en_la_base()
    assert all(rastro in texto for rastro in RASTROS)  # the search finds them while they are there
    antes = _cifras()
    client.force_login(supervisor)
    respuesta = client.post(
        f"/peticiones/arco/{solicitud.pk}/", {"cancelar": "1", "confirmo": "on", "respuesta": "Cancelado."}
    )
    assert respuesta.status_code == 302
    texto = _textos_en_la_base()
    for rastro in RASTROS:
        assert rastro not in texto, rastro
    assert "229 765 4321" not in texto and "****4321" not in texto
    assert _cifras() == antes
    persona.refresh_from_db()
    assert persona.anonimizado and persona.nombre == privacidad.ANONIMO
    assert Peticion.objects.filter(ciudadano=persona).count() == 2
    solicitud.refresh_from_db()
    assert solicitud.estado == "atendida"


def test_oposicion_no_mas_llamadas_sms_ni_correos(client, supervisor, persona):
    atendida = Peticion.objects.filter(ciudadano=persona).order_by("pk").last()
    Peticion.objects.filter(pk=atendida.pk).update(estado="atendida", fecha_atendida=timezone.now())
    pendiente = Notificacion.objects.create(
        peticion=atendida, motivo="atendida", canal="sms", destinatario="2297654321", asunto="x", cuerpo="x", clave="p1"
    )
    assert por_encolar().filter(pk=atendida.pk).exists()
    solicitud = _solicitud(supervisor, persona, SolicitudArco.Derecho.OPOSICION)
    client.force_login(supervisor)
    client.post(f"/peticiones/arco/{solicitud.pk}/", {"responder": "1", "respuesta": "Ya no se le llamará."})
    persona.refresh_from_db()
    assert persona.oposicion_contacto is not None
    assert not por_encolar().filter(pk=atendida.pk).exists()  # the follow-up queue skips them
    pendiente.refresh_from_db()
    assert pendiente.estado == "cancelada"
    assert notificaciones.enviar(pendiente.pk).enviada is False
    antes = Notificacion.objects.count()
    atendida.refresh_from_db()
    assert notificaciones.avisar_ciudadano(atendida, notificaciones.Motivo.ATENDIDA, atendida.bitacora.first()) == []
    assert Notificacion.objects.count() == antes


def test_retencion_simulacro_idempotente(supervisor, persona, settings):
    settings.SIRC_RETENCION_ANIOS = 2
    Ciudadano.objects.filter(pk=persona.pk).update(creado=timezone.now() - timedelta(days=3 * 366))
    Peticion.objects.filter(ciudadano=persona).update(
        estado="cerrada", fecha_cerrada=datetime(2023, 5, 1, tzinfo=VERACRUZ)
    )
    reciente = Ciudadano.objects.create(nombre="Reciente", telefono="2290000123")
    call_command("aplicar_retencion", "--simulacro")
    persona.refresh_from_db()
    assert persona.anonimizado is None
    assert [c.pk for c in privacidad.por_retener()] == [persona.pk]
    call_command("aplicar_retencion")
    persona.refresh_from_db()
    reciente.refresh_from_db()
    assert persona.anonimizado is not None and reciente.anonimizado is None
    assert privacidad.aplicar_retencion().anonimizados == []  # nothing left: repeating it changes nothing


def test_solo_quien_atiende_arco(client, usuario_de_rol):
    for rol in (roles.OPERADOR, roles.ENLACE, roles.DIRECTOR, roles.JEFE_MANZANA):
        client.force_login(usuario_de_rol(rol))
        assert client.get("/peticiones/arco/").status_code == 403


def test_registrar_en_la_pantalla_con_errores_en_espanol(client, supervisor, persona):
    client.force_login(supervisor)
    respuesta = client.post("/peticiones/arco/nueva/", {"titular": "2290000000", "derecho": "acceso"})
    assert respuesta.status_code == 422 and "No encontramos a nadie" in respuesta.content.decode()
    respuesta = client.post(
        "/peticiones/arco/nueva/",
        {
            "titular": "229 765 4321",
            "derecho": "acceso",
            "canal": CanalFactory().pk,
            "identidad": "INE",
            "descripcion": "Quiero mis datos",
        },
    )
    assert respuesta.status_code == 302
    assert SolicitudArco.objects.get().ciudadano == persona
