"""Browser journey: a supervisor imports the padrón (fixing the file after a clear rejection), prints a
sheet of credentials and creates a login; the Jefe de Manzana logs in, must change the temporary
password, files a request for a neighbour and follows it; the QR of a printed card, decoded from the rendered
PDF, opens its verification page."""

import io
import re
from datetime import date

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from jefes_manzana.curp import completar_curp
from peticiones import roles

from .conftest import barrida_del_programador, iniciar_sesion, salir
from .factories import CanalFactory, CategoriaFactory, ColoniaFactory, TipoPeticionFactory, UsuarioFactory
from .padron_utiles import csv_bytes, fila, qrs_impresos

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def subir(page, nombre: str, contenido: bytes) -> None:
    page.set_input_files("input[name=archivo]", files=[{"name": nombre, "mimeType": "text/csv", "buffer": contenido}])
    page.get_by_role("button", name="Revisar archivo").click()


def test_del_padron_a_la_peticion_del_vecino(pagina, celery_en_proceso):
    UsuarioFactory(username="supervisora", rol=roles.SUPERVISOR)
    faros = ColoniaFactory(nombre="Faros", codigo_postal="91709")
    CanalFactory(clave="jefes-manzana", nombre="Jefes de Manzana")
    TipoPeticionFactory(clave="peticion", nombre="Petición")
    CategoriaFactory(nombre="Luminaria apagada", plazo_horas=24)
    curp_rosa = completar_curp("LACR800215MVZGHS0")
    curp_luis = completar_curp("CAHL750310HVZNRS0")
    filas = [
        fila(curp_rosa, faros, **{"Nombre(s)": "Rosa", "Apellidos": "Lagunes Cházaro", "Manzana": "F-014"}),
        fila(curp_luis[:-1] + str((int(curp_luis[-1]) + 1) % 10), faros, **{"Nombre(s)": "Luis", "Apellidos": "Cano"}),
    ]

    # 1. The supervisor imports a file with a bad CURP: nothing imported, row and column named.
    iniciar_sesion(pagina, "supervisora")
    pagina.get_by_role("link", name="Padrón de Jefes de Manzana").first.click()
    pagina.get_by_role("link", name="Importar").click()
    subir(pagina, "padron.csv", csv_bytes(filas))
    errores = pagina.locator(".errores-importacion")
    expect(pagina.get_by_role("alert").first).to_contain_text("No se importó nada")
    expect(errores).to_contain_text("dígito verificador")
    assert re.search(r"3\s+CURP\s+La CURP .* dígito verificador", errores.inner_text())

    # 2. She fixes the file, sees the preview, confirms.
    filas[1]["CURP"] = curp_luis
    subir(pagina, "padron.csv", csv_bytes(filas))
    expect(pagina.locator("section").first).to_contain_text(re.compile(r"2\s+nuevos"))
    pagina.get_by_role("button", name="Confirmar importación").click()
    expect(pagina.locator(".mensajes")).to_contain_text("Padrón importado: 2 nuevos")

    # 3. She prints the credentials sheet of the search "Rosa" (same browser session).
    pagina.get_by_label("Buscar").fill("Rosa")
    pagina.get_by_role("button", name="Filtrar").click()
    expect(pagina).to_have_url(re.compile(r"[?&][^=]+=Rosa"))  # the filtered list, whose form carries the search
    pagina.get_by_role("button", name="Credenciales de toda la búsqueda").click()  # a batch page with progress
    expect(pagina.get_by_role("status")).to_contain_text("En espera de turno")
    barrida_del_programador("jefes_manzana.recoger_lotes")  # make run's programador renders it; the page polls
    descarga = pagina.get_by_role("link", name="Descargar el PDF")
    expect(descarga).to_be_visible()
    pdf = pagina.request.get(pagina.sirc_url(descarga.get_attribute("href")))
    assert pdf.headers["content-type"] == "application/pdf"
    texto = " ".join(PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text().split())
    assert "Rosa Lagunes Cházaro" in texto and "F-014" in texto and "Luis" not in texto
    numero = re.search(r"JM-\d{5}", texto).group(0)
    ((url_qr,),) = qrs_impresos(pdf.body())  # the QR drawn on the card, decoded from the rendered page
    assert url_qr == re.search(r"https?://\S+/verificar/[\w-]+/", texto).group(0)  # and the address printed

    pagina.get_by_role("link", name="Volver al padrón").click()

    # 4. She creates Rosa's login from her page; the temporary password is shown once.
    pagina.get_by_role("link", name="Lagunes Cházaro, Rosa").click()
    expect(pagina.locator("main")).to_contain_text(numero)
    pagina.get_by_role("button", name="Crear acceso a SIRC").click()
    usuario = pagina.locator(".usuario-creado").inner_text()
    temporal = pagina.locator(".contrasena-temporal").inner_text()
    assert usuario == "rosa.lagunes"
    salir(pagina)

    # 5. Rosa logs in and must change the temporary password first.
    iniciar_sesion(pagina, usuario, temporal)
    expect(pagina).to_have_url(re.compile(r"/cuentas/password_change/$"))
    expect(pagina.locator(".aviso")).to_contain_text("cambie la contraseña temporal")
    pagina.locator("#id_old_password").fill(temporal)
    pagina.locator("#id_new_password1").fill("Faro-de-Veracruz-2026")
    pagina.locator("#id_new_password2").fill("Faro-de-Veracruz-2026")
    pagina.get_by_role("button", name="Guardar contraseña").click()
    expect(pagina.locator(".mensajes")).to_contain_text("Contraseña actualizada")

    # 6. She files a request for a neighbour and follows it.
    pagina.get_by_role("link", name="Mis peticiones").first.click()
    pagina.get_by_role("link", name="Presentar una petición de un vecino").click()
    pagina.get_by_label("Nombre(s) del vecino").fill("Pedro")
    pagina.get_by_label("Teléfono del vecino").fill("2299876543")
    pagina.get_by_label("¿Qué pasa?").select_option(label="Luminaria apagada")
    pagina.get_by_label("Descripción").fill("Luminaria apagada frente al parque")
    pagina.locator("#id_calle").fill("Calle Arista")
    pagina.get_by_label("El vecino conoce y acepta el aviso de privacidad").check()
    pagina.get_by_role("button", name="Registrar petición").click()
    expect(pagina.locator("h1")).to_contain_text("Recibida")  # the new folio's page
    folio = re.search(r"\d{4}-\d{6}", pagina.locator("h1").inner_text()).group(0)
    expect(pagina.locator(".linea-tiempo")).to_contain_text("por el Jefe de Manzana Rosa Lagunes Cházaro")
    pagina.get_by_role("link", name="« Mis peticiones").click()
    expect(pagina.locator("table")).to_contain_text(folio)
    assert str(date.today().year) in folio

    # 7. The decoded QR of the printed card opens its public verification page (no login needed).
    salir(pagina)
    pagina.goto(pagina.sirc_url(re.sub(r"^https?://[^/]+", "", url_qr)))
    verificacion = pagina.locator("main").inner_text()
    assert "Rosa Lagunes Cházaro" in verificacion and "VIGENTE" in verificacion
    assert curp_rosa not in verificacion
