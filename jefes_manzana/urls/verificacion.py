"""Public pages (no login), mounted at the site root by sirc/urls.py: credential verification from the card's QR."""

from django.urls import path

from ..views import verificacion

urlpatterns = [
    path("verificar/<str:token>/", verificacion.verificar, name="verificar_credencial"),
    path("verificar/<str:token>/foto/", verificacion.foto_verificacion, name="verificar_credencial_foto"),
]
