"""Browser: every role's main pages (its menu), and the public ones, load under the Content-Security-Policy
without a single violation: no inline script or style slipped back, htmx and Leaflet work under it."""

import pytest

from peticiones import roles

from .conftest import iniciar_sesion
from .escenario_turnado import crear_escenario
from .factories import UsuarioFactory

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

PUBLICAS = ["/consulta/", "/reporta/", "/tramites/", "/cuentas/login/", "/cuentas/password_reset/"]


def _vigilar(pagina) -> list[str]:
    """Collect every CSP violation the page reports (console message and securitypolicyviolation event)."""
    violaciones: list[str] = []

    def consola(mensaje) -> None:
        if "Content Security Policy" in mensaje.text:
            violaciones.append(f"{pagina.url}: {mensaje.text}")

    pagina.on("console", consola)
    pagina.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return violaciones


def _recorrer(pagina, rutas: list[str]) -> None:
    for ruta in rutas:
        pagina.goto(pagina.sirc_url(ruta))
        pagina.wait_for_load_state("networkidle")


def test_paginas_publicas_sin_violaciones_de_csp(pagina):
    violaciones = _vigilar(pagina)
    _recorrer(pagina, PUBLICAS)
    assert not violaciones, "\n".join(violaciones)


@pytest.mark.parametrize("rol", roles.ROLES)
def test_paginas_de_cada_rol_sin_violaciones_de_csp(pagina, rol):
    crear_escenario()
    username = "csp-" + rol.split()[0].lower()
    UsuarioFactory(username=username, rol=rol, is_staff=rol == roles.ADMINISTRADOR)
    violaciones = _vigilar(pagina)
    iniciar_sesion(pagina, username)
    enlaces = pagina.eval_on_selector_all("nav.menu a", "as => as.map(a => a.getAttribute('href'))")
    rutas = [r for r in dict.fromkeys(enlaces) if r and r.startswith("/")]
    assert rutas or rol == roles.JEFE_CUARTEL, f"{rol} no tiene menú"
    _recorrer(pagina, rutas)
    assert not violaciones, "\n".join(violaciones)
