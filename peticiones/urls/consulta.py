"""Public URLs of the citizen (no login), mounted at the site root by sirc/urls.py."""

from django.urls import path

from ..views import consulta

urlpatterns = [
    path("consulta/", consulta.consulta_folio, name="consulta_folio"),
    path("consulta/evaluar/", consulta.evaluar, name="evaluar_servicio"),
]
