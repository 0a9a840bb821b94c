from .catalogos import Canal, Categoria, Colonia, Direccion, Evento, TipoPeticion
from .dia_inhabil import DiaInhabil
from .evidencia import Evidencia
from .notificacion import Notificacion
from .open311 import ClaveApi, PreguntaServicio, SolicitudOpen311
from .peticion import Ciudadano, ContadorFolio, EventoBitacora, Peticion
from .seguimiento import EvaluacionCiudadana, LlamadaSeguimiento, VisitaDomiciliaria
from .tramites import Tramite
from .whatsapp import ConversacionWhatsApp, MensajeWhatsApp

__all__ = [
    "Canal",
    "Categoria",
    "Ciudadano",
    "ClaveApi",
    "Colonia",
    "ContadorFolio",
    "ConversacionWhatsApp",
    "DiaInhabil",
    "Direccion",
    "EvaluacionCiudadana",
    "Evento",
    "EventoBitacora",
    "Evidencia",
    "LlamadaSeguimiento",
    "MensajeWhatsApp",
    "Notificacion",
    "Peticion",
    "PreguntaServicio",
    "SolicitudOpen311",
    "TipoPeticion",
    "Tramite",
    "VisitaDomiciliaria",
]
