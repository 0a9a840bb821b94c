from .catalogos import Canal, Categoria, Colonia, Direccion, Evento, TipoPeticion
from .dia_inhabil import DiaInhabil
from .evidencia import Evidencia
from .notificacion import Notificacion
from .peticion import Ciudadano, ContadorFolio, EventoBitacora, Peticion, SolicitanteDePeticion
from .privacidad import AvisoPrivacidad, Consentimiento, SolicitudArco
from .seguimiento import EvaluacionCiudadana, LlamadaSeguimiento, VisitaDomiciliaria
from .usuarios import EnlaceDeDireccion, RolDeUsuario, UsuarioHistorial

__all__ = [
    "AvisoPrivacidad",
    "Canal",
    "Categoria",
    "Ciudadano",
    "Colonia",
    "Consentimiento",
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
    "SolicitanteDePeticion",
    "SolicitudArco",
    "TipoPeticion",
    "UsuarioHistorial",
    "VisitaDomiciliaria",
]
