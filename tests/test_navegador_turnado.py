"""Browser: a request is turned by the supervisor, worked and attended with a photo by the dirección's
enlace (who cannot open another dirección's folio), the citizen's notice leaves through the outbox, and
the public page shows it attended."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from peticiones.models import Notificacion, Peticion

from .conftest import iniciar_sesion
from .escenario_turnado import crear_escenario, foto

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def test_turnar_atender_con_foto_avisar_y_consultar(pagina, navegador, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    escena = crear_escenario()
    ciudadano = escena.peticion.ciudadano
    ciudadano.telefono, ciudadano.correo = "2297654321", "vecina@example.mx"
    ciudadano.save()
    folio = escena.peticion.folio
    archivo = tmp_path / "luminaria.jpg"
    archivo.write_bytes(foto().read())

    # The supervisor turns it from "Por turnar", with a note.
    iniciar_sesion(pagina, escena.supervisor.username)
    pagina.locator("nav.menu").get_by_role("link", name="Por turnar").click()
    fila = pagina.locator(f"tr[data-folio='{folio}']")
    fila.get_by_role("link", name="Turnar…").click()
    assert pagina.get_by_label(re.compile(r"^Dirección")).input_value() == str(escena.direccion.pk)
    pagina.get_by_label("Nota para la dirección").fill("Frente al parque, urge por seguridad")
    pagina.get_by_role("button", name="Turnar a dirección").click()
    pagina.get_by_text(f"Folio {folio}: turnar a dirección — hecho.").wait_for()
    pagina.get_by_role("button", name="Salir").click()

    # The enlace works it from the dirección's tray; another dirección's folio is out of reach.
    iniciar_sesion(pagina, escena.enlace.username)
    pagina.locator("nav.menu").get_by_role("link", name="Bandeja de mi dirección").click()
    assert pagina.locator(f"tr[data-folio='{folio}']").count() == 1
    assert escena.ajena.folio not in pagina.content()
    respuesta = pagina.goto(pagina.sirc_url(f"/peticiones/{escena.ajena.pk}/accion/marcar_atendida/"))
    assert respuesta.status == 404
    pagina.go_back()
    pagina.locator(f"tr[data-folio='{folio}']").get_by_role("link", name="Poner en proceso").click()
    pagina.get_by_role("button", name="Poner en proceso").click()
    fila = pagina.locator(f"tr[data-folio='{folio}']")
    assert "En proceso" in fila.inner_text()
    fila.get_by_role("link", name="Marcar atendida").click()
    pagina.get_by_label(re.compile("Resolución")).fill("Se cambió la luminaria por una LED")
    pagina.get_by_label(re.compile("Fotos de evidencia")).set_input_files(str(archivo))
    pagina.get_by_role("button", name="Marcar atendida").click()
    pagina.get_by_text(f"Folio {folio}: marcar atendida — hecho.").wait_for()
    assert pagina.locator(f"tr[data-folio='{folio}']").count() == 0

    peticion = Peticion.objects.get(pk=escena.peticion.pk)
    assert peticion.estado == Peticion.Estado.ATENDIDA and peticion.evidencias.count() == 1

    # The citizen's notice is in the outbox and leaves with the sweep (the beat job), once.
    aviso = Notificacion.objects.get(peticion=peticion, canal="correo", motivo="atendida")
    assert folio in aviso.asunto and "Se cambió la luminaria por una LED" in aviso.cuerpo
    call_command("enviar_notificaciones")
    aviso.refresh_from_db()
    assert aviso.estado == "enviada"
    assert [m.to for m in mail.outbox if folio in m.subject] == [["vecina@example.mx"]]
    assert peticion.bitacora.filter(datos__resultado="enviada").count() == 2  # correo + SMS

    # The citizen checks the folio on the public page, without signing in.
    contexto = navegador.new_context(locale="es-MX")
    publica = contexto.new_page()
    publica.goto(f"{live_server.url}/consulta/")
    publica.get_by_label("Folio").fill(folio)
    publica.get_by_label("Últimos 4 dígitos de su teléfono").fill("4321")
    publica.get_by_role("button", name="Consultar").click()
    assert publica.locator(".estado-publico").inner_text() == "Atendida"
    assert "Se cambió la luminaria por una LED" in publica.content()
    assert "Frente al parque" not in publica.content()  # internal notes never reach the public page
    contexto.close()
