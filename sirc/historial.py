"""History of every change (django-pghistory): who, when, before and after, written by database triggers.

Triggers (not signals) see everything that touches a row: `save()`, bulk `update()`, `bulk_create`, the
padrón's `UPDATE … FROM unnest`, imports and raw SQL. Each tracked model gets an event table
(`<Modelo>Event`: a snapshot of the row after an insert or update, before a delete) that is append-only
(a PostgreSQL trigger refuses UPDATE and DELETE on it). The only exception is the ARCO cancellation, which
must erase the person from the history too (`peticiones.acciones.privacidad.anonimizar`).

Who did it is the *context* of the transaction: the user and URL of a web request (`HistorialMiddleware`),
the name of a management command (`@con_historial("importar_padron")`) or of a Celery task. The bitácora
(`EventoBitacora`) remains the citizen-facing timeline of a request; this history is for administrators
(the «Historial» button of each object in /admin/, and the ARCO access export).

PostgreSQL only: pghistory installs its triggers on PostgreSQL. With the embedded SQLite of `make run`
no trigger is installed and nothing is recorded (the event tables exist and stay empty, `contexto()` does
nothing); figures that are counted from the history (the MIR's «padrón actualizados») say «sin fuente de
datos» there. Production and CI run PostgreSQL.
"""

import contextlib
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pghistory
from django.conf import settings
from django.db import connection, models

ETIQUETAS = {"insert": "Alta", "update": "Cambio", "delete": "Baja", "inicial": "Estado inicial"}


def activo() -> bool:
    """True where the history is recorded (PostgreSQL)."""
    return getattr(settings, "ES_POSTGRES", False) and connection.vendor == "postgresql"


def seguir(*, excluir: tuple[str, ...] = (), sin_cambio: tuple[str, ...] = (), **opciones: Any) -> Callable:
    """Class decorator: record inserts, real changes and deletes of the model, append-only.

    `excluir`: fields never copied into the history (e.g. password hashes). `sin_cambio`: fields copied but
    whose change alone is no event (timestamps like `actualizado`), so saving an unchanged row adds nothing.
    """
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(condition=pghistory.AnyChange(exclude=list(sin_cambio), exclude_auto=True)),
        pghistory.DeleteEvent(),
        exclude=list(excluir) or None,
        append_only=True,
        **opciones,
    )


def contexto(**metadatos: Any) -> contextlib.AbstractContextManager:
    """Attach `metadatos` (usuario, url, comando, origen…) to every change recorded inside the block.

    Nested blocks share the outer context and add their keys. Does nothing where no history is recorded.
    """
    if not activo():
        return contextlib.nullcontext()
    return pghistory.context(**metadatos)


def anotar(**metadatos: Any) -> None:
    """Add keys to the context already open (e.g. `origen="importación del padrón"` inside a request)."""
    if activo():
        pghistory.context(**metadatos)


def con_historial(comando: str) -> Callable:
    """Decorator for a management command's `handle` (or any function): its changes carry `comando`."""

    def decorar(funcion: Callable) -> Callable:
        @functools.wraps(funcion)
        def envuelta(*args: Any, **kwargs: Any) -> Any:
            with contexto(comando=comando):
                return funcion(*args, **kwargs)

        return envuelta

    return decorar


class HistorialMiddleware:
    """Every change made while serving a non-GET request carries the user's id and the URL.

    Placed after AuthenticationMiddleware. GET never writes, so it gets no context (and no overhead).
    """

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD", "OPTIONS") or not activo():
            return self.get_response(request)
        usuario = getattr(request, "user", None)
        usuario_id = usuario.pk if usuario is not None and usuario.is_authenticated else None
        with contexto(usuario=usuario_id, url=request.path):
            return self.get_response(request)


@contextlib.contextmanager
def en_tarea(nombre: str) -> Iterator[None]:
    with contexto(tarea=nombre):
        yield


# --- reading the history of one object --------------------------------------------------------------------


@dataclass(frozen=True)
class Cambio:
    """One event of an object's history, with who did it and what changed (before → after)."""

    fecha: datetime
    etiqueta: str
    quien: str
    origen: str
    cambios: list[tuple[str, Any, Any]]  # (field label, before, after); before is None on an alta


def modelo_de_eventos(modelo: type[models.Model]) -> type[models.Model] | None:
    """The event model that tracks `modelo` (directly or through a proxy), or None if it is not tracked."""
    from django.apps import apps
    from pghistory.models import Event

    concreto = modelo._meta.concrete_model
    for candidato in apps.get_models():
        if (
            issubclass(candidato, Event)
            and "pgh_obj" in {f.name for f in candidato._meta.fields}
            and candidato.pgh_tracked_model._meta.concrete_model is concreto
        ):
            return candidato
    return None


def quien_de(metadatos: dict, usuarios: dict[int, str] | None = None) -> tuple[str, str]:
    """(who, where) of a change from its context: a user's name, a command, a task; and the URL or origin."""
    usuario = metadatos.get("usuario")
    if usuario is not None and usuarios is None:
        from django.contrib.auth import get_user_model

        usuarios = dict(get_user_model().objects.filter(pk=usuario).values_list("pk", "username"))
    if usuario is not None:
        quien = (usuarios or {}).get(int(usuario), f"usuario #{usuario}")
    elif metadatos.get("comando"):
        quien = f"comando «{metadatos['comando']}»"
    elif metadatos.get("tarea"):
        quien = f"tarea «{metadatos['tarea']}»"
    else:
        quien = "sin contexto (proceso interno)"
    origen = metadatos.get("origen") or metadatos.get("url") or ""
    return quien, origen


def historial_de(objeto: models.Model) -> list[Cambio]:
    """Every recorded event of `objeto`, oldest first, each with before → after of what changed."""
    Evento = modelo_de_eventos(type(objeto))
    if Evento is None:
        return []
    campos = [f for f in Evento._meta.concrete_fields if not f.name.startswith("pgh_") and f.name in _nombres(objeto)]
    eventos = list(Evento.objects.filter(pgh_obj_id=objeto.pk).select_related("pgh_context").order_by("pgh_id"))
    ids = {
        int(e.pgh_context.metadata["usuario"])
        for e in eventos
        if e.pgh_context_id and e.pgh_context.metadata.get("usuario") is not None
    }
    from django.contrib.auth import get_user_model

    usuarios = {u.pk: u.get_username() for u in get_user_model().objects.filter(pk__in=ids)}
    resultado, anterior = [], None
    for evento in eventos:
        actual = {f.attname: getattr(evento, f.attname) for f in campos}
        if anterior is None or evento.pgh_label != "update":
            cambios = [(f.verbose_name, None, actual[f.attname]) for f in campos if actual[f.attname] not in ("", None)]
        else:
            cambios = [
                (f.verbose_name, anterior[f.attname], actual[f.attname])
                for f in campos
                if anterior[f.attname] != actual[f.attname]
            ]
        quien, origen = quien_de(evento.pgh_context.metadata if evento.pgh_context_id else {}, usuarios)
        resultado.append(
            Cambio(evento.pgh_created_at, ETIQUETAS.get(evento.pgh_label, evento.pgh_label), quien, origen, cambios)
        )
        anterior = actual
    return resultado


def _nombres(objeto: models.Model) -> set[str]:
    return {f.name for f in objeto._meta.concrete_fields}
