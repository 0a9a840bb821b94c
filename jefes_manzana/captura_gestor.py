"""A Jefe de Manzana files a request on a neighbour's behalf (channel «Jefes de Manzana», themselves
as gestor), through the one capture path of SIRC: `peticiones.acciones.captura.capturar` (folio,
fecha límite by the category's plazo, citizen matched by phone, bitácora, idempotency)."""

import uuid
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied

from peticiones.acciones.captura import DatosCiudadano, capturar
from peticiones.models import Canal, Categoria, Colonia, Peticion, TipoPeticion

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
    clave_idempotencia: uuid.UUID | None = None,
) -> Peticion:
    """Create the request with its folio; the Jefe de Manzana of `usuario` is its gestor.

    Raises PermissionDenied (no active Jefe de Manzana behind the user) or ValidationError per field.
    """
    jefe = getattr(usuario, "jefe_manzana", None)
    if jefe is None or not usuario.has_perm("peticiones.gestionar_peticion"):
        raise PermissionDenied("Sólo un Jefe de Manzana o de Cuartel con acceso puede presentar peticiones.")
    if jefe.estado != jefe.Estado.ACTIVO:
        raise PermissionDenied("Su registro en el padrón no está activo.")
    return capturar(
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
        gestor=jefe,
        clave_idempotencia=clave_idempotencia,
    )
