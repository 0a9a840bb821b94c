from django.apps import AppConfig


class IndicadoresConfig(AppConfig):
    name = "indicadores"
    verbose_name = "Indicadores (MIR)"
