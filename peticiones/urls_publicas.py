"""Public pages (no login): folio lookup for citizens."""

from django.urls import path

from .views import consulta

urlpatterns: list = [
    path("consulta/", consulta.consulta_folio, name="consulta_folio"),
]
