"""Headers: a strict Content-Security-Policy on every page, `Cache-Control: no-store` wherever personal data is
shown, and uploaded files only through permission-checked views (no /media/ serving, even with DEBUG)."""

import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import clear_url_caches, reverse

from peticiones.acciones import transiciones as t
from peticiones.models import Evidencia

from .escenario_turnado import crear_escenario

pytestmark = pytest.mark.django_db
RAIZ = Path(__file__).resolve().parent.parent


def _politica(respuesta) -> dict[str, str]:
    cabecera = respuesta["Content-Security-Policy"]
    return {d.split(" ", 1)[0]: d.split(" ", 1)[-1] for d in (x.strip() for x in cabecera.split(";")) if d}


@pytest.mark.parametrize("ruta", ["/cuentas/login/", "/consulta/", "/reporta/", "/tramites/"])
def test_las_paginas_publicas_llevan_una_csp_estricta(client, ruta):
    politica = _politica(client.get(ruta))
    assert politica["script-src"] == "'self'"
    assert politica["style-src"] == "'self'"
    assert politica["object-src"] == "'none'" and politica["frame-ancestors"] == "'none'"
    assert "unsafe" not in " ".join(politica.values())


def test_las_plantillas_no_tienen_script_en_linea_ni_manejadores_ni_estilos():
    """What the CSP would block: inline <script>, on…= handlers, javascript: links, style="…" attributes."""
    hallazgos = []
    for plantilla in sorted((RAIZ / "templates").rglob("*.html")):
        texto = plantilla.read_text(encoding="utf-8")
        for patron in (
            r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>",
            r"\son[a-z]+\s*=",
            r"javascript:",
            r"\sstyle\s*=",
        ):
            for encontrado in re.finditer(patron, texto, re.IGNORECASE):
                linea = texto.count("\n", 0, encontrado.start()) + 1
                hallazgos.append(f"{plantilla.relative_to(RAIZ)}:{linea}: {encontrado.group(0).strip()}")
    assert not hallazgos, "Mueva a static/ (la CSP lo bloquearía):\n" + "\n".join(hallazgos)


def test_paginas_con_sesion_no_se_guardan_en_cache(client):
    escena = crear_escenario()
    client.force_login(escena.supervisor)
    for ruta in [reverse("inicio"), reverse("peticiones:detalle", args=[escena.peticion.folio])]:
        respuesta = client.get(ruta)
        assert respuesta.status_code == 200
        assert "no-store" in respuesta["Cache-Control"], ruta


def test_la_consulta_publica_de_un_folio_no_se_guarda_en_cache(client):
    escena = crear_escenario()
    respuesta = client.post(reverse("consulta_folio"), {"folio": escena.peticion.folio, "telefono": "0000"})
    assert "no-store" in respuesta["Cache-Control"]


def test_una_pagina_publica_sin_datos_no_exige_no_store(client):
    assert "no-store" not in client.get("/tramites/").get("Cache-Control", "")


@pytest.fixture
def evidencia(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    escena = crear_escenario()
    t.turnar(escena.peticion, escena.supervisor, escena.direccion)
    foto = Evidencia(peticion=escena.peticion, tipo_contenido="image/jpeg", tamano=4, subida_por=escena.enlace)
    foto.archivo.save("foto.jpg", ContentFile(b"\xff\xd8\xff\xd9"), save=True)
    return escena, foto


@pytest.mark.parametrize("debug", [False, True])
def test_los_archivos_subidos_no_se_sirven_por_media_ni_con_debug(client, evidencia, settings, debug):
    escena, foto = evidencia
    settings.DEBUG = debug
    import importlib

    import sirc.urls

    with override_settings(DEBUG=debug):
        importlib.reload(sirc.urls)  # the URLconf as a server started with that DEBUG builds it
        clear_url_caches()
        try:
            ruta = f"/{settings.MEDIA_URL.strip('/')}/{foto.archivo.name}"
            assert client.get(ruta).status_code == 404
            client.force_login(escena.supervisor)
            assert client.get(ruta).status_code == 404  # not even logged in: only the view serves it
        finally:
            importlib.reload(sirc.urls)
            clear_url_caches()


def test_la_evidencia_se_sirve_solo_a_quien_ve_la_peticion(client, evidencia):
    escena, foto = evidencia
    url = reverse("peticiones:ver_evidencia", args=[escena.peticion.pk, foto.pk])
    anonimo = client.get(url)
    assert anonimo.status_code == 302 and anonimo["Location"].startswith(reverse("login"))
    client.force_login(escena.enlace_ajeno)
    assert client.get(url).status_code == 404
    client.force_login(escena.enlace)
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    assert b"".join(respuesta.streaming_content) == b"\xff\xd8\xff\xd9"
    assert "no-store" in respuesta["Cache-Control"]


def test_las_teselas_del_mapa_son_lo_unico_de_fuera(client, settings):
    politica = _politica(client.get("/reporta/"))
    externas = [fuente for fuente in politica["img-src"].split() if fuente.startswith("https://")]
    assert externas == ["https://tile.openstreetmap.org"]
    assert politica["connect-src"] == "'self'" and politica["default-src"] == "'self'"
