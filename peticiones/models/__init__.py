from .catalogos import Canal, Categoria, Colonia, Direccion, Evento, TipoPeticion
from .demo import RegistroDemo
from .dia_inhabil import DiaInhabil
from .evidencia import Evidencia
from .notificacion import Notificacion
from .open311 import ClaveApi, PreguntaServicio, SolicitudOpen311
from .peticion import Ciudadano, ContadorFolio, EventoBitacora, Peticion, SolicitanteDePeticion
from .privacidad import AvisoPrivacidad, Consentimiento, SolicitudArco
from .reclamo import Reclamo
from .seguimiento import EvaluacionCiudadana, LlamadaSeguimiento, VisitaDomiciliaria
from .tramites import Tramite
from .usuarios import EnlaceDeDireccion, RolDeUsuario, UsuarioHistorial
from .whatsapp import ConversacionWhatsApp, MensajeWhatsApp

__all__ = [
    "AvisoPrivacidad",
    "Canal",
    "Categoria",
    "Ciudadano",
    "ClaveApi",
    "Colonia",
    "Consentimiento",
    "ContadorFolio",
    "ConversacionWhatsApp",
    "DiaInhabil",
    "Direccion",
    "EnlaceDeDireccion",
    "EvaluacionCiudadana",
    "Evento",
    "EventoBitacora",
    "Evidencia",
    "LlamadaSeguimiento",
    "MensajeWhatsApp",
    "Notificacion",
    "Peticion",
    "PreguntaServicio",
    "Reclamo",
    "RegistroDemo",
    "RolDeUsuario",
    "SolicitanteDePeticion",
    "SolicitudArco",
    "SolicitudOpen311",
    "TipoPeticion",
    "Tramite",
    "UsuarioHistorial",
    "VisitaDomiciliaria",
]
