"""The guía de trámites: the municipal procedures operators explain step by step and citizens look up."""

from django.db import models
from django.utils import timezone

from sirc.historial import seguir

from .catalogos import Categoria, Direccion


@seguir(sin_cambio=("actualizado",))
class Tramite(models.Model):
    clave = models.SlugField(
        "clave", max_length=60, unique=True, help_text="Corta y sin espacios: licencia-funcionamiento"
    )
    nombre = models.CharField("nombre", max_length=200)
    descripcion = models.TextField("para qué sirve", blank=True)
    requisitos = models.TextField("requisitos", help_text="Uno por renglón.")
    documentos = models.TextField("documentos que se entregan", blank=True, help_text="Uno por renglón.")
    costo = models.CharField("costo", max_length=200, help_text="«Gratuito» o el monto y cómo se paga.")
    donde = models.CharField("dónde se realiza", max_length=250)
    horario = models.CharField("horario", max_length=150)
    tiempo_respuesta = models.CharField("tiempo de respuesta", max_length=100, blank=True)
    direccion = models.ForeignKey(
        Direccion, verbose_name="dirección responsable", on_delete=models.PROTECT, related_name="tramites"
    )
    categoria = models.ForeignKey(
        Categoria,
        verbose_name="categoría de la consulta",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tramites",
        help_text="Con qué categoría se registra una consulta atendida con esta ficha; vacía: «Información de "
        "trámites» de Atención Ciudadana.",
    )
    palabras_clave = models.CharField("palabras clave", max_length=250, blank=True, help_text="Separadas por comas.")
    activo = models.BooleanField("publicado", default=True)
    actualizado = models.DateTimeField("actualizado", default=timezone.now)

    class Meta:
        verbose_name = "trámite"
        verbose_name_plural = "guía de trámites"
        ordering = ["nombre"]

    def __str__(self) -> str:
        return self.nombre

    @property
    def lista_requisitos(self) -> list[str]:
        return [r.strip(" -•\t") for r in self.requisitos.splitlines() if r.strip(" -•\t")]

    @property
    def lista_documentos(self) -> list[str]:
        return [r.strip(" -•\t") for r in self.documentos.splitlines() if r.strip(" -•\t")]

    def resumen(self) -> str:
        """What the citizen is told (and sent): requisitos, costo, dónde y horario."""
        partes = [f"Trámite «{self.nombre}» ({self.direccion.nombre})."]
        if self.lista_requisitos:
            partes.append("Requisitos: " + "; ".join(self.lista_requisitos) + ".")
        partes.append(f"Costo: {self.costo}. Dónde: {self.donde}. Horario: {self.horario}.")
        return " ".join(partes)
