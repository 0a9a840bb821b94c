from django.contrib import admin

from sirc.admin_historial import ConHistorial

from . import acciones
from .models import (
    CandidaturaCuartel,
    Capacitacion,
    ContrasenaTemporal,
    Cuartel,
    DocumentoExpediente,
    EventoJefes,
    JefeManzana,
)


@admin.register(Cuartel)
class CuartelAdmin(ConHistorial):
    list_display = ["numero", "nombre", "zona", "jefe"]
    filter_horizontal = ["colonias"]
    raw_id_fields = ["jefe"]


@admin.register(JefeManzana)
class JefeManzanaAdmin(ConHistorial):
    list_display = ["apellidos", "nombres", "curp", "colonia", "manzana", "cuartel", "estado", "numero_credencial"]
    list_filter = ["estado", "cuartel"]
    search_fields = ["nombres", "apellidos", "curp", "manzana", "numero_credencial"]
    autocomplete_fields = ["colonia"]
    raw_id_fields = ["usuario"]
    readonly_fields = ["token_verificacion", "creado", "actualizado"]


@admin.register(CandidaturaCuartel)
class CandidaturaCuartelAdmin(ConHistorial):
    list_display = ["cuartel", "jefe", "estado", "fecha_propuesta", "fecha_eleccion", "fecha_conclusion"]
    list_filter = ["estado", "cuartel"]
    raw_id_fields = ["jefe", "registrada_por"]


@admin.register(Capacitacion)
class CapacitacionAdmin(admin.ModelAdmin):
    list_display = ["fecha", "tema", "zona", "sede"]


@admin.register(EventoJefes)
class EventoJefesAdmin(admin.ModelAdmin):
    list_display = ["fecha", "nombre", "tipo", "sede"]
    list_filter = ["tipo"]


@admin.register(DocumentoExpediente)
class DocumentoExpedienteAdmin(admin.ModelAdmin):
    list_display = ["jefe", "tipo", "subido", "subido_por"]
    list_filter = ["tipo"]
    raw_id_fields = ["jefe", "subido_por"]


@admin.register(ContrasenaTemporal)
class ContrasenaTemporalAdmin(admin.ModelAdmin):
    """Any user can be made to change their password at the next request (action below)."""

    list_display = ["usuario", "debe_cambiar", "asignada", "cambiada"]
    list_filter = ["debe_cambiar"]
    raw_id_fields = ["usuario"]
    actions = ["volver_a_exigir"]

    @admin.action(description="Exigir cambio de contraseña en su próximo ingreso")
    def volver_a_exigir(self, request, queryset):
        for registro in queryset.select_related("usuario"):
            acciones.exigir_cambio_de_contrasena(registro.usuario)
