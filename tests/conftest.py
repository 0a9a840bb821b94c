"""Shared fixtures: users per role, and the browser harness (Debian's chromium via Playwright)."""

import os
import shutil
import uuid

import pytest

from peticiones import roles

from .factories import UsuarioFactory

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CONTRASENA = "clave-de-prueba-123"
# Browser tests wait on what the user waits on (a heading, a message, the URL), never on time. These are only
# the ceilings of those waits: generous, because the machine running them may be shared and slow.
ESPERA_MAXIMA_MS = int(os.environ.get("SIRC_NAVEGADOR_ESPERA_MS", "45000"))


@pytest.fixture
def usuario_de_rol(db):
    """usuario_de_rol(roles.OPERADOR, username="karla") -> a user in that role's group."""

    def crear(rol: str, **kwargs):
        return UsuarioFactory(rol=rol, **kwargs)

    return crear


@pytest.fixture
def operador(usuario_de_rol):
    return usuario_de_rol(roles.OPERADOR, username="operador")


@pytest.fixture
def supervisor(usuario_de_rol):
    return usuario_de_rol(roles.SUPERVISOR, username="supervisor")


@pytest.fixture
def director(usuario_de_rol):
    return usuario_de_rol(roles.DIRECTOR, username="director")


@pytest.fixture(scope="session")
def navegador():
    """One headless Debian chromium for the whole session; never downloads a browser."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"No está {CHROMIUM}: instale el paquete 'chromium' de Debian (apt) para las pruebas de navegador")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=ESPERA_MAXIMA_MS)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def pagina(navegador, live_server):
    """A fresh browser context and page; `pagina.sirc_url(path)` builds live-server URLs."""
    contexto = navegador.new_context(locale="es-MX", timezone_id="America/Mexico_City")
    contexto.set_default_timeout(ESPERA_MAXIMA_MS)
    page = contexto.new_page()
    page.sirc_url = lambda ruta="/": f"{live_server.url}{ruta}"
    yield page
    contexto.close()


def barrida_del_programador(*tareas: str) -> None:
    """What `manage.py programador` (make run, no broker) does when these beat jobs come due: runs them here."""
    from django.conf import settings

    from sirc.programador import Programador

    Programador({n: e for n, e in settings.CELERY_BEAT_SCHEDULE.items() if e["task"] in tareas}).tick()


def iniciar_sesion(page, username: str, password: str = CONTRASENA) -> None:
    """Log in through the real login form, keyboard only; returns once the signed-in page shows «Salir»."""
    from playwright.sync_api import expect

    page.goto(page.sirc_url("/cuentas/login/"))
    page.get_by_label("Usuario").fill(username)
    page.get_by_label("Contraseña").fill(password)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Salir")).to_be_visible()


def salir(page) -> None:
    """Sign out with the menu's button; returns once the login form is back (not while the POST is in flight)."""
    from playwright.sync_api import expect

    page.get_by_role("button", name="Salir").click()
    expect(page.get_by_label("Usuario")).to_be_visible()


@pytest.fixture(autouse=True)
def limites_propios(settings):
    """Each test counts its rate limits (sirc.limites) under its own prefix: in the shared Redis, counts of other
    tests (or of another run) never add up, and nothing has to be flushed."""
    settings.SIRC_LIMITES_PREFIJO = f"sirc:limite:prueba:{uuid.uuid4().hex}:"


@pytest.fixture(autouse=True)
def catalogos_sin_copia_previa():
    """Each test starts without the catalogs another test left in memory (its rows were rolled back)."""
    from peticiones import cache_catalogos
    from sirc import cache

    cache_catalogos._copia["catalogos"] = None
    cache.reiniciar()  # and without a cache failure another test left behind


@pytest.fixture
def celery_en_proceso():
    """Celery tasks run in this process, as a worker would (no broker needed in the test)."""
    from sirc.celery import app

    app.set_current()  # another test may have made its own Celery app the current one
    anterior = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = anterior
