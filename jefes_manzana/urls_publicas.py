"""Public pages (no login): credential verification from the card's QR code."""

from django.urls import path

from .views import publico

urlpatterns = [
    path("verificar/<str:token>/", publico.verificar, name="verificar_credencial"),
    path("verificar/<str:token>/foto/", publico.foto_verificacion, name="verificar_credencial_foto"),
]
