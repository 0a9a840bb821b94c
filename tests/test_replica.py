"""Read-only reports on a streaming replica (sirc/replica.py): settings, router and a REAL replica.

The real-replica part builds a private primary + hot standby with the PostgreSQL binaries
(tests/postgres_propio.py), copies this run's migrated test database onto the primary and runs
tests/replica_real.py in a pytest of its own with DATABASE_URL / DATABASE_REPLICA_URL pointing at them.
"""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from sirc import replica

from .postgres_propio import ParReplicado, arrancar_pgbouncer, binarios, detener_pgbouncer, pgbouncer, puerto_libre

RAIZ = Path(__file__).resolve().parent.parent


def _ajustes_con(monkeypatch, **variables: str) -> dict:
    """The settings module's values computed with these environment variables (read afresh, not the live ones)."""
    for nombre in ("DATABASE_REPLICA_URL", "DISABLE_SERVER_SIDE_CURSORS"):
        monkeypatch.delenv(nombre, raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgres://sirc@db:5432/sirc")
    for nombre, valor in variables.items():
        monkeypatch.setenv(nombre, valor)
    return runpy.run_path(str(RAIZ / "sirc" / "settings.py"))


def test_sin_replica_una_sola_base_como_siempre(monkeypatch):
    ajustes = _ajustes_con(monkeypatch)
    assert list(ajustes["DATABASES"]) == ["default"]
    assert "DATABASE_ROUTERS" not in ajustes  # Django's default: no router
    assert ajustes["DATABASES"]["default"]["DISABLE_SERVER_SIDE_CURSORS"] is False


def test_con_replica_un_alias_de_solo_lectura_y_el_router(monkeypatch):
    ajustes = _ajustes_con(
        monkeypatch, DATABASE_REPLICA_URL="postgres://lector@replica:5432/sirc", DISABLE_SERVER_SIDE_CURSORS="true"
    )
    rep = ajustes["DATABASES"]["replica"]
    assert (rep["HOST"], rep["USER"], rep["NAME"]) == ("replica", "lector", "sirc")
    assert rep["TEST"]["MIRROR"] == "default"  # tests read the replicated test database, never create one
    assert rep["OPTIONS"]["connect_timeout"] == 3
    assert ajustes["DATABASE_ROUTERS"] == ["sirc.replica.RouterReplica"]
    # PgBouncer in transaction mode: no server-side cursors on either alias.
    assert rep["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert ajustes["DATABASES"]["default"]["DISABLE_SERVER_SIDE_CURSORS"] is True


def test_router_lee_de_la_replica_solo_dentro_de_en_replica():
    router = replica.RouterReplica()
    assert router.db_for_read(None) is None  # the primary
    token = replica._lectura.set(replica.REPLICA)
    try:
        assert router.db_for_read(None) == "replica"
        assert router.db_for_write(None) == "default"
    finally:
        replica._lectura.reset(token)
    assert router.db_for_read(None) is None
    assert router.allow_migrate("replica", "peticiones") is False
    assert router.allow_migrate("default", "peticiones") is True


@pytest.mark.skipif(replica.replica_configurada(), reason="esta corrida ya tiene réplica: la prueba real la usa")
def test_sin_replica_en_replica_no_cambia_nada():
    with replica.en_replica() as alias:
        assert alias == "default"
        assert replica.alias_de_lectura() == "default"


@pytest.mark.replica
def test_el_router_contra_una_replica_de_streaming_real(db):
    """`db`: this run's test database exists and is migrated (and not yet flushed by transactional tests)."""
    bin_pg = binarios()
    if bin_pg is None:
        pytest.skip("Faltan los binarios de PostgreSQL (initdb, pg_ctl, pg_basebackup): apt install postgresql")
    if connection.vendor != "postgresql":
        pytest.skip("La réplica de streaming es de PostgreSQL: defina DATABASE_URL=postgres://…")
    if replica.replica_configurada():
        pytest.skip("Esta corrida ya tiene DATABASE_REPLICA_URL: corra tests/replica_real.py directamente")
    origen = connection.settings_dict
    assert origen["NAME"].startswith("test_")
    par = ParReplicado(bin_pg)
    pid_pgbouncer = None
    try:
        par.arrancar()
        # This run's migrated test database, copied onto the primary (migrating again would take minutes).
        base = "sirc"
        par.copiar_base(
            f"postgres://{origen['USER']}@{origen['HOST'] or '127.0.0.1'}:{origen['PORT'] or 5432}/{origen['NAME']}",
            f"test_{base}",
        )
        entorno = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
        entorno.update(
            DATABASE_URL=par.url_primario(base),
            DATABASE_REPLICA_URL=par.url_replica(base),
            SIRC_PRUEBA_PG_BIN=str(bin_pg),
            SIRC_PRUEBA_REPLICA_DATOS=str(par.datos_replica),
            SIRC_PRUEBA_PUERTO_PRIMARIO=str(par.puerto_primario),
        )
        if binario_pgbouncer := pgbouncer():
            # The primary through PgBouncer in transaction mode, as in docs/escala.md (.ci/run installs it).
            puerto = puerto_libre()
            pid_pgbouncer = arrancar_pgbouncer(binario_pgbouncer, par.carpeta, puerto, par.puerto_primario)
            entorno.update(
                DATABASE_URL=f"postgres://postgres@127.0.0.1:{puerto}/{base}",
                DISABLE_SERVER_SIDE_CURSORS="true",
                SIRC_PRUEBA_PGBOUNCER="1",
            )
        corrida = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--reuse-db", "tests/replica_real.py"],
            cwd=RAIZ,
            env=entorno,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        if pid_pgbouncer:
            detener_pgbouncer(pid_pgbouncer)
        par.cerrar()
    assert corrida.returncode == 0, corrida.stdout[-6000:] + corrida.stderr[-3000:]
    # Nothing skipped but, without pgbouncer installed, the one test that needs it.
    assert " passed" in corrida.stdout, corrida.stdout[-3000:]
    assert ("skipped" not in corrida.stdout) if pid_pgbouncer else (" 1 skipped" in corrida.stdout), corrida.stdout
