from django.apps import AppConfig


class JefesManzanaConfig(AppConfig):
    name = "jefes_manzana"
    verbose_name = "Jefes de Manzana y de Cuartel"
