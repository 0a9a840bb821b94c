"""The periodic jobs of `CELERY_BEAT_SCHEDULE` in the embedded default (no broker: `make run`).

In production `celery beat` (one process, docker-compose) publishes each job to the broker. Without a
broker nothing would ever run them: the follow-up call queue, the overdue marking, the outbox sweep…
only ran when somebody typed the command. `manage.py programador`, started by `make run` next to the
server, reads the same schedule and runs each job in its own process when due (the task's own code, as
a worker would). The clock is a parameter so a test moves it instead of sleeping.

Interval jobs run once at start (a restarted demo catches up at once), then every interval; crontab
jobs (the monthly MIR) wait for their next time. A failing job is logged and tried again next time: the
jobs re-derive their work from the database, so a missed or repeated run changes nothing.
"""

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from celery import schedules
from django.utils import timezone

from .celery import app

logger = logging.getLogger(__name__)

ESPERA_MAXIMA = 60.0  # seconds: never sleep longer (a job added by a reload is seen within a minute)


@dataclass
class Entrada:
    nombre: str
    tarea: str
    horario: schedules.BaseSchedule
    args: tuple
    kwargs: dict
    ultima: datetime


def _ahora() -> datetime:
    return timezone.now()


class Programador:
    """Runs the due entries of a beat schedule on each `tick()`."""

    def __init__(self, calendario: dict, reloj: Callable[[], datetime] = _ahora) -> None:
        self.reloj = reloj
        ahora = reloj()
        self.entradas: list[Entrada] = []
        for nombre, definicion in calendario.items():
            horario = copy.copy(schedules.maybe_schedule(definicion["schedule"], app=app))
            horario.nowfun = reloj
            ultima = ahora if isinstance(horario, schedules.crontab) else ahora - horario.run_every
            self.entradas.append(
                Entrada(
                    nombre=nombre,
                    tarea=definicion["task"],
                    horario=horario,
                    args=tuple(definicion.get("args", ())),
                    kwargs=dict(definicion.get("kwargs", {})),
                    ultima=ultima,
                )
            )

    def tick(self) -> float:
        """Run every due job once; return the seconds until the next one may be due."""
        espera = ESPERA_MAXIMA
        for entrada in self.entradas:
            vence, siguiente = entrada.horario.is_due(entrada.ultima)
            if vence:
                entrada.ultima = self.reloj()
                ejecutar(entrada.tarea, entrada.args, entrada.kwargs)
                vence, siguiente = entrada.horario.is_due(entrada.ultima)
            espera = min(espera, max(siguiente, 0.5))
        return espera


def ejecutar(nombre: str, args: tuple = (), kwargs: dict | None = None) -> bool:
    """Run the task `nombre` here and now; False (and logged) if it failed or is unknown."""
    if nombre not in app.tasks:
        app.autodiscover_tasks(force=True)
    tarea = app.tasks.get(nombre)
    if tarea is None:
        logger.error("Trabajo periódico %s: la tarea no existe.", nombre)
        return False
    try:
        tarea.apply(args=args, kwargs=kwargs or {}, throw=True)
    except Exception:
        logger.exception("Falló el trabajo periódico %s; se reintentará en su próximo turno.", nombre)
        return False
    logger.debug("Trabajo periódico %s hecho.", nombre)  # some run every 10 s: the console shows only failures
    return True
