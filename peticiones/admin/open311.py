"""Admin of Open311: API keys (created here or with manage.py crear_clave_api; shown once) and the
questions each category asks (its service definition attributes)."""

from django.contrib import admin, messages

from sirc.admin_historial import ConHistorial

from ..acciones.open311 import crear_clave, revocar_clave
from ..models import ClaveApi, PreguntaServicio, SolicitudOpen311


class PreguntaServicioInline(admin.TabularInline):
    model = PreguntaServicio
    extra = 0
    fields = ["orden", "codigo", "descripcion", "tipo_dato", "requerida", "ayuda", "opciones"]


@admin.register(ClaveApi)
class ClaveApiAdmin(ConHistorial):
    list_display = ["nombre", "canal", "prefijo", "activa", "creada", "ultimo_uso", "revocada_en"]
    list_filter = ["activa", "canal"]
    search_fields = ["nombre", "prefijo"]
    fields = ["nombre", "canal", "aviso_en_la_app", "prefijo", "activa", "creada", "ultimo_uso", "revocada_en"]
    readonly_fields = ["prefijo", "activa", "creada", "ultimo_uso", "revocada_en"]
    actions = ["revocar"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "nombre", "canal"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change) -> None:
        if change:
            ClaveApi.objects.filter(pk=obj.pk).update(aviso_en_la_app=obj.aviso_en_la_app)
            return
        fila, clave = crear_clave(obj.nombre, obj.canal, aviso_en_la_app=obj.aviso_en_la_app)
        obj.pk = fila.pk
        obj.prefijo = fila.prefijo
        messages.warning(request, f"api_key de «{fila.nombre}» (cópiela ahora; no se vuelve a mostrar): {clave}")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoke instead: requests keep pointing to their key

    @admin.action(description="Revocar las claves seleccionadas")
    def revocar(self, request, queryset) -> None:
        claves = list(queryset.filter(activa=True).select_related("usuario"))
        for clave in claves:
            revocar_clave(clave)
        self.message_user(request, f"{len(claves)} clave(s) revocada(s).")


@admin.register(SolicitudOpen311)
class SolicitudOpen311Admin(admin.ModelAdmin):
    list_display = ["peticion", "clave", "token", "creada"]
    list_select_related = ["peticion", "clave"]
    search_fields = ["peticion__folio", "token"]
    readonly_fields = [f.name for f in SolicitudOpen311._meta.concrete_fields]

    def has_add_permission(self, request) -> bool:
        return False
