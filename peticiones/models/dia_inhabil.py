"""The editable calendar of días inhábiles that business-hour plazos skip."""

from django.db import models

from sirc.historial import seguir


@seguir()
class DiaInhabil(models.Model):
    class Tipo(models.TextChoices):
        OFICIAL = "oficial", "Oficial (Ley Federal del Trabajo)"
        MUNICIPAL = "municipal", "Municipal"

    fecha = models.DateField("fecha", unique=True)
    nombre = models.CharField("motivo", max_length=120)
    tipo = models.CharField("tipo", max_length=20, choices=Tipo.choices, default=Tipo.MUNICIPAL)

    class Meta:
        verbose_name = "día inhábil"
        verbose_name_plural = "días inhábiles"
        ordering = ["fecha"]

    def __str__(self) -> str:
        return f"{self.fecha:%d/%m/%Y} · {self.nombre}"
