"""WhatsApp intake: the conversations that arrive through the WhatsApp Business Cloud API webhook and
their messages, which an operator turns into a petición or answers from the «Mensajes» inbox."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..telefonos import solo_digitos
from .notificacion import Notificacion
from .peticion import Peticion


class ConversacionWhatsApp(models.Model):
    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", "Por atender"
        ATENDIDA = "atendida", "Atendida"

    wa_id = models.CharField("WhatsApp del ciudadano", max_length=64, unique=True)
    nombre_perfil = models.CharField("nombre en WhatsApp", max_length=150, blank=True)
    estado = models.CharField("estado", max_length=20, choices=Estado.choices, default=Estado.PENDIENTE)
    peticion = models.ForeignKey(
        Peticion,
        verbose_name="petición",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversaciones_whatsapp",
    )
    ultimo_mensaje = models.DateTimeField("último mensaje", default=timezone.now)
    creada = models.DateTimeField("iniciada", default=timezone.now)

    class Meta:
        verbose_name = "conversación de WhatsApp"
        verbose_name_plural = "conversaciones de WhatsApp"
        ordering = ["-ultimo_mensaje"]
        indexes = [models.Index(fields=["estado", "ultimo_mensaje"], name="conversacion_bandeja")]

    def __str__(self) -> str:
        return f"{self.nombre_perfil or 'Sin nombre'} ({self.wa_id})"


def ruta_medio(instancia: "MensajeWhatsApp", nombre: str) -> str:
    extension = nombre.rsplit(".", 1)[-1].lower() if "." in nombre else "jpg"
    return f"whatsapp/{instancia.conversacion_id}/{instancia.pk or 'nuevo'}-{timezone.now():%Y%m%d%H%M%S}.{extension}"


class MensajeWhatsApp(models.Model):
    class Sentido(models.TextChoices):
        ENTRANTE = "entrante", "Del ciudadano"
        SALIENTE = "saliente", "De Atención Ciudadana"

    class Tipo(models.TextChoices):
        TEXTO = "text", "Texto"
        UBICACION = "location", "Ubicación"
        IMAGEN = "image", "Imagen"
        OTRO = "otro", "Otro (no admitido)"

    class EstadoMedio(models.TextChoices):
        NINGUNO = "", "—"
        PENDIENTE = "pendiente", "Por descargar"
        DESCARGADO = "descargado", "Descargado"
        RECHAZADO = "rechazado", "No es una imagen válida"
        FALLIDO = "fallido", "No se pudo descargar"

    conversacion = models.ForeignKey(
        ConversacionWhatsApp, verbose_name="conversación", on_delete=models.CASCADE, related_name="mensajes"
    )
    wa_mensaje_id = models.CharField("id del mensaje en WhatsApp", max_length=128, unique=True, null=True, blank=True)
    sentido = models.CharField("sentido", max_length=10, choices=Sentido.choices)
    tipo = models.CharField("tipo", max_length=10, choices=Tipo.choices, default=Tipo.TEXTO)
    texto = models.TextField("texto", blank=True)
    latitud = models.DecimalField("latitud", max_digits=9, decimal_places=6, null=True, blank=True)
    longitud = models.DecimalField("longitud", max_digits=9, decimal_places=6, null=True, blank=True)
    medio_id = models.CharField("id del medio", max_length=128, blank=True)
    medio_estado = models.CharField(
        "descarga", max_length=12, choices=EstadoMedio.choices, default=EstadoMedio.NINGUNO, blank=True
    )
    medio_intentos = models.PositiveSmallIntegerField("intentos de descarga", default=0)
    medio = models.FileField("imagen", upload_to=ruta_medio, max_length=200, blank=True)
    medio_tipo = models.CharField("tipo de contenido", max_length=50, blank=True)
    fecha = models.DateTimeField("fecha", default=timezone.now)
    enviado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="respondió", on_delete=models.SET_NULL, null=True, blank=True
    )
    notificacion = models.OneToOneField(
        Notificacion,
        verbose_name="aviso en la bandeja de salida",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mensaje_whatsapp",
    )

    class Meta:
        verbose_name = "mensaje de WhatsApp"
        verbose_name_plural = "mensajes de WhatsApp"
        ordering = ["fecha", "id"]
        indexes = [
            models.Index(fields=["conversacion", "fecha"], name="mensaje_conversacion_fecha"),
            models.Index(fields=["medio_estado"], name="mensaje_medio_estado"),
        ]

    def __str__(self) -> str:
        return f"{self.get_sentido_display()} · {self.get_tipo_display()}"


# --- the 24-hour customer-service window ---------------------------------------------------------------------

VENTANA = timedelta(hours=24)


def wa_ids_de(destino: str) -> list[str]:
    """The WhatsApp ids a phone may have: a Mexican mobile arrives as 521 + 10 digits (older clients) or 52 + 10."""
    digitos = solo_digitos(destino)
    nacional = digitos
    if len(digitos) == 13 and digitos.startswith("521"):
        nacional = digitos[3:]
    elif len(digitos) == 12 and digitos.startswith("52"):
        nacional = digitos[2:]
    if len(nacional) != 10:
        return [digitos] if digitos else []
    return [f"521{nacional}", f"52{nacional}"]


def ultimo_mensaje_del_ciudadano(destino: str) -> datetime | None:
    """When the citizen last wrote to the city's WhatsApp (what opens the Cloud API's 24-hour window)."""
    ids = wa_ids_de(destino)
    if not ids:
        return None
    return MensajeWhatsApp.objects.filter(
        conversacion__wa_id__in=ids, sentido=MensajeWhatsApp.Sentido.ENTRANTE
    ).aggregate(ultimo=models.Max("fecha"))["ultimo"]


def cierre_de_ventana(destino: str) -> datetime | None:
    """Until when a free-form message reaches this number (None: the citizen never wrote; only templates)."""
    ultimo = ultimo_mensaje_del_ciudadano(destino)
    return ultimo + VENTANA if ultimo is not None else None


def ventana_abierta(destino: str, ahora: datetime | None = None) -> bool:
    cierre = cierre_de_ventana(destino)
    return cierre is not None and (ahora or timezone.now()) < cierre
