"""Helpers shared by the indicadores tests: requests with exact dates in Veracruz's local time."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from indicadores.calculo import valores_del_mes
from indicadores.models import Programa
from indicadores.periodos import Mes
from peticiones.models import Peticion

from .factories import CategoriaFactory, ColoniaFactory, PeticionFactory, UsuarioFactory

VERACRUZ = ZoneInfo("America/Mexico_City")


def local(anio: int, mes: int, dia: int, hora: int = 10, minuto: int = 0) -> datetime:
    return datetime(anio, mes, dia, hora, minuto, tzinfo=VERACRUZ)


def peticion(
    recibida: datetime, *, atendida: datetime | None = None, estado: str | None = None, plazo_horas: int = 24, **campos
) -> Peticion:
    """A request received at `recibida`, due `plazo_horas` later; attended at `atendida` if given."""
    # Shared catalog rows and capturista: creating a user (password hashing) per request is slow.
    datos = {
        "fecha_recepcion": recibida,
        "fecha_limite": recibida + timedelta(hours=plazo_horas),
        "capturada_por": UsuarioFactory(username="capturista-indicadores"),
        "ciudadano": None,
    }
    if "categoria" not in campos:
        datos["categoria"] = _categoria()
    if "colonia" not in campos:
        datos["colonia"] = _colonia()
    if atendida is not None:
        datos.update(estado=estado or Peticion.Estado.ATENDIDA, fecha_atendida=atendida, fecha_turnada=recibida)
    else:
        datos.update(estado=estado or Peticion.Estado.TURNADA, fecha_turnada=recibida)
    datos.update(campos)
    return PeticionFactory(**datos)


def _categoria():
    from peticiones.models import Categoria

    return Categoria.objects.filter(nombre="Categoría de indicadores").first() or CategoriaFactory(
        nombre="Categoría de indicadores"
    )


def _colonia():
    from peticiones.models import Colonia

    return Colonia.objects.filter(nombre="Colonia de indicadores").first() or ColoniaFactory(
        nombre="Colonia de indicadores"
    )


def valores_por_calculo(mes: Mes) -> dict:
    """The month's indicator values of its year's programme, by `calculo`."""
    return {v.indicador.calculo: v for v in valores_del_mes(Programa.objects.get(anio=mes.anio), mes)}
