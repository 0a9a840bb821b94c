"""Admin of the catalogs (direcciones, categorías, colonias, canales, tipos, eventos, días inhábiles)."""

from django.contrib import admin

from sirc.admin_historial import ConHistorial

from ..models import Canal, Categoria, Colonia, DiaInhabil, Direccion, Evento, TipoPeticion
from .open311 import PreguntaServicioInline


@admin.register(Direccion)
class DireccionAdmin(ConHistorial):
    list_display = ["nombre", "siglas", "correo_enlace", "titular", "activa"]
    list_filter = ["activa"]
    search_fields = ["nombre", "siglas"]
    filter_horizontal = ["enlaces"]


@admin.register(Categoria)
class CategoriaAdmin(ConHistorial):
    list_display = ["nombre", "direccion", "plazo_horas", "dias_habiles", "permite_anonimo", "activa"]
    list_filter = ["direccion", "activa", "dias_habiles", "permite_anonimo"]
    search_fields = ["nombre"]
    inlines = [PreguntaServicioInline]


@admin.register(Colonia)
class ColoniaAdmin(ConHistorial):
    list_display = ["nombre", "codigo_postal", "sector", "latitud", "longitud"]
    list_filter = ["sector"]
    search_fields = ["nombre", "codigo_postal"]


@admin.register(Canal)
class CanalAdmin(ConHistorial):
    list_display = ["nombre", "clave", "orden", "activo"]
    list_editable = ["orden", "activo"]


@admin.register(TipoPeticion)
class TipoPeticionAdmin(ConHistorial):
    list_display = ["nombre", "clave", "para_supervisor", "activo"]


@admin.register(Evento)
class EventoAdmin(ConHistorial):
    list_display = ["nombre", "tipo", "fecha", "colonia"]
    list_filter = ["tipo"]
    autocomplete_fields = ["colonia"]


@admin.register(DiaInhabil)
class DiaInhabilAdmin(ConHistorial):
    """Días inhábiles that business-hour plazos skip; loaded with Mexico's official days, edited here."""

    list_display = ["fecha", "nombre", "tipo"]
    list_editable = ["nombre", "tipo"]
    list_filter = ["tipo"]
    date_hierarchy = "fecha"
    search_fields = ["nombre"]
