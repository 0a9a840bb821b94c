"""Padrón de Jefes de Manzana and their Cuarteles: the people, the Jefe de Cuartel election, trainings,
events with attendance, the expediente (uploaded documents) and the forced first-login password change."""

import secrets
from datetime import date

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from sirc.historial import seguir

from .curp import normalizar_curp, validar_curp

validar_telefono = RegexValidator(r"^\d{10}$", "El teléfono debe tener 10 dígitos, sin espacios ni guiones.")


@seguir()
class Cuartel(models.Model):
    numero = models.PositiveIntegerField("número", unique=True)
    nombre = models.CharField("nombre", max_length=150)
    zona = models.CharField("zona", max_length=50, blank=True, help_text="Zona para capacitaciones (Norte, Centro…).")
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


class ColoniaDeCuartel(Cuartel.colonias.through):
    """The link «this colonia belongs to this cuartel» (`Cuartel.colonias`), tracked for the history."""

    class Meta:
        proxy = True
        app_label = "jefes_manzana"
        verbose_name = "colonia de un cuartel"
        verbose_name_plural = "colonias de los cuarteles"


pghistory.track(
    pghistory.InsertEvent("agregado"),
    pghistory.DeleteEvent("quitado"),
    obj_field=None,
    append_only=True,
    model_name="CuartelColoniaEvent",
)(ColoniaDeCuartel)


def _ruta_foto(instancia: "JefeManzana", nombre: str) -> str:
    extension = nombre.rsplit(".", 1)[-1].lower() if "." in nombre else "jpg"
    return f"jefes_manzana/fotos/{secrets.token_hex(8)}.{extension}"


@seguir(sin_cambio=("actualizado",))
class JefeManzana(models.Model):
    class Estado(models.TextChoices):
        PROPUESTO = "propuesto", "Propuesto"
        ACTIVO = "activo", "Activo"
        BAJA = "baja", "Baja"

    nombres = models.CharField("nombre(s)", max_length=100)
    apellidos = models.CharField("apellidos", max_length=150)
    curp = models.CharField("CURP", max_length=18, validators=[validar_curp])
    telefono = models.CharField("teléfono", max_length=10, blank=True, validators=[validar_telefono])
    correo = models.EmailField("correo electrónico", blank=True)
    domicilio = models.CharField("domicilio", max_length=250, blank=True)
    colonia = models.ForeignKey("peticiones.Colonia", verbose_name="colonia", on_delete=models.PROTECT)
    manzana = models.CharField("manzana", max_length=30)
    cuartel = models.ForeignKey(
        Cuartel, verbose_name="cuartel", on_delete=models.SET_NULL, null=True, blank=True, related_name="jefes"
    )
    latitud = models.DecimalField(
        "latitud",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitud = models.DecimalField(
        "longitud",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    foto = models.ImageField("fotografía", upload_to=_ruta_foto, blank=True)
    estado = models.CharField("estado", max_length=20, choices=Estado.choices, default=Estado.PROPUESTO)
    motivo_baja = models.CharField("motivo de la baja", max_length=250, blank=True)
    fecha_baja = models.DateField("fecha de baja", null=True, blank=True)

    fecha_nombramiento = models.DateField("fecha de nombramiento", null=True, blank=True)
    fecha_toma_protesta = models.DateField("fecha de toma de protesta", null=True, blank=True)
    fecha_acreditacion = models.DateField("fecha de acreditación", null=True, blank=True)

    numero_credencial = models.CharField("número de credencial", max_length=20, blank=True)
    vigencia_credencial = models.DateField("vigencia de la credencial", null=True, blank=True)
    token_verificacion = models.CharField("clave de verificación", max_length=32, null=True, blank=True, unique=True)
    fecha_entrega_credencial = models.DateField("credencial entregada el", null=True, blank=True)
    fecha_entrega_placa = models.DateField("placa entregada el", null=True, blank=True)
    fecha_entrega_nombramiento = models.DateField("nombramiento entregado el", null=True, blank=True)

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="usuario",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jefe_manzana",
    )
    creado = models.DateTimeField("registrado", default=timezone.now, editable=False)
    actualizado = models.DateTimeField("actualizado", auto_now=True)

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
                violation_error_message="Ya hay un Jefe de Manzana vigente con esa CURP.",
            ),
            models.UniqueConstraint(
                fields=["numero_credencial"],
                condition=~models.Q(numero_credencial=""),
                name="jefe_manzana_credencial_unica",
                violation_error_message="Ese número de credencial ya está asignado.",
            ),
            models.CheckConstraint(
                condition=~models.Q(estado="baja") | models.Q(fecha_baja__isnull=False),
                name="jefe_manzana_baja_con_fecha",
                violation_error_message="Una baja necesita su fecha de baja.",
            ),
        ]
        indexes = [
            models.Index(fields=["colonia", "manzana"], name="jefe_manzana_colonia_manzana"),
            models.Index(fields=["estado"], name="jefe_manzana_estado"),
            models.Index(fields=["curp"], name="jefe_manzana_curp"),
        ]

    def __str__(self) -> str:
        return self.nombre_completo

    @property
    def nombre_completo(self) -> str:
        return f"{self.nombres} {self.apellidos}".strip()

    @property
    def acreditado(self) -> bool:
        return self.fecha_acreditacion is not None

    def credencial_vigente(self, hoy: date | None = None) -> bool:
        hoy = hoy or timezone.localdate()
        return (
            self.estado == self.Estado.ACTIVO
            and self.vigencia_credencial is not None
            and self.vigencia_credencial >= hoy
        )

    def clean(self) -> None:
        self.curp = normalizar_curp(self.curp)
        errores: dict[str, str] = {}
        if self.estado == self.Estado.BAJA:
            if not self.motivo_baja:
                errores["motivo_baja"] = "Indique el motivo de la baja."
            if not self.fecha_baja:
                errores["fecha_baja"] = "Indique la fecha de la baja."
        if self.fecha_nombramiento and self.fecha_toma_protesta and self.fecha_toma_protesta < self.fecha_nombramiento:
            errores["fecha_toma_protesta"] = "La toma de protesta no puede ser anterior al nombramiento."
        if (self.latitud is None) != (self.longitud is None):
            errores["longitud" if self.longitud is None else "latitud"] = "Indique latitud y longitud, o ninguna."
        if errores:
            raise ValidationError(errores)


@seguir()
class CandidaturaCuartel(models.Model):
    """A Jefe de Manzana proposed for Jefe de Cuartel; the rows of a cuartel are its election history."""

    class Estado(models.TextChoices):
        PROPUESTO = "propuesto", "Propuesto"
        ELECTO = "electo", "Electo"
        NO_ELECTO = "no_electo", "No electo"
        CONCLUIDO = "concluido", "Concluyó su periodo"

    cuartel = models.ForeignKey(Cuartel, verbose_name="cuartel", on_delete=models.CASCADE, related_name="candidaturas")
    jefe = models.ForeignKey(
        JefeManzana, verbose_name="Jefe de Manzana", on_delete=models.CASCADE, related_name="candidaturas"
    )
    estado = models.CharField("estado", max_length=20, choices=Estado.choices, default=Estado.PROPUESTO)
    fecha_propuesta = models.DateField("propuesto el", default=timezone.localdate)
    fecha_eleccion = models.DateField("electo el", null=True, blank=True)
    fecha_conclusion = models.DateField("concluyó el", null=True, blank=True)
    notas = models.CharField("notas", max_length=250, blank=True)
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="registrada por", on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = "candidatura a Jefe de Cuartel"
        verbose_name_plural = "candidaturas a Jefe de Cuartel"
        ordering = ["-fecha_propuesta", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cuartel"],
                condition=models.Q(estado="electo"),
                name="cuartel_un_solo_electo",
                violation_error_message="El cuartel ya tiene un Jefe de Cuartel electo.",
            ),
            models.UniqueConstraint(
                fields=["cuartel", "jefe"],
                condition=models.Q(estado="propuesto"),
                name="cuartel_propuesta_unica",
                violation_error_message="Ese Jefe de Manzana ya está propuesto en el cuartel.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jefe} · {self.cuartel} ({self.get_estado_display()})"


class Capacitacion(models.Model):
    fecha = models.DateField("fecha")
    tema = models.CharField("tema", max_length=200)
    zona = models.CharField("zona", max_length=50, blank=True)
    sede = models.CharField("sede", max_length=200, blank=True)
    cuarteles = models.ManyToManyField(Cuartel, verbose_name="cuarteles convocados", blank=True)
    asistentes = models.ManyToManyField(
        JefeManzana, verbose_name="asistentes", through="AsistenciaCapacitacion", related_name="capacitaciones"
    )

    class Meta:
        verbose_name = "capacitación"
        verbose_name_plural = "capacitaciones"
        ordering = ["-fecha", "tema"]

    def __str__(self) -> str:
        return f"{self.tema} ({self.fecha:%d/%m/%Y})"


class AsistenciaCapacitacion(models.Model):
    capacitacion = models.ForeignKey(Capacitacion, on_delete=models.CASCADE, related_name="asistencias")
    jefe = models.ForeignKey(JefeManzana, on_delete=models.CASCADE, related_name="asistencias_capacitacion")
    registrada = models.DateTimeField("registrada", auto_now_add=True)

    class Meta:
        verbose_name = "asistencia a capacitación"
        verbose_name_plural = "asistencias a capacitaciones"
        constraints = [
            models.UniqueConstraint(
                fields=["capacitacion", "jefe"],
                name="asistencia_capacitacion_unica",
                violation_error_message="La asistencia de ese Jefe de Manzana ya está registrada en la capacitación.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jefe_id} · {self.capacitacion_id}"


class EventoJefes(models.Model):
    """Events of the padrón: Día del Jefe de Manzana, tomas de protesta, reuniones."""

    class Tipo(models.TextChoices):
        DIA_JEFE_MANZANA = "dia_jefe_manzana", "Día del Jefe de Manzana"
        TOMA_PROTESTA = "toma_protesta", "Toma de protesta"
        REUNION = "reunion", "Reunión de trabajo"
        OTRO = "otro", "Otro"

    tipo = models.CharField("tipo", max_length=30, choices=Tipo.choices)
    nombre = models.CharField("nombre", max_length=200)
    fecha = models.DateField("fecha")
    sede = models.CharField("sede", max_length=200, blank=True)
    asistentes = models.ManyToManyField(
        JefeManzana, verbose_name="asistentes", through="AsistenciaEvento", related_name="eventos"
    )

    class Meta:
        verbose_name = "evento de Jefes de Manzana"
        verbose_name_plural = "eventos de Jefes de Manzana"
        ordering = ["-fecha", "nombre"]

    def __str__(self) -> str:
        return f"{self.nombre} ({self.fecha:%d/%m/%Y})"


class AsistenciaEvento(models.Model):
    evento = models.ForeignKey(EventoJefes, on_delete=models.CASCADE, related_name="asistencias")
    jefe = models.ForeignKey(JefeManzana, on_delete=models.CASCADE, related_name="asistencias_evento")
    registrada = models.DateTimeField("registrada", auto_now_add=True)

    class Meta:
        verbose_name = "asistencia a evento"
        verbose_name_plural = "asistencias a eventos"
        constraints = [
            models.UniqueConstraint(
                fields=["evento", "jefe"],
                name="asistencia_evento_unica",
                violation_error_message="La asistencia de ese Jefe de Manzana ya está registrada en el evento.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.jefe_id} · {self.evento_id}"


def _ruta_documento(instancia: "DocumentoExpediente", nombre: str) -> str:
    extension = nombre.rsplit(".", 1)[-1].lower() if "." in nombre else "bin"
    return f"jefes_manzana/expedientes/{instancia.jefe_id}/{secrets.token_hex(8)}.{extension}"


class DocumentoExpediente(models.Model):
    class Tipo(models.TextChoices):
        INE = "ine", "Credencial para votar (INE)"
        COMPROBANTE_DOMICILIO = "comprobante_domicilio", "Comprobante de domicilio"
        CURP = "curp", "CURP"
        ACTA_NACIMIENTO = "acta_nacimiento", "Acta de nacimiento"
        ACTA_ASAMBLEA = "acta_asamblea", "Acta de asamblea vecinal"
        FOTOGRAFIA = "fotografia", "Fotografía"
        OTRO = "otro", "Otro"

    EXTENSIONES = ["pdf", "jpg", "jpeg", "png"]
    TAMANO_MAXIMO = 5 * 1024 * 1024

    jefe = models.ForeignKey(JefeManzana, on_delete=models.CASCADE, related_name="documentos")
    tipo = models.CharField("tipo de documento", max_length=30, choices=Tipo.choices)
    descripcion = models.CharField("descripción", max_length=200, blank=True)
    archivo = models.FileField("archivo", upload_to=_ruta_documento, validators=[FileExtensionValidator(EXTENSIONES)])
    nombre_original = models.CharField("nombre del archivo", max_length=200, blank=True)
    subido = models.DateTimeField("subido", auto_now_add=True)
    subido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="subido por", on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = "documento del expediente"
        verbose_name_plural = "documentos del expediente"
        ordering = ["tipo", "-subido"]

    def __str__(self) -> str:
        return f"{self.get_tipo_display()} · {self.jefe}"


class ContrasenaTemporal(models.Model):
    """A user whose password was set by someone else and must change it at the next request.

    Works for any user (not only Jefes de Manzana): sirc.middleware.CambioContrasenaObligatorio sends
    them to the password change page until they change it.
    """

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="usuario", on_delete=models.CASCADE, related_name="contrasena_temporal"
    )
    debe_cambiar = models.BooleanField("debe cambiar su contraseña", default=True)
    asignada = models.DateTimeField("contraseña temporal asignada", default=timezone.now)
    cambiada = models.DateTimeField("cambiada el", null=True, blank=True)

    class Meta:
        verbose_name = "contraseña temporal"
        verbose_name_plural = "contraseñas temporales"

    def __str__(self) -> str:
        return f"{self.usuario} · {'pendiente' if self.debe_cambiar else 'cambiada'}"


class LotePdf(models.Model):
    """A big PDF (credentials or nombramientos of many Jefes) made by Celery; its owner downloads it.

    A request never renders thousands of cards (the whole padrón took 70 s, past gunicorn's timeout):
    the POST creates the batch, the task renders it counting progress, the status page polls.
    """

    class Tipo(models.TextChoices):
        CREDENCIALES = "credenciales", "Credenciales"
        NOMBRAMIENTOS = "nombramientos", "Nombramientos"

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", "En espera de turno"
        PROCESANDO = "procesando", "Generando"
        TERMINADO = "terminado", "Listo para descargar"
        FALLIDO = "fallido", "Falló"

    usuario = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lotes_pdf")
    tipo = models.CharField(max_length=20, choices=Tipo.choices)
    jefes = models.JSONField("ids de los Jefes, en orden de impresión", default=list)
    total = models.PositiveIntegerField(default=0)
    hechos = models.PositiveIntegerField(default=0)
    estado = models.CharField(max_length=12, choices=Estado.choices, default=Estado.PENDIENTE)
    archivo = models.FileField(upload_to="lotes_pdf/", blank=True)
    error = models.TextField(blank=True)
    creado = models.DateTimeField(default=timezone.now)
    terminado = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lote de PDF"
        verbose_name_plural = "lotes de PDF"
        ordering = ["-creado"]

    def __str__(self) -> str:
        return f"{self.get_tipo_display()} ({self.total}) · {self.get_estado_display()}"

    @property
    def porcentaje(self) -> int:
        return 100 if not self.total else min(100, self.hechos * 100 // self.total)

    @property
    def en_marcha(self) -> bool:
        return self.estado in (self.Estado.PENDIENTE, self.Estado.PROCESANDO)
