"""The padrón list (django-filter), the person's page, create/edit forms, baja and the expediente."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jefes_manzana import acciones
from jefes_manzana.models import AsistenciaCapacitacion, Capacitacion, DocumentoExpediente, JefeManzana
from peticiones import roles

from .factories import ColoniaFactory, CuartelFactory, JefeManzanaFactory, PeticionFactory, UsuarioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def como_supervisor(client, supervisor):
    client.force_login(supervisor)
    return client


def nombres(respuesta) -> set[str]:
    return {j.nombre_completo for j in respuesta.context["pagina"]}


def test_filtros_por_colonia_cuartel_estado_acreditado_capacitado_y_texto(como_supervisor):
    faros, centro = ColoniaFactory(nombre="Faros"), ColoniaFactory(nombre="Centro")
    cuartel = CuartelFactory()
    ana = JefeManzanaFactory(
        nombres="Ana", apellidos="Ruiz", colonia=faros, cuartel=cuartel, fecha_acreditacion=date(2026, 2, 1)
    )
    beto = JefeManzanaFactory(nombres="Beto", apellidos="Lara", colonia=centro, estado=JefeManzana.Estado.PROPUESTO)
    capacitacion = Capacitacion.objects.create(fecha=date(2026, 3, 1), tema="SIRC")
    AsistenciaCapacitacion.objects.create(capacitacion=capacitacion, jefe=beto)
    url = "/jefes-manzana/"
    assert nombres(como_supervisor.get(url, {"colonia": faros.pk})) == {"Ana Ruiz"}
    assert nombres(como_supervisor.get(url, {"cuartel": cuartel.pk})) == {"Ana Ruiz"}
    assert nombres(como_supervisor.get(url, {"estado": "propuesto"})) == {"Beto Lara"}
    assert nombres(como_supervisor.get(url, {"acreditado": "si"})) == {"Ana Ruiz"}
    assert nombres(como_supervisor.get(url, {"capacitado": "si"})) == {"Beto Lara"}
    assert nombres(como_supervisor.get(url, {"capacitado": "no"})) == {"Ana Ruiz"}
    assert nombres(como_supervisor.get(url, {"q": ana.curp.lower()})) == {"Ana Ruiz"}
    assert nombres(como_supervisor.get(url, {"q": "beto lara"})) == {"Beto Lara"}


def test_lista_con_consultas_constantes(como_supervisor):
    JefeManzanaFactory.create_batch(3, cuartel=CuartelFactory())
    como_supervisor.get("/jefes-manzana/")
    with CaptureQueriesContext(connection) as pocas:
        como_supervisor.get("/jefes-manzana/")
    JefeManzanaFactory.create_batch(20, cuartel=CuartelFactory())
    with CaptureQueriesContext(connection) as muchas:
        como_supervisor.get("/jefes-manzana/")
    assert len(pocas) == len(muchas)


def test_jefe_de_manzana_y_enlace_no_ven_el_padron(client, usuario_de_rol):
    for rol in (roles.JEFE_MANZANA, roles.ENLACE, roles.OPERADOR):
        client.force_login(usuario_de_rol(rol))
        assert client.get("/jefes-manzana/").status_code == 403


def test_director_ve_pero_no_edita(client, director):
    jefe = JefeManzanaFactory()
    client.force_login(director)
    assert client.get(f"/jefes-manzana/{jefe.pk}/").status_code == 200
    assert client.get(f"/jefes-manzana/{jefe.pk}/editar/").status_code == 403
    assert client.get("/jefes-manzana/exportar/csv/").status_code == 403


def test_ficha_muestra_datos_documentos_capacitaciones_y_peticiones(como_supervisor):
    jefe = JefeManzanaFactory(nombres="Rosa", apellidos="Cano", manzana="F-014")
    capacitacion = Capacitacion.objects.create(fecha=date(2026, 3, 10), tema="Protección civil")
    AsistenciaCapacitacion.objects.create(capacitacion=capacitacion, jefe=jefe)
    peticion = PeticionFactory(gestor=jefe)
    texto = como_supervisor.get(f"/jefes-manzana/{jefe.pk}/").content.decode()
    assert "Rosa Cano" in texto and "F-014" in texto and "Protección civil" in texto and peticion.folio in texto


def test_alta_con_curp_invalida_conserva_lo_escrito(como_supervisor):
    colonia = ColoniaFactory()
    respuesta = como_supervisor.post(
        "/jefes-manzana/nuevo/",
        {
            "nombres": "Laura",
            "apellidos": "Díaz",
            "curp": "HEGG560427MVZRRL09",
            "colonia": colonia.pk,
            "manzana": "Z-1",
            "estado": "propuesto",
        },
    )
    texto = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "dígito verificador" in texto
    assert 'value="Laura"' in texto and 'value="Z-1"' in texto
    assert not JefeManzana.objects.exists()


def test_alta_rechaza_curp_de_otro_vigente(como_supervisor):
    otro = JefeManzanaFactory()
    respuesta = como_supervisor.post(
        "/jefes-manzana/nuevo/",
        {
            "nombres": "X",
            "apellidos": "Y",
            "curp": otro.curp,
            "colonia": otro.colonia_id,
            "manzana": "1",
            "estado": "activo",
        },
    )
    assert "Ya hay un Jefe de Manzana vigente con esta CURP" in respuesta.content.decode()


def test_curp_de_una_baja_puede_volver_a_registrarse(como_supervisor):
    viejo = JefeManzanaFactory()
    acciones.dar_de_baja(viejo, motivo="Renuncia", fecha=date(2026, 1, 1))
    respuesta = como_supervisor.post(
        "/jefes-manzana/nuevo/",
        {
            "nombres": "X",
            "apellidos": "Y",
            "curp": viejo.curp,
            "colonia": viejo.colonia_id,
            "manzana": "1",
            "estado": "activo",
        },
    )
    assert respuesta.status_code == 302
    assert JefeManzana.objects.filter(curp=viejo.curp).count() == 2


def test_baja_con_motivo_desactiva_el_acceso(como_supervisor, supervisor):
    jefe = JefeManzanaFactory()
    acciones.crear_acceso(jefe, por=supervisor)
    como_supervisor.post(f"/jefes-manzana/{jefe.pk}/baja/", {"motivo": "Cambió de domicilio", "fecha": "2026-04-01"})
    jefe.refresh_from_db()
    assert (jefe.estado, jefe.motivo_baja, jefe.fecha_baja) == ("baja", "Cambió de domicilio", date(2026, 4, 1))
    assert not jefe.usuario.is_active


def test_baja_sin_motivo_se_rechaza(como_supervisor):
    jefe = JefeManzanaFactory()
    respuesta = como_supervisor.post(
        f"/jefes-manzana/{jefe.pk}/baja/", {"motivo": "", "fecha": "2026-04-01"}, follow=True
    )
    assert "obligatorio" in respuesta.content.decode()
    jefe.refresh_from_db()
    assert jefe.estado == "activo"


def test_expediente_sube_y_descarga_documento(como_supervisor, supervisor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    jefe = JefeManzanaFactory()
    archivo = SimpleUploadedFile("ine.pdf", b"%PDF-1.4 prueba", content_type="application/pdf")
    como_supervisor.post(f"/jefes-manzana/{jefe.pk}/documentos/", {"tipo": "ine", "archivo": archivo})
    documento = DocumentoExpediente.objects.get(jefe=jefe)
    assert (documento.tipo, documento.nombre_original, documento.subido_por) == ("ine", "ine.pdf", supervisor)
    descarga = como_supervisor.get(f"/jefes-manzana/{jefe.pk}/documentos/{documento.pk}/")
    assert b"".join(descarga.streaming_content) == b"%PDF-1.4 prueba"


def test_expediente_rechaza_ejecutables(como_supervisor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    jefe = JefeManzanaFactory()
    archivo = SimpleUploadedFile("virus.exe", b"MZ")
    respuesta = como_supervisor.post(
        f"/jefes-manzana/{jefe.pk}/documentos/", {"tipo": "ine", "archivo": archivo}, follow=True
    )
    assert "No se agregó el documento" in respuesta.content.decode()
    assert not DocumentoExpediente.objects.exists()


def test_documentos_no_se_descargan_sin_permiso(client, director, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    jefe = JefeManzanaFactory()
    documento = DocumentoExpediente.objects.create(
        jefe=jefe, tipo="ine", archivo=SimpleUploadedFile("ine.pdf", b"%PDF"), subido_por=UsuarioFactory()
    )
    client.force_login(director)
    assert client.get(f"/jefes-manzana/{jefe.pk}/documentos/{documento.pk}/").status_code == 403


def test_la_segunda_pagina_conserva_los_filtros(como_supervisor):
    faros = ColoniaFactory(nombre="Faros")
    JefeManzanaFactory.create_batch(51, colonia=faros)
    html = como_supervisor.get("/jefes-manzana/", {"colonia": faros.pk}).content.decode()
    assert "Página 1 de 2" in html
    assert f"?colonia={faros.pk}&amp;pagina=2" in html
