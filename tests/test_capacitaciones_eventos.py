"""Capacitaciones by zone and events (Día del Jefe de Manzana) with attendance by CURP, credential or QR."""

from datetime import date

import pytest

from jefes_manzana import acciones
from jefes_manzana.models import AsistenciaEvento, Capacitacion, EventoJefes, JefeManzana

from .factories import JefeManzanaFactory

pytestmark = pytest.mark.django_db


def test_asistencia_por_curp_credencial_y_qr(supervisor):
    a, b, c = JefeManzanaFactory.create_batch(3)
    acciones.emitir_credenciales(JefeManzana.objects.filter(pk__in=[b.pk, c.pk]))
    b.refresh_from_db()
    c.refresh_from_db()
    capacitacion = Capacitacion.objects.create(fecha=date(2026, 3, 10), tema="Uso de SIRC", zona="Centro")
    resultado = acciones.registrar_asistencia(
        capacitacion,
        [a.curp.lower(), b.numero_credencial, f"https://sirc.example/verificar/{c.token_verificacion}/", "NOEXISTE"],
        por=supervisor,
    )
    assert {j.pk for j in resultado.registrados} == {a.pk, b.pk, c.pk}
    assert resultado.no_encontrados == ["NOEXISTE"]
    otra_vez = acciones.registrar_asistencia(capacitacion, [a.curp], por=supervisor)
    assert otra_vez.registrados == [] and [j.pk for j in otra_vez.ya_registrados] == [a.pk]
    assert capacitacion.asistentes.count() == 3


def test_dia_del_jefe_de_manzana_desde_la_pantalla(client, supervisor):
    jefe = JefeManzanaFactory(nombres="Teresa")
    client.force_login(supervisor)
    respuesta = client.post(
        "/jefes-manzana/eventos/",
        {
            "tipo": "dia_jefe_manzana",
            "nombre": "Día del Jefe de Manzana 2026",
            "fecha": "2026-06-12",
            "sede": "Malecón",
        },
    )
    evento = EventoJefes.objects.get()
    assert respuesta["Location"] == f"/jefes-manzana/eventos/{evento.pk}/"
    respuesta = client.post(f"/jefes-manzana/eventos/{evento.pk}/", {"claves": f"{jefe.curp}\nXXXX"})
    texto = respuesta.content.decode()
    assert "No se encontraron en el padrón vigente: XXXX" in texto and "Teresa" in texto
    assert AsistenciaEvento.objects.filter(evento=evento, jefe=jefe).exists()
    assert "Día del Jefe de Manzana 2026" in client.get(f"/jefes-manzana/{jefe.pk}/").content.decode()


def test_capacitacion_sin_tema_conserva_lo_escrito(client, supervisor):
    client.force_login(supervisor)
    respuesta = client.post("/jefes-manzana/capacitaciones/", {"fecha": "2026-03-10", "zona": "Norte", "sede": "DIF"})
    assert respuesta.status_code == 200
    assert 'value="Norte"' in respuesta.content.decode()
    assert not Capacitacion.objects.exists()


def test_director_ve_pero_no_registra_asistencia(client, director):
    capacitacion = Capacitacion.objects.create(fecha=date(2026, 3, 10), tema="SIRC")
    client.force_login(director)
    assert client.get(f"/jefes-manzana/capacitaciones/{capacitacion.pk}/").status_code == 200
    assert client.post(f"/jefes-manzana/capacitaciones/{capacitacion.pk}/", {"claves": "X"}).status_code == 403
