"""Evidence photos a dirección attaches when it attends a request."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone

from .peticion import Peticion


def ruta_evidencia(instancia: "Evidencia", nombre: str) -> str:
    """evidencias/<año>/<folio>/<uuid>.<ext>: no citizen's file name ends up in a path."""
    extension = PurePosixPath(nombre).suffix.lower() or ".jpg"
    return f"evidencias/{instancia.peticion.anio}/{instancia.peticion.folio}/{uuid.uuid4().hex}{extension}"


class Evidencia(models.Model):
    peticion = models.ForeignKey(Peticion, verbose_name="petición", on_delete=models.CASCADE, related_name="evidencias")
    archivo = models.FileField("archivo", upload_to=ruta_evidencia, max_length=200)
    nombre_original = models.CharField("nombre original", max_length=200, blank=True)
    tipo_contenido = models.CharField("tipo de contenido", max_length=50)
    tamano = models.PositiveIntegerField("tamaño (bytes)")
    subida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="subida por", on_delete=models.SET_NULL, null=True, blank=True
    )
    subida = models.DateTimeField("subida el", default=timezone.now)

    class Meta:
        verbose_name = "evidencia"
        verbose_name_plural = "evidencias"
        ordering = ["subida", "id"]

    def __str__(self) -> str:
        return f"{self.peticion_id} · {self.nombre_original or self.archivo.name}"
