"""Follow-up URLs, included by peticiones/urls/__init__.py under /peticiones/seguimiento/ (names in `peticiones:`)."""

from django.urls import path

from ..views import seguimiento

urlpatterns = [
    path("", seguimiento.inicio, name="seguimiento"),
    path("siguiente/", seguimiento.siguiente, name="seguimiento_siguiente"),
    path("llamada/<int:pk>/", seguimiento.llamada, name="seguimiento_llamada"),
    path("llamada/<int:pk>/liberar/", seguimiento.liberar, name="seguimiento_liberar"),
    path("visitas/", seguimiento.visitas, name="seguimiento_visitas"),
    path("visitas/nueva/", seguimiento.visita_nueva, name="seguimiento_visita_nueva"),
    path("bitacora/", seguimiento.bitacora, name="seguimiento_bitacora"),
    path("bitacora/exportar/", seguimiento.bitacora_exportar, name="seguimiento_bitacora_exportar"),
    path("quejas/", seguimiento.quejas, name="quejas"),
    path("quejas/<int:pk>/atender/", seguimiento.queja_atender, name="queja_atender"),
]
