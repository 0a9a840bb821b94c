from django.urls import include, path

from .views import acciones, avisos, bandejas, captura, detalle, lista

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
    # Turnado (issue 4): trays, bulk actions, each request's actions, evidence, oficio, in-app notices.
    path("bandeja/direccion/", bandejas.bandeja_direccion, name="bandeja_direccion"),
    path("bandeja/direccion/exportar/", bandejas.exportar_bandeja_direccion, name="exportar_bandeja_direccion"),
    path("bandeja/atencion/", bandejas.bandeja_atencion, name="bandeja_atencion"),
    path("lote/", bandejas.acciones_lote, name="acciones_lote"),
    path("<int:pk>/accion/<slug:nombre>/", acciones.transicion, name="transicion"),
    path("<int:pk>/asignar/", acciones.asignar, name="asignar"),
    path("<int:pk>/comentar/", acciones.comentar, name="comentar"),
    path("<int:pk>/evidencias/", acciones.subir_evidencia, name="subir_evidencia"),
    path("<int:pk>/evidencias/<int:evidencia_pk>/", acciones.ver_evidencia, name="ver_evidencia"),
    path("<int:pk>/oficio/", acciones.oficio, name="oficio"),
    path("avisos/", avisos.avisos, name="avisos"),
    path("avisos/leidos/", avisos.marcar_avisos_leidos, name="marcar_avisos_leidos"),
    path("seguimiento/", include("peticiones.urls_seguimiento")),
]
