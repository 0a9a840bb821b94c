"""Atención Ciudadana's tray: turn and re-turn with a note, in bulk, and print the oficio de canalización."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from peticiones.acciones import transiciones as t
from peticiones.models import Notificacion, Peticion

from .escenario_turnado import crear_escenario
from .factories import PeticionFactory

pytestmark = pytest.mark.django_db
E = Peticion.Estado


@pytest.fixture
def escena():
    return crear_escenario()


def test_por_turnar_lista_las_recibidas(client, escena):
    t.turnar(escena.ajena, escena.supervisor, escena.otra)
    client.force_login(escena.operador)
    respuesta = client.get(reverse("peticiones:bandeja_atencion"))
    folios = [p.folio for p in respuesta.context["pagina"]]
    assert folios == [escena.peticion.folio]


def test_turnar_con_nota_desde_la_bandeja_y_oficio(client, escena):
    client.force_login(escena.supervisor)
    url = reverse("peticiones:transicion", args=[escena.peticion.pk, "turnar"])
    formulario = client.get(url).content.decode()
    assert f'<option value="{escena.direccion.pk}" selected>' in formulario  # the category's dirección suggested
    respuesta = client.post(
        url,
        {
            "turnar-direccion": escena.direccion.pk,
            "turnar-nota": "El vecino pide que vayan de noche",
            "turnar-imprimir_oficio": "on",
        },
    )
    assert respuesta.status_code == 302 and respuesta.url == reverse("peticiones:oficio", args=[escena.peticion.pk])
    escena.peticion.refresh_from_db()
    assert escena.peticion.estado == E.TURNADA and escena.peticion.direccion == escena.direccion
    # Its enlaces got an in-app notice.
    assert set(
        Notificacion.objects.filter(peticion=escena.peticion, motivo="turnada").values_list("usuario", flat=True)
    ) == {escena.enlace.pk, escena.titular.pk}

    pdf = client.get(respuesta.url)
    assert pdf["Content-Type"] == "application/pdf"
    texto = PdfReader(BytesIO(pdf.content)).pages[0].extract_text()
    for esperado in [
        f"DAC/{escena.peticion.anio}/{escena.peticion.numero:06d}",
        escena.direccion.nombre,
        escena.titular.get_full_name(),
        escena.peticion.folio,
        "Luminaria apagada frente al parque",
        "El vecino pide que vayan de noche",
        "canalización",
    ]:
        assert esperado in texto, esperado


def test_re_turnar_a_otra_direccion(client, escena):
    t.turnar(escena.peticion, escena.supervisor, escena.direccion)
    client.force_login(escena.operador)
    client.post(
        reverse("peticiones:transicion", args=[escena.peticion.pk, "turnar"]),
        {"turnar-direccion": escena.otra.pk, "turnar-nota": "Es un bache, no luminaria"},
    )
    escena.peticion.refresh_from_db()
    assert escena.peticion.direccion == escena.otra
    assert escena.peticion.bitacora.filter(descripcion__contains="Nota: Es un bache, no luminaria").exists()


def test_turnar_en_lote_a_su_direccion_sugerida(client, escena):
    otra = PeticionFactory(categoria=escena.ajena.categoria)
    client.force_login(escena.operador)
    respuesta = client.post(
        reverse("peticiones:acciones_lote"),
        {"accion": "turnar", "direccion": "", "seleccion": [escena.peticion.pk, otra.pk]},
        follow=True,
    )
    assert "Turnar a: 2 folio(s)" in respuesta.content.decode()
    escena.peticion.refresh_from_db()
    otra.refresh_from_db()
    assert (escena.peticion.estado, escena.peticion.direccion) == (E.TURNADA, escena.direccion)
    assert (otra.estado, otra.direccion) == (E.TURNADA, escena.otra)


def test_sin_direccion_elegida_el_formulario_lo_pide_y_conserva_la_nota(client, escena):
    client.force_login(escena.operador)
    respuesta = client.post(
        reverse("peticiones:transicion", args=[escena.peticion.pk, "turnar"]),
        {"turnar-direccion": "", "turnar-nota": "Nota que no se pierde"},
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 400 and "Este campo es obligatorio" in html and "Nota que no se pierde" in html


def test_el_oficio_solo_para_turnadas_y_para_quien_corresponde(client, escena):
    client.force_login(escena.operador)
    respuesta = client.get(reverse("peticiones:oficio", args=[escena.peticion.pk]), follow=True)
    assert "no está turnado a una dirección" in respuesta.content.decode()
    t.turnar(escena.peticion, escena.supervisor, escena.direccion)
    client.force_login(escena.director)  # sees everything, but does not turn nor attend
    assert client.get(reverse("peticiones:oficio", args=[escena.peticion.pk])).status_code == 403
    client.force_login(escena.enlace)
    assert client.get(reverse("peticiones:oficio", args=[escena.peticion.pk])).status_code == 200


def test_el_director_no_tiene_bandeja_por_turnar(client, escena):
    client.force_login(escena.director)
    assert client.get(reverse("peticiones:bandeja_atencion")).status_code == 403


def test_por_turnar_no_hace_una_consulta_por_fila(client, escena):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(escena.operador)
    url = reverse("peticiones:bandeja_atencion")
    client.get(url)
    with CaptureQueriesContext(connection) as pocas:
        client.get(url)
    for _ in range(12):
        devuelta = PeticionFactory(categoria=escena.peticion.categoria)
        t.turnar(devuelta, escena.supervisor, escena.direccion)
        t.devolver(devuelta, escena.enlace, "No nos corresponde")
    with CaptureQueriesContext(connection) as muchas:
        html = client.get(url).content.decode()
    assert html.count("No nos corresponde") == 12
    assert len(muchas) == len(pocas)
