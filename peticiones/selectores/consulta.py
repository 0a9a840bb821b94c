"""The citizen's public folio lookup: find by folio + last 4 phone digits, and a timeline without personal data."""

import hmac
from dataclasses import dataclass
from datetime import datetime

from ..models import EventoBitacora, Peticion
from .busqueda import buscar_folio

# What the citizen reads for each state; "improcedente" is never worded as attended.
ESTADO_PUBLICO = {
    Peticion.Estado.RECIBIDA: "Recibida",
    Peticion.Estado.TURNADA: "Turnada a la dirección responsable",
    Peticion.Estado.EN_PROCESO: "En proceso",
    Peticion.Estado.ATENDIDA: "Atendida",
    Peticion.Estado.CERRADA: "Atendida y cerrada",
    Peticion.Estado.IMPROCEDENTE: "No es posible atender (improcedente)",
    Peticion.Estado.CANCELADA: "Cancelada",
    Peticion.Estado.DUPLICADA: "Duplicada",
}


@dataclass(frozen=True)
class Hito:
    fecha: datetime
    texto: str


def buscar(folio: str, ultimos4: str) -> Peticion | None:
    """The request if folio and phone digits match; None otherwise (the caller answers the same either way)."""
    peticion = buscar_folio(
        Peticion.objects.select_related("ciudadano", "direccion", "categoria").prefetch_related("solicitantes"),
        folio,
    )
    telefonos = []
    if peticion is not None:
        telefonos = [c.telefono for c in [peticion.ciudadano, *peticion.solicitantes.all()] if c and c.telefono]
    coincide = False
    for telefono in telefonos or ["----"]:  # always one comparison, so a missing folio costs the same
        coincide |= hmac.compare_digest(telefono[-4:].encode(), (ultimos4 or "").encode())
    return peticion if peticion is not None and telefonos and coincide else None


def linea_de_tiempo(peticion: Peticion) -> list[Hito]:
    """Public milestones: reception plus every public event's public text (never notes, names or phones)."""
    hitos = [Hito(peticion.fecha_recepcion, f"Recibida ({peticion.categoria.nombre})")]
    eventos = peticion.bitacora.filter(publico=True, tipo__in=[EventoBitacora.Tipo.CAMBIO_ESTADO]).order_by(
        "fecha", "pk"
    )
    for evento in eventos:
        texto = (evento.datos or {}).get("texto_publico")
        if texto:
            hitos.append(Hito(evento.fecha, texto))
    return hitos
