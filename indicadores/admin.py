"""Administrators edit the PAT (programme, activities, monthly goals, indicators) and add years."""

from django.contrib import admin, messages
from django.db import IntegrityError

from sirc.admin_historial import ConHistorial
from sirc.fechas import MESES
from sirc.historial import Cambio, combinar, historial_de, historial_por_id

from .copiar import copiar_programa
from .models import Actividad, Exportacion, Indicador, MetaMensual, Programa, ReporteMensual


def historial_de_actividad(actividad: Actividad) -> list[Cambio]:
    """The activity's own changes and those of its monthly goals (the calendar), deleted ones included."""
    from .models import MetaMensualEvent

    metas = dict(  # each goal (also one deleted since) once, with its latest month
        MetaMensualEvent.objects.filter(actividad_id=actividad.pk).order_by("pgh_id").values_list("pgh_obj_id", "mes")
    )
    calendario = [
        historial_por_id(MetaMensual, pk, titulo=f"Calendario, {MESES[mes - 1]}") for pk, mes in metas.items()
    ]
    return combinar(historial_de(actividad), *calendario)


class ActividadInline(admin.TabularInline):
    model = Actividad
    extra = 0
    fields = ["numero", "descripcion", "unidad_medida", "meta_cuantitativa", "meta_anual", "serie", "serie_referencia"]
    show_change_link = True


class IndicadorInline(admin.StackedInline):
    model = Indicador
    extra = 0
    show_change_link = True
    fields = [
        ("orden", "nivel", "actividad"),
        "resumen_narrativo",
        ("nombre", "metodo_calculo"),
        ("tipo", "dimension", "sentido", "frecuencia"),
        ("linea_base", "meta", "calculo"),
        ("umbral_verde", "umbral_amarillo"),
        ("medios_verificacion", "supuestos"),
    ]


@admin.register(Programa)
class ProgramaAdmin(ConHistorial):
    list_display = ["anio", "nombre", "unidad_responsable"]
    inlines = [ActividadInline, IndicadorInline]
    actions = ["copiar_al_anio_siguiente"]

    @admin.action(description="Copiar al año siguiente (actividades, calendario e indicadores)")
    def copiar_al_anio_siguiente(self, request, queryset) -> None:
        for programa in queryset:
            try:
                nuevo = copiar_programa(programa, programa.anio + 1)
            except IntegrityError:
                self.message_user(request, f"Ya existe el programa {programa.anio + 1}.", messages.ERROR)
                continue
            self.message_user(request, f"Se creó el programa {nuevo.anio}; revise sus metas.", messages.SUCCESS)


class MetaMensualInline(admin.TabularInline):
    model = MetaMensual
    extra = 0
    max_num = 12
    fields = ["mes", "referencia", "cantidad"]


@admin.register(Actividad)
class ActividadAdmin(ConHistorial):
    list_display = ["numero", "descripcion", "programa", "meta_anual", "serie"]
    list_filter = ["programa"]
    inlines = [MetaMensualInline]

    def historial(self, objeto: Actividad) -> list[Cambio]:
        return historial_de_actividad(objeto)


@admin.register(Indicador)
class IndicadorAdmin(ConHistorial):
    list_display = ["orden", "nombre", "metodo_calculo", "sentido", "frecuencia", "linea_base", "meta", "programa"]
    list_filter = ["programa", "frecuencia", "sentido"]
    search_fields = ["nombre", "metodo_calculo"]


@admin.register(ReporteMensual)
class ReporteMensualAdmin(admin.ModelAdmin):
    """Read-only: an issued report is never edited nor deleted."""

    list_display = ["__str__", "emitido", "emitido_por", "sha256", "tamano"]
    list_filter = ["anio"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Exportacion)
class ExportacionAdmin(admin.ModelAdmin):
    list_display = ["tabla", "formato", "usuario", "estado", "filas", "creada", "terminada"]
    list_filter = ["estado", "tabla"]
    readonly_fields = [f.name for f in Exportacion._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
