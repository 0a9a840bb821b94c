from .catalogos import Canal, Categoria, Colonia, Direccion, Evento, TipoPeticion
from .dia_inhabil import DiaInhabil
from .evidencia import Evidencia
from .notificacion import Notificacion
from .peticion import Ciudadano, ContadorFolio, EventoBitacora, Peticion
from .seguimiento import EvaluacionCiudadana, LlamadaSeguimiento, VisitaDomiciliaria
from .usuarios import EnlaceDeDireccion, RolDeUsuario, UsuarioHistorial

__all__ = [
    "Canal",
    "Categoria",
    "Ciudadano",
    "Colonia",
    "ContadorFolio",
    "DiaInhabil",
    "Direccion",
    "EnlaceDeDireccion",
    "EvaluacionCiudadana",
    "Evento",
    "EventoBitacora",
    "Evidencia",
    "LlamadaSeguimiento",
    "Notificacion",
    "Peticion",
    "RolDeUsuario",
    "TipoPeticion",
    "UsuarioHistorial",
    "VisitaDomiciliaria",
]
