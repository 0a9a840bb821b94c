"""Helpers of the privacy tests."""

from django.apps import apps
from django.db import models


def textos_en_la_base() -> str:
    """Every text and JSON value of every table (history included), to look for traces of a person."""
    partes = []
    for modelo in apps.get_models():
        if modelo._meta.app_label == "pghistory" and modelo._meta.model_name != "context":
            continue  # pghistory's unions of every event table (PostgreSQL SQL): each event table is read itself
        campos = [
            f.attname
            for f in modelo._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        if campos and modelo._meta.managed:
            for fila in modelo.objects.values_list(*campos):
                partes.extend(str(v) for v in fila if v)
    return "\n".join(partes)
