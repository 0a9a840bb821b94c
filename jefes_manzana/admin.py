from django.contrib import admin

from .models import Cuartel, JefeManzana


@admin.register(Cuartel)
class CuartelAdmin(admin.ModelAdmin):
    list_display = ["numero", "nombre", "jefe"]
    filter_horizontal = ["colonias"]
    raw_id_fields = ["jefe"]


@admin.register(JefeManzana)
class JefeManzanaAdmin(admin.ModelAdmin):
    list_display = ["apellidos", "nombres", "curp", "colonia", "manzana", "cuartel", "estado"]
    list_filter = ["estado", "cuartel"]
    search_fields = ["nombres", "apellidos", "curp", "manzana"]
    autocomplete_fields = ["colonia"]
    raw_id_fields = ["usuario"]
