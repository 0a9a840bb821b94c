from django.urls import path  # noqa: F401

app_name = "jefes_manzana"

urlpatterns: list = []
