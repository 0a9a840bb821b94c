"""A Jefe de Manzana files a request on a neighbour's behalf (channel «Jefes de Manzana», themselves
as gestor), through the one capture path of SIRC: `peticiones.acciones.captura.capturar` (folio,
fecha límite by the category's plazo, citizen matched by phone, bitácora, idempotency)."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from peticiones.acciones.captura import DatosCiudadano, capturar
from peticiones.bitacora import registrar_evento
from peticiones.evidencias import guardar_fotos
from peticiones.models import Canal, Categoria, Colonia, EventoBitacora, Peticion, TipoPeticion

CLAVE_CANAL = "jefes-manzana"


@dataclass(frozen=True)
class Vecino:
    nombre: str
    apellidos: str = ""
    telefono: str = ""
    acepta_aviso: bool = False  # the Jefe read the aviso de privacidad to the neighbour, who accepted it
    si_ya_existe: str = ""  # the phone is of a neighbour of one of his requests: USAR_REGISTRADOS or OTRA_PERSONA


def presentar_peticion(
    *,
    usuario: AbstractBaseUser,
    vecino: Vecino,
    tipo: TipoPeticion,
    categoria: Categoria,
    descripcion: str,
    colonia: Colonia,
    calle: str = "",
    numero_exterior: str = "",
    referencias: str = "",
    latitud: Decimal | None = None,
    longitud: Decimal | None = None,
    fotos: Sequence[tuple[UploadedFile, str, str]] = (),
    clave_idempotencia: uuid.UUID | None = None,
) -> Peticion:
    """Create the request with its folio; the Jefe de Manzana of `usuario` is its gestor. `fotos` are already
    validated (evidencias.validar_foto); the phone's point goes in latitud/longitud.

    Raises PermissionDenied (no active Jefe de Manzana behind the user) or ValidationError per field.
    A repeat of the same `clave_idempotencia` (a draft sent again when the signal came back) returns the
    request created the first time, with its photo stored once.
    """
    jefe = getattr(usuario, "jefe_manzana", None)
    if jefe is None or not usuario.has_perm("peticiones.gestionar_peticion"):
        raise PermissionDenied("Sólo un Jefe de Manzana o de Cuartel con acceso puede presentar peticiones.")
    if jefe.estado != jefe.Estado.ACTIVO:
        raise PermissionDenied("Su registro en el padrón no está activo.")
    with transaction.atomic():
        peticion = capturar(
            usuario=usuario,
            categoria=categoria,
            colonia=colonia,
            descripcion=descripcion,
            ciudadano=DatosCiudadano(
                nombre=vecino.nombre,
                apellidos=vecino.apellidos,
                telefono=vecino.telefono,
                colonia=colonia,
                acepta_aviso=vecino.acepta_aviso,
                si_ya_existe=vecino.si_ya_existe,
            ),
            tipo=tipo,
            canal=Canal.objects.get(clave=CLAVE_CANAL),
            calle=calle,
            numero_exterior=numero_exterior,
            referencias=referencias,
            latitud=latitud,
            longitud=longitud,
            gestor=jefe,
            clave_idempotencia=clave_idempotencia,
        )
        if fotos:
            Peticion.objects.select_for_update().filter(pk=peticion.pk).first()  # one photo upload per request
            if not peticion.evidencias.exists():
                guardadas = guardar_fotos(peticion, usuario, list(fotos))
                registrar_evento(
                    peticion,
                    EventoBitacora.Tipo.EVIDENCIA,
                    f"{len(guardadas)} foto(s) tomada(s) por el Jefe de Manzana.",
                    usuario=usuario,
                    evidencias=[e.pk for e in guardadas],
                )
    return peticion
