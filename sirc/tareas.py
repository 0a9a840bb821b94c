"""Queue Celery tasks only once the data they read is committed, and never let the broker hold a request.

The database is the source of truth: a task that could not be queued (broker down or hung) is logged
and its work is picked up again from the database by the periodic jobs (the outbox idea), so the
user's action is never lost nor turned into an error page.
"""

import logging
from typing import Any
from uuid import uuid4

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def encolar_al_confirmar(tarea: Task, *args: Any, opciones: dict[str, Any] | None = None, **kwargs: Any) -> str:
    """Queue `tarea(*args, **kwargs)` after the current transaction commits; return the task id.

    Outside a transaction it is queued at once. If the transaction rolls back, nothing is queued.
    `opciones` go to `apply_async` (e.g. `{"queue": "correo", "countdown": 60}`). A failure to
    publish is logged, never raised. With no broker configured (no REDIS_URL) the task runs eagerly, right
    after the commit, and an error inside it is logged the same way.
    """
    id_tarea = str(uuid4())
    opciones = {**(opciones or {}), "task_id": id_tarea}

    def publicar() -> None:
        try:
            tarea.apply_async(args=args, kwargs=kwargs, **opciones)
        except Exception:
            logger.exception(
                "No se pudo encolar la tarea %s (id %s); la base de datos conserva el trabajo pendiente.",
                tarea.name,
                id_tarea,
            )

    transaction.on_commit(publicar)
    return id_tarea
