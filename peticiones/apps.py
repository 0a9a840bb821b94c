from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PeticionesConfig(AppConfig):
    name = "peticiones"
    verbose_name = "Peticiones ciudadanas"

    def ready(self) -> None:
        from .cache_catalogos import conectar_senales
        from .signals import sincronizar_roles_tras_migrar

        conectar_senales()

        post_migrate.connect(sincronizar_roles_tras_migrar, dispatch_uid="sirc_sincronizar_roles")
