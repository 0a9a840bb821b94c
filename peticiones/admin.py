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


# --- Turnado (issue 4): the editable holiday calendar, the outbox, evidence -------------------------------
from .models import DiaInhabil, Notificacion  # noqa: E402


@admin.register(DiaInhabil)
class DiaInhabilAdmin(admin.ModelAdmin):
    """Días inhábiles that business-hour plazos skip; loaded with Mexico's official days, edited here."""

    list_display = ["fecha", "nombre", "tipo"]
    list_editable = ["nombre", "tipo"]
    list_filter = ["tipo"]
    date_hierarchy = "fecha"
    search_fields = ["nombre"]


@admin.register(Notificacion)
class NotificacionAdmin(admin.ModelAdmin):
    """The outbox, to see what was sent, what failed and why. Rows are written by SIRC, not by hand."""

    list_display = ["creada", "peticion", "motivo", "canal", "destinatario", "estado", "intentos", "enviada_en"]
    list_filter = ["estado", "canal", "motivo"]
    search_fields = ["peticion__folio", "destinatario", "asunto"]
    list_select_related = ["peticion"]
    readonly_fields = [f.name for f in Notificacion._meta.concrete_fields]
    actions = ["reintentar_ahora"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Reintentar ahora las seleccionadas (fallidas o pendientes)")
    def reintentar_ahora(self, request, queryset) -> None:
        from django.utils import timezone

        n = queryset.exclude(estado=Notificacion.Estado.ENVIADA).update(
            estado=Notificacion.Estado.PENDIENTE, proximo_intento=timezone.now(), intentos=0
        )
        self.message_user(request, f"{n} aviso(s) quedan para el siguiente barrido (cada minuto).")
