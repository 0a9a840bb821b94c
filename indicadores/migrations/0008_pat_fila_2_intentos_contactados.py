"""Row 2 of the PAT 2023 calendar («Realizar visitas y/o llamadas», «a/b») is follow-up ATTEMPTS / citizens
REACHED, both from the Bitácora de Llamadas: every month of seed 002 has a ≥ b (June 1110/987) and its total
(14,111) is the sum of the b's. Migration 0002 read it as «atendidas/llamadas», which the seed matches only
January–May. Only rows still as 0002 wrote them change (2023's and its copies): one edited since is left alone."""

from django.db import migrations

ANTES = {"serie": "llamadas_seguimiento", "serie_referencia": "atendidas"}
DESPUES = {"serie": "seguimiento_contactados", "serie_referencia": "llamadas_seguimiento"}


def _cambiar(apps, de: dict, a: dict) -> None:
    Actividad = apps.get_model("indicadores", "Actividad")
    # 2023's row and the years the demo or `copiar_programa` copied from it, while still as 0002 wrote them.
    Actividad.objects.filter(numero=2, descripcion__startswith="Realizar visitas y/o llamadas", **de).update(**a)


def adelante(apps, schema_editor):
    _cambiar(apps, ANTES, DESPUES)


def atras(apps, schema_editor):
    _cambiar(apps, DESPUES, ANTES)


class Migration(migrations.Migration):
    dependencies = [("indicadores", "0007_mensajes_de_restricciones")]
    operations = [migrations.RunPython(adelante, atras)]
