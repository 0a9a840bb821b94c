"""Export of every dashboard and MIR table to CSV/XLSX.

Small tables are written in the request. A table with more than `LIMITE_SINCRONO` rows becomes an
`Exportacion` processed by Celery; its owner downloads the file from «Mis exportaciones» when ready.
"""

import contextlib
import csv
import io
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db.models import Q, QuerySet
from django.utils import timezone
from openpyxl import Workbook

from peticiones import reclamos
from peticiones.models import Peticion, Reclamo
from sirc import cifras
from sirc.fechas import MESES_CORTOS
from sirc.hojas import fila_segura
from sirc.replica import en_replica

from . import tablero
from .filtros import Filtros
from .models import Exportacion

log = logging.getLogger(__name__)

LIMITE_SINCRONO = 50_000


def limite_sincrono() -> int:
    """Rows above which an export runs in the background (setting INDICADORES_LIMITE_EXPORTACION)."""
    return getattr(settings, "INDICADORES_LIMITE_EXPORTACION", LIMITE_SINCRONO)


@dataclass(frozen=True)
class Tabla:
    clave: str
    titulo: str
    columnas: list[str]
    filas: Callable[[Filtros, AbstractBaseUser], Iterable[list]]
    contar: Callable[[Filtros, AbstractBaseUser], int] | None = None  # only tables that may be large


def _num(valor):
    return cifras.plano(valor)


def _filas_por_mes(f: Filtros, usuario: AbstractBaseUser) -> Iterable[list]:
    for fila in tablero.por_mes(f.peticiones(usuario), f.desde, f.hasta):
        yield [fila["mes"].clave, fila["recibidas"], fila["atendidas"], _num(fila["porcentaje"])]


def _filas_por_direccion(f: Filtros, usuario: AbstractBaseUser) -> Iterable[list]:
    for fila in tablero.por_direccion(f.peticiones(usuario), f.inicio, f.fin, timezone.now()):
        yield [
            fila["direccion"],
            fila["recibidas"],
            fila["atendidas"],
            _num(fila["porcentaje"]),
            fila["vencidas"],
            fila["atendidas_en_periodo"],
            _num(fila["mediana_horas"]),
            _num(fila["p90_horas"]),
        ]


def _filas_por_canal(f: Filtros, usuario: AbstractBaseUser) -> Iterable[list]:
    for fila in tablero.por_canal(f.peticiones(usuario), f.inicio, f.fin, timezone.now()):
        yield [fila["canal"], fila["recibidas"], fila["atendidas"], _num(fila["porcentaje"]), fila["vencidas"]]


def _filas_por_colonia(f: Filtros, usuario: AbstractBaseUser) -> Iterable[list]:
    for fila in tablero.por_colonia(f.peticiones(usuario), f.inicio, f.fin, timezone.now()):
        yield [
            fila["colonia"],
            fila["sector"],
            fila["recibidas"],
            fila["atendidas"],
            _num(fila["porcentaje"]),
            fila["vencidas"],
        ]


def _peticiones_del_periodo(f: Filtros, usuario: AbstractBaseUser) -> QuerySet[Peticion]:
    return f.peticiones(usuario).filter(fecha_recepcion__gte=f.inicio, fecha_recepcion__lt=f.fin)


def _filas_peticiones(f: Filtros, usuario: AbstractBaseUser) -> Iterable[list]:
    ahora = timezone.now()
    estados = dict(Peticion.Estado.choices)
    qs = (
        _peticiones_del_periodo(f, usuario)
        .order_by("fecha_recepcion", "pk")
        .values_list(
            "folio",
            "fecha_recepcion",
            "canal__nombre",
            "tipo__nombre",
            "categoria__nombre",
            "direccion__nombre",
            "colonia__nombre",
            "estado",
            "fecha_limite",
            "fecha_atendida",
            "evento__nombre",
        )
    )
    for folio, recibida, canal, tipo, categoria, direccion, colonia, estado, limite, atendida, evento in qs.iterator(
        chunk_size=5000
    ):
        horas = round((atendida - recibida).total_seconds() / 3600, 1) if atendida else ""
        vencida = estado in Peticion.ABIERTOS and limite < ahora
        yield [
            folio,
            timezone.localtime(recibida).strftime("%Y-%m-%d %H:%M"),
            canal,
            tipo,
            categoria,
            direccion,
            colonia,
            estados.get(estado, estado),
            timezone.localtime(limite).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(atendida).strftime("%Y-%m-%d %H:%M") if atendida else "",
            horas,
            "sí" if vencida else "no",
            evento or "",
        ]


def _contar_peticiones(f: Filtros, usuario: AbstractBaseUser) -> int:
    return _peticiones_del_periodo(f, usuario).count()


def _filas_mir(f: Filtros, usuario: AbstractBaseUser) -> Iterable[list]:
    from .reporte import armar

    reporte = armar(f.hasta)
    for v in reporte.valores:
        i = v.indicador
        yield [
            i.get_nivel_display(),
            i.resumen_narrativo,
            i.nombre,
            i.metodo_calculo,
            i.get_tipo_display(),
            i.get_dimension_display(),
            i.get_sentido_display(),
            i.get_frecuencia_display(),
            i.linea_base,
            cifras.plano(v.meta_periodo if v.meta_periodo is not None else i.meta),
            v.periodo,
            v.valor_texto if v.sin_fuente or v.valor is None else cifras.plano(v.valor),
            _num(v.numerador),
            _num(v.denominador),
            _num(v.avance),
            v.semaforo or "sin semáforo",
            i.medios_verificacion,
            i.supuestos,
            v.definicion,
        ]


def _filas_calendario(f: Filtros, usuario: AbstractBaseUser) -> Iterable[list]:
    from .calendario import calendario
    from .models import Programa

    programa = Programa.objects.filter(anio=f.hasta.anio).first()
    if programa is None:
        return
    for fila in calendario(programa, hasta=f.hasta, plano=True):
        yield [fila.actividad.numero, fila.actividad.descripcion, "Programado", *fila.programado, fila.total_programado]
        yield [fila.actividad.numero, fila.actividad.descripcion, "Realizado", *fila.realizado, fila.total_realizado]


TABLAS: dict[str, Tabla] = {
    t.clave: t
    for t in [
        Tabla(
            "por_mes", "Recibidas y atendidas por mes", ["Mes", "Recibidas", "Atendidas", "% atendidas"], _filas_por_mes
        ),
        Tabla(
            "por_direccion",
            "Por dirección",
            [
                "Dirección",
                "Recibidas",
                "Atendidas (de las recibidas)",
                "% atendidas",
                "Vencidas abiertas",
                "Atendidas en el periodo",
                "Mediana de atención (h)",
                "Percentil 90 de atención (h)",
            ],
            _filas_por_direccion,
        ),
        Tabla(
            "por_canal",
            "Por canal",
            ["Canal", "Recibidas", "Atendidas", "% atendidas", "Vencidas abiertas"],
            _filas_por_canal,
        ),
        Tabla(
            "por_colonia",
            "Por colonia",
            ["Colonia", "Sector", "Recibidas", "Atendidas", "% atendidas", "Vencidas abiertas"],
            _filas_por_colonia,
        ),
        Tabla(
            "peticiones",
            "Peticiones del periodo",
            [
                "Folio",
                "Recibida",
                "Canal",
                "Tipo",
                "Categoría",
                "Dirección",
                "Colonia",
                "Estado",
                "Fecha límite",
                "Atendida",
                "Horas de atención",
                "Vencida",
                "Evento",
            ],
            _filas_peticiones,
            _contar_peticiones,
        ),
        Tabla(
            "mir",
            "Matriz de Indicadores para Resultados",
            [
                "Nivel",
                "Resumen narrativo",
                "Indicador",
                "Método de cálculo",
                "Tipo",
                "Dimensión",
                "Sentido",
                "Frecuencia",
                "Línea base",
                "Meta del periodo",
                "Periodo",
                "Valor",
                "Numerador",
                "Denominador",
                "Avance %",
                "Semáforo",
                "Medios de verificación",
                "Supuestos",
                "Definición",
            ],
            _filas_mir,
        ),
        Tabla(
            "calendario",
            "Calendario de Actividades",
            ["Actividad", "Descripción", "Fila", *MESES_CORTOS, "Total"],
            _filas_calendario,
        ),
    ]
}


def escribir(tabla: Tabla, filas: Iterable[list], formato: str) -> tuple[bytes, int]:
    """The file's bytes and its number of data rows. XLSX is written in streaming (write-only) mode."""
    n = 0
    if formato == "csv":
        texto = io.StringIO()
        escritor = csv.writer(texto)
        escritor.writerow(tabla.columnas)
        for fila in filas:
            escritor.writerow(fila_segura(fila))
            n += 1
        return texto.getvalue().encode("utf-8-sig"), n  # BOM: Excel opens accents correctly
    libro = Workbook(write_only=True)
    hoja = libro.create_sheet(tabla.titulo[:31])
    hoja.append(tabla.columnas)
    for fila in filas:
        hoja.append(fila_segura(fila))
        n += 1
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue(), n


def nombre_de_archivo(tabla: Tabla, filtros: Filtros, formato: str) -> str:
    return f"sirc-{tabla.clave}-{filtros.desde.clave}-a-{filtros.hasta.clave}.{formato}"


def es_grande(tabla: Tabla, filtros: Filtros, usuario: AbstractBaseUser) -> bool:
    return tabla.contar is not None and tabla.contar(filtros, usuario) > limite_sincrono()


def solicitar(tabla: Tabla, filtros: Filtros, formato: str, usuario: AbstractBaseUser) -> Exportacion:
    """Queue a background export, sent after commit; a broker down leaves it pending for the sweep."""
    exportacion = Exportacion.objects.create(
        usuario=usuario, tabla=tabla.clave, formato=formato, filtros=filtros.como_parametros()
    )
    _enviar(exportacion.pk)
    return exportacion


def _enviar(exportacion_id: int) -> None:
    from sirc.tareas import encolar_al_confirmar

    encolar_al_confirmar("indicadores.generar_exportacion", exportacion_id)


def _filtros_de(exportacion: Exportacion) -> Filtros:
    from .filtros import FiltroMapa, leer_filtros

    _form, filtros = leer_filtros(exportacion.filtros, FiltroMapa)
    return filtros


def procesar(exportacion_id: int) -> str:
    """Claim the export (pending → processing, one conditional UPDATE) and write its file."""
    ahora = timezone.now()
    tomada = Exportacion.objects.filter(pk=exportacion_id, estado=Exportacion.Estado.PENDIENTE).update(
        estado=Exportacion.Estado.PROCESANDO, iniciada=ahora
    )
    if not tomada:
        return "ya tomada"
    clave = f"exportacion:{exportacion_id}"
    dueno, _reclamo = reclamos.reclamar(clave)  # owner + lease: a dead worker's export returns in minutes
    exportacion = Exportacion.objects.select_related("usuario").get(pk=exportacion_id)
    try:
        tabla = TABLAS[exportacion.tabla]
        filtros = _filtros_de(exportacion)
        with (
            reclamos.latido(clave, dueno) if dueno else contextlib.nullcontext(),
            en_replica(),  # the rows only: the Exportacion row itself was just written on the primary
        ):
            contenido, filas = escribir(tabla, tabla.filas(filtros, exportacion.usuario), exportacion.formato)
        exportacion.archivo.save(
            nombre_de_archivo(tabla, filtros, exportacion.formato), ContentFile(contenido), save=False
        )
        exportacion.filas = filas
        exportacion.estado = Exportacion.Estado.LISTA
    except Exception as error:
        log.exception("Falló la exportación %s", exportacion_id)
        exportacion.estado = Exportacion.Estado.ERROR
        exportacion.error = f"No se pudo generar el archivo: {error}"
    exportacion.terminada = timezone.now()
    exportacion.save(update_fields=["archivo", "filas", "estado", "error", "terminada"])
    Reclamo.objects.filter(clave=clave).delete()
    return exportacion.get_estado_display()


def recoger_pendientes(antiguedad: timedelta = timedelta(minutes=2), abandono: timedelta = timedelta(hours=1)) -> int:
    """Send again exports pending for a while, and return abandoned ones to the queue: those whose lease
    expired or whose owner is a dead process of this host (minutes), or, without a lease, after `abandono`."""
    ahora = timezone.now()
    devueltas = []
    for pk, iniciada in Exportacion.objects.filter(estado=Exportacion.Estado.PROCESANDO).values_list("pk", "iniciada"):
        reclamo = Reclamo.objects.filter(clave=f"exportacion:{pk}").first()
        if reclamos.abandonado(reclamo) if reclamo else (iniciada is None or iniciada < ahora - abandono):
            devueltas += [pk] * Exportacion.objects.filter(pk=pk, estado=Exportacion.Estado.PROCESANDO).update(
                estado=Exportacion.Estado.PENDIENTE, iniciada=None
            )
    pendientes = list(
        Exportacion.objects.filter(estado=Exportacion.Estado.PENDIENTE)
        .filter(Q(creada__lt=ahora - antiguedad) | Q(pk__in=devueltas))
        .values_list("pk", flat=True)
    )
    for pk in pendientes:
        _enviar(pk)
    return len(pendientes)
