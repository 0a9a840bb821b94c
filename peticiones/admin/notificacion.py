"""Admin of the outbox (`Notificacion`): what was sent, what failed and why."""

from django.contrib import admin
from django.utils import timezone

from ..models import Notificacion


@admin.register(Notificacion)
class NotificacionAdmin(admin.ModelAdmin):
    """The outbox, to see what was sent, what failed and why. Rows are written by SIRC, not by hand."""

    list_display = [
        "creada",
        "peticion",
        "motivo",
        "canal",
        "plantilla",
        "destinatario",
        "estado",
        "intentos",
        "enviada_en",
    ]
    list_filter = ["estado", "canal", "motivo"]
    search_fields = ["peticion__folio", "destinatario", "asunto", "id_proveedor"]
    list_select_related = ["peticion"]
    readonly_fields = [f.name for f in Notificacion._meta.concrete_fields]
    actions = ["reintentar_ahora"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Reintentar ahora las seleccionadas (fallidas o pendientes)")
    def reintentar_ahora(self, request, queryset) -> None:
        n = queryset.exclude(estado=Notificacion.Estado.ENVIADA).update(
            estado=Notificacion.Estado.PENDIENTE, proximo_intento=timezone.now(), intentos=0
        )
        self.message_user(request, f"{n} aviso(s) quedan para el siguiente barrido (cada minuto).")
