"""Infrastructure tables of the project itself (not of a domain app)."""

from django.db import models


class ContadorLimite(models.Model):
    """One rate-limit counter of sirc.limites in the embedded default (no Redis): shared by every process
    through the database, counted with one atomic INSERT … ON CONFLICT DO UPDATE … RETURNING."""

    clave = models.CharField(max_length=250, primary_key=True)
    usos = models.PositiveIntegerField(default=0)
    vence = models.BigIntegerField(db_index=True, help_text="Fin de la ventana, en segundos Unix.")

    class Meta:
        verbose_name = "contador de límite"
        verbose_name_plural = "contadores de límites"

    def __str__(self) -> str:
        return f"{self.clave}: {self.usos}"
