"""The «Historial» button of each object in /admin/ shows the trigger-based history (sirc/historial.py):
who, when, before and after. Only administrators reach /admin/."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from .historial import Cambio, activo, historial_de


class ConHistorial(admin.ModelAdmin):
    object_history_template = "sirc/historial.html"

    def historial(self, objeto) -> list[Cambio]:
        return historial_de(objeto)

    def history_view(self, request, object_id, extra_context=None):
        objeto = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_or_change_permission(request, objeto):
            raise PermissionDenied
        contexto = {
            **self.admin_site.each_context(request),
            "title": f"Historial de cambios: {objeto}",
            "subtitle": None,
            "object": objeto,
            "opts": self.model._meta,
            "app_label": self.model._meta.app_label,
            "cambios": list(reversed(self.historial(objeto))),
            "historial_activo": activo(),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, contexto)
