"""Public privacy page, mounted at the site root by sirc/urls.py (the ARCO pages for staff are under /peticiones/)."""

from django.urls import path

from ..views import privacidad

urlpatterns = [
    path("aviso-de-privacidad/", privacidad.aviso_privacidad, name="aviso_privacidad"),
]
