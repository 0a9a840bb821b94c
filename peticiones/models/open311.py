"""Open311 GeoReport v2: the client applications' API keys, the questions a service asks, and the
link between a request created through the API and its token."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from sirc.historial import seguir

from .catalogos import Canal, Categoria
from .peticion import Peticion


@seguir(excluir=("huella",), sin_cambio=("ultimo_uso",))
class ClaveApi(models.Model):
    """The key of one client application (the WhatsApp bot, a mobile app, a neighbourhood app).

    Only a SHA-256 of the key is stored: the key itself is shown once, when it is created. The prefix
    (the first characters, not secret) finds the row without scanning every hash.
    """

    nombre = models.CharField("aplicación", max_length=100, unique=True)
    canal = models.ForeignKey(
        Canal,
        verbose_name="canal",
        on_delete=models.PROTECT,
        help_text="Las peticiones que envíe esta aplicación llegan con este canal.",
    )
    prefijo = models.CharField("prefijo", max_length=16, unique=True, editable=False)
    huella = models.CharField("huella SHA-256", max_length=64, editable=False)
    aviso_en_la_app = models.BooleanField(
        "la aplicación muestra el aviso de privacidad",
        default=False,
        help_text="Márquelo sólo si la aplicación muestra el aviso de privacidad simplificado y recaba el "
        "consentimiento antes de enviar datos del ciudadano.",
    )
    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="usuario de servicio",
        on_delete=models.PROTECT,
        related_name="clave_api",
        editable=False,
        help_text="Cuenta sin contraseña con la que se registran las peticiones de la aplicación.",
    )
    activa = models.BooleanField("activa", default=True)
    creada = models.DateTimeField("creada", default=timezone.now)
    revocada_en = models.DateTimeField("revocada el", null=True, blank=True)
    ultimo_uso = models.DateTimeField("último uso", null=True, blank=True)

    class Meta:
        verbose_name = "clave de API (Open311)"
        verbose_name_plural = "claves de API (Open311)"
        ordering = ["nombre"]

    def __str__(self) -> str:
        return f"{self.nombre} ({self.prefijo}…)"


@seguir()
class PreguntaServicio(models.Model):
    """An extra question a category asks (an Open311 service definition attribute)."""

    class TipoDato(models.TextChoices):
        STRING = "string", "Texto corto"
        NUMBER = "number", "Número"
        DATETIME = "datetime", "Fecha y hora"
        TEXT = "text", "Texto largo"
        SINGLEVALUELIST = "singlevaluelist", "Una opción de la lista"
        MULTIVALUELIST = "multivaluelist", "Varias opciones de la lista"

    categoria = models.ForeignKey(
        Categoria, verbose_name="categoría", on_delete=models.CASCADE, related_name="preguntas"
    )
    codigo = models.SlugField("código", max_length=40, help_text="Identificador del atributo en Open311.")
    descripcion = models.CharField("pregunta", max_length=250)
    tipo_dato = models.CharField("tipo de respuesta", max_length=20, choices=TipoDato.choices, default=TipoDato.STRING)
    ayuda = models.CharField("ayuda", max_length=250, blank=True)
    requerida = models.BooleanField("obligatoria", default=False)
    orden = models.PositiveSmallIntegerField("orden", default=1)
    opciones = models.JSONField(
        "opciones",
        default=list,
        blank=True,
        help_text='Para listas: [["clave", "Nombre"], …].',
    )

    class Meta:
        verbose_name = "pregunta de la categoría"
        verbose_name_plural = "preguntas de la categoría (atributos Open311)"
        ordering = ["categoria", "orden", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["categoria", "codigo"],
                name="pregunta_codigo_unico",
                violation_error_message="Esa categoría ya tiene una pregunta con ese código.",
            ),
            models.CheckConstraint(
                condition=models.Q(orden__gt=0),
                name="pregunta_orden_positivo",
                violation_error_message="El orden de la pregunta debe ser mayor que cero.",
            ),
        ]

    def __str__(self) -> str:
        return self.descripcion

    @property
    def es_lista(self) -> bool:
        return self.tipo_dato in (self.TipoDato.SINGLEVALUELIST, self.TipoDato.MULTIVALUELIST)


class SolicitudOpen311(models.Model):
    """What a client application sent with a request: its token and the fields that have no column."""

    peticion = models.OneToOneField(
        Peticion, verbose_name="petición", on_delete=models.CASCADE, related_name="solicitud_open311"
    )
    clave = models.ForeignKey(ClaveApi, verbose_name="aplicación", on_delete=models.PROTECT, related_name="solicitudes")
    token = models.UUIDField("token", default=uuid.uuid4, unique=True, editable=False)
    media_url = models.URLField("media_url", max_length=500, blank=True)
    atributos = models.JSONField("respuestas a las preguntas", default=dict, blank=True)
    address_id = models.CharField("address_id", max_length=100, blank=True)
    account_id = models.CharField("account_id", max_length=100, blank=True)
    device_id = models.CharField("device_id", max_length=100, blank=True)
    creada = models.DateTimeField("recibida", default=timezone.now)

    class Meta:
        verbose_name = "solicitud Open311"
        verbose_name_plural = "solicitudes Open311"

    def __str__(self) -> str:
        return f"{self.peticion_id} · {self.token}"
