"""Celery application: the broker comes from settings (REDIS_URL); absent, tasks run eagerly."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sirc.settings")

app = Celery("sirc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="sirc.ping")
def ping() -> str:
    """Round-trip task used to prove the broker and worker wiring."""
    return "pong"
