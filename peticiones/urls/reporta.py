"""The citizen's «Reporta» page, mounted at the site root by sirc/urls.py."""

from django.urls import path

from ..views import reporta

urlpatterns = [
    path("reporta/", reporta.formulario, name="reporta"),
    path("reporta/recibido/", reporta.recibido, name="reporta_recibido"),
    path("reporta/cercanos/", reporta.cercanos, name="reporta_cercanos"),
    path("reporta/preguntas/", reporta.preguntas, name="reporta_preguntas"),
]
