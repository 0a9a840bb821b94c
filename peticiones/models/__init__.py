from .catalogos import Canal, Categoria, Colonia, Direccion, Evento, TipoPeticion
from .dia_inhabil import DiaInhabil
from .evidencia import Evidencia
from .notificacion import Notificacion
from .peticion import Ciudadano, ContadorFolio, EventoBitacora, Peticion

__all__ = [
    "Canal",
    "Categoria",
    "Ciudadano",
    "Colonia",
    "ContadorFolio",
    "DiaInhabil",
    "Direccion",
    "Evento",
    "EventoBitacora",
    "Evidencia",
    "Notificacion",
    "Peticion",
    "TipoPeticion",
]
