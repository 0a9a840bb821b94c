from django.urls import path

from .views import captura, detalle, lista

app_name = "peticiones"

urlpatterns = [
    path("captura/", captura.captura, name="captura"),
    path("captura/ciudadano/", captura.ciudadano, name="captura_ciudadano"),
    path("captura/duplicados/", captura.duplicados, name="captura_duplicados"),
    path("capturada/<str:folio>/", captura.capturada, name="capturada"),
    path("", lista.lista, name="lista"),
    path("exportar.<str:formato>", lista.exportar, name="exportar"),
    path("importar/", lista.importar, name="importar"),
    path("importar/<str:token>/", lista.importacion, name="importacion"),
    path("folio/<str:folio>/", detalle.detalle, name="detalle"),
    path("folio/<str:folio>/acuse.pdf", detalle.acuse, name="acuse"),
]
