"""The simplified aviso de privacidad (its text, not only the footer link) is on every public page where a
citizen types data: the folio lookup, the service rating, and any public form the URLconf has."""

import re
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django.utils.html import escape

from peticiones.models import AvisoPrivacidad, Peticion
from peticiones.selectores.privacidad import aviso_vigente

from .factories import CiudadanoFactory, PeticionFactory

pytestmark = pytest.mark.django_db

# Staff and Jefes sign in here with a user name: no citizen's personal data is typed.
SIN_DATOS_CIUDADANOS = ("/cuentas/", "/admin/")


def _simplificado() -> str:
    return escape(aviso_vigente().simplificado)


def _tiene_aviso(texto: str) -> bool:
    return "Aviso de privacidad simplificado" in texto and _simplificado() in texto


@pytest.mark.parametrize("ruta", ["/consulta/", "/consulta/evaluar/"])
def test_formularios_publicos_muestran_el_aviso_simplificado(client, ruta):
    texto = client.get(ruta).content.decode()
    assert _tiene_aviso(texto)
    assert 'href="/aviso-de-privacidad/"' in texto


def test_el_aviso_sigue_con_la_respuesta_y_con_un_error(client):
    ciudadano = CiudadanoFactory(telefono="2291234567")
    peticion = PeticionFactory(ciudadano=ciudadano, estado=Peticion.Estado.ATENDIDA, fecha_atendida=timezone.now())
    encontrada = client.post("/consulta/", {"folio": peticion.folio, "telefono": "4567"})
    assert peticion.folio in encontrada.content.decode() and _tiene_aviso(encontrada.content.decode())
    mal = client.post("/consulta/evaluar/", {"folio": "no-es-folio", "ultimos4": "x"})
    assert mal.status_code == 400 and _tiene_aviso(mal.content.decode())


def test_una_version_nueva_publicada_se_muestra_al_ciudadano(client):
    AvisoPrivacidad.objects.create(
        version=2,
        simplificado="Versión 2: sus datos se usan sólo para atender su petición.",
        guion="¿Está de acuerdo?",
        integral="AVISO DE PRIVACIDAD INTEGRAL (versión 2)",
        vigente_desde=timezone.now() - timedelta(minutes=1),
    )
    for ruta in ("/consulta/", "/consulta/evaluar/"):
        texto = client.get(ruta).content.decode()
        assert "Versión 2: sus datos se usan sólo para atender su petición." in texto and "(versión 2)" in texto


def _rutas_sin_parametros(resolver: URLResolver | None = None, prefijo: str = ""):
    resolver = resolver or get_resolver()
    for patron in resolver.url_patterns:
        texto = prefijo + str(patron.pattern)
        if isinstance(patron, URLResolver):
            yield from _rutas_sin_parametros(patron, texto)
        elif isinstance(patron, URLPattern) and "<" not in texto and not re.search(r"[()\[\]\\^$?*+]", texto):
            yield "/" + texto


def test_todo_formulario_publico_lleva_el_aviso(client):
    """Walk the URLconf without a session: every page that answers with a POST form shows the aviso."""
    con_formulario = []
    for ruta in _rutas_sin_parametros():
        if ruta.startswith(SIN_DATOS_CIUDADANOS):
            continue
        respuesta = client.get(ruta)
        if respuesta.status_code != 200 or "html" not in respuesta.get("Content-Type", ""):
            continue
        texto = respuesta.content.decode()
        if re.search(r"<form[^>]*method=\"post\"", texto, re.IGNORECASE):
            con_formulario.append(ruta)
            assert _tiene_aviso(texto), f"{ruta} pide datos sin mostrar el aviso de privacidad simplificado"
    assert {"/consulta/", "/consulta/evaluar/"} <= set(con_formulario)
