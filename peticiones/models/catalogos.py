"""Catalogs that Atención Ciudadana administers: direcciones, categorías, colonias, canales, tipos."""

from django.conf import settings
from django.db import models

from sirc.historial import seguir


@seguir()
class Direccion(models.Model):
    nombre = models.CharField("nombre", max_length=150, unique=True)
    siglas = models.CharField("siglas", max_length=20, unique=True)
    correo_enlace = models.EmailField("correo de enlace", blank=True)
    activa = models.BooleanField("activa", default=True)
    enlaces = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="enlaces",
        related_name="direcciones",
        blank=True,
        help_text="Usuarios (Enlace de Dirección) que atienden las peticiones turnadas a esta dirección.",
    )
    titular = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="titular",
        related_name="direcciones_a_cargo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text="Recibe el escalamiento de peticiones vencidas.",
    )

    class Meta:
        verbose_name = "dirección"
        verbose_name_plural = "direcciones"
        ordering = ["nombre"]

    def __str__(self) -> str:
        return self.nombre


@seguir()
class Categoria(models.Model):
    nombre = models.CharField("nombre", max_length=150)
    direccion = models.ForeignKey(
        Direccion,
        verbose_name="dirección responsable",
        related_name="categorias",
        on_delete=models.PROTECT,
    )
    plazo_horas = models.PositiveIntegerField("plazo de atención (horas)", default=24)
    dias_habiles = models.BooleanField(
        "cuenta en horas hábiles",
        default=False,
        help_text="Si se marca, el plazo omite fines de semana y días inhábiles.",
    )
    activa = models.BooleanField("activa", default=True)
    permite_anonimo = models.BooleanField(
        "admite reportes anónimos",
        default=False,
        help_text="En «Reporta» y Open311 el ciudadano puede no dejar sus datos; se registra como denuncia anónima.",
    )
    descripcion_publica = models.CharField(
        "descripción para el ciudadano",
        max_length=250,
        blank=True,
        help_text="Qué se reporta aquí, en palabras del ciudadano (página «Reporta» y Open311).",
    )

    class Meta:
        verbose_name = "categoría"
        verbose_name_plural = "categorías"
        ordering = ["nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["nombre", "direccion"],
                name="categoria_unica_por_direccion",
                violation_error_message="Esa dirección ya tiene una categoría con ese nombre.",
            ),
            models.CheckConstraint(
                condition=models.Q(plazo_horas__gt=0),
                name="categoria_plazo_positivo",
                violation_error_message="El plazo de atención debe ser de al menos una hora.",
            ),
        ]

    def __str__(self) -> str:
        return self.nombre


@seguir()
class Colonia(models.Model):
    nombre = models.CharField("nombre", max_length=150)
    codigo_postal = models.CharField("código postal", max_length=5, blank=True)
    sector = models.CharField("sector", max_length=50, blank=True)
    latitud = models.DecimalField("latitud del centroide", max_digits=9, decimal_places=6, null=True, blank=True)
    longitud = models.DecimalField("longitud del centroide", max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = "colonia"
        verbose_name_plural = "colonias"
        ordering = ["nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["nombre", "codigo_postal"],
                name="colonia_unica_por_cp",
                violation_error_message="Ya existe una colonia con ese nombre y código postal.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nombre} ({self.codigo_postal})" if self.codigo_postal else self.nombre


@seguir()
class Canal(models.Model):
    clave = models.SlugField("clave", max_length=40, unique=True)
    nombre = models.CharField("nombre", max_length=100, unique=True)
    activo = models.BooleanField("activo", default=True)
    orden = models.PositiveSmallIntegerField("orden", default=0)

    class Meta:
        verbose_name = "canal"
        verbose_name_plural = "canales"
        ordering = ["orden", "nombre"]

    def __str__(self) -> str:
        return self.nombre


@seguir()
class TipoPeticion(models.Model):
    clave = models.SlugField("clave", max_length=40, unique=True)
    nombre = models.CharField("nombre", max_length=100, unique=True)
    para_supervisor = models.BooleanField(
        "la atiende Atención Ciudadana",
        default=False,
        help_text="Quejas y sugerencias sobre el servicio llegan al supervisor, no a una dirección.",
    )
    activo = models.BooleanField("activo", default=True)

    class Meta:
        verbose_name = "tipo de petición"
        verbose_name_plural = "tipos de petición"
        ordering = ["nombre"]

    def __str__(self) -> str:
        return self.nombre


@seguir()
class Evento(models.Model):
    """A Miércoles Ciudadano or a Gira de Presidencia where requests are taken in person."""

    class Tipo(models.TextChoices):
        MIERCOLES_CIUDADANO = "miercoles_ciudadano", "Miércoles Ciudadano"
        GIRA_PRESIDENCIA = "gira_presidencia", "Gira de Presidencia"

    tipo = models.CharField("tipo", max_length=30, choices=Tipo.choices)
    nombre = models.CharField("nombre", max_length=150)
    fecha = models.DateField("fecha")
    colonia = models.ForeignKey(Colonia, verbose_name="colonia", on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = "evento"
        verbose_name_plural = "eventos"
        ordering = ["-fecha"]

    def __str__(self) -> str:
        return f"{self.get_tipo_display()} · {self.nombre} ({self.fecha:%d/%m/%Y})"
