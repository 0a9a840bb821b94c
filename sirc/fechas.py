"""Dates in Spanish (es-MX) for PDFs, exports and titles: month names and "25 de noviembre de 2026"."""

from datetime import date, datetime

from django.utils import timezone

MESES = [
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
]  # fmt: skip
MESES_CORTOS = ["Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic"]


def fecha_larga(fecha: date) -> str:
    """'25 de noviembre de 2026'. A datetime must already be local (`timezone.localtime`)."""
    return f"{fecha.day} de {MESES[fecha.month - 1]} de {fecha.year}"


def nombre_mes(anio: int, mes: int) -> str:
    """'noviembre de 2026'."""
    return f"{MESES[mes - 1]} de {anio}"


def fecha_hora(momento: datetime) -> str:
    """'25/11/2026 09:30' in local time (America/Mexico_City): tables, PDFs, exports and the bitácora."""
    return timezone.localtime(momento).strftime("%d/%m/%Y %H:%M")
