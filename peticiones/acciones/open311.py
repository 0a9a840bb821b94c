"""Open311 writes: the client applications' API keys, and a POSTed service request becoming a petición.

A POST goes through `capturar()` like a 072 call (folio, dirección by category, plazo / 24-hour policy,
citizen matched by phone, consent, acuse to the citizen), with the key's canal and its service account
as the one who captured it; possible duplicates are noted in the bitácora for whoever turns it.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ..bitacora import registrar_evento
from ..canales import TIPO_DENUNCIA, TIPO_PETICION, cuenta_de_servicio, tipo
from ..models import Canal, Categoria, ClaveApi, Colonia, EventoBitacora, SolicitudOpen311
from .captura import DatosCiudadano, anotar_posibles_duplicados, capturar

PREFIJO_CLAVE = "sirc"


def huella(clave: str) -> str:
    """SHA-256 of the key. Keys are 256 random bits, so a fast hash is enough (no dictionary to guess from)."""
    return hashlib.sha256(clave.encode()).hexdigest()


@transaction.atomic
def crear_clave(nombre: str, canal: Canal, *, aviso_en_la_app: bool = False) -> tuple[ClaveApi, str]:
    """A new key for the application `nombre`; returns the row and the key itself (shown once, never stored)."""
    nombre = (nombre or "").strip()
    if not nombre:
        raise ValueError("Escriba el nombre de la aplicación.")
    if ClaveApi.objects.filter(nombre=nombre).exists():
        raise ValueError(f"Ya hay una clave para «{nombre}»: revóquela antes de crear otra con ese nombre.")
    prefijo = secrets.token_hex(4)
    clave = f"{PREFIJO_CLAVE}_{prefijo}_{secrets.token_urlsafe(32)}"
    usuario = cuenta_de_servicio(f"api.{prefijo}", f"Aplicación {nombre}")
    fila = ClaveApi.objects.create(
        nombre=nombre,
        canal=canal,
        prefijo=prefijo,
        huella=huella(clave),
        aviso_en_la_app=aviso_en_la_app,
        usuario=usuario,
    )
    return fila, clave


def revocar_clave(clave: ClaveApi) -> ClaveApi:
    """The key stops working at once; its requests stay as they are. Its service account is deactivated."""
    with transaction.atomic():
        ClaveApi.objects.filter(pk=clave.pk).update(activa=False, revocada_en=timezone.now())
        type(clave.usuario).objects.filter(pk=clave.usuario_id).update(is_active=False)
    clave.refresh_from_db()
    return clave


def autenticar(clave: str) -> ClaveApi | None:
    """The active key row for this key, or None (unknown, malformed or revoked)."""
    partes = (clave or "").strip().split("_", 2)
    if len(partes) != 3 or partes[0] != PREFIJO_CLAVE or len(partes[1]) != 8:
        return None
    fila = ClaveApi.objects.select_related("canal", "usuario").filter(prefijo=partes[1], activa=True).first()
    if fila is None or not hmac.compare_digest(fila.huella, huella(clave.strip())):
        return None
    return fila


@dataclass(frozen=True)
class DatosSolicitud:
    """A POSTed service request, already validated (forms/open311.py)."""

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
    media_url: str = ""
    atributos: dict = field(default_factory=dict)
    textos_atributos: list[str] = field(default_factory=list)
    address_id: str = ""
    account_id: str = ""
    device_id: str = ""

    @property
    def anonima(self) -> bool:
        return not (self.nombre or self.telefono or self.correo)


def registrar_solicitud(clave: ClaveApi, datos: DatosSolicitud) -> SolicitudOpen311:
    """Capture the request with the key's canal and service account; returns its SolicitudOpen311 (token)."""
    descripcion = datos.descripcion or f"(Sin descripción; enviada por la aplicación {clave.nombre}.)"
    if datos.textos_atributos:
        descripcion += "\n\n" + "\n".join(datos.textos_atributos)
    ciudadano = None
    if not datos.anonima:
        ciudadano = DatosCiudadano(
            nombre=datos.nombre,
            apellidos=datos.apellidos,
            telefono=datos.telefono,
            correo=datos.correo,
            colonia=datos.colonia,
            acepta_aviso=clave.aviso_en_la_app,
        )
    with transaction.atomic():
        peticion = capturar(
            usuario=clave.usuario,
            categoria=datos.categoria,
            colonia=datos.colonia,
            descripcion=descripcion,
            ciudadano=ciudadano,
            tipo=tipo(TIPO_DENUNCIA if datos.anonima else TIPO_PETICION),
            canal=clave.canal,
            calle=datos.calle,
            referencias=datos.referencias,
            latitud=datos.latitud,
            longitud=datos.longitud,
            respuestas=datos.atributos,
        )
        solicitud = SolicitudOpen311.objects.create(
            peticion=peticion,
            clave=clave,
            media_url=datos.media_url,
            atributos=datos.atributos,
            address_id=datos.address_id,
            account_id=datos.account_id,
            device_id=datos.device_id,
        )
        if datos.media_url:
            registrar_evento(
                peticion,
                EventoBitacora.Tipo.EVIDENCIA,
                f"La aplicación {clave.nombre} envió una foto o video: {datos.media_url}",
                usuario=clave.usuario,
                media_url=datos.media_url,
            )
        anotar_posibles_duplicados(peticion, clave.usuario)
        ClaveApi.objects.filter(pk=clave.pk).update(ultimo_uso=timezone.now())
    return solicitud
