"""A private PostgreSQL primary + streaming replica pair for the replica router tests.

Built with the PostgreSQL binaries (initdb, pg_ctl, pg_basebackup -R) in a temporary folder, on free
ports, run as the `postgres` user when we are root (initdb refuses root). Never touches the shared
cluster on 5432. Replication is waited on by its state (the replica's replay LSN), never by time.
"""

import contextlib
import glob
import os
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

ESPERA_MAXIMA = 60  # seconds a replica may take to catch up before the test fails with a clear message


def binarios() -> Path | None:
    """The newest /usr/lib/postgresql/N/bin with everything needed (or PG_BIN), else None."""
    candidatos = [os.environ["PG_BIN"]] if os.environ.get("PG_BIN") else []
    candidatos += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda r: int(r.split("/")[-2]), reverse=True)
    for ruta in candidatos:
        if all(os.access(Path(ruta) / b, os.X_OK) for b in ("initdb", "pg_ctl", "pg_basebackup", "pg_dump", "psql")):
            return Path(ruta)
    return None


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _como_postgres() -> list[str]:
    """initdb and the server refuse to run as root: as root we run them as `postgres`."""
    if os.geteuid() != 0:
        return []
    if shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--"]
    return ["su", "postgres", "-s", "/bin/sh", "-c"]  # pragma: no cover - Debian always has runuser


def _correr(*argumentos: str) -> None:
    prefijo = _como_postgres()
    orden = [*prefijo, shlex.join(argumentos)] if prefijo[:1] == ["su"] else [*prefijo, *argumentos]
    resultado = subprocess.run(orden, capture_output=True, text=True, timeout=120)
    if resultado.returncode:
        raise RuntimeError(
            f"{' '.join(argumentos)} falló ({resultado.returncode}):\n{resultado.stderr}{resultado.stdout}"
        )


def url(puerto: int, base: str = "postgres") -> str:
    return f"postgres://postgres@127.0.0.1:{puerto}/{base}"


def arrancar(bin: Path, datos: Path, puerto: int) -> None:
    opciones = (
        f"-p {puerto} -c listen_addresses=127.0.0.1 -c unix_socket_directories={datos} "
        # Throw-away test clusters: no fsync, small memory.
        "-c fsync=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=40"
    )
    _correr(str(bin / "pg_ctl"), "-D", str(datos), "-l", str(datos / "registro.log"), "-o", opciones, "-w", "start")


def detener(bin: Path, datos: Path) -> None:
    _correr(str(bin / "pg_ctl"), "-D", str(datos), "-m", "fast", "-w", "stop")


def pgbouncer() -> str | None:
    return shutil.which("pgbouncer") or next((r for r in ("/usr/sbin/pgbouncer",) if os.access(r, os.X_OK)), None)


def arrancar_pgbouncer(binario: str, carpeta: Path, puerto: int, puerto_destino: int) -> Path:
    """PgBouncer in transaction mode on `puerto` in front of the server on `puerto_destino`, any database
    name; returns its pid file (it runs as a daemon: `detener_pgbouncer`)."""
    ini, usuarios, pid = carpeta / "pgbouncer.ini", carpeta / "usuarios.txt", carpeta / "pgbouncer.pid"
    usuarios.write_text('"postgres" ""\n')
    ini.write_text(
        "[databases]\n"
        f"* = host=127.0.0.1 port={puerto_destino}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {puerto}\nunix_socket_dir = {carpeta}\n"
        f"auth_type = trust\nauth_file = {usuarios}\npool_mode = transaction\n"
        f"pidfile = {pid}\nlogfile = {carpeta / 'pgbouncer.log'}\n"
        "default_pool_size = 5\nserver_reset_query =\nignore_startup_parameters = extra_float_digits\n"
    )
    if os.geteuid() == 0:
        for archivo in (ini, usuarios):
            shutil.chown(archivo, "postgres", "postgres")
    _correr(binario, "-d", str(ini))
    limite = time.monotonic() + ESPERA_MAXIMA
    while True:  # daemonised: wait until it accepts connections
        try:
            socket.create_connection(("127.0.0.1", puerto), timeout=0.5).close()
            return pid
        except OSError:
            if time.monotonic() > limite:
                raise RuntimeError(f"PgBouncer no abrió el puerto {puerto}") from None
            time.sleep(0.05)


def detener_pgbouncer(pid: Path) -> None:
    with contextlib.suppress(OSError, ValueError):
        os.kill(int(pid.read_text().strip()), signal.SIGTERM)


def esperar_replica(primario: str, replica: str, espera: float = ESPERA_MAXIMA) -> str:
    """Block until the replica has replayed everything the primary had written when called; returns the LSN."""
    with psycopg.connect(primario, autocommit=True) as c:
        objetivo = c.execute("SELECT pg_current_wal_lsn()::text").fetchone()[0]
    limite = time.monotonic() + espera
    with psycopg.connect(replica, autocommit=True) as c:
        while True:
            listo, reproducido = c.execute(
                "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn, pg_last_wal_replay_lsn()::text", [objetivo]
            ).fetchone()
            if listo:
                return objetivo
            if time.monotonic() > limite:
                raise TimeoutError(f"La réplica no alcanzó {objetivo} en {espera} s (va en {reproducido})")
            time.sleep(0.02)  # poll the state again; the loop ends on the LSN, not on this pause


class ParReplicado:
    """Primary and hot-standby replica; `cerrar()` stops both and deletes their folders."""

    def __init__(self, bin: Path) -> None:
        self.bin = bin
        self.carpeta = Path(tempfile.mkdtemp(prefix="sirc-replica-"))
        self.datos_primario = self.carpeta / "primario"
        self.datos_replica = self.carpeta / "replica"
        self.puerto_primario = puerto_libre()
        self.puerto_replica = puerto_libre()
        while self.puerto_replica == self.puerto_primario:
            self.puerto_replica = puerto_libre()

    def url_primario(self, base: str = "postgres") -> str:
        return url(self.puerto_primario, base)

    def url_replica(self, base: str = "postgres") -> str:
        return url(self.puerto_replica, base)

    def arrancar(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.carpeta, "postgres", "postgres")
        os.chmod(self.carpeta, 0o700)
        _correr(
            str(self.bin / "initdb"),
            "-D",
            str(self.datos_primario),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        arrancar(self.bin, self.datos_primario, self.puerto_primario)
        # -R writes standby.signal and primary_conninfo: the copy starts as a streaming hot standby.
        _correr(
            str(self.bin / "pg_basebackup"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.puerto_primario),
            "-U",
            "postgres",
            "-D",
            str(self.datos_replica),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
            "--no-sync",
        )
        arrancar(self.bin, self.datos_replica, self.puerto_replica)

    def copiar_base(self, origen: str, nombre: str) -> None:
        """Create `nombre` on the primary with the schema and rows of database URL `origen` (pg_dump | psql)."""
        with psycopg.connect(self.url_primario(), autocommit=True) as c:
            c.execute(f"CREATE DATABASE \"{nombre}\" TEMPLATE template0 ENCODING 'UTF8'")
        volcado = subprocess.Popen(
            [str(self.bin / "pg_dump"), "--no-owner", "--no-privileges", "-d", origen], stdout=subprocess.PIPE
        )
        carga = subprocess.run(
            [str(self.bin / "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url_primario(nombre)],
            stdin=volcado.stdout,
            capture_output=True,
            text=True,
            timeout=300,
        )
        volcado.stdout.close()
        if volcado.wait(300) or carga.returncode:
            raise RuntimeError(f"No se pudo copiar {origen} al primario propio:\n{carga.stderr}")

    def cerrar(self) -> None:
        for datos in (self.datos_replica, self.datos_primario):
            if (datos / "postmaster.pid").exists():
                with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                    detener(self.bin, datos)
        shutil.rmtree(self.carpeta, ignore_errors=True)


class ClusterPropio(ParReplicado):
    """A single private cluster (the primary alone), for outage tests that restart it under load."""

    def arrancar(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.carpeta, "postgres", "postgres")
        os.chmod(self.carpeta, 0o700)
        _correr(
            str(self.bin / "initdb"), "-D", str(self.datos_primario), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        arrancar(self.bin, self.datos_primario, self.puerto_primario)

    def reiniciar(self) -> None:
        """`pg_ctl restart -m fast`: every open connection is cut; returns once the server accepts again."""
        _correr(
            str(self.bin / "pg_ctl"), "-D", str(self.datos_primario), "-l",
            str(self.datos_primario / "registro.log"), "-m", "fast", "-w", "restart",
        )  # fmt: skip
