"""The PAT/MIR of the Dirección de Atención Ciudadana: programme, activities, monthly goals, indicators,
the issued monthly reports (immutable, versioned) and the background exports.

Indicator *values* are never stored here: `indicadores.calculo` computes them from live data.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from sirc.fechas import MESES, MESES_CORTOS
from sirc.historial import seguir

# The keys SIRC knows how to compute. `indicadores.calculo` adds each series and calculation as it defines
# it (the app config imports it when ready), so these models validate a key without importing the
# calculations that read them.
SERIES_CONOCIDAS: set[str] = set()
CALCULOS_CONOCIDOS: set[str] = set()


@seguir()
class Programa(models.Model):
    """One year's Programa Anual de Trabajo: the MIR's "Datos del Programa" and "Alineación"."""

    anio = models.PositiveSmallIntegerField("año", unique=True)
    nombre = models.CharField("programa presupuestario", max_length=200)
    municipio = models.CharField("municipio", max_length=100, default="Veracruz, Ver.")
    unidad_responsable = models.CharField("unidad responsable", max_length=200)
    titular = models.CharField("titular de la unidad responsable", max_length=200, blank=True)
    enfoque_transversal = models.CharField("enfoque transversal", max_length=150, blank=True)
    eje = models.CharField("nombre del eje", max_length=150)
    objetivo = models.TextField("objetivo del eje")
    objetivo_pmd = models.TextField("objetivo del PMD", blank=True)
    estrategia = models.TextField("estrategia", blank=True)
    plan_estatal = models.CharField("alineación al Plan Estatal de Desarrollo", max_length=200, blank=True)
    plan_nacional = models.CharField("alineación al Plan Nacional de Desarrollo", max_length=200, blank=True)
    programa_sectorial = models.CharField("programa sectorial", max_length=200, blank=True)
    ods = models.CharField("Objetivos de Desarrollo Sostenible vinculados", max_length=100, blank=True)
    finalidad = models.CharField("finalidad", max_length=150, blank=True)
    funcion = models.CharField("función", max_length=150, blank=True)
    subfuncion = models.CharField("subfunción", max_length=150, blank=True)
    actividad_institucional = models.CharField("actividad institucional", max_length=150, blank=True)

    class Meta:
        verbose_name = "programa anual de trabajo"
        verbose_name_plural = "programas anuales de trabajo"
        ordering = ["-anio"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anio__gte=2000),
                name="programa_anio_valido",
                violation_error_message="El año del programa debe ser 2000 o posterior.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nombre} {self.anio}"


@seguir()
class Actividad(models.Model):
    """A row of the PAT's "Metas" and "Calendario de Actividades"."""

    programa = models.ForeignKey(
        Programa, verbose_name="programa", on_delete=models.CASCADE, related_name="actividades"
    )
    numero = models.PositiveSmallIntegerField("número")
    descripcion = models.TextField("descripción de la actividad")
    unidad_medida = models.CharField("unidad de medida", max_length=150, blank=True)
    meta_cuantitativa = models.DecimalField(
        "meta cuantitativa", max_digits=12, decimal_places=2, null=True, blank=True, help_text="Columna «Metas»."
    )
    meta_anual = models.DecimalField(
        "meta anual (total del calendario)",
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        help_text="Columna «Total» del Calendario de Actividades.",
    )
    responsables = models.TextField("responsables", blank=True)
    serie = models.CharField(
        "serie que mide lo realizado",
        max_length=40,
        blank=True,
        help_text="Qué dato de SIRC cuenta lo realizado cada mes (vacío: no se mide).",
    )
    serie_referencia = models.CharField(
        "serie de referencia (numerador «x/…»)",
        max_length=40,
        blank=True,
        help_text="Como en el PAT: «atendidas/recibidas». Vacío si la celda lleva un solo número.",
    )

    class Meta:
        verbose_name = "actividad del calendario"
        verbose_name_plural = "actividades del calendario"
        ordering = ["programa", "numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["programa", "numero"],
                name="actividad_numero_unico_por_programa",
                violation_error_message="El programa ya tiene una actividad con ese número.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.numero}. {self.descripcion[:80]}"

    def clean(self) -> None:
        for campo in ("serie", "serie_referencia"):
            valor = getattr(self, campo)
            if valor and valor not in SERIES_CONOCIDAS:
                raise ValidationError({campo: f"«{valor}» no es una serie conocida de SIRC."})


@seguir()
class MetaMensual(models.Model):
    """One cell of the Calendario de Actividades (what the PAT programmes for that month)."""

    actividad = models.ForeignKey(Actividad, verbose_name="actividad", on_delete=models.CASCADE, related_name="metas")
    mes = models.PositiveSmallIntegerField("mes", validators=[MinValueValidator(1), MaxValueValidator(12)])
    cantidad = models.DecimalField("cantidad programada", max_digits=12, decimal_places=2, default=Decimal(0))
    referencia = models.DecimalField(
        "referencia (primer número de «x/y»)", max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = "meta mensual"
        verbose_name_plural = "metas mensuales (calendario)"
        ordering = ["actividad", "mes"]
        constraints = [
            models.UniqueConstraint(
                fields=["actividad", "mes"],
                name="meta_mensual_unica",
                violation_error_message="La actividad ya tiene meta para ese mes.",
            ),
            models.CheckConstraint(
                condition=models.Q(mes__gte=1, mes__lte=12),
                name="meta_mensual_mes_valido",
                violation_error_message="El mes va de 1 a 12.",
            ),
            models.CheckConstraint(
                condition=models.Q(cantidad__gte=0),
                name="meta_mensual_no_negativa",
                violation_error_message="La cantidad programada no puede ser negativa.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actividad.numero} · {MESES_CORTOS[self.mes - 1]}"


@seguir()
class Indicador(models.Model):
    """A row of the Matriz de Indicadores para Resultados."""

    class Nivel(models.TextChoices):
        FIN = "fin", "Fin"
        PROPOSITO = "proposito", "Propósito"
        COMPONENTE = "componente", "Componente"
        ACTIVIDAD = "actividad", "Actividad"

    class Tipo(models.TextChoices):
        GESTION = "gestion", "Gestión"
        ESTRATEGICO = "estrategico", "Estratégico"

    class Dimension(models.TextChoices):
        EFICACIA = "eficacia", "Eficacia"
        EFICIENCIA = "eficiencia", "Eficiencia"
        CALIDAD = "calidad", "Calidad"
        ECONOMIA = "economia", "Economía"

    class Sentido(models.TextChoices):
        ASCENDENTE = "ascendente", "Ascendente"
        DESCENDENTE = "descendente", "Descendente"
        CONSTANTE = "constante", "Constante"

    class Frecuencia(models.TextChoices):
        MENSUAL = "mensual", "Mensual"
        TRIMESTRAL = "trimestral", "Trimestral"
        SEMESTRAL = "semestral", "Semestral"
        ANUAL = "anual", "Anual"

    MESES_POR_FRECUENCIA = {"mensual": 1, "trimestral": 3, "semestral": 6, "anual": 12}

    programa = models.ForeignKey(
        Programa, verbose_name="programa", on_delete=models.CASCADE, related_name="indicadores"
    )
    actividad = models.ForeignKey(
        Actividad,
        verbose_name="actividad del calendario",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicadores",
    )
    orden = models.PositiveSmallIntegerField("orden")
    nivel = models.CharField("nivel", max_length=20, choices=Nivel.choices, default=Nivel.ACTIVIDAD)
    resumen_narrativo = models.TextField("resumen narrativo")
    nombre = models.CharField("nombre del indicador", max_length=200)
    metodo_calculo = models.CharField("método de cálculo", max_length=250)
    tipo = models.CharField("tipo", max_length=20, choices=Tipo.choices, default=Tipo.GESTION)
    dimension = models.CharField("dimensión", max_length=20, choices=Dimension.choices)
    sentido = models.CharField("sentido", max_length=20, choices=Sentido.choices)
    frecuencia = models.CharField("frecuencia", max_length=20, choices=Frecuencia.choices)
    linea_base = models.DecimalField("línea base", max_digits=12, decimal_places=2)
    meta = models.DecimalField("meta", max_digits=12, decimal_places=2)
    medios_verificacion = models.CharField("medios de verificación", max_length=250)
    supuestos = models.TextField("supuestos", blank=True)
    calculo = models.CharField(
        "cálculo en SIRC",
        max_length=40,
        help_text="Cómo calcula SIRC el valor del indicador a partir de sus datos.",
    )
    umbral_verde = models.DecimalField(
        "semáforo verde desde (% de cumplimiento)", max_digits=5, decimal_places=2, default=Decimal(90)
    )
    umbral_amarillo = models.DecimalField(
        "semáforo amarillo desde (% de cumplimiento)", max_digits=5, decimal_places=2, default=Decimal(70)
    )

    class Meta:
        verbose_name = "indicador"
        verbose_name_plural = "indicadores (MIR)"
        ordering = ["programa", "orden"]
        constraints = [
            models.UniqueConstraint(
                fields=["programa", "orden"],
                name="indicador_orden_unico_por_programa",
                violation_error_message="El programa ya tiene un indicador con ese orden.",
            ),
            models.CheckConstraint(
                condition=models.Q(umbral_amarillo__lte=models.F("umbral_verde")),
                name="indicador_umbrales_ordenados",
                violation_error_message="El umbral amarillo no puede ser mayor que el verde.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nombre} ({self.programa.anio})"

    def clean(self) -> None:
        if self.calculo and self.calculo not in CALCULOS_CONOCIDOS:
            raise ValidationError({"calculo": f"«{self.calculo}» no es un cálculo conocido de SIRC."})
        verde, amarillo = self.umbral_verde, self.umbral_amarillo
        if verde is not None and amarillo is not None and amarillo > verde:
            raise ValidationError({"umbral_amarillo": "El umbral amarillo no puede ser mayor que el verde."})

    @property
    def meses_del_periodo(self) -> int:
        return self.MESES_POR_FRECUENCIA[self.frecuencia]


def _ruta_reporte(instance: "ReporteMensual", filename: str) -> str:
    return f"indicadores/mir/{instance.anio}/{filename}"


class ReporteMensual(models.Model):
    """An issued monthly MIR report: the PDF file and its SHA-256. Never changes once written."""

    programa = models.ForeignKey(Programa, verbose_name="programa", on_delete=models.PROTECT, related_name="reportes")
    anio = models.PositiveSmallIntegerField("año")
    mes = models.PositiveSmallIntegerField("mes", validators=[MinValueValidator(1), MaxValueValidator(12)])
    version = models.PositiveSmallIntegerField("versión")
    archivo = models.FileField("archivo PDF", upload_to=_ruta_reporte, max_length=250)
    sha256 = models.CharField("SHA-256", max_length=64)
    tamano = models.PositiveIntegerField("tamaño (bytes)")
    emitido = models.DateTimeField("emitido el")
    emitido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="emitido por",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Vacío: lo emitió la tarea automática del día 1.",
    )
    datos = models.JSONField("cifras del reporte", default=dict, blank=True)

    class Meta:
        verbose_name = "reporte MIR emitido"
        verbose_name_plural = "reportes MIR emitidos"
        ordering = ["-anio", "-mes", "-version"]
        permissions = [("emitir_reporte", "Emitir una nueva versión del reporte MIR mensual")]
        constraints = [
            models.UniqueConstraint(
                fields=["anio", "mes", "version"],
                name="reporte_version_unica",
                violation_error_message="Esa versión del reporte del mes ya existe.",
            ),
            models.CheckConstraint(
                condition=models.Q(mes__gte=1, mes__lte=12),
                name="reporte_mes_valido",
                violation_error_message="El mes va de 1 a 12.",
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1),
                name="reporte_version_positiva",
                violation_error_message="La versión debe ser 1 o mayor.",
            ),
        ]

    def __str__(self) -> str:
        return f"MIR {MESES[self.mes - 1]} {self.anio} v{self.version}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValidationError("Un reporte emitido no se modifica: emita una nueva versión.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Un reporte emitido no se borra: es parte del archivo de la dirección.")

    @property
    def periodo_texto(self) -> str:
        return f"{MESES[self.mes - 1]} {self.anio}"

    @property
    def automatico(self) -> bool:
        return self.emitido_por_id is None


def _ruta_exportacion(instance: "Exportacion", filename: str) -> str:
    return f"indicadores/exportaciones/{instance.usuario_id}/{filename}"


class Exportacion(models.Model):
    """A large export produced in the background; its owner downloads the file when it is ready."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", "En cola"
        PROCESANDO = "procesando", "Generándose"
        LISTA = "lista", "Lista para descargar"
        ERROR = "error", "Falló"

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="solicitada por", on_delete=models.CASCADE, related_name="+"
    )
    tabla = models.CharField("tabla", max_length=40)
    formato = models.CharField("formato", max_length=4, choices=[("csv", "CSV"), ("xlsx", "XLSX")])
    filtros = models.JSONField("filtros", default=dict, blank=True)
    estado = models.CharField("estado", max_length=12, choices=Estado.choices, default=Estado.PENDIENTE)
    filas = models.PositiveIntegerField("filas", default=0)
    archivo = models.FileField("archivo", upload_to=_ruta_exportacion, max_length=250, blank=True)
    error = models.TextField("error", blank=True)
    creada = models.DateTimeField("solicitada el", auto_now_add=True)
    iniciada = models.DateTimeField("iniciada el", null=True, blank=True)
    terminada = models.DateTimeField("terminada el", null=True, blank=True)

    class Meta:
        verbose_name = "exportación"
        verbose_name_plural = "exportaciones"
        ordering = ["-creada"]
        indexes = [models.Index(fields=["usuario", "-creada"], name="exportacion_usuario_creada")]

    def __str__(self) -> str:
        return f"{self.tabla}.{self.formato} ({self.get_estado_display()})"


class ConteoMensual(models.Model):
    """Per local month counters of requests, kept by a PostgreSQL trigger on peticiones_peticion in the same
    transaction as each INSERT / UPDATE / DELETE (see `indicadores.conteos`); rebuilt by
    `manage.py reconstruir_conteos`. The dashboard and the MIR read ~100 rows here instead of ~300,000 requests.

    Two kinds of rows (`dimension`): «c» by dirección × canal × evento, «l» by dirección × colonia (evento and
    canal 0 on «l» rows, colonia 0 on «c» rows; evento 0 = sin evento). `recibidas`, `atendidas_recibidas`,
    `a_tiempo` and `tarde` count the requests RECEIVED in `mes` (without duplicates); `atendidas` (only on «c»
    rows) counts those ATTENDED in `mes` (state atendida or cerrada). Empty in SQLite: there every figure is
    computed from the requests.
    """

    mes = models.DateField("mes (día 1, hora local)")
    dimension = models.CharField("dimensión", max_length=1)
    direccion_id = models.IntegerField("dirección")
    canal_id = models.IntegerField("canal", default=0)
    evento_id = models.IntegerField("evento", default=0)
    colonia_id = models.IntegerField("colonia", default=0)
    recibidas = models.IntegerField("recibidas", default=0)
    atendidas_recibidas = models.IntegerField("atendidas de las recibidas", default=0)
    a_tiempo = models.IntegerField("respondidas a tiempo", default=0)
    tarde = models.IntegerField("respondidas tarde", default=0)
    atendidas = models.IntegerField("atendidas en el mes", default=0)

    class Meta:
        verbose_name = "conteo mensual"
        verbose_name_plural = "conteos mensuales"
        constraints = [
            models.UniqueConstraint(
                fields=["mes", "dimension", "direccion_id", "canal_id", "evento_id", "colonia_id"],
                name="conteo_mensual_unico",
                violation_error_message="Ya hay un conteo de ese mes para esa combinación.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mes:%Y-%m} {self.dimension} d{self.direccion_id}"
