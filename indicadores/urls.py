from django.urls import path  # noqa: F401

app_name = "indicadores"

urlpatterns: list = []
