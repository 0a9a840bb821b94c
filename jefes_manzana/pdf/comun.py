"""Shared bits of the padrón's PDFs: colours, dates in Spanish, photos."""

from datetime import date
from functools import lru_cache

from django.conf import settings
from django.urls import reverse
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader

from ..models import JefeManzana

GUINDA = HexColor("#6d1a36")
GRIS = HexColor("#5c6370")
MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre"]  # fmt: skip


def fecha_larga(fecha: date) -> str:
    return f"{fecha.day} de {MESES[fecha.month - 1]} de {fecha.year}"


def url_verificacion(jefe: JefeManzana) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("verificar_credencial", args=[jefe.token_verificacion])


@lru_cache(maxsize=64)
def _imagen(ruta: str) -> ImageReader | None:
    try:
        return ImageReader(ruta)
    except Exception:  # a missing or damaged photo must not stop a whole sheet
        return None


def foto_de(jefe: JefeManzana) -> ImageReader | None:
    if not jefe.foto:
        return None
    try:
        return _imagen(jefe.foto.path)
    except (ValueError, NotImplementedError):
        return None
