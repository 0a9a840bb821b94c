"""Property-based fuzzing (Hypothesis): as every role, every form SIRC shows (POST and GET, found by walking
the URLconf and reading the pages) and every query-string parameter its links and filters use receive
generated hostile values (NUL, huge and non-finite numbers, markup, unicode, empty, very long text), and
no answer is a 5xx. `SIRC_FUZZ_EJEMPLOS` raises the number of examples per role for a long local run."""

import os
import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peticiones.acciones import transiciones as t

from .escenario_turnado import crear_escenario
from .factories import CuartelFactory, JefeManzanaFactory
from .urlconf import ROLES, rutas, urls, usuario_del_rol

pytestmark = pytest.mark.django_db

EJEMPLOS = int(os.environ.get("SIRC_FUZZ_EJEMPLOS", "40"))
# Logout ends the session (the login form is fuzzed: usernames are cut to 150 before django-axes stores them).
NO_VISITAR = ("/cuentas/logout/", "/admin/logout/")

HOSTILES = [
    "",
    "\x00",
    "a\x00b",
    "1e309",
    "-1e309",
    "inf",
    "NaN",
    "-1",
    "0",
    "99999999999999999999999999",
    "-99999999999999999999999999",
    "2024-13-45",
    "2024-02-30T25:61",
    "<script>alert(1)</script>",
    '<img src="/etc/passwd"/>',
    "' OR 1=1 --",
    "../../etc/passwd",
    "x" * 5000,
    "１２３",
    "😀" * 10,
    "2024-000001",
    "on",
    "si",
]
valor = st.one_of(
    st.sampled_from(HOSTILES),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


@pytest.fixture
def datos(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    escena = crear_escenario()
    t.turnar(escena.peticion, escena.supervisor, escena.direccion)
    jefe = JefeManzanaFactory(cuartel=CuartelFactory())
    return {"folio": [escena.peticion.folio], "pk": [escena.peticion.pk], "jefe": jefe}


FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
CAMPO = re.compile(r"<(?:input|select|textarea|button)\b[^>]*\bname=\"([^\"]+)\"", re.I)
ENLACE = re.compile(r"href=\"([^\"#]*\?[^\"#]+)\"", re.I)


def _atributo(atributos: str, nombre: str) -> str | None:
    encontrado = re.search(rf"\b{nombre}=\"([^\"]*)\"", atributos, re.I)
    return unescape(encontrado.group(1)) if encontrado else None


def objetivos(client, datos) -> list[tuple[str, str, tuple[str, ...]]]:
    """(method, path, field names) of every form and every linked query string the role's pages show."""
    encontrados: set[tuple[str, str, tuple[str, ...]]] = set()
    for ruta in rutas():
        for url in urls(ruta, datos):
            if url.startswith(NO_VISITAR):
                continue
            respuesta = client.get(url)
            if respuesta.status_code != 200 or "html" not in respuesta.get("Content-Type", ""):
                continue
            html = respuesta.content.decode("utf-8", "replace")
            for atributos, cuerpo in FORM.findall(html):
                metodo = (_atributo(atributos, "method") or "get").lower()
                accion = urlsplit(_atributo(atributos, "action") or url).path or url
                campos = tuple(sorted({c for c in CAMPO.findall(cuerpo) if c != "csrfmiddlewaretoken"}))
                if campos and not accion.startswith(NO_VISITAR):
                    encontrados.add((metodo, accion, campos))
            for enlace in ENLACE.findall(html):
                partes = urlsplit(unescape(enlace))
                claves = tuple(sorted({k for k, _ in parse_qsl(partes.query, keep_blank_values=True)}))
                if claves and (partes.path or url).startswith("/") and not partes.netloc:
                    encontrados.add(("get", partes.path or url, claves))
    return sorted(encontrados)


@pytest.mark.parametrize("rol", ROLES, ids=lambda r: r or "anonimo")
def test_ningun_valor_generado_da_5xx(client, datos, rol):
    usuario = usuario_del_rol(rol, datos["jefe"])
    if usuario is not None:
        client.force_login(usuario)
    blancos = objetivos(client, datos)
    assert blancos, "el recorrido no encontró formularios"
    fallas: list[str] = []

    @settings(
        max_examples=EJEMPLOS,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.sampled_from(blancos), st.data())
    def enviar(blanco, data):
        metodo, ruta, campos = blanco
        valores = {campo: data.draw(valor, label=campo) for campo in campos}
        try:
            respuesta = getattr(client, metodo)(ruta, valores)
            estado = respuesta.status_code
        except Exception as error:  # the test client re-raises what would have been a 500
            estado = f"{type(error).__name__}: {str(error)[:200]}"
        if not isinstance(estado, int) or estado >= 500:
            fallas.append(f"{metodo.upper()} {ruta} {valores!r:.300} → {estado}")
        if usuario is not None and "_auth_user_id" not in client.session:
            client.force_login(usuario)  # a form may have ended the session (password change)

    enviar()
    assert not fallas, "\n".join(fallas)
