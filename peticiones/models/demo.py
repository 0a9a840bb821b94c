"""Which rows the demo loader created: the loader never writes to anything that is not listed here."""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class RegistroDemo(models.Model):
    """One row (model, pk) created by `manage.py cargar_demo`."""

    tipo = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    objeto_id = models.CharField(max_length=64)
    creado = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "registro de demostración"
        verbose_name_plural = "registros de demostración"
        constraints = [
            models.UniqueConstraint(
                fields=["tipo", "objeto_id"],
                name="registro_demo_unico",
                violation_error_message="Ese objeto ya está registrado como dato de la demo.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.tipo.app_label}.{self.tipo.model} #{self.objeto_id}"
