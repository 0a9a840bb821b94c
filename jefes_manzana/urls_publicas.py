"""Public pages (no login): credential verification from the card's QR code."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
