"""Helpers shared by the indicadores tests: requests with exact dates in Veracruz's local time."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from peticiones.models import Peticion

from .factories import PeticionFactory

VERACRUZ = ZoneInfo("America/Mexico_City")


def local(anio: int, mes: int, dia: int, hora: int = 10, minuto: int = 0) -> datetime:
    return datetime(anio, mes, dia, hora, minuto, tzinfo=VERACRUZ)


def peticion(
    recibida: datetime, *, atendida: datetime | None = None, estado: str | None = None, plazo_horas: int = 24, **campos
) -> Peticion:
    """A request received at `recibida`, due `plazo_horas` later; attended at `atendida` if given."""
    datos = {"fecha_recepcion": recibida, "fecha_limite": recibida + timedelta(hours=plazo_horas)}
    if atendida is not None:
        datos.update(estado=estado or Peticion.Estado.ATENDIDA, fecha_atendida=atendida, fecha_turnada=recibida)
    else:
        datos.update(estado=estado or Peticion.Estado.TURNADA, fecha_turnada=recibida)
    datos.update(campos)
    return PeticionFactory(**datos)
