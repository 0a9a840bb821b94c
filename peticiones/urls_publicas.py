"""Public pages (no login): folio lookup for citizens."""

from django.urls import path

from .views import evaluacion

urlpatterns: list = [
    path("consulta/evaluar/", evaluacion.evaluar, name="evaluar_servicio"),
]
