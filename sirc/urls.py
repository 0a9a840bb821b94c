from django.contrib import admin
from django.urls import include, path

from . import cuentas, views

admin.site.site_header = "SIRC · Administración"
admin.site.site_title = "SIRC"
admin.site.index_title = "Catálogos y usuarios"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("salud/", views.salud, name="salud"),
    path("cuentas/password_reset/", cuentas.RecuperarContrasena.as_view(), name="password_reset"),
    path("cuentas/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("peticiones/", include("peticiones.urls")),
    path("jefes-manzana/", include("jefes_manzana.urls")),
    path("indicadores/", include("indicadores.urls")),
    path("open311/v2/", include("peticiones.urls.open311")),
    path("whatsapp/", include("peticiones.urls.whatsapp")),
    path("", include("peticiones.urls.consulta")),
    path("", include("peticiones.urls.privacidad")),
    path("", include("peticiones.urls.reporta")),
    path("", include("peticiones.urls.tramites")),
    path("", include("jefes_manzana.urls.verificacion")),
]

handler500 = "sirc.views.error_servidor"
