"""GET never writes: every GET route of the URLconf, as every role (and without a session), leaves every
table as it was. PostgreSQL counts the rows each transaction inserted, updated or deleted per table
(pg_stat_xact_user_tables), so each request is checked on its own, exactly."""

import pytest
from django.db import connection

from peticiones import roles
from peticiones.acciones import transiciones as t

from .escenario_turnado import crear_escenario
from .factories import CuartelFactory, JefeManzanaFactory, UsuarioFactory
from .urlconf import ROLES, rutas, urls, usuario_del_rol

pytestmark = pytest.mark.django_db

# Infrastructure, not data: sessions, django-axes' attempt log, rate-limit counters.
INFRAESTRUCTURA = ("django_session", "axes_", "sirc_contadorlimite")


def escrituras() -> dict[str, int]:
    """Rows inserted + updated + deleted so far in this transaction, by table (data tables only)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables "
            "WHERE n_tup_ins + n_tup_upd + n_tup_del > 0"
        )
        return {tabla: n for tabla, n in cursor.fetchall() if not tabla.startswith(INFRAESTRUCTURA)}


@pytest.fixture
def datos(settings, tmp_path):
    """A little of everything, so that routes with ids reach real objects (not only 404s)."""
    settings.MEDIA_ROOT = tmp_path
    escena = crear_escenario()
    t.turnar(escena.peticion, escena.supervisor, escena.direccion)
    cuartel = CuartelFactory()
    jefe = JefeManzanaFactory(cuartel=cuartel)  # active, without a credential yet: printing it would issue one
    return {"folio": [escena.peticion.folio], "pk": [escena.peticion.pk, jefe.pk], "jefe": jefe}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="cuenta escrituras con pg_stat_xact_user_tables")
@pytest.mark.parametrize("rol", ROLES, ids=lambda r: r or "anonimo")
def test_ningun_get_escribe_en_la_base(client, datos, rol):
    usuario = usuario_del_rol(rol, datos["jefe"])
    if usuario is not None:
        client.force_login(usuario)
    escritas, visitadas = [], 0
    for ruta in rutas():
        for url in urls(ruta, datos):
            antes = escrituras()
            respuesta = client.get(url)
            despues = escrituras()
            assert respuesta.status_code < 500, url
            visitadas += respuesta.status_code == 200
            cambio = {tabla: n - antes.get(tabla, 0) for tabla, n in despues.items() if n != antes.get(tabla, 0)}
            if cambio:
                escritas.append(f"GET {url} → {cambio}")
    assert not escritas, "\n".join(escritas)
    assert visitadas >= (2 if rol is None else 5)  # the walk reached real pages


@pytest.mark.skipif(connection.vendor != "postgresql", reason="cuenta escrituras con pg_stat_xact_user_tables")
def test_imprimir_credenciales_emite_solo_por_post(client, datos):
    client.force_login(UsuarioFactory(rol=roles.SUPERVISOR))
    jefe = datos["jefe"]
    assert client.get("/jefes-manzana/credenciales.pdf").status_code == 405
    assert client.get(f"/jefes-manzana/{jefe.pk}/credencial.pdf").status_code == 405
    jefe.refresh_from_db()
    assert jefe.numero_credencial == ""
    respuesta = client.post(f"/jefes-manzana/{jefe.pk}/credencial.pdf")
    assert respuesta.status_code == 200 and respuesta["Content-Type"] == "application/pdf"
    jefe.refresh_from_db()
    assert jefe.numero_credencial == f"JM-{jefe.pk:05d}"
