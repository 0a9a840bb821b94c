from django.apps import AppConfig


class IndicadoresConfig(AppConfig):
    name = "indicadores"
    verbose_name = "Indicadores (MIR)"

    def ready(self) -> None:
        from . import calculo  # noqa: F401  (registers the series and calculations the models validate against)
