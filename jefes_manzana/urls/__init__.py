"""URLs of the padrón under /jefes-manzana/ (names in `jefes_manzana:`); public ones are in `verificacion`."""

from django.urls import path

from ..views import accesos, actividades, app, cuarteles, importacion, impresion, lotes, mapa, mis_peticiones, padron

app_name = "jefes_manzana"

urlpatterns = [
    path("", padron.lista, name="lista"),
    path("nuevo/", padron.crear, name="crear"),
    path("<int:pk>/", padron.detalle, name="detalle"),
    path("<int:pk>/editar/", padron.editar, name="editar"),
    path("<int:pk>/baja/", padron.baja, name="baja"),
    path("<int:pk>/activar/", padron.activar, name="activar"),
    path("<int:pk>/foto/", padron.foto, name="foto"),
    path("<int:pk>/documentos/", padron.subir_documento, name="subir_documento"),
    path("<int:pk>/documentos/<int:documento>/", padron.ver_documento, name="documento"),
    path("<int:pk>/credencial.pdf", impresion.credencial, name="credencial"),
    path("<int:pk>/nombramiento.pdf", impresion.nombramiento, name="nombramiento"),
    path("<int:pk>/acceso/", accesos.crear_acceso, name="crear_acceso"),
    path("<int:pk>/acceso/restablecer/", accesos.restablecer_contrasena, name="restablecer_contrasena"),
    path("credenciales.pdf", impresion.credenciales, name="credenciales"),
    path("credenciales/busqueda/", lotes.credenciales_de_la_busqueda, name="credenciales_busqueda"),
    path("lotes/<int:pk>/", lotes.lote, name="lote"),
    path("lotes/<int:pk>/avance/", lotes.lote_avance, name="lote_avance"),
    path("lotes/<int:pk>/descargar/", lotes.lote_descargar, name="lote_descargar"),
    path("lotes/<int:pk>/reintentar/", lotes.lote_reintentar, name="lote_reintentar"),
    path("nombramientos.pdf", impresion.nombramientos_seleccion, name="nombramientos"),
    path("accesos/", accesos.crear_accesos, name="crear_accesos"),
    path("entregas/", impresion.registrar_entregas, name="registrar_entregas"),
    path("accesos/nombramientos.pdf", accesos.nombramientos_con_acceso, name="nombramientos_con_acceso"),
    path("importar/", importacion.importar, name="importar"),
    path("importar/confirmar/", importacion.confirmar_importacion, name="confirmar_importacion"),
    path("plantilla.csv", importacion.plantilla, name="plantilla"),
    path("exportar/<str:formato>/", importacion.exportar, name="exportar"),
    path("mapa/", mapa.mapa, name="mapa"),
    path("mapa/datos/", mapa.datos_mapa, name="datos_mapa"),
    path("cuarteles/", cuarteles.cuarteles, name="cuarteles"),
    path("cuarteles/<int:pk>/", cuarteles.cuartel, name="cuartel"),
    path("cuarteles/<int:pk>/proponer/", cuarteles.proponer, name="proponer"),
    path("candidaturas/<int:pk>/elegir/", cuarteles.elegir, name="elegir"),
    path("capacitaciones/", actividades.capacitaciones, name="capacitaciones"),
    path("capacitaciones/<int:pk>/", actividades.capacitacion, name="capacitacion"),
    path("eventos/", actividades.eventos, name="eventos"),
    path("eventos/<int:pk>/", actividades.evento, name="evento"),
    path("app.webmanifest", app.manifiesto, name="manifest"),
    path("sw.js", app.trabajador, name="service_worker"),
    path("sin-conexion/", app.sin_conexion, name="sin_conexion"),
    path("mis-peticiones/", mis_peticiones.mis_peticiones, name="mis_peticiones"),
    path("mis-peticiones/nueva/", mis_peticiones.nueva_peticion, name="nueva_peticion"),
    path("mis-peticiones/nueva/vecino/", mis_peticiones.vecino_conocido, name="vecino_conocido"),
    path("mis-peticiones/<str:folio>/", mis_peticiones.mi_peticion, name="mi_peticion"),
]
