"""Follow-up of attended requests: the call queue, home visits and the citizen's own evaluation.

The PAT commits Atención Ciudadana to 1,500 follow-up calls a month; the calls and visits recorded
here are the MIR's means of verification ("Bitácora de Llamadas de Atención").
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .peticion import Peticion

_SATISFACCION_VALIDA = Q(satisfaccion__isnull=True) | Q(satisfaccion__gte=1, satisfaccion__lte=5)
SATISFACCION_OPCIONES = [
    (5, "5 · Muy satisfecho"),
    (4, "4 · Satisfecho"),
    (3, "3 · Regular"),
    (2, "2 · Insatisfecho"),
    (1, "1 · Muy insatisfecho"),
]


class LlamadaSeguimiento(models.Model):
    """One attempt to call the citizen of an attended request.

    A round of follow-up belongs to one `atendida_el` (the moment the request became atendida); a
    request reopened and attended again gets a new round. "No contesta" queues the next attempt of the
    same round, up to MAX_INTENTOS.
    """

    MAX_INTENTOS = 3

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", "Pendiente"
        EN_CURSO = "en_curso", "En curso"
        CONTACTADO = "contactado", "Contactado"
        NO_CONTESTA = "no_contesta", "No contesta"
        NUMERO_EQUIVOCADO = "numero_equivocado", "Número equivocado"
        CANCELADA = "cancelada", "Cancelada (la petición cambió de estado)"

    ABIERTAS = (Estado.PENDIENTE, Estado.EN_CURSO)
    REALIZADAS = (Estado.CONTACTADO, Estado.NO_CONTESTA, Estado.NUMERO_EQUIVOCADO)

    peticion = models.ForeignKey(
        Peticion, verbose_name="petición", on_delete=models.CASCADE, related_name="llamadas_seguimiento"
    )
    atendida_el = models.DateTimeField("atendida el", help_text="Momento de atención que esta llamada verifica.")
    intento = models.PositiveSmallIntegerField("intento", default=1)
    estado = models.CharField("estado", max_length=20, choices=Estado.choices, default=Estado.PENDIENTE)
    programada_para = models.DateTimeField("programada para")
    tomada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="operador",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="llamadas_seguimiento",
    )
    tomada_el = models.DateTimeField("tomada el", null=True, blank=True)
    fecha_resultado = models.DateTimeField("realizada el", null=True, blank=True)
    se_resolvio = models.BooleanField("¿se resolvió?", null=True, blank=True)
    satisfaccion = models.PositiveSmallIntegerField(
        "satisfacción", null=True, blank=True, choices=SATISFACCION_OPCIONES
    )
    comentario = models.TextField("comentario", blank=True)
    creada = models.DateTimeField("creada", auto_now_add=True)

    class Meta:
        verbose_name = "llamada de seguimiento"
        verbose_name_plural = "llamadas de seguimiento"
        ordering = ["programada_para", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["peticion"],
                condition=Q(estado__in=["pendiente", "en_curso"]),
                name="seguimiento_una_llamada_abierta_por_peticion",
                violation_error_message="La petición ya tiene una llamada de seguimiento pendiente o en curso.",
            ),
            models.UniqueConstraint(
                fields=["peticion", "atendida_el", "intento"],
                name="seguimiento_intento_unico_por_ronda",
                violation_error_message="Ese intento de llamada ya está registrado para esta atención.",
            ),
            models.UniqueConstraint(
                fields=["tomada_por"],
                condition=Q(estado="en_curso"),
                name="seguimiento_una_llamada_en_curso_por_operador",
                violation_error_message="El operador ya tiene una llamada en curso.",
            ),
            models.CheckConstraint(
                condition=Q(intento__gte=1, intento__lte=3),
                name="seguimiento_intento_1_a_3",
                violation_error_message="El intento de llamada debe ser 1, 2 o 3.",
            ),
            models.CheckConstraint(
                condition=_SATISFACCION_VALIDA,
                name="seguimiento_satisfaccion_1_a_5",
                violation_error_message="La satisfacción va de 1 a 5.",
            ),
            models.CheckConstraint(
                condition=~Q(estado="en_curso") | Q(tomada_por__isnull=False, tomada_el__isnull=False),
                name="seguimiento_en_curso_tiene_operador",
                violation_error_message="Una llamada en curso necesita al operador que la tomó y cuándo.",
            ),
            models.CheckConstraint(
                condition=~Q(estado="contactado") | Q(se_resolvio__isnull=False),
                name="seguimiento_contactado_dice_si_se_resolvio",
                violation_error_message="Indique si el ciudadano dice que se resolvió.",
            ),
        ]
        indexes = [
            # The queue: open calls in due order (a partial index stays small however long the history).
            models.Index(
                fields=["programada_para", "id"],
                condition=Q(estado__in=["pendiente", "en_curso"]),
                name="seguimiento_cola_abierta",
            ),
            models.Index(fields=["fecha_resultado"], name="seguimiento_realizadas"),
        ]

    def __str__(self) -> str:
        return f"{self.peticion_id} · intento {self.intento} · {self.get_estado_display()}"

    @property
    def abierta(self) -> bool:
        return self.estado in self.ABIERTAS


class VisitaDomiciliaria(models.Model):
    """A brigade's visit to the citizen's home to learn whether the problem was solved."""

    class Resultado(models.TextChoices):
        CONTACTADO = "contactado", "Se habló con el ciudadano"
        NO_ENCONTRADO = "no_encontrado", "No se encontró a nadie"
        DOMICILIO_NO_LOCALIZADO = "domicilio_no_localizado", "Domicilio no localizado"

    peticion = models.ForeignKey(
        Peticion, verbose_name="petición", on_delete=models.CASCADE, related_name="visitas_domiciliarias"
    )
    realizada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="brigadista",
        on_delete=models.PROTECT,
        related_name="visitas_realizadas",
    )
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="registrada por",
        on_delete=models.PROTECT,
        related_name="visitas_registradas",
    )
    fecha_visita = models.DateTimeField("fecha de la visita")
    resultado = models.CharField("resultado", max_length=30, choices=Resultado.choices)
    se_resolvio = models.BooleanField("¿se resolvió?", null=True, blank=True)
    satisfaccion = models.PositiveSmallIntegerField(
        "satisfacción", null=True, blank=True, choices=SATISFACCION_OPCIONES
    )
    comentario = models.TextField("comentario", blank=True)
    creada = models.DateTimeField("registrada", auto_now_add=True)

    class Meta:
        verbose_name = "visita domiciliaria"
        verbose_name_plural = "visitas domiciliarias"
        ordering = ["-fecha_visita", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=_SATISFACCION_VALIDA,
                name="visita_satisfaccion_1_a_5",
                violation_error_message="La satisfacción va de 1 a 5.",
            ),
            models.CheckConstraint(
                condition=~Q(resultado="contactado") | Q(se_resolvio__isnull=False),
                name="visita_contactado_dice_si_se_resolvio",
                violation_error_message="Indique si el ciudadano dice que se resolvió.",
            ),
        ]
        indexes = [models.Index(fields=["fecha_visita"], name="visita_fecha")]

    def __str__(self) -> str:
        return f"{self.peticion_id} · visita {self.fecha_visita:%d/%m/%Y} · {self.get_resultado_display()}"


class EvaluacionCiudadana(models.Model):
    """The citizen's own rating of the service, given once per request on the public consulta page."""

    peticion = models.OneToOneField(
        Peticion, verbose_name="petición", on_delete=models.CASCADE, related_name="evaluacion_ciudadana"
    )
    calificacion = models.PositiveSmallIntegerField("calificación", choices=SATISFACCION_OPCIONES)
    comentario = models.TextField("comentario", blank=True, max_length=1000)
    creada = models.DateTimeField("fecha", auto_now_add=True)
    queja = models.OneToOneField(
        Peticion,
        verbose_name="queja que generó",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="queja_de_evaluacion",
        help_text="Una calificación baja con comentario llega a la supervisión como queja (una sola vez).",
    )

    class Meta:
        verbose_name = "evaluación del ciudadano"
        verbose_name_plural = "evaluaciones de ciudadanos"
        ordering = ["-creada"]
        permissions = [("atender_quejas", "Atender quejas y sugerencias sobre el servicio")]
        constraints = [
            models.CheckConstraint(
                condition=Q(calificacion__gte=1, calificacion__lte=5),
                name="evaluacion_calificacion_1_a_5",
                violation_error_message="La calificación va de 1 a 5.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.peticion_id} · {self.calificacion}/5"
