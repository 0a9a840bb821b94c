from django.apps import AppConfig


class SircConfig(AppConfig):
    name = "sirc"
    verbose_name = "SIRC (infraestructura)"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .middleware import al_iniciar_sesion

        user_logged_in.connect(al_iniciar_sesion, dispatch_uid="sirc_inactividad")
