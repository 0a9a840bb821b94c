"""Admin of citizens and requests: read-mostly; state changes go through SIRC's own screens."""

from django.contrib import admin

from sirc.admin_historial import ConHistorial

from ..models import Ciudadano, EventoBitacora, Peticion


@admin.register(Ciudadano)
class CiudadanoAdmin(ConHistorial):
    list_display = ["nombre", "apellidos", "telefono", "correo", "colonia"]
    search_fields = ["nombre", "apellidos", "telefono", "correo"]
    autocomplete_fields = ["colonia"]


class EventoBitacoraInline(admin.TabularInline):
    model = EventoBitacora
    extra = 0
    can_delete = False
    readonly_fields = ["fecha", "usuario", "tipo", "descripcion", "publico"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Peticion)
class PeticionAdmin(ConHistorial):
    """Read-mostly: state changes go through the actions in SIRC's own screens."""

    list_display = ["folio", "estado", "categoria", "direccion", "colonia", "fecha_recepcion", "fecha_limite"]
    list_filter = ["estado", "direccion", "canal", "tipo"]
    search_fields = ["folio", "descripcion"]
    list_select_related = ["categoria", "direccion", "colonia"]
    readonly_fields = [f.name for f in Peticion._meta.concrete_fields]
    inlines = [EventoBitacoraInline]

    def has_add_permission(self, request) -> bool:
        return False
