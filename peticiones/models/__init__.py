from .catalogos import Canal, Categoria, Colonia, Direccion, Evento, TipoPeticion
from .peticion import Ciudadano, ContadorFolio, EventoBitacora, Peticion
from .seguimiento import EvaluacionCiudadana, LlamadaSeguimiento, VisitaDomiciliaria

__all__ = [
    "Canal",
    "Categoria",
    "Ciudadano",
    "Colonia",
    "ContadorFolio",
    "Direccion",
    "EvaluacionCiudadana",
    "Evento",
    "EventoBitacora",
    "LlamadaSeguimiento",
    "Peticion",
    "TipoPeticion",
    "VisitaDomiciliaria",
]
