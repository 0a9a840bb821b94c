from django.contrib import admin

from .models import Canal, Categoria, Ciudadano, Colonia, Direccion, Evento, EventoBitacora, Peticion, TipoPeticion


@admin.register(Direccion)
class DireccionAdmin(admin.ModelAdmin):
    list_display = ["nombre", "siglas", "correo_enlace", "titular", "activa"]
    list_filter = ["activa"]
    search_fields = ["nombre", "siglas"]
    filter_horizontal = ["enlaces"]


@admin.register(Categoria)
class CategoriaAdmin(admin.ModelAdmin):
    list_display = ["nombre", "direccion", "plazo_horas", "dias_habiles", "activa"]
    list_filter = ["direccion", "activa", "dias_habiles"]
    search_fields = ["nombre"]


@admin.register(Colonia)
class ColoniaAdmin(admin.ModelAdmin):
    list_display = ["nombre", "codigo_postal", "sector", "latitud", "longitud"]
    list_filter = ["sector"]
    search_fields = ["nombre", "codigo_postal"]


@admin.register(Canal)
class CanalAdmin(admin.ModelAdmin):
    list_display = ["nombre", "clave", "orden", "activo"]
    list_editable = ["orden", "activo"]


@admin.register(TipoPeticion)
class TipoPeticionAdmin(admin.ModelAdmin):
    list_display = ["nombre", "clave", "para_supervisor", "activo"]


@admin.register(Evento)
class EventoAdmin(admin.ModelAdmin):
    list_display = ["nombre", "tipo", "fecha", "colonia"]
    list_filter = ["tipo"]
    autocomplete_fields = ["colonia"]


@admin.register(Ciudadano)
class CiudadanoAdmin(admin.ModelAdmin):
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
class PeticionAdmin(admin.ModelAdmin):
    """Read-mostly: state changes go through the actions in SIRC's own screens."""

    list_display = ["folio", "estado", "categoria", "direccion", "colonia", "fecha_recepcion", "fecha_limite"]
    list_filter = ["estado", "direccion", "canal", "tipo"]
    search_fields = ["folio", "descripcion"]
    list_select_related = ["categoria", "direccion", "colonia"]
    readonly_fields = [f.name for f in Peticion._meta.concrete_fields]
    inlines = [EventoBitacoraInline]

    def has_add_permission(self, request) -> bool:
        return False


from . import admin_seguimiento  # noqa: E402, F401  (follow-up models: calls, visits, ratings)
