"""Historical imports and personal data: the rows carry no consent record (SIRC does not invent one) and the
screen and command say so; their citizens are still covered by the ARCO rights and by the retention rule,
which counts from when their requests concluded, not from the day of the import."""

import json
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

import peticiones.tasks  # noqa: F401  (registers the tasks the actions queue)
from peticiones import roles
from peticiones.acciones import privacidad
from peticiones.models import Ciudadano, Consentimiento, Peticion, SolicitudArco
from peticiones.recursos import importar
from peticiones.selectores.privacidad import SIN_CONSENTIMIENTO_IMPORTADA

from .factories import CanalFactory, CategoriaFactory, ColoniaFactory, TipoPeticionFactory, UsuarioFactory
from .privacidad_utiles import textos_en_la_base

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_en_proceso")]
VERACRUZ = ZoneInfo("America/Mexico_City")
ENCABEZADO = (
    "folio,fecha_recepcion,estado,categoria,descripcion,calle,colonia,ciudadano_nombre,ciudadano_apellidos,"
    "ciudadano_telefono,fecha_cierre"
)
FILAS = [
    "2015-000321,05/03/2015 10:30,Cerrada,Luminaria apagada,Lámpara frente a casa de Eleuteria,Arista,Centro,"
    "Eleuteria,Bocanegra,229 765 1111,09/03/2015 12:00",
    "2024-000900,06/03/2024 09:00,Cerrada,Luminaria apagada,Otra lámpara,Arista,Centro,Fermín,Quiroz,"
    "229 765 2222,07/03/2024 18:00",
]


@pytest.fixture
def supervisor(db):
    TipoPeticionFactory()
    CanalFactory()
    CategoriaFactory(nombre="Luminaria apagada", plazo_horas=24)
    ColoniaFactory(nombre="Centro")
    return UsuarioFactory(rol=roles.SUPERVISOR, username="sup.historico")


@pytest.fixture
def importadas(supervisor):
    contenido = ("\n".join([ENCABEZADO, *FILAS]) + "\n").encode()
    resultado = importar(contenido, "historico.csv", usuario=supervisor, confirmar=True)
    assert resultado.valido, resultado.errores
    return {p.folio: p for p in Peticion.objects.select_related("ciudadano")}


def test_la_pantalla_de_importacion_dice_que_no_hay_consentimiento_y_que_aplican_arco_y_conservacion(
    client, supervisor, settings
):
    settings.SIRC_RETENCION_ANIOS = 7
    client.force_login(supervisor)
    texto = client.get("/peticiones/importar/").content.decode()
    assert "Sin registro de consentimiento." in texto
    assert "no llevan registro de consentimiento del aviso de privacidad" in texto
    assert "derechos ARCO" in texto and "se anonimizan 7 años después de concluida su última petición" in texto


def test_el_comando_lo_dice_al_importar(supervisor, tmp_path):
    archivo = tmp_path / "historico.csv"
    archivo.write_text("\n".join([ENCABEZADO, *FILAS]) + "\n", encoding="utf-8")
    salida = StringIO()
    call_command("importar_peticiones", str(archivo), "--usuario", "sup.historico", "--confirmar", stdout=salida)
    assert "Se importaron 2 peticiones" in salida.getvalue()
    assert "no llevan registro de consentimiento" in salida.getvalue()


def test_las_importadas_no_llevan_consentimiento_inventado(importadas):
    assert not Consentimiento.objects.exists()
    assert all(p.ciudadano.aviso_privacidad_fecha is None for p in importadas.values())


def test_el_acceso_arco_de_un_ciudadano_importado_lo_entrega_todo(client, supervisor, importadas):
    client.force_login(supervisor)
    respuesta = client.post(
        "/peticiones/arco/nueva/",
        {
            "titular": "229 765 1111",
            "derecho": "acceso",
            "canal": CanalFactory().pk,
            "identidad": "INE terminación 1234",
            "descripcion": "Quiero saber qué datos tienen de mí",
        },
    )
    solicitud = SolicitudArco.objects.get()
    assert respuesta.status_code == 302 and solicitud.ciudadano.nombre == "Eleuteria"
    datos = json.loads(client.get(f"/peticiones/arco/{solicitud.pk}/acceso.json").content)
    assert datos["ciudadano"]["telefono"] == "2297651111"
    (peticion,) = datos["peticiones"]
    assert peticion["folio"] == "2015-000321" and peticion["consentimiento"] == SIN_CONSENTIMIENTO_IMPORTADA


def test_la_conservacion_cuenta_desde_el_cierre_del_archivo_no_desde_la_importacion(importadas, settings):
    """Imported today, closed in 2015: due after 5 years like any other; the 2024 one is not yet."""
    settings.SIRC_RETENCION_ANIOS = 5
    ahora = datetime(2027, 1, 15, tzinfo=VERACRUZ)
    vieja, reciente = importadas["2015-000321"].ciudadano, importadas["2024-000900"].ciudadano
    assert [c.pk for c in privacidad.por_retener(ahora)] == [vieja.pk]
    assert privacidad.aplicar_retencion(ahora=ahora).anonimizados == [vieja.pk]
    vieja.refresh_from_db()
    reciente.refresh_from_db()
    assert vieja.anonimizado is not None and reciente.anonimizado is None
    texto = textos_en_la_base()
    assert "Eleuteria" not in texto and "Bocanegra" not in texto and "2297651111" not in texto
    assert "Fermín" in texto
    assert Peticion.objects.filter(ciudadano=vieja).count() == 1  # the figures keep the request


def test_un_ciudadano_sin_peticiones_se_retiene_por_su_fecha_de_registro(settings):
    settings.SIRC_RETENCION_ANIOS = 5
    ahora = datetime(2027, 1, 15, tzinfo=VERACRUZ)
    viejo = Ciudadano.objects.create(nombre="Sin peticiones", telefono="2290001111")
    nuevo = Ciudadano.objects.create(nombre="Recién registrado", telefono="2290002222")
    Ciudadano.objects.filter(pk=viejo.pk).update(creado=datetime(2020, 1, 1, tzinfo=VERACRUZ))
    Ciudadano.objects.filter(pk=nuevo.pk).update(creado=datetime(2026, 12, 1, tzinfo=VERACRUZ))
    assert [c.pk for c in privacidad.por_retener(ahora)] == [viejo.pk]
