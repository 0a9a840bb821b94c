from django.apps import AppConfig


class JefesManzanaConfig(AppConfig):
    name = "jefes_manzana"
    verbose_name = "Jefes de Manzana y de Cuartel"

    def ready(self) -> None:
        from . import signals  # noqa: F401
