"""Dashboard, heat map, MIR (page, PDF, issued versions) and exports."""

from django.urls import path

from . import views

app_name = "indicadores"

urlpatterns = [
    path("", views.tablero_view, name="tablero"),
    path("mapa/", views.mapa_view, name="mapa"),
    path("mapa/datos/", views.mapa_datos, name="mapa_datos"),
    path("mir/", views.mir_view, name="mir"),
    path("mir/pdf/", views.mir_pdf, name="mir_pdf"),
    path("mir/emitir/", views.mir_emitir, name="mir_emitir"),
    path("mir/copiar-programa/", views.mir_copiar_programa, name="mir_copiar_programa"),
    path("mir/reportes/<int:pk>/pdf/", views.reporte_descargar, name="reporte_descargar"),
    path("exportar/<slug:tabla>.<str:formato>", views.exportar, name="exportar"),
    path("exportaciones/", views.exportaciones, name="exportaciones"),
    path("exportaciones/<int:pk>/descargar/", views.exportacion_descargar, name="exportacion_descargar"),
]
