"""The replica router against a REAL streaming replica (run by tests/test_replica.py, never alone).

test_replica.py builds a private primary + hot standby (tests/postgres_propio.py) and runs this file in a
pytest of its own with DATABASE_URL at the primary and DATABASE_REPLICA_URL at the replica. Every test
writes on the primary, waits until the replica has replayed it (its LSN), then reads.
"""

import importlib
import os
import re
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicadores.models import Programa, ReporteMensual
from peticiones import roles
from peticiones.models import Colonia, Peticion
from sirc import replica

from .factories import ColoniaFactory, UsuarioFactory
from .indicadores_datos import local, peticion
from .postgres_propio import ESPERA_MAXIMA, arrancar, detener

if "replica" not in settings.DATABASES:
    pytest.skip(
        "sin DATABASE_REPLICA_URL: tests/test_replica.py corre este archivo con una réplica", allow_module_level=True
    )

# No per-test transaction or flush: the rows must be committed to replicate, and the whole cluster is
# thrown away afterwards. Each test reads the committed state the session fixture left on both servers.
pytestmark = pytest.mark.replica

DESCRIPCION = "Fuga de agua replicada en la calle Arista"


def esperar_replica() -> None:
    """Until the replica has replayed everything the primary has written so far (by LSN, not by time)."""
    with connections["default"].cursor() as c:
        c.execute("SELECT pg_current_wal_lsn()::text")
        objetivo = c.fetchone()[0]
    limite = time.monotonic() + ESPERA_MAXIMA
    with connections["replica"].cursor() as c:
        while True:
            c.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [objetivo])
            if c.fetchone()[0]:
                return
            assert time.monotonic() < limite, f"la réplica no alcanzó {objetivo} en {ESPERA_MAXIMA} s"
            time.sleep(0.02)


@contextmanager
def consultas():
    with (
        CaptureQueriesContext(connections["default"]) as primario,
        CaptureQueriesContext(connections["replica"]) as rep,
    ):
        yield primario, rep


def sql(capturadas) -> str:
    return "\n".join(q["sql"] for q in capturadas.captured_queries)


@pytest.fixture(scope="session")
def django_db_setup():
    """test_replica.py already copied a migrated test database onto the primary (and so onto the replica):
    point both aliases at it, as Django's test runner would, without migrating again or flushing after."""
    nombre = f"test_{settings.DATABASES['default']['NAME']}"
    for alias in ("default", "replica"):
        connections[alias].close()
        settings.DATABASES[alias]["NAME"] = connections[alias].settings_dict["NAME"] = nombre


@pytest.fixture(autouse=True)
def _bases(django_db_setup, django_db_blocker):
    replica.olvidar_caida()
    with django_db_blocker.unblock():
        yield
    replica.olvidar_caida()


@pytest.fixture(scope="session")
def usuarios(django_db_setup, django_db_blocker) -> dict:
    """A director and a supervisor, three requests of October 2023 and the PAT 2023 programme, written on
    the primary once per session and replayed on the replica."""
    with django_db_blocker.unblock():
        if not Programa.objects.filter(anio=2023).exists():  # a flush earlier in the outer run removed it
            importlib.import_module("indicadores.migrations.0002_pat_2023").cargar_pat_2023(apps, None)
        for dia in (2, 3, 4):
            atendida = local(2023, 10, dia, 18) if dia < 4 else None
            peticion(local(2023, 10, dia), atendida=atendida, descripcion=DESCRIPCION)
        creados = {rol: UsuarioFactory(rol=rol, username=rol) for rol in (roles.DIRECTOR, roles.SUPERVISOR)}
        esperar_replica()
    return creados


@pytest.fixture
def octubre(usuarios):
    return usuarios[roles.DIRECTOR]


@pytest.fixture
def supervisor(usuarios):
    return usuarios[roles.SUPERVISOR]


def test_las_dos_bases_son_primario_y_replica():
    with connections["default"].cursor() as c:
        c.execute("SELECT pg_is_in_recovery(), current_setting('port')")
        assert c.fetchone() == (False, os.environ["SIRC_PRUEBA_PUERTO_PRIMARIO"])
    with connections["replica"].cursor() as c:
        c.execute("SELECT pg_is_in_recovery(), current_setting('port'), current_database()")
        en_recuperacion, puerto, base = c.fetchone()
    assert (en_recuperacion, puerto) == (True, str(settings.DATABASES["replica"]["PORT"]))
    assert base == connections["default"].settings_dict["NAME"]  # the replicated copy of the test database


def test_tablero_mapa_mir_y_exportaciones_leen_de_la_replica(client, octubre):
    client.force_login(octubre)
    periodo = {"desde": "2023-10", "hasta": "2023-10"}
    paginas = [
        (reverse("indicadores:tablero"), periodo),
        (reverse("indicadores:mapa_datos"), periodo),
        (reverse("indicadores:mir"), {"mes": "2023-10"}),
        (reverse("indicadores:mir_pdf"), {"mes": "2023-10"}),
        (reverse("indicadores:exportar", args=["por_direccion", "xlsx"]), periodo),
        (reverse("indicadores:exportar", args=["peticiones", "csv"]), periodo),
    ]
    for ruta, parametros in paginas:
        with consultas() as (primario, rep):
            respuesta = client.get(ruta, parametros)
        assert respuesta.status_code == 200, ruta
        assert "peticiones_peticion" in sql(rep), f"{ruta} no leyó las peticiones de la réplica"
        assert "peticiones_peticion" not in sql(primario), f"{ruta} leyó peticiones del primario"
    # The rows written on the primary reached the file through the replica.
    assert len(re.findall(r"^2023-\d{6},", respuesta.content.decode("utf-8-sig"), re.MULTILINE)) == 3
    respuesta = client.get(reverse("indicadores:tablero"), periodo)
    assert (respuesta.context["resumen"]["recibidas"], respuesta.context["resumen"]["atendidas"]) == (3, 2)


def test_la_exportacion_de_la_lista_lee_de_la_replica(client, octubre, supervisor):
    client.force_login(supervisor)
    with consultas() as (primario, rep):
        respuesta = client.get(reverse("peticiones:exportar", args=["csv"]), {"folio": "2023-"})
    assert respuesta.status_code == 200
    assert respuesta.content.decode("utf-8-sig").count(DESCRIPCION) == 3
    assert "peticiones_peticion" in sql(rep)
    assert "peticiones_peticion" not in sql(primario)


def test_el_resto_del_sitio_lee_del_primario(client, octubre, supervisor):
    """Only the reports use the replica: the list, the request page and the home page do not."""
    client.force_login(supervisor)
    folio = Peticion.objects.values_list("folio", flat=True).first()
    for ruta in (reverse("peticiones:lista"), reverse("peticiones:detalle", args=[folio]), reverse("inicio")):
        with consultas() as (primario, rep):
            respuesta = client.get(ruta)
        assert respuesta.status_code == 200, ruta
        assert rep.captured_queries == [], f"{ruta} leyó de la réplica"
        assert "peticiones_peticion" in sql(primario), ruta


def test_las_escrituras_van_al_primario_aun_dentro_de_en_replica(client, octubre, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the issued MIR's PDF
    with replica.en_replica() as alias:
        assert alias == "replica" and replica.alias_de_lectura() == "replica"
        with consultas() as (primario, rep):
            colonia = ColoniaFactory(nombre="Colonia escrita desde un reporte")
        assert "INSERT" in sql(primario) and "INSERT" not in sql(rep)
        with transaction.atomic():  # a transaction on the primary reads its own write, not the lagging replica
            Colonia.objects.filter(pk=colonia.pk).update(nombre="Colonia corregida")
            assert replica.alias_de_lectura() == "default"
            assert Colonia.objects.get(pk=colonia.pk).nombre == "Colonia corregida"
    assert replica.alias_de_lectura() == "default"  # outside en_replica(): the primary

    # Issuing the MIR writes its version on the primary; the page that follows lists it at once.
    octubre.user_permissions.add(*_permiso_emitir())
    client.force_login(octubre)
    emitidos = ReporteMensual.objects.filter(anio=2023, mes=10)
    antes = emitidos.count()
    respuesta = client.post(reverse("indicadores:mir_emitir"), {"mes": "2023-10"}, follow=True)
    assert respuesta.status_code == 200
    assert emitidos.count() == antes + 1
    assert f"versión {antes + 1}" in respuesta.content.decode()  # read back at once: not from a lagging replica


def _permiso_emitir():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="emitir_reporte", content_type__app_label="indicadores")


def test_la_replica_no_acepta_escrituras():
    from django.db.utils import InternalError, OperationalError

    with (
        pytest.raises((InternalError, OperationalError), match="read-only transaction"),
        connections["replica"].cursor() as c,
    ):
        c.execute("INSERT INTO peticiones_colonia (nombre) VALUES ('escrita en la réplica')")


def test_con_la_replica_caida_los_reportes_salen_del_primario(client, octubre, caplog):
    bin_pg, datos = Path(os.environ["SIRC_PRUEBA_PG_BIN"]), Path(os.environ["SIRC_PRUEBA_REPLICA_DATOS"])
    client.force_login(octubre)
    connections["replica"].close()
    detener(bin_pg, datos)
    try:
        with CaptureQueriesContext(connections["default"]) as primario:
            respuesta = client.get(reverse("indicadores:tablero"), {"desde": "2023-10", "hasta": "2023-10"})
        assert respuesta.status_code == 200
        assert respuesta.context["resumen"]["recibidas"] == 3
        assert "peticiones_peticion" in sql(primario)
        assert "Réplica inaccesible" in caplog.text
        # While it is down the replica is not tried again on every request (no connect per report).
        assert replica.alias_de_lectura() == "default"
        with replica.en_replica() as alias:
            assert alias == "default"
    finally:
        arrancar(bin_pg, datos, int(settings.DATABASES["replica"]["PORT"]))
    replica.olvidar_caida()
    esperar_replica()
    with replica.en_replica() as alias:
        assert alias == "replica"


@pytest.mark.skipif(not os.environ.get("SIRC_PRUEBA_PGBOUNCER"), reason="sin pgbouncer (apt install pgbouncer)")
def test_el_primario_por_pgbouncer_en_modo_transaccion():
    """DATABASE_URL points at PgBouncer, which hands each transaction to a server connection of its pool;
    everything above (exports with .iterator(), MIR issue, history context) ran through it."""
    assert settings.DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert str(settings.DATABASES["default"]["PORT"]) != os.environ["SIRC_PRUEBA_PUERTO_PRIMARIO"]
    with connections["default"].cursor() as c:
        c.execute("SELECT inet_server_port()")
        assert str(c.fetchone()[0]) == os.environ["SIRC_PRUEBA_PUERTO_PRIMARIO"]
