"""A private redis-server for outage tests: stopped, paused (SIGSTOP) and resumed at will.

Never touches the shared Redis on 6379: it listens on a free port of its own.
"""

import os
import shutil
import signal
import socket
import subprocess
import time


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisPropio:
    def __init__(self) -> None:
        self.binario = shutil.which("redis-server")
        self.puerto = puerto_libre()
        self.proceso: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.puerto}/0"

    def arrancar(self) -> None:
        self.proceso = subprocess.Popen(
            [self.binario, "--port", str(self.puerto), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        limite = time.monotonic() + 10
        while time.monotonic() < limite:
            try:
                with socket.create_connection(("127.0.0.1", self.puerto), timeout=0.5) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server propio no arrancó")

    def detener(self) -> None:
        if self.proceso and self.proceso.poll() is None:
            os.kill(self.proceso.pid, signal.SIGCONT)
            self.proceso.terminate()
            self.proceso.wait(10)

    def pausar(self) -> None:
        os.kill(self.proceso.pid, signal.SIGSTOP)

    def continuar(self) -> None:
        os.kill(self.proceso.pid, signal.SIGCONT)

    def cerrar(self) -> None:
        if self.proceso and self.proceso.poll() is None:
            os.kill(self.proceso.pid, signal.SIGCONT)
            self.proceso.kill()
            self.proceso.wait(10)
