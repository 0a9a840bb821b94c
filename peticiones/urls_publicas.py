"""Public pages (no login): folio lookup for citizens."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
