"""URLs of peticiones under /peticiones/ (names in `peticiones:`), grouped by sub-domain as views/ is.

A sub-domain mounted under a prefix of its own has its own module: `seguimiento` (/peticiones/seguimiento/)
and `consulta` (the citizen's public pages, mounted at the site root by sirc/urls.py).
"""

from django.urls import include, path

from ..views import (
    atencion,
    avisos,
    bandejas,
    captura,
    ciudadanos,
    detalle,
    lista,
    privacidad,
    tramites,
    turnado,
    whatsapp,
)
from . import seguimiento

app_name = "peticiones"

urlpatterns = [
    path("captura/", captura.captura, name="captura"),
    path("captura/ciudadano/", captura.ciudadano, name="captura_ciudadano"),
    path("captura/duplicados/", captura.duplicados, name="captura_duplicados"),
    path("captura/tramites/", tramites.panel, name="captura_tramites"),
    path("capturada/<str:folio>/", captura.capturada, name="capturada"),
    path("", lista.lista, name="lista"),
    path("exportar.<str:formato>", lista.exportar, name="exportar"),
    path("importar/", lista.importar, name="importar"),
    path("importar/<str:token>/", lista.importacion, name="importacion"),
    path("folio/<str:folio>/", detalle.detalle, name="detalle"),
    path("folio/<str:folio>/acuse.pdf", detalle.acuse, name="acuse"),
    path("bandeja/direccion/", bandejas.bandeja_direccion, name="bandeja_direccion"),
    path("bandeja/direccion/exportar/", bandejas.exportar_bandeja_direccion, name="exportar_bandeja_direccion"),
    path("bandeja/atencion/", bandejas.bandeja_atencion, name="bandeja_atencion"),
    path("lote/", bandejas.acciones_lote, name="acciones_lote"),
    path("<int:pk>/accion/<slug:nombre>/", turnado.transicion, name="transicion"),
    path("<int:pk>/asignar/", atencion.asignar, name="asignar"),
    path("<int:pk>/comentar/", atencion.comentar, name="comentar"),
    path("<int:pk>/evidencias/", atencion.subir_evidencia, name="subir_evidencia"),
    path("<int:pk>/evidencias/<int:evidencia_pk>/", atencion.ver_evidencia, name="ver_evidencia"),
    path("<int:pk>/oficio/", turnado.oficio, name="oficio"),
    path("mensajes/", whatsapp.bandeja, name="mensajes"),
    path("mensajes/<int:conversacion>/", whatsapp.conversacion, name="conversacion"),
    path("mensajes/<int:conversacion>/responder/", whatsapp.responder, name="responder_conversacion"),
    path("mensajes/<int:conversacion>/ligar/", whatsapp.ligar, name="ligar_conversacion"),
    path("mensajes/<int:conversacion>/atendida/", whatsapp.atendida, name="conversacion_atendida"),
    path("mensajes/imagen/<int:mensaje>/", whatsapp.medio, name="imagen_whatsapp"),
    path("avisos/", avisos.avisos, name="avisos"),
    path("avisos/leidos/", avisos.marcar_avisos_leidos, name="marcar_avisos_leidos"),
    path("seguimiento/", include(seguimiento)),
    path("ciudadanos/por-verificar/", ciudadanos.por_verificar_lista, name="ciudadanos_por_verificar"),
    # A citizen is no petición either: `ciudadano`, never `pk`.
    path("ciudadanos/por-verificar/<int:ciudadano>/", ciudadanos.verificar, name="verificar_ciudadano"),
    path("arco/", privacidad.arco_lista, name="arco_lista"),
    path("arco/nueva/", privacidad.arco_nueva, name="arco_nueva"),
    # ARCO requests are no petición: their id is `solicitud`, never the `pk` of a request.
    path("arco/<int:solicitud>/", privacidad.arco_detalle, name="arco_detalle"),
    path("arco/<int:solicitud>/acceso.<str:formato>", privacidad.arco_acceso, name="arco_acceso"),
]
