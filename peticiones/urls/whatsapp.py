"""The WhatsApp Business Cloud API webhook, mounted at /whatsapp/ by sirc/urls.py."""

from django.urls import path

from ..views import whatsapp

urlpatterns = [
    path("webhook/", whatsapp.webhook, name="whatsapp_webhook"),
]
