"""Citizens, requests (peticiones) with their folio, and the bitácora of every request."""

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone

from sirc.historial import seguir

from .catalogos import Canal, Categoria, Colonia, Direccion, Evento, TipoPeticion
from .tramites import Tramite


@seguir()
class Ciudadano(models.Model):
    nombre = models.CharField("nombre(s)", max_length=100)
    apellidos = models.CharField("apellidos", max_length=150, blank=True)
    telefono = models.CharField("teléfono", max_length=10, blank=True, help_text="10 dígitos, sin lada internacional.")
    correo = models.EmailField("correo electrónico", blank=True)
    domicilio = models.CharField("domicilio", max_length=250, blank=True)
    colonia = models.ForeignKey(Colonia, verbose_name="colonia", on_delete=models.SET_NULL, null=True, blank=True)
    aviso_privacidad_fecha = models.DateTimeField("aceptó el aviso de privacidad el", null=True, blank=True)
    aviso_privacidad_canal = models.ForeignKey(
        Canal,
        verbose_name="canal en que aceptó el aviso",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    telefono_por_verificar = models.CharField(
        "teléfono por verificar",
        max_length=10,
        blank=True,
        help_text=(
            "Teléfono que se capturó pero ya pertenece a otro ciudadano: no se usa hasta que el personal lo revise."
        ),
    )
    revisar = models.CharField("motivo de revisión", max_length=250, blank=True)
    oposicion_contacto = models.DateTimeField(
        "se opuso a ser contactado el",
        null=True,
        blank=True,
        help_text="Derecho de oposición: sin llamadas, SMS ni correos.",
    )
    anonimizado = models.DateTimeField("anonimizado el", null=True, blank=True)
    unificado_en = models.ForeignKey(
        "self",
        verbose_name="unificado en",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="unificados",
        help_text="El personal verificó que es la misma persona que este ciudadano: sus peticiones pasaron a él; "
        "este registro queda sólo para el historial (y se anonimiza con él).",
    )
    creado = models.DateTimeField("registrado", auto_now_add=True)

    class Meta:
        verbose_name = "ciudadano"
        verbose_name_plural = "ciudadanos"
        ordering = ["nombre", "apellidos"]
        permissions = [
            ("verificar_ciudadanos", "Revisar ciudadanos por verificar: confirmar que son otra persona o unificarlos"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["telefono"],
                condition=~models.Q(telefono=""),
                name="ciudadano_telefono_unico",
                violation_error_message="Ya hay un ciudadano registrado con ese teléfono.",
            ),
        ]
        indexes = [
            # The review queue and the menu badge read only the few flagged rows (partial index).
            models.Index(fields=["creado"], condition=~models.Q(revisar=""), name="ciudadano_por_verificar"),
        ]

    def __str__(self) -> str:
        return f"{self.nombre} {self.apellidos}".strip()

    @property
    def contactable(self) -> bool:
        """SIRC may call, text or e-mail this person (not anonymised, no opposition)."""
        return self.oposicion_contacto is None and self.anonimizado is None


class ContadorFolio(models.Model):
    """One row per year; its `ultimo` is taken and bumped as the last step of a capture."""

    anio = models.PositiveSmallIntegerField("año", primary_key=True)
    ultimo = models.PositiveIntegerField("último número", default=0)

    class Meta:
        verbose_name = "contador de folios"
        verbose_name_plural = "contadores de folios"

    def __str__(self) -> str:
        return f"{self.anio}: {self.ultimo}"


@seguir()
class Peticion(models.Model):
    class Estado(models.TextChoices):
        RECIBIDA = "recibida", "Recibida"
        TURNADA = "turnada", "Turnada"
        EN_PROCESO = "en_proceso", "En proceso"
        ATENDIDA = "atendida", "Atendida"
        CERRADA = "cerrada", "Cerrada"
        IMPROCEDENTE = "improcedente", "Improcedente"
        CANCELADA = "cancelada", "Cancelada"
        DUPLICADA = "duplicada", "Duplicada"

    ABIERTOS = (Estado.RECIBIDA, Estado.TURNADA, Estado.EN_PROCESO)

    anio = models.PositiveSmallIntegerField("año del folio")
    numero = models.PositiveIntegerField("número del folio")
    folio = models.CharField("folio", max_length=11, unique=True, help_text="AAAA-NNNNNN")

    tipo = models.ForeignKey(TipoPeticion, verbose_name="tipo", on_delete=models.PROTECT)
    canal = models.ForeignKey(Canal, verbose_name="canal", on_delete=models.PROTECT)
    categoria = models.ForeignKey(Categoria, verbose_name="categoría", on_delete=models.PROTECT)
    direccion = models.ForeignKey(
        Direccion, verbose_name="dirección responsable", on_delete=models.PROTECT, related_name="peticiones"
    )
    descripcion = models.TextField("descripción")

    calle = models.CharField("calle", max_length=200, blank=True)
    numero_exterior = models.CharField("número", max_length=20, blank=True)
    referencias = models.CharField("entre calles / referencias", max_length=250, blank=True)
    colonia = models.ForeignKey(Colonia, verbose_name="colonia", on_delete=models.PROTECT, related_name="peticiones")
    latitud = models.DecimalField("latitud", max_digits=9, decimal_places=6, null=True, blank=True)
    longitud = models.DecimalField("longitud", max_digits=9, decimal_places=6, null=True, blank=True)

    ciudadano = models.ForeignKey(
        Ciudadano,
        verbose_name="ciudadano",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="peticiones",
        help_text="Vacío sólo en denuncias anónimas.",
    )
    solicitantes = models.ManyToManyField(
        Ciudadano,
        verbose_name="otros solicitantes",
        blank=True,
        related_name="peticiones_vinculadas",
    )
    capturada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="capturada por",
        on_delete=models.PROTECT,
        related_name="peticiones_capturadas",
    )
    gestor = models.ForeignKey(
        "jefes_manzana.JefeManzana",
        verbose_name="gestor (Jefe de Manzana)",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="peticiones_gestionadas",
    )
    evento = models.ForeignKey(
        Evento, verbose_name="evento", on_delete=models.SET_NULL, null=True, blank=True, related_name="peticiones"
    )
    asignada_a = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="asignada a",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="peticiones_asignadas",
    )
    tramite = models.ForeignKey(
        Tramite,
        verbose_name="trámite informado",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultas",
        help_text="La ficha de la guía de trámites con que se respondió una consulta.",
    )
    duplicado_de = models.ForeignKey(
        "self",
        verbose_name="duplicado de",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicados",
    )

    estado = models.CharField("estado", max_length=20, choices=Estado.choices, default=Estado.RECIBIDA)
    resolucion = models.TextField("resolución", blank=True)
    motivo_improcedencia = models.TextField("motivo (improcedente / cancelada)", blank=True)

    fecha_recepcion = models.DateTimeField("fecha de recepción", default=timezone.now)
    fecha_limite = models.DateTimeField("fecha límite")
    fecha_turnada = models.DateTimeField("turnada el", null=True, blank=True)
    fecha_en_proceso = models.DateTimeField("en proceso desde", null=True, blank=True)
    fecha_atendida = models.DateTimeField("atendida el", null=True, blank=True)
    fecha_cerrada = models.DateTimeField("cerrada el", null=True, blank=True)
    fecha_improcedente = models.DateTimeField("declarada improcedente el", null=True, blank=True)
    fecha_cancelada = models.DateTimeField("cancelada el", null=True, blank=True)
    fecha_vencida = models.DateTimeField(
        "marcada vencida el", null=True, blank=True, help_text="Cuando la tarea de la política de 24 horas la marcó."
    )
    nivel_escalamiento = models.PositiveSmallIntegerField("nivel de escalamiento", default=0)
    fecha_reabierta = models.DateTimeField(
        "reabierta el",
        null=True,
        blank=True,
        help_text="Última vez que el seguimiento la reabrió («no se resolvió»): el plazo y el escalamiento cuentan "
        "desde aquí.",
    )

    respuestas = models.JSONField(
        "respuestas a las preguntas de la categoría",
        default=dict,
        blank=True,
        help_text="{código de la pregunta: respuesta}; las preguntas son las de la categoría (atributos Open311), "
        "contestadas en «Reporta» o por una aplicación Open311.",
    )
    clave_idempotencia = models.UUIDField("clave de captura", null=True, blank=True, unique=True, editable=False)
    creada = models.DateTimeField(auto_now_add=True)
    actualizada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "petición"
        verbose_name_plural = "peticiones"
        ordering = ["-fecha_recepcion"]
        permissions = [
            ("capturar_peticion", "Capturar peticiones"),
            ("turnar_peticion", "Turnar y re-turnar peticiones"),
            ("atender_peticion", "Atender peticiones de sus direcciones"),
            ("ver_todas_peticiones", "Ver peticiones de todas las direcciones"),
            ("gestionar_peticion", "Presentar peticiones como gestor (Jefe de Manzana o de Cuartel)"),
            ("hacer_seguimiento", "Hacer llamadas y visitas de seguimiento"),
            ("ver_indicadores", "Ver tablero, mapa de calor e indicadores"),
            ("importar_peticiones", "Importar peticiones históricas desde CSV/XLSX"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["anio", "numero"],
                name="peticion_folio_unico_por_anio",
                violation_error_message="Ese folio ya existe en el año.",
            ),
            models.CheckConstraint(
                condition=models.Q(numero__gt=0),
                name="peticion_numero_positivo",
                violation_error_message="El número de folio debe ser mayor que cero.",
            ),
            models.CheckConstraint(
                condition=models.Q(fecha_limite__gte=models.F("fecha_recepcion")),
                name="peticion_limite_posterior_a_recepcion",
                violation_error_message="La fecha límite no puede ser anterior a la fecha de recepción.",
            ),
        ]
        indexes = [
            models.Index(fields=["estado", "fecha_limite"], name="peticion_estado_limite"),
            # Bandeja of a dirección and the list filtered by dirección + estado + dates (count and page by index).
            models.Index(fields=["direccion", "estado", "fecha_recepcion"], name="peticion_dir_estado_recepcion"),
            models.Index(fields=["fecha_recepcion"], name="peticion_recepcion"),
            # Duplicate warning at capture: same category, open, recent.
            models.Index(fields=["categoria", "colonia", "fecha_recepcion"], name="peticion_duplicados"),
        ]

    def __str__(self) -> str:
        return self.folio

    @property
    def abierta(self) -> bool:
        return self.estado in self.ABIERTOS

    @property
    def vencida(self) -> bool:
        return self.abierta and self.fecha_limite < timezone.now()

    @property
    def ubicacion(self) -> str:
        """Where it is, as every page and PDF writes it: «Av. Independencia 120 (frente al parque), col. Centro»;
        with no street, «col. Centro» (never «, col. Centro»)."""
        lugar = " ".join(x for x in (self.calle.strip(), self.numero_exterior.strip()) if x)
        referencias = self.referencias.strip()
        if referencias:
            lugar = f"{lugar} ({referencias})" if lugar else f"({referencias})"
        colonia = f"col. {self.colonia.nombre}" if self.colonia_id else ""
        return ", ".join(x for x in (lugar, colonia) if x)


class EventoBitacora(models.Model):
    """One line of a request's timeline: who did what, when."""

    class Tipo(models.TextChoices):
        CAPTURA = "captura", "Captura"
        SOLICITANTE = "solicitante", "Solicitante agregado"
        TURNADO = "turnado", "Turnado"
        DEVOLUCION = "devolucion", "Devuelta por la dirección"
        ASIGNACION = "asignacion", "Asignación"
        COMENTARIO = "comentario", "Comentario"
        CAMBIO_ESTADO = "cambio_estado", "Cambio de estado"
        EVIDENCIA = "evidencia", "Evidencia"
        VENCIMIENTO = "vencimiento", "Vencimiento"
        ESCALAMIENTO = "escalamiento", "Escalamiento"
        NOTIFICACION = "notificacion", "Notificación"
        SEGUIMIENTO = "seguimiento", "Seguimiento"
        EVALUACION = "evaluacion", "Evaluación del ciudadano"

    peticion = models.ForeignKey(Peticion, on_delete=models.CASCADE, related_name="bitacora")
    fecha = models.DateTimeField("fecha", default=timezone.now)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="usuario", on_delete=models.SET_NULL, null=True, blank=True
    )
    tipo = models.CharField("tipo", max_length=20, choices=Tipo.choices)
    descripcion = models.TextField("descripción")
    publico = models.BooleanField("visible en la consulta pública", default=False)
    datos = models.JSONField("datos", default=dict, blank=True)

    class Meta:
        verbose_name = "evento de bitácora"
        verbose_name_plural = "bitácora"
        ordering = ["fecha", "id"]
        indexes = [models.Index(fields=["peticion", "fecha"], name="bitacora_peticion_fecha")]

    def __str__(self) -> str:
        return f"{self.peticion_id} · {self.get_tipo_display()}"


class SolicitanteDePeticion(Peticion.solicitantes.through):
    """The link «this citizen also reported this request» (`Peticion.solicitantes`), tracked for the history."""

    class Meta:
        proxy = True
        app_label = "peticiones"
        verbose_name = "otro solicitante de una petición"
        verbose_name_plural = "otros solicitantes de peticiones"


# Who added or removed another requester, and when (also re-pointing when two citizens are unified).
pghistory.track(
    pghistory.InsertEvent("agregado"),
    pghistory.DeleteEvent("quitado"),
    obj_field=None,
    append_only=True,
    model_name="PeticionSolicitanteEvent",
)(SolicitanteDePeticion)
