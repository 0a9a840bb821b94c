"""Browser: an operator captures a 072 call, a supervisor turns it, the dirección's enlace (who cannot open
another dirección's folio) works it and marks it attended with a photo, the citizen's notices leave through
the outbox, and the public page shows it attended."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from peticiones.acciones import transiciones as t
from peticiones.models import Notificacion, Peticion

from .conftest import iniciar_sesion, salir
from .escenario_turnado import crear_escenario, foto
from .factories import ColoniaFactory

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def test_capturar_turnar_atender_con_foto_avisar_y_consultar(pagina, navegador, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MAPA_TILES_URL = "https://tiles.invalid/{z}/{x}/{y}.png"
    pagina.route("https://tiles.invalid/**", lambda ruta: ruta.abort())  # no tiles, no network
    escena = crear_escenario()  # two direcciones with their enlaces, and a foreign request turned elsewhere
    t.turnar(escena.ajena, escena.supervisor, escena.otra)
    ColoniaFactory(nombre="Centro", codigo_postal="91700")
    archivo = tmp_path / "luminaria.jpg"
    archivo.write_bytes(foto().read())

    # The operator takes the 072 call on the capture screen.
    iniciar_sesion(pagina, escena.operador.username)
    pagina.locator("nav.menu").get_by_role("link", name="Captura 072").click()
    pagina.locator("#id_telefono").fill("229 765 4321")
    pagina.locator("#id_nombre").fill("Rosa")
    pagina.locator("#id_apellidos").fill("Martínez Ochoa")
    pagina.locator("#id_correo").fill("vecina@example.mx")
    pagina.get_by_label("Se leyó el aviso de privacidad y lo acepta").check()
    pagina.locator("#id_categoria").select_option(label="Luminaria apagada")
    pagina.locator("#id_descripcion").fill("Luminaria apagada frente al parque, está muy oscuro")
    pagina.locator("#id_colonia").fill("centro")
    pagina.locator("#id_calle").fill("Av. Independencia")
    pagina.locator("#id_numero_exterior").fill("1200")
    pagina.locator("#guardar").click()
    folio = pagina.locator(".folio-grande").inner_text().strip()  # waits for the «capturada» page
    peticion = Peticion.objects.get(folio=folio)
    assert peticion.estado == Peticion.Estado.RECIBIDA and peticion.direccion == escena.direccion
    salir(pagina)

    # The supervisor turns it from «Por turnar», with a note.
    iniciar_sesion(pagina, escena.supervisor.username)
    pagina.locator("nav.menu").get_by_role("link", name="Por turnar").click()
    pagina.locator(f"tr[data-folio='{folio}']").get_by_role("link", name="Turnar…").click()
    assert pagina.get_by_label(re.compile(r"^Dirección")).input_value() == str(escena.direccion.pk)
    pagina.get_by_label("Nota para la dirección").fill("Frente al parque, urge por seguridad")
    pagina.get_by_role("button", name="Turnar a dirección").click()
    pagina.get_by_text(f"Folio {folio}: turnar a dirección — hecho.").wait_for()
    salir(pagina)

    # The enlace works it from the dirección's tray and the folio's page; another dirección's folio is out of reach.
    iniciar_sesion(pagina, escena.enlace.username)
    pagina.locator("nav.menu").get_by_role("link", name="Bandeja de mi dirección").click()
    bandeja = pagina.locator(f"tr[data-folio='{folio}']")
    expect(bandeja).to_be_visible()
    expect(pagina.locator("main")).not_to_contain_text(escena.ajena.folio)
    respuesta = pagina.goto(pagina.sirc_url(f"/peticiones/folio/{escena.ajena.folio}/"))
    assert respuesta.status == 404
    pagina.go_back()
    pagina.locator(f"tr[data-folio='{folio}']").get_by_role("link", name=folio).click()
    expect(pagina.locator("h1")).to_contain_text(f"Folio {folio}")
    pagina.get_by_text("Poner en proceso", exact=True).first.click()  # the <summary> opens its form
    pagina.locator("[data-accion='iniciar']").get_by_role("button", name="Poner en proceso").click()
    pagina.get_by_text(f"Folio {folio}: poner en proceso — hecho.").wait_for()
    atender = pagina.locator("[data-accion='marcar_atendida']")
    atender.locator("summary").click()
    atender.get_by_label(re.compile("Resolución")).fill("Se cambió la luminaria por una LED")
    atender.get_by_label(re.compile("Fotos de evidencia")).set_input_files(str(archivo))
    atender.get_by_role("button", name="Marcar atendida").click()
    pagina.get_by_text(f"Folio {folio}: marcar atendida — hecho.").wait_for()
    expect(pagina.locator("h1")).to_contain_text("Atendida")
    expect(pagina.locator(".evidencias img")).to_have_count(1)

    peticion.refresh_from_db()
    assert peticion.estado == Peticion.Estado.ATENDIDA and peticion.evidencias.count() == 1

    # The citizen's notices are in the outbox and leave with the sweep (the beat job), once each.
    aviso = Notificacion.objects.get(peticion=peticion, canal="correo", motivo="atendida")
    assert folio in aviso.asunto and "Se cambió la luminaria por una LED" in aviso.cuerpo
    call_command("enviar_notificaciones")
    call_command("enviar_notificaciones")
    aviso.refresh_from_db()
    assert aviso.estado == "enviada"
    asuntos = sorted(m.subject for m in mail.outbox if m.to == ["vecina@example.mx"])
    assert asuntos == [f"Recibimos su petición: folio {folio}", f"Su petición {folio} fue atendida"]

    # The citizen checks the folio on the public page, without signing in.
    contexto = navegador.new_context(locale="es-MX")
    publica = contexto.new_page()
    publica.goto(f"{live_server.url}/consulta/")
    publica.get_by_label("Folio").fill(folio)
    publica.get_by_label("Últimos 4 dígitos de su teléfono").fill("4321")
    publica.get_by_role("button", name="Consultar").click()
    expect(publica.locator(".estado-publico")).to_have_text("Atendida")
    contenido = publica.content()
    assert "Se cambió la luminaria por una LED" in contenido and "Turnada a Dirección de Alumbrado Público" in contenido
    assert "Frente al parque" not in contenido and "Rosa" not in contenido  # no internal notes, no personal data
    contexto.close()
