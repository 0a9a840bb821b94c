"""Browser: an operator takes the next call, records "no se resolvió", and the request is back in the dirección."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from peticiones import roles
from peticiones.models import EventoBitacora, LlamadaSeguimiento, Peticion

from .conftest import iniciar_sesion
from .factories import UsuarioFactory
from .seguimiento_utiles import llamada_vencida

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def test_operador_registra_que_no_se_resolvio_y_la_peticion_regresa_a_la_direccion(pagina, navegador, live_server):
    UsuarioFactory(username="karla", rol=roles.OPERADOR)
    llamada = llamada_vencida()
    peticion = llamada.peticion
    enlace = UsuarioFactory(username="enlace-alumbrado", rol=roles.ENLACE)
    peticion.direccion.enlaces.add(enlace)

    iniciar_sesion(pagina, "karla")
    pagina.goto(pagina.sirc_url("/peticiones/seguimiento/"))
    # Keyboard first: the "Siguiente llamada" button has the focus; Enter takes the oldest due call.
    expect(pagina.get_by_role("button", name="Siguiente llamada")).to_be_focused()
    pagina.keyboard.press("Enter")
    expect(pagina.locator("h2").first).to_contain_text(peticion.folio)  # the call's screen
    expect(pagina.locator(".telefono .numero")).to_contain_text(peticion.ciudadano.telefono)
    expect(pagina.locator(".resolucion")).to_contain_text("LED de 100 W")

    pagina.get_by_label("Contactado").check()
    pagina.get_by_label("No se resolvió", exact=True).check()
    pagina.get_by_label("2 · Insatisfecho").check()
    pagina.get_by_label("Comentario del ciudadano").fill("La luminaria volvió a apagarse a los dos días")
    pagina.get_by_role("button", name="Guardar", exact=True).click()
    expect(pagina.locator(".mensajes")).to_contain_text(
        f"Folio {peticion.folio}: no se resolvió; la petición regresó a {peticion.direccion.nombre}"
    )

    peticion.refresh_from_db()
    assert peticion.estado == Peticion.Estado.TURNADA and peticion.fecha_cerrada is None
    assert LlamadaSeguimiento.objects.get(pk=llamada.pk).estado == LlamadaSeguimiento.Estado.CONTACTADO
    reapertura = peticion.bitacora.filter(tipo=EventoBitacora.Tipo.CAMBIO_ESTADO).last()
    assert "volvió a apagarse" in reapertura.descripcion

    # The enlace of that dirección finds the folio back in «Bandeja de mi dirección».
    contexto = navegador.new_context(locale="es-MX", timezone_id="America/Mexico_City")
    enlace_pagina = contexto.new_page()
    enlace_pagina.sirc_url = lambda ruta="/": f"{live_server.url}{ruta}"
    iniciar_sesion(enlace_pagina, "enlace-alumbrado")
    enlace_pagina.goto(enlace_pagina.sirc_url(reverse("peticiones:bandeja_direccion")))
    assert peticion.folio in enlace_pagina.locator("main").inner_text()
    contexto.close()
