"""Personal data under the LGPDPPSO: the versioned aviso de privacidad, the consent given with each request,
and the ARCO requests (acceso, rectificación, cancelación, oposición) with their legal due date."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from sirc.historial import seguir

from .catalogos import Canal
from .peticion import Ciudadano, Peticion


@seguir()
class AvisoPrivacidad(models.Model):
    """One version of the aviso de privacidad. A new text is a new version; the consents keep the one read."""

    version = models.PositiveIntegerField("versión", unique=True)
    simplificado = models.TextField(
        "aviso simplificado", help_text="Se muestra en la captura, en las páginas públicas y en cada formulario."
    )
    guion = models.TextField(
        "guion para leer por teléfono", help_text="Lo que el operador lee al ciudadano antes de pedir sus datos."
    )
    integral = models.TextField("aviso integral", help_text="Página pública /aviso-de-privacidad/.")
    vigente_desde = models.DateTimeField("vigente desde", default=timezone.now)
    creado = models.DateTimeField("registrado", auto_now_add=True)

    class Meta:
        verbose_name = "aviso de privacidad"
        verbose_name_plural = "avisos de privacidad"
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"Aviso de privacidad, versión {self.version} (desde {timezone.localtime(self.vigente_desde):%d/%m/%Y})"


class Consentimiento(models.Model):
    """The citizen accepted the aviso (this version, on this channel) when this request was taken."""

    peticion = models.ForeignKey(
        Peticion, verbose_name="petición", on_delete=models.CASCADE, related_name="consentimientos"
    )
    ciudadano = models.ForeignKey(
        Ciudadano, verbose_name="ciudadano", on_delete=models.CASCADE, related_name="consentimientos"
    )
    aviso = models.ForeignKey(AvisoPrivacidad, verbose_name="versión del aviso", on_delete=models.PROTECT)
    canal = models.ForeignKey(Canal, verbose_name="canal", on_delete=models.PROTECT, related_name="+")
    fecha = models.DateTimeField("fecha", default=timezone.now)
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="registrado por", on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = "consentimiento del aviso de privacidad"
        verbose_name_plural = "consentimientos del aviso de privacidad"
        ordering = ["-fecha"]
        constraints = [
            models.UniqueConstraint(
                fields=["peticion", "ciudadano"],
                name="consentimiento_uno_por_peticion",
                violation_error_message="Ese ciudadano ya dio su consentimiento para esta petición.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.peticion_id} · {self.ciudadano_id} · v{self.aviso_id}"


@seguir()
class SolicitudArco(models.Model):
    """A citizen exercises a right over their personal data; answered within 20 días hábiles."""

    class Derecho(models.TextChoices):
        ACCESO = "acceso", "Acceso"
        RECTIFICACION = "rectificacion", "Rectificación"
        CANCELACION = "cancelacion", "Cancelación"
        OPOSICION = "oposicion", "Oposición"

    class Estado(models.TextChoices):
        RECIBIDA = "recibida", "Recibida"
        ATENDIDA = "atendida", "Atendida"
        IMPROCEDENTE = "improcedente", "Improcedente"

    ciudadano = models.ForeignKey(
        Ciudadano, verbose_name="ciudadano", on_delete=models.PROTECT, related_name="solicitudes_arco"
    )
    derecho = models.CharField("derecho", max_length=20, choices=Derecho.choices)
    canal = models.ForeignKey(Canal, verbose_name="canal", on_delete=models.PROTECT, related_name="+")
    fecha_recepcion = models.DateTimeField("recibida el", default=timezone.now)
    fecha_alerta = models.DateTimeField("alertar el", help_text="Al cumplirse 15 días hábiles.")
    fecha_limite = models.DateTimeField("responder a más tardar", help_text="20 días hábiles (LGPDPPSO).")
    descripcion = models.TextField("qué solicita", max_length=4000)
    identidad = models.CharField(
        "identidad acreditada con", max_length=200, help_text="Documento con que el titular acreditó ser quien es."
    )
    estado = models.CharField("estado", max_length=20, choices=Estado.choices, default=Estado.RECIBIDA)
    respuesta = models.TextField("respuesta", blank=True, max_length=4000)
    fecha_respuesta = models.DateTimeField("respondida el", null=True, blank=True)
    alerta_enviada = models.DateTimeField("alerta enviada el", null=True, blank=True)
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="registrada por",
        on_delete=models.PROTECT,
        related_name="solicitudes_arco_registradas",
    )
    atendida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="atendida por",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="solicitudes_arco_atendidas",
    )

    class Meta:
        verbose_name = "solicitud ARCO"
        verbose_name_plural = "solicitudes ARCO"
        ordering = ["fecha_limite", "id"]
        permissions = [("atender_arco", "Registrar y responder solicitudes de derechos ARCO")]
        indexes = [models.Index(fields=["estado", "fecha_alerta"], name="arco_por_alertar")]

    def __str__(self) -> str:
        return f"ARCO-{self.pk:05d} · {self.get_derecho_display()}"

    @property
    def folio(self) -> str:
        return f"ARCO-{timezone.localtime(self.fecha_recepcion):%Y}-{self.pk:05d}"

    @property
    def abierta(self) -> bool:
        return self.estado == self.Estado.RECIBIDA

    @property
    def vencida(self) -> bool:
        return self.abierta and self.fecha_limite < timezone.now()
