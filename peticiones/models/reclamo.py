"""A lease on a piece of long work (an import, a PDF batch): who holds it and until when."""

from django.db import models


class Reclamo(models.Model):
    """Held by one process while it works; renewed by its heartbeat; taken over once it expires or its
    owner is a dead process of this host. `hecho` is set in the work's own transaction: a rerun after a
    crash between the commit and the status update does not do the work twice."""

    clave = models.CharField(max_length=120, unique=True)
    dueno = models.CharField(max_length=200)
    vence = models.DateTimeField()
    intentos = models.PositiveIntegerField(default=0)
    hecho = models.BooleanField(default=False)

    class Meta:
        verbose_name = "reclamo de trabajo largo"
        verbose_name_plural = "reclamos de trabajos largos"

    def __str__(self) -> str:
        return f"{self.clave} ({self.dueno} hasta {self.vence:%H:%M:%S})"
