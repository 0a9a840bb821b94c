"""Open311 GeoReport v2: the client applications' API keys, the questions a service asks, and the
link between a request created through the API and its token."""

import re
import uuid
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

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

    @property
    def nombres_opciones(self) -> dict[str, str]:
        return {str(clave): str(nombre) for clave, nombre in (self.opciones or [])}

    def validar(self, valores: list[str]) -> object:
        """The value to store for these answers (a list for multivaluelist), or ValidationError (Spanish).
        The one rule for every channel that asks the question: Open311 POST and the «Reporta» page."""
        valores = [v for v in valores if v]
        tipo = self.tipo_dato
        if not valores:
            if self.requerida:
                raise ValidationError("Responda esta pregunta.", code="requerida")
            return None
        if tipo != self.TipoDato.MULTIVALUELIST and len(valores) > 1:
            raise ValidationError("Admite un solo valor.", code="un_valor")
        if self.es_lista:
            nombres = self.nombres_opciones
            fuera = [v for v in valores if v not in nombres]
            if fuera:
                raise ValidationError(
                    f"«{fuera[0][:40]}» no es una opción; use: " + ", ".join(nombres) + ".", code="opcion"
                )
        elif tipo == self.TipoDato.NUMBER:
            try:
                numero = Decimal(valores[0])
            except InvalidOperation:
                numero = None
            if numero is None or not numero.is_finite() or abs(numero) >= 10**12:
                raise ValidationError("Debe ser un número.", code="numero")
        elif tipo == self.TipoDato.DATETIME:
            try:
                valida = parse_datetime(valores[0]) or parse_date(valores[0])
            except ValueError:
                valida = None
            if not valida:
                raise ValidationError("Debe ser una fecha (AAAA-MM-DD o ISO 8601).", code="fecha")
        return valores if tipo == self.TipoDato.MULTIVALUELIST else valores[0]

    def legible(self, valor: object) -> str:
        """A stored answer as people read it (option names instead of keys)."""
        valores = valor if isinstance(valor, list) else [valor]
        if self.es_lista:
            nombres = self.nombres_opciones
            return ", ".join(nombres.get(str(v), str(v)) for v in valores)
        return ", ".join(str(v) for v in valores)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_RESPUESTA = 500


def respuesta_limpia(valor: str) -> str:
    """An answer as typed or posted, without control characters, trimmed to MAX_RESPUESTA."""
    return _CONTROL.sub("", str(valor or "")).strip()[:MAX_RESPUESTA]


def respuestas_legibles(categoria: Categoria, respuestas: dict) -> list[tuple[str, str]]:
    """(pregunta, respuesta) for the folio page, in the category's order; an answer to a question that was
    later removed still shows, under its code."""
    if not respuestas:
        return []
    preguntas = {p.codigo: p for p in categoria.preguntas.all()}
    filas = [(p.descripcion, p.legible(respuestas[c])) for c, p in preguntas.items() if c in respuestas]
    filas += [(codigo, str(valor)) for codigo, valor in respuestas.items() if codigo not in preguntas]
    return filas


def validar_respuestas(
    preguntas: list[PreguntaServicio], respuestas: dict[str, list[str]]
) -> tuple[dict[str, object], list[str], dict[str, str]]:
    """(values to store by code, «pregunta: respuesta» lines, errors by code) for a category's questions."""
    guardar: dict[str, object] = {}
    textos: list[str] = []
    errores: dict[str, str] = {}
    for pregunta in preguntas:
        try:
            valor = pregunta.validar(respuestas.get(pregunta.codigo, []))
        except ValidationError as error:
            errores[pregunta.codigo] = error.messages[0]
            continue
        if valor is not None:
            guardar[pregunta.codigo] = valor
            textos.append(f"{pregunta.descripcion}: {pregunta.legible(valor)}")
    return guardar, textos, errores


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
