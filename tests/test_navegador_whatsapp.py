"""Browser: WhatsApp messages (text, location, photo) arrive through the signed webhook; an operator opens the
«Mensajes» inbox and turns the conversation into a folio from the prefilled capture screen."""

import hashlib
import hmac
import json
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from peticiones import roles
from peticiones.acciones.whatsapp import descargar_pendientes
from peticiones.models import ConversacionWhatsApp, Evidencia, MensajeWhatsApp, Peticion

from .conftest import iniciar_sesion
from .factories import CanalFactory, CategoriaFactory, ColoniaFactory, TipoPeticionFactory, UsuarioFactory
from .whatsapp_utiles import SECRETO, mensaje

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def _webhook(url: str, payload: dict) -> int:
    cuerpo = json.dumps(payload).encode()
    firma = "sha256=" + hmac.new(SECRETO.encode(), cuerpo, hashlib.sha256).hexdigest()
    peticion = urllib.request.Request(
        url, data=cuerpo, headers={"Content-Type": "application/json", "X-Hub-Signature-256": firma}
    )
    with urllib.request.urlopen(peticion, timeout=20) as respuesta:
        return respuesta.status


def _esperar_imagen_descargada(wa_mensaje_id: str) -> None:
    """The state the operator waits on: the image stored (by the task or by the sweep, whichever took it)."""
    limite = time.monotonic() + 45
    while (
        MensajeWhatsApp.objects.get(wa_mensaje_id=wa_mensaje_id).medio_estado != MensajeWhatsApp.EstadoMedio.DESCARGADO
    ):
        assert time.monotonic() < limite, "la imagen de WhatsApp no quedó descargada"
        time.sleep(0.05)


def test_una_conversacion_de_whatsapp_se_vuelve_folio(pagina, live_server, settings):
    settings.WHATSAPP_APP_SECRET = SECRETO
    settings.WHATSAPP_DESCARGADOR = "tests.test_whatsapp.DescargadorFalso"
    settings.MAPA_TILES_URL = ""
    centro = ColoniaFactory(nombre="Centro", latitud="19.200000", longitud="-96.140000")
    CategoriaFactory(nombre="Fuga de agua")
    TipoPeticionFactory()
    whatsapp = CanalFactory(clave="whatsapp", nombre="WhatsApp")
    CanalFactory()
    UsuarioFactory(rol=roles.OPERADOR, username="karla")
    url = f"{live_server.url}/whatsapp/webhook/"
    assert _webhook(url, mensaje(texto="Hay una fuga de agua en la esquina desde ayer")) == 200
    assert _webhook(url, mensaje("location", id_="wamid.2")) == 200
    assert _webhook(url, mensaje("image", id_="wamid.3")) == 200
    descargar_pendientes()  # the sweep; the after-commit task may already have taken the image
    _esperar_imagen_descargada("wamid.3")

    iniciar_sesion(pagina, "karla")
    pagina.get_by_role("link", name="Mensajes").first.click()
    pagina.get_by_role("link", name="Rosa Chama").click()
    conversacion = pagina.locator("#mensajes")
    expect(conversacion).to_contain_text("Hay una fuga de agua en la esquina")
    expect(conversacion).to_contain_text("Esquina de Arista")
    pagina.locator("img.miniatura-wa").wait_for()
    pagina.get_by_role("link", name="Crear petición con esta conversación").click()
    expect(pagina.locator("#id_telefono")).to_have_value("2291112233")  # the capture screen, filled in

    assert pagina.input_value("#id_telefono") == "2291112233" and pagina.input_value("#id_nombre") == "Rosa"
    assert "Hay una fuga de agua" in pagina.input_value("#id_descripcion")
    assert pagina.input_value("#id_colonia").startswith("Centro")
    assert pagina.input_value("#id_canal") == str(whatsapp.pk)
    pagina.get_by_label("Categoría").select_option(label="Fuga de agua")
    pagina.get_by_label("Se leyó el aviso de privacidad y lo acepta").check()
    pagina.locator("#guardar").click()
    folio = pagina.locator(".folio-grande").inner_text()

    peticion = Peticion.objects.get(folio=folio)
    assert peticion.canal == whatsapp and peticion.colonia == centro and peticion.latitud is not None
    assert ConversacionWhatsApp.objects.get().peticion == peticion
    assert Evidencia.objects.filter(peticion=peticion).count() == 1
    pagina.get_by_role("link", name="Mensajes").first.click()
    pagina.get_by_role("link", name="Atendida").click()
    # The page before the click also has a table («No hay conversaciones por atender»): wait for the new one.
    expect(pagina.locator("table.bandeja-mensajes")).to_contain_text(folio)
    assert "estado=atendida" in pagina.url
