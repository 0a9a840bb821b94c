"""The guía de trámites: public searchable pages, CSV/XLSX import all or nothing, and an information call
answered from the guide on the capture screen, closed at first contact and counted as attended in the MIR."""

import io

import pytest
import tablib
from django.conf import settings
from django.utils import timezone

from indicadores.calculo import SERIES
from indicadores.periodos import Mes
from peticiones import roles
from peticiones.acciones.captura import DatosCiudadano
from peticiones.acciones.tramites import ArchivoInvalido, importar_tramites, informar
from peticiones.models import EventoBitacora, Notificacion, Peticion, Tramite

from .factories import CanalFactory, CategoriaFactory, ColoniaFactory, DireccionFactory, TipoPeticionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guia():
    comercio = DireccionFactory(nombre="Dirección de Comercio", siglas="COM")
    licencia = Tramite.objects.create(
        clave="licencia-funcionamiento",
        nombre="Licencia de funcionamiento",
        descripcion="Permiso para abrir un negocio de bajo riesgo.",
        requisitos="Identificación oficial\nComprobante de domicilio\nRFC",
        costo="$850.00 MXN, pago en Tesorería",
        donde="Palacio Municipal, planta baja, ventanilla 3",
        horario="Lunes a viernes de 8:30 a 15:00",
        direccion=comercio,
        palabras_clave="negocio, permiso, comercio",
    )
    Tramite.objects.create(
        clave="constancia-residencia",
        nombre="Constancia de residencia",
        requisitos="Identificación\nDos testigos",
        costo="Gratuito",
        donde="Secretaría del Ayuntamiento",
        horario="Lunes a viernes 9 a 14",
        direccion=DireccionFactory(),
    )
    Tramite.objects.create(
        clave="borrador",
        nombre="Licencia en borrador",
        requisitos="x",
        costo="x",
        donde="x",
        horario="x",
        direccion=comercio,
        activo=False,
    )
    return {"licencia": licencia, "comercio": comercio}


def test_pagina_publica_busca_y_muestra_la_ficha(client, guia):
    texto = client.get("/tramites/").content.decode()
    assert "Licencia de funcionamiento" in texto and "Constancia de residencia" in texto
    assert "Licencia en borrador" not in texto
    texto = client.get("/tramites/", {"q": "licencia"}).content.decode()
    assert "Licencia de funcionamiento" in texto and "Constancia de residencia" not in texto
    assert "Licencia en borrador" not in texto
    ficha = client.get("/tramites/licencia-funcionamiento/").content.decode()
    for dato in ("Comprobante de domicilio", "$850.00 MXN", "ventanilla 3", "8:30 a 15:00", "Dirección de Comercio"):
        assert dato in ficha
    assert client.get("/tramites/borrador/").status_code == 404
    assert client.get("/tramites/", {"q": "<script>" + "x" * 500}).status_code == 200
    assert client.get("/tramites/", {"q": "\x00<script>"}).status_code == 400  # sirc.middleware.RechazarNulos


@pytest.mark.skipif(not settings.ES_POSTGRES, reason="la búsqueda tolerante a errores usa pg_trgm (PostgreSQL)")
def test_busqueda_perdona_errores_y_encuentra_por_palabra_clave(client, guia):
    assert "Licencia de funcionamiento" in client.get("/tramites/", {"q": "lisencia"}).content.decode()
    assert "Licencia de funcionamiento" in client.get("/tramites/", {"q": "negocio"}).content.decode()


def _consulta(operador, guia, **extra):
    TipoPeticionFactory()
    return informar(
        usuario=operador,
        tramite=guia["licencia"],
        colonia=ColoniaFactory(),
        ciudadano=DatosCiudadano(nombre="Pedro", apellidos="Malpica", telefono="2299876543", acepta_aviso=True),
        canal=CanalFactory(),
        pregunta="Quiere abrir una tienda",
        **extra,
    )


def test_consulta_atendida_y_cerrada_en_el_primer_contacto_cuenta_en_la_mir(operador, guia):
    peticion = _consulta(operador, guia)
    peticion.refresh_from_db()
    assert peticion.estado == Peticion.Estado.CERRADA and peticion.tramite == guia["licencia"]
    assert peticion.fecha_atendida and peticion.fecha_cerrada and peticion.tipo.clave == "consulta-tramite"
    assert peticion.categoria.nombre == "Información de trámites"
    assert "Comprobante de domicilio" in peticion.resolucion
    cambio = peticion.bitacora.get(tipo=EventoBitacora.Tipo.CAMBIO_ESTADO)
    assert cambio.datos["transicion"] == "informar" and cambio.publico
    aviso = Notificacion.objects.get(peticion=peticion, motivo="atendida", canal="sms")
    assert "Licencia de funcionamiento" in aviso.cuerpo
    mes = Mes.de(timezone.localtime(peticion.fecha_atendida))
    desde = timezone.localtime(peticion.fecha_atendida).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    hasta = timezone.now() + timezone.timedelta(days=1)
    assert SERIES["atendidas"].contar(desde, hasta).get(mes) == 1


def test_la_consulta_repetida_no_duplica(operador, guia):
    clave = "0b9c6a1e-8f5e-4c55-9a37-3d2c1f0e7a19"
    import uuid

    primera = _consulta(operador, guia, clave_idempotencia=uuid.UUID(clave))
    segunda = _consulta(operador, guia, clave_idempotencia=uuid.UUID(clave))
    assert primera.pk == segunda.pk and Peticion.objects.count() == 1


def test_usa_la_categoria_del_tramite_si_tiene(operador, guia):
    catastro = CategoriaFactory(nombre="Consulta de trámite catastral")
    Tramite.objects.filter(pk=guia["licencia"].pk).update(categoria=catastro)
    guia["licencia"].refresh_from_db()
    assert _consulta(operador, guia).categoria == catastro


def _pantalla(operador, guia, colonia_de, **cambios):
    TipoPeticionFactory()
    canal = CanalFactory()
    return {
        "clave_idempotencia": "3c9c6a1e-8f5e-4c55-9a37-3d2c1f0e7a11",
        "telefono": "229 987 6543",
        "nombre": "Pedro",
        "apellidos": "Malpica",
        "colonia": colonia_de.nombre,
        "tipo": Peticion._meta.get_field("tipo").related_model.objects.get(clave="peticion").pk,
        "canal": canal.pk,
        "acepta_aviso": "on",
        "informar_tramite": guia["licencia"].pk,
        **cambios,
    }


def test_desde_la_pantalla_de_captura(client, operador, guia):
    centro = ColoniaFactory(nombre="Centro")
    client.force_login(operador)
    panel = client.get("/peticiones/captura/tramites/", {"guia": "licencia"}).content.decode()
    assert "Licencia de funcionamiento" in panel and 'name="informar_tramite"' in panel
    respuesta = client.post("/peticiones/captura/", _pantalla(operador, guia, centro))
    peticion = Peticion.objects.get()
    assert respuesta["Location"] == f"/peticiones/capturada/{peticion.folio}/"
    pagina = client.get(respuesta["Location"]).content.decode()
    assert "cerrada en el primer contacto" in pagina and "Licencia de funcionamiento" in pagina
    assert peticion.estado == Peticion.Estado.CERRADA and peticion.colonia == centro


def test_sin_colonia_o_con_ficha_retirada_no_registra_y_conserva_lo_escrito(client, operador, guia):
    centro = ColoniaFactory(nombre="Centro")
    client.force_login(operador)
    respuesta = client.post("/peticiones/captura/", _pantalla(operador, guia, centro, colonia=""))
    texto = respuesta.content.decode()
    assert respuesta.status_code == 422 and "Escriba la colonia de quien llama" in texto and 'value="Pedro"' in texto
    respuesta = client.post("/peticiones/captura/", _pantalla(operador, guia, centro, informar_tramite="999999"))
    assert "ya no está publicada" in respuesta.content.decode()
    assert not Peticion.objects.exists()


def test_el_panel_es_solo_para_quien_captura(client, usuario_de_rol, guia):
    assert client.get("/peticiones/captura/tramites/", {"guia": "x"}).status_code == 302
    client.force_login(usuario_de_rol(roles.ENLACE))
    assert client.get("/peticiones/captura/tramites/", {"guia": "x"}).status_code == 403


# --- import -------------------------------------------------------------------------------------------------

ENCABEZADOS = ["Clave", "Nombre", "Requisitos", "Costo", "Dónde", "Horario", "Dirección responsable", "Publicado"]


def _archivo(*filas) -> tablib.Dataset:
    return tablib.Dataset(*filas, headers=ENCABEZADOS)


def test_importa_csv_y_actualiza_por_clave(guia):
    predial = ["predial", "Pago de predial", "Boleta anterior; Identificación", "Según avalúo", "Tesorería"]
    licencia = ["licencia-funcionamiento", "Licencia de funcionamiento", "INE; RFC; Croquis", "$900.00", "Ventanilla 3"]
    datos = _archivo([*predial, "8 a 15", "COM", "sí"], [*licencia, "8 a 15", "Dirección de Comercio", ""])
    previa = importar_tramites(datos, confirmar=False)
    assert previa.valido and not previa.confirmada and not Tramite.objects.filter(clave="predial").exists()
    resultado = importar_tramites(_archivo(*datos), confirmar=True)
    assert resultado.confirmada and resultado.total == 2
    assert Tramite.objects.get(clave="predial").lista_requisitos == ["Boleta anterior", "Identificación"]
    assert Tramite.objects.get(clave="licencia-funcionamiento").costo == "$900.00"


def test_una_fila_mala_no_importa_nada_y_dice_fila_y_columna(guia):
    datos = _archivo(
        ["predial", "Pago de predial", "Boleta", "Según avalúo", "Tesorería", "8 a 15", "COM", "sí"],
        ["agua", "Contrato de agua", "INE", "$300", "CMAS", "8 a 15", "NO-EXISTE", "sí"],
        ["", "Sin clave", "", "", "", "", "COM", "quizá"],
    )  # fmt: skip
    resultado = importar_tramites(datos, confirmar=True)
    assert not resultado.confirmada and not Tramite.objects.filter(clave="predial").exists()
    errores = {(e["fila"], e["columna"]) for e in resultado.errores}
    assert (3, "direccion") in errores and (4, "publicado") in errores
    motivos = " ".join(e["motivo"] for e in resultado.errores)
    assert "NO-EXISTE" in motivos and "quizá" in motivos


def test_importa_xlsx_y_rechaza_columnas_faltantes(guia):
    datos = _archivo(["predial", "Pago de predial", "Boleta", "Según avalúo", "Tesorería", "8 a 15", "COM", "sí"])
    libro = tablib.Dataset().load(io.BytesIO(datos.export("xlsx")), format="xlsx")
    assert importar_tramites(libro, confirmar=True).confirmada
    with pytest.raises(ArchivoInvalido, match="Faltan las columnas obligatorias"):
        importar_tramites(tablib.Dataset(["x"], headers=["Nombre"]), confirmar=True)


def test_el_admin_importa_con_django_import_export(client, guia, usuario_de_rol):
    admin = usuario_de_rol(roles.ADMINISTRADOR, is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/peticiones/tramite/import/").status_code == 200
    assert "Licencia de funcionamiento" in client.get("/admin/peticiones/tramite/").content.decode()
