"""The public guía de trámites, mounted at the site root by sirc/urls.py."""

from django.urls import path

from ..views import tramites

urlpatterns = [
    path("tramites/", tramites.lista, name="tramites"),
    path("tramites/<slug:clave>/", tramites.detalle, name="tramite"),
]
