"""Admin (read-only) for follow-up records: outcomes are recorded through SIRC's own screens and actions."""

from django.contrib import admin

from ..models import EvaluacionCiudadana, LlamadaSeguimiento, VisitaDomiciliaria


class SoloLectura(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LlamadaSeguimiento)
class LlamadaSeguimientoAdmin(SoloLectura):
    list_display = ["peticion", "intento", "estado", "programada_para", "tomada_por", "fecha_resultado", "se_resolvio"]
    list_filter = ["estado", "intento", "se_resolvio"]
    search_fields = ["peticion__folio"]
    list_select_related = ["peticion", "tomada_por"]


@admin.register(VisitaDomiciliaria)
class VisitaDomiciliariaAdmin(SoloLectura):
    list_display = ["peticion", "fecha_visita", "realizada_por", "resultado", "se_resolvio", "satisfaccion"]
    list_filter = ["resultado", "se_resolvio"]
    search_fields = ["peticion__folio"]
    list_select_related = ["peticion", "realizada_por"]


@admin.register(EvaluacionCiudadana)
class EvaluacionCiudadanaAdmin(SoloLectura):
    list_display = ["peticion", "calificacion", "creada"]
    list_filter = ["calificacion"]
    search_fields = ["peticion__folio"]
    list_select_related = ["peticion"]
