"""A citizen's report from the public «Reporta» page, through the one capture path (`capturar`): folio,
dirección by category, plazo / 24-hour policy, consent, acuse. Or, when what they report is already
reported nearby, the citizen joins that folio as another requester and is told when it is closed."""

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from ..bitacora import registrar_evento
from ..canales import SITIO_WEB, TIPO_DENUNCIA, TIPO_PETICION, canal, cuenta_de_servicio, tipo
from ..evidencias import guardar_fotos
from ..models import Categoria, Colonia, EventoBitacora, Peticion
from .captura import DatosCiudadano, anotar_posibles_duplicados, capturar, vincular_solicitante

USUARIO = "canal.sitio-web"


def cuenta() -> object:
    return cuenta_de_servicio(USUARIO, "Página «Reporta»")


@dataclass(frozen=True)
class Reporte:
    categoria: Categoria
    colonia: Colonia
    descripcion: str
    calle: str = ""
    referencias: str = ""
    latitud: Decimal | None = None
    longitud: Decimal | None = None
    nombre: str = ""
    apellidos: str = ""
    telefono: str = ""
    correo: str = ""
    foto: tuple[UploadedFile, str, str] | None = None  # validated: (archivo, tipo, extensión)
    clave_idempotencia: uuid.UUID | None = None
    respuestas: dict = field(default_factory=dict)  # the category's questions, validated

    @property
    def ciudadano(self) -> DatosCiudadano | None:
        if not (self.nombre or self.telefono or self.correo):
            return None
        return DatosCiudadano(
            nombre=self.nombre,
            apellidos=self.apellidos,
            telefono=self.telefono,
            correo=self.correo,
            colonia=self.colonia,
            acepta_aviso=True,  # the form requires the consent checkbox
        )


def reportar(reporte: Reporte) -> Peticion:
    """Capture the report (idempotent on its key); its photo becomes the request's first evidence."""
    usuario = cuenta()
    ciudadano = reporte.ciudadano
    with transaction.atomic():
        previa = Peticion.objects.filter(clave_idempotencia=reporte.clave_idempotencia).first()
        if previa is not None and reporte.clave_idempotencia is not None:
            return previa
        peticion = capturar(
            usuario=usuario,
            categoria=reporte.categoria,
            colonia=reporte.colonia,
            descripcion=reporte.descripcion,
            ciudadano=ciudadano,
            tipo=tipo(TIPO_PETICION if ciudadano is not None else TIPO_DENUNCIA),
            canal=canal(SITIO_WEB),
            calle=reporte.calle,
            referencias=reporte.referencias,
            latitud=reporte.latitud,
            longitud=reporte.longitud,
            clave_idempotencia=reporte.clave_idempotencia,
            respuestas=reporte.respuestas,
        )
        if reporte.foto is not None:
            guardadas = guardar_fotos(peticion, None, [reporte.foto])
            registrar_evento(
                peticion,
                EventoBitacora.Tipo.EVIDENCIA,
                "Foto enviada por el ciudadano con su reporte.",
                usuario=usuario,
                evidencias=[e.pk for e in guardadas],
            )
        anotar_posibles_duplicados(peticion, usuario)
    return peticion


def seguir(peticion: Peticion, reporte: Reporte) -> Peticion:
    """«Ya está reportado: sígalo»: the citizen joins the open folio; they are told when it is resolved."""
    ciudadano = reporte.ciudadano
    if ciudadano is None:
        raise ValueError("Para seguir un reporte se necesitan el nombre y el teléfono.")
    return vincular_solicitante(
        peticion=peticion,
        usuario=cuenta(),
        ciudadano=ciudadano,
        canal=canal(SITIO_WEB),
        nota=reporte.descripcion,
        clave_idempotencia=reporte.clave_idempotencia,
    )
