"""The outbox: every notice SIRC owes someone is a row here before anything is sent.

Celery only carries the nudge; the row is the record. A sweep re-sends whatever is still pending,
so a lost broker message never loses a notice, and the claim (a conditional UPDATE) makes sure two
workers never send the same row.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .peticion import Peticion


class Notificacion(models.Model):
    class Canal(models.TextChoices):
        CORREO = "correo", "Correo electrónico"
        SMS = "sms", "SMS"
        WHATSAPP = "whatsapp", "WhatsApp"
        APP = "app", "Aviso en SIRC"

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", "Pendiente"
        ENVIANDO = "enviando", "Enviando"
        ENVIADA = "enviada", "Enviada"
        FALLIDA = "fallida", "Fallida"
        CANCELADA = "cancelada", "Cancelada (el ciudadano se opuso)"

    class Motivo(models.TextChoices):
        RECIBIDA = "recibida", "Acuse de recepción (al ciudadano)"
        ATENDIDA = "atendida", "Petición atendida (al ciudadano)"
        IMPROCEDENTE = "improcedente", "No es posible atender (al ciudadano)"
        VENCIDA = "vencida", "Petición vencida (a los enlaces)"
        ESCALAMIENTO_TITULAR = "escalamiento_titular", "Escalamiento al titular de la dirección"
        ESCALAMIENTO_DIRECTOR = "escalamiento_director", "Escalamiento al Director de Atención Ciudadana"
        TURNADA = "turnada", "Petición turnada (a los enlaces)"
        REABIERTA = "reabierta", "Petición reabierta: no se resolvió (a los enlaces)"
        RESPUESTA = "respuesta", "Respuesta a un mensaje (al ciudadano)"
        ARCO_PLAZO = "arco_plazo", "Solicitud ARCO por vencer (al personal)"

    peticion = models.ForeignKey(
        Peticion,
        verbose_name="petición",
        on_delete=models.CASCADE,
        related_name="notificaciones",
        null=True,
        blank=True,
        help_text="Vacía en los avisos que no son de una petición (el plazo de una solicitud ARCO, la respuesta a "
        "una conversación de WhatsApp que aún no es petición).",
    )
    motivo = models.CharField("motivo", max_length=30, choices=Motivo.choices)
    canal = models.CharField("canal", max_length=20, choices=Canal.choices)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="usuario destinatario",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notificaciones",
    )
    destinatario = models.CharField("destinatario", max_length=254, help_text="Correo o teléfono.")
    asunto = models.CharField("asunto", max_length=200)
    cuerpo = models.TextField("mensaje")
    clave = models.CharField(
        "clave única", max_length=120, unique=True, help_text="Evita que el mismo aviso se genere dos veces."
    )

    estado = models.CharField("estado", max_length=20, choices=Estado.choices, default=Estado.PENDIENTE)
    intentos = models.PositiveSmallIntegerField("intentos", default=0)
    proximo_intento = models.DateTimeField("próximo intento", default=timezone.now)
    bloqueada_hasta = models.DateTimeField("en envío hasta", null=True, blank=True)
    enviada_en = models.DateTimeField("enviada el", null=True, blank=True)
    ultimo_error = models.TextField("último error", blank=True)
    leida_en = models.DateTimeField("leída el", null=True, blank=True)
    plantilla = models.CharField(
        "plantilla de WhatsApp",
        max_length=100,
        blank=True,
        help_text="La plantilla aprobada con que salió (o saldrá) el mensaje: fuera de la ventana de 24 horas "
        "WhatsApp sólo entrega plantillas. Vacía: texto libre.",
    )
    id_proveedor = models.CharField(
        "id del mensaje en el proveedor",
        max_length=128,
        blank=True,
        db_index=True,
        help_text="El id que devolvió el proveedor (wamid de WhatsApp): liga los avisos de estado que llegan después.",
    )
    respaldo_de = models.OneToOneField(
        "self",
        verbose_name="reemplaza al aviso",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="respaldo",
        help_text="El aviso de WhatsApp que no se pudo entregar y que éste reintenta (por SMS o con la plantilla).",
    )
    creada = models.DateTimeField("creada", default=timezone.now)

    class Meta:
        verbose_name = "notificación"
        verbose_name_plural = "notificaciones"
        ordering = ["-creada", "-id"]
        indexes = [
            models.Index(fields=["estado", "proximo_intento"], name="notificacion_pendientes"),
            models.Index(fields=["usuario", "canal", "leida_en"], name="notificacion_avisos_usuario"),
        ]

    def __str__(self) -> str:
        return f"{self.get_canal_display()} a {self.destinatario} · {self.get_motivo_display()}"
