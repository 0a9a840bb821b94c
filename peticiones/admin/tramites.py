"""Admin of the guía de trámites: edit each ficha, import/export the catalog as CSV or XLSX (django-import-export:
a file with one bad row imports nothing and names the row and the column)."""

from django.contrib import admin
from django.utils import timezone
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ImportForm

from sirc.admin_historial import ConHistorial
from sirc.archivos import hoja_revisada

from ..acciones.tramites import TramiteResource
from ..models import Tramite


class ImportarTramitesForm(ImportForm):
    """The catalog file is checked (size, XLSX bomb) before django-import-export parses it."""

    def clean_import_file(self):
        return hoja_revisada(self.cleaned_data["import_file"])


@admin.register(Tramite)
class TramiteAdmin(ImportExportModelAdmin, ConHistorial):
    resource_classes = [TramiteResource]
    import_form_class = ImportarTramitesForm
    list_display = ["nombre", "clave", "direccion", "costo", "activo", "actualizado"]
    list_filter = ["activo", "direccion"]
    search_fields = ["nombre", "clave", "palabras_clave"]
    prepopulated_fields = {"clave": ["nombre"]}
    autocomplete_fields = ["categoria"]
    list_select_related = ["direccion"]
    fieldsets = [
        (None, {"fields": ["nombre", "clave", "descripcion", "direccion", "categoria", "activo"]}),
        (
            "Lo que se le dice al ciudadano",
            {"fields": ["requisitos", "documentos", "costo", "donde", "horario", "tiempo_respuesta"]},
        ),
        ("Búsqueda", {"fields": ["palabras_clave"]}),
    ]

    def save_model(self, request, obj, form, change) -> None:
        obj.actualizado = timezone.now()
        super().save_model(request, obj, form, change)
