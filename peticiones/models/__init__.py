from .catalogos import Canal, Categoria, Colonia, Direccion, Evento, TipoPeticion
from .peticion import Ciudadano, ContadorFolio, EventoBitacora, Peticion

__all__ = [
    "Canal",
    "Categoria",
    "Ciudadano",
    "Colonia",
    "ContadorFolio",
    "Direccion",
    "Evento",
    "EventoBitacora",
    "Peticion",
    "TipoPeticion",
]
