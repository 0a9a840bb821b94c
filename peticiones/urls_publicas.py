"""Public pages (no login): folio lookup for citizens."""

from django.urls import path

from .views import consulta, evaluacion

urlpatterns: list = [
    path("consulta/", consulta.consulta_folio, name="consulta_folio"),
    path("consulta/evaluar/", evaluacion.evaluar, name="evaluar_servicio"),
]
