"""Padrón de Jefes de Manzana and their Cuarteles."""

from django.conf import settings
from django.db import models


class Cuartel(models.Model):
    numero = models.PositiveIntegerField("número", unique=True)
    nombre = models.CharField("nombre", max_length=150)
    colonias = models.ManyToManyField(
        "peticiones.Colonia", verbose_name="colonias", blank=True, related_name="cuarteles"
    )
    jefe = models.ForeignKey(
        "JefeManzana",
        verbose_name="Jefe de Cuartel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cuarteles_a_cargo",
    )

    class Meta:
        verbose_name = "cuartel"
        verbose_name_plural = "cuarteles"
        ordering = ["numero"]

    def __str__(self) -> str:
        return f"Cuartel {self.numero} · {self.nombre}"


class JefeManzana(models.Model):
    class Estado(models.TextChoices):
        PROPUESTO = "propuesto", "Propuesto"
        ACTIVO = "activo", "Activo"
        BAJA = "baja", "Baja"

    nombres = models.CharField("nombre(s)", max_length=100)
    apellidos = models.CharField("apellidos", max_length=150)
    curp = models.CharField("CURP", max_length=18)
    telefono = models.CharField("teléfono", max_length=10, blank=True)
    correo = models.EmailField("correo electrónico", blank=True)
    domicilio = models.CharField("domicilio", max_length=250, blank=True)
    colonia = models.ForeignKey("peticiones.Colonia", verbose_name="colonia", on_delete=models.PROTECT)
    manzana = models.CharField("manzana", max_length=30)
    cuartel = models.ForeignKey(
        Cuartel, verbose_name="cuartel", on_delete=models.SET_NULL, null=True, blank=True, related_name="jefes"
    )
    latitud = models.DecimalField("latitud", max_digits=9, decimal_places=6, null=True, blank=True)
    longitud = models.DecimalField("longitud", max_digits=9, decimal_places=6, null=True, blank=True)
    estado = models.CharField("estado", max_length=20, choices=Estado.choices, default=Estado.PROPUESTO)
    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="usuario",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jefe_manzana",
    )

    class Meta:
        verbose_name = "Jefe de Manzana"
        verbose_name_plural = "Jefes de Manzana"
        ordering = ["apellidos", "nombres"]
        permissions = [
            ("administrar_padron", "Administrar el padrón de Jefes de Manzana"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["curp"],
                condition=~models.Q(estado="baja"),
                name="jefe_manzana_curp_unica_activos",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nombres} {self.apellidos}"
