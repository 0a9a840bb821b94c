"""The dirección's tray: overdue first, assign, comment, move, attend with photos, bulk actions, export."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peticiones.acciones import transiciones as t
from peticiones.models import EventoBitacora, Evidencia, Peticion

from .escenario_turnado import crear_escenario, foto
from .factories import PeticionFactory

pytestmark = pytest.mark.django_db
E = Peticion.Estado


@pytest.fixture
def escena(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    escena = crear_escenario()
    t.turnar(escena.peticion, escena.supervisor, escena.direccion)
    return escena


def _turnada(escena, horas_para_vencer: float) -> Peticion:
    ahora = timezone.now()
    peticion = PeticionFactory(
        categoria=escena.peticion.categoria,
        fecha_recepcion=ahora - timedelta(hours=48),
        fecha_limite=ahora + timedelta(hours=horas_para_vencer),
    )
    t.turnar(peticion, escena.supervisor, escena.direccion)
    return peticion


def test_vencidas_primero_y_luego_por_fecha_limite(client, escena):
    tarde = _turnada(escena, 30)
    vencida = _turnada(escena, -5)
    muy_vencida = _turnada(escena, -20)
    client.force_login(escena.enlace)
    respuesta = client.get(reverse("peticiones:bandeja_direccion"))
    folios = [p.folio for p in respuesta.context["pagina"]]
    assert folios == [muy_vencida.folio, vencida.folio, escena.peticion.folio, tarde.folio]
    html = respuesta.content.decode()
    assert html.count('class="vencida"') == 2


def test_la_bandeja_no_hace_una_consulta_por_fila(client, escena):
    client.force_login(escena.enlace)
    url = reverse("peticiones:bandeja_direccion")
    client.get(url)
    with CaptureQueriesContext(connection) as pocas:
        client.get(url)
    nuevas = [_turnada(escena, 10 - i) for i in range(15)]
    Peticion.objects.filter(pk__in=[p.pk for p in nuevas[::2]]).update(asignada_a=escena.enlace)
    with CaptureQueriesContext(connection) as muchas:
        client.get(url)
    assert len(muchas) == len(pocas)


def test_asignar_a_un_colega_y_comentar(client, escena):
    client.force_login(escena.enlace)
    client.post(reverse("peticiones:asignar", args=[escena.peticion.pk]), {"asignar-colega": escena.titular.pk})
    escena.peticion.refresh_from_db()
    assert escena.peticion.asignada_a == escena.titular
    # Someone from another dirección cannot be chosen.
    respuesta = client.post(
        reverse("peticiones:asignar", args=[escena.peticion.pk]),
        {"asignar-colega": escena.enlace_ajeno.pk},
        follow=True,
    )
    assert "Elija un colega de la dirección." in respuesta.content.decode()
    escena.peticion.refresh_from_db()
    assert escena.peticion.asignada_a == escena.titular
    client.post(reverse("peticiones:comentar", args=[escena.peticion.pk]), {"comentario-texto": "Voy mañana temprano"})
    comentario = escena.peticion.bitacora.get(tipo=EventoBitacora.Tipo.COMENTARIO)
    assert comentario.descripcion == "Voy mañana temprano" and not comentario.publico
    sin_asignar = client.get(reverse("peticiones:bandeja_direccion"), {"asignacion": "sin"}).context["pagina"]
    assert escena.peticion not in list(sin_asignar)


def test_poner_en_proceso_y_marcar_atendida_con_fotos(client, escena):
    client.force_login(escena.enlace)
    client.post(reverse("peticiones:transicion", args=[escena.peticion.pk, "iniciar"]))
    escena.peticion.refresh_from_db()
    assert escena.peticion.estado == E.EN_PROCESO
    respuesta = client.post(
        reverse("peticiones:transicion", args=[escena.peticion.pk, "marcar_atendida"]),
        {
            "marcar_atendida-resolucion": "Se cambió la luminaria",
            "marcar_atendida-fotos": [foto("antes.jpg"), foto("despues.png", "PNG")],
            "next": reverse("peticiones:bandeja_direccion"),
        },
    )
    assert respuesta.status_code == 302 and respuesta.url == reverse("peticiones:bandeja_direccion")
    escena.peticion.refresh_from_db()
    assert escena.peticion.estado == E.ATENDIDA and escena.peticion.resolucion == "Se cambió la luminaria"
    evidencias = list(Evidencia.objects.filter(peticion=escena.peticion))
    assert [(e.nombre_original, e.tipo_contenido) for e in evidencias] == [
        ("antes.jpg", "image/jpeg"),
        ("despues.png", "image/png"),
    ]
    assert evidencias[0].archivo.name.startswith(f"evidencias/{escena.peticion.anio}/{escena.peticion.folio}/")
    imagen = client.get(reverse("peticiones:ver_evidencia", args=[escena.peticion.pk, evidencias[0].pk]))
    assert imagen.status_code == 200 and imagen["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize(
    ("archivo", "mensaje"),
    [
        (lambda: foto("anim.gif", "GIF"), "sólo se aceptan fotos JPG, PNG o WebP"),
        (
            lambda: __import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile(
                "virus.jpg", b"MZ\x90\x00 no es imagen", content_type="image/jpeg"
            ),
            "no es una imagen válida",
        ),
    ],
)
def test_foto_rechazada_conserva_lo_escrito_y_no_cambia_nada(client, escena, archivo, mensaje):
    client.force_login(escena.enlace)
    respuesta = client.post(
        reverse("peticiones:transicion", args=[escena.peticion.pk, "marcar_atendida"]),
        {"marcar_atendida-resolucion": "Texto largo que no debe perderse", "marcar_atendida-fotos": [archivo()]},
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 400
    assert mensaje in html and "Texto largo que no debe perderse" in html
    assert "vuelva a elegirlas" in html
    escena.peticion.refresh_from_db()
    assert escena.peticion.estado == E.TURNADA and not escena.peticion.evidencias.exists()


def test_foto_demasiado_grande(client, escena, settings):
    settings.SIRC_EVIDENCIA_MAX_BYTES = 1000
    client.force_login(escena.enlace)
    respuesta = client.post(
        reverse("peticiones:transicion", args=[escena.peticion.pk, "marcar_atendida"]),
        {"marcar_atendida-resolucion": "Hecho", "marcar_atendida-fotos": [foto("grande.png", "PNG", (600, 600))]},
    )
    assert "el máximo por foto es" in respuesta.content.decode()
    assert not Evidencia.objects.exists()


def test_resolucion_vacia_se_rechaza_en_la_pagina(client, escena):
    client.force_login(escena.enlace)
    respuesta = client.post(
        reverse("peticiones:transicion", args=[escena.peticion.pk, "marcar_atendida"]),
        {"marcar_atendida-resolucion": "  "},
    )
    assert respuesta.status_code == 400 and "Este campo es obligatorio" in respuesta.content.decode()


def test_acciones_en_lote(client, escena):
    otra = _turnada(escena, 10)
    client.force_login(escena.enlace)
    seleccion = {"seleccion": [escena.peticion.pk, otra.pk]}
    client.post(reverse("peticiones:acciones_lote"), {"accion": "asignar", "colega": escena.enlace.pk, **seleccion})
    client.post(reverse("peticiones:acciones_lote"), {"accion": "iniciar", **seleccion})
    respuesta = client.post(
        reverse("peticiones:acciones_lote"),
        {"accion": "marcar_atendida", "resolucion": "Cuadrilla nocturna repuso ambas", **seleccion},
        follow=True,
    )
    assert "Marcar atendidas: 2 folio(s)" in respuesta.content.decode()
    for p in (escena.peticion, otra):
        p.refresh_from_db()
        assert (p.estado, p.asignada_a, p.resolucion) == (E.ATENDIDA, escena.enlace, "Cuadrilla nocturna repuso ambas")
    # A bulk action that fails for some rows says which and why.
    respuesta = client.post(reverse("peticiones:acciones_lote"), {"accion": "iniciar", **seleccion}, follow=True)
    assert f"{escena.peticion.folio}: No se puede «poner en proceso»" in respuesta.content.decode()


def test_devolver_no_es_de_nuestra_competencia(client, escena, supervisor):
    client.force_login(escena.enlace)
    client.post(
        reverse("peticiones:transicion", args=[escena.peticion.pk, "devolver"]),
        {"devolver-motivo": "Es una toma de agua: corresponde a MAS"},
    )
    escena.peticion.refresh_from_db()
    assert escena.peticion.estado == E.RECIBIDA
    client.force_login(escena.supervisor)
    html = client.get(reverse("peticiones:bandeja_atencion")).content.decode()
    assert escena.peticion.folio in html and "Es una toma de agua: corresponde a MAS" in html


def test_exportar_csv_con_filtros(client, escena):
    vencida = _turnada(escena, -3)
    client.force_login(escena.enlace)
    respuesta = client.get(reverse("peticiones:exportar_bandeja_direccion"), {"vencidas": "1"})
    texto = respuesta.content.decode("utf-8-sig")
    assert respuesta["Content-Type"].startswith("text/csv")
    assert texto.splitlines()[0].startswith("Folio,Estado,Categoría")
    assert vencida.folio in texto and escena.peticion.folio not in texto


def test_quien_no_es_enlace_no_tiene_bandeja_de_direccion(client, escena):
    client.force_login(escena.operador)
    assert client.get(reverse("peticiones:bandeja_direccion")).status_code == 403
