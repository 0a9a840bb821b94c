from .catalogos import Canal, Categoria, Colonia, Direccion, Evento, TipoPeticion
from .dia_inhabil import DiaInhabil
from .evidencia import Evidencia
from .notificacion import Notificacion
from .peticion import Ciudadano, ContadorFolio, EventoBitacora, Peticion
from .seguimiento import EvaluacionCiudadana, LlamadaSeguimiento, VisitaDomiciliaria

__all__ = [
    "Canal",
    "Categoria",
    "Ciudadano",
    "Colonia",
    "ContadorFolio",
    "DiaInhabil",
    "Direccion",
    "EvaluacionCiudadana",
    "Evento",
    "EventoBitacora",
    "Evidencia",
    "LlamadaSeguimiento",
    "Notificacion",
    "Peticion",
    "TipoPeticion",
    "VisitaDomiciliaria",
]
