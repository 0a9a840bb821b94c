"""Admin of the aviso de privacidad (versioned: a new text is a new version; a version already accepted by
someone is read-only) and read-only views of consents and ARCO requests."""

from django.contrib import admin

from sirc.admin_historial import ConHistorial

from ..models import AvisoPrivacidad, Consentimiento, SolicitudArco


@admin.register(AvisoPrivacidad)
class AvisoPrivacidadAdmin(ConHistorial):
    list_display = ["version", "vigente_desde", "creado"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and Consentimiento.objects.filter(aviso=obj).exists():
            return ["version", "simplificado", "guion", "integral", "vigente_desde"]
        return []

    def get_changeform_initial_data(self, request):
        ultimo = AvisoPrivacidad.objects.order_by("-version").first()
        if ultimo is None:
            return {"version": 1}
        return {
            "version": ultimo.version + 1,
            "simplificado": ultimo.simplificado,
            "guion": ultimo.guion,
            "integral": ultimo.integral,
        }

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is None or not Consentimiento.objects.filter(aviso=obj).exists()


@admin.register(SolicitudArco)
class SolicitudArcoAdmin(ConHistorial):
    list_display = ["__str__", "derecho", "estado", "fecha_recepcion", "fecha_limite"]
    list_filter = ["derecho", "estado"]
    readonly_fields = [f.name for f in SolicitudArco._meta.concrete_fields]

    def has_add_permission(self, request) -> bool:
        return False
