"""Browser: each demo role logs in with the real form and sees its own navigation."""

import pytest

from peticiones import roles

from .conftest import iniciar_sesion
from .factories import UsuarioFactory

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

# (entries the role must see, entries it must not see); each issue adds its own screens here.
ESPERADO = {
    roles.OPERADOR: (
        {"Captura 072", "Peticiones", "Por turnar", "Seguimiento"},
        {"Tablero", "Administración", "Bandeja de mi dirección", "Quejas y sugerencias"},
    ),
    roles.ENLACE: (
        {"Bandeja de mi dirección"},
        {"Captura 072", "Tablero", "Administración", "Por turnar", "Seguimiento"},
    ),
    roles.SUPERVISOR: (
        {"Por turnar", "Padrón de Jefes de Manzana", "Seguimiento", "Quejas y sugerencias"},
        {"Administración"},
    ),
    roles.DIRECTOR: ({"Tablero", "MIR"}, {"Captura 072", "Administración", "Bandeja de mi dirección", "Seguimiento"}),
    roles.JEFE_MANZANA: ({"Mis peticiones"}, {"Captura 072", "Tablero", "Administración"}),
    roles.JEFE_CUARTEL: (set(), {"Captura 072", "Tablero", "Administración"}),
    roles.ADMINISTRADOR: ({"Administración"}, set()),
}


@pytest.mark.parametrize("rol", roles.ROLES)
def test_cada_rol_ve_su_menu(pagina, rol):
    username = "u-" + rol.split()[0].lower()
    UsuarioFactory(username=username, rol=rol, is_staff=rol == roles.ADMINISTRADOR)
    iniciar_sesion(pagina, username)
    assert pagina.locator("h1").inner_text().startswith("Bienvenido")
    assert rol in pagina.locator(".rol").inner_text()
    assert pagina.get_by_role("heading", name="Peticiones a su alcance").is_visible()  # its own figures
    menu = set(pagina.locator("nav.menu a").all_inner_texts())
    menu = {m.split("\n")[0].replace("Alt+N", "").strip() for m in menu}
    debe_ver, no_debe_ver = ESPERADO[rol]
    assert "Inicio" in menu
    assert debe_ver <= menu, menu
    assert not (no_debe_ver & menu), menu
