"""When a request is due. One function so the business-hours rule can replace it in one place."""

from datetime import datetime, timedelta

from .models import Categoria


def calcular_fecha_limite(categoria: Categoria, desde: datetime) -> datetime:
    """Reception + the category's plazo, counted in calendar hours."""
    return desde + timedelta(hours=categoria.plazo_horas)
