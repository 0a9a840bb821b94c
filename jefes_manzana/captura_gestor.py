"""A Jefe de Manzana files a request on a neighbour's behalf (channel «Jefes de Manzana», themselves
as gestor). Same rules as the call-center capture: the folio is taken from the year's ContadorFolio
row locked with select_for_update, and fecha_limite = recepción + the category's plazo."""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from peticiones.bitacora import registrar_evento
from peticiones.models import (
    Canal,
    Categoria,
    Ciudadano,
    Colonia,
    ContadorFolio,
    EventoBitacora,
    Peticion,
    TipoPeticion,
)

CLAVE_CANAL = "jefes-manzana"


@dataclass(frozen=True)
class Vecino:
    nombre: str
    apellidos: str = ""
    telefono: str = ""


def _ciudadano(vecino: Vecino, colonia: Colonia, canal: Canal) -> Ciudadano:
    ahora = timezone.now()
    if vecino.telefono:
        ciudadano, creado = Ciudadano.objects.get_or_create(
            telefono=vecino.telefono,
            defaults={"nombre": vecino.nombre, "apellidos": vecino.apellidos, "colonia": colonia},
        )
    else:
        ciudadano, creado = (
            Ciudadano.objects.create(nombre=vecino.nombre, apellidos=vecino.apellidos, colonia=colonia),
            True,
        )
    if creado or ciudadano.aviso_privacidad_fecha is None:
        ciudadano.aviso_privacidad_fecha, ciudadano.aviso_privacidad_canal = ahora, canal
        ciudadano.save(update_fields=["aviso_privacidad_fecha", "aviso_privacidad_canal"])
    return ciudadano


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

    The same `clave_idempotencia` twice (double click, re-sent form) returns the first request.
    """
    jefe = getattr(usuario, "jefe_manzana", None)
    if jefe is None or not usuario.has_perm("peticiones.gestionar_peticion"):
        raise PermissionDenied("Sólo un Jefe de Manzana o de Cuartel con acceso puede presentar peticiones.")
    if jefe.estado != jefe.Estado.ACTIVO:
        raise PermissionDenied("Su registro en el padrón no está activo.")
    if clave_idempotencia is not None:
        previa = Peticion.objects.filter(clave_idempotencia=clave_idempotencia).first()
        if previa is not None:
            return previa
    canal = Canal.objects.get(clave=CLAVE_CANAL)
    with transaction.atomic():
        ciudadano = _ciudadano(vecino, colonia, canal)
        recepcion = timezone.now()
        anio = timezone.localtime(recepcion).year
        ContadorFolio.objects.bulk_create(
            [ContadorFolio(anio=anio)], ignore_conflicts=True
        )  # first of the year, race-safe
        contador = ContadorFolio.objects.select_for_update().get(anio=anio)
        contador.ultimo += 1
        contador.save(update_fields=["ultimo"])
        peticion = Peticion.objects.create(
            anio=anio,
            numero=contador.ultimo,
            folio=f"{anio}-{contador.ultimo:06d}",
            tipo=tipo,
            canal=canal,
            categoria=categoria,
            direccion=categoria.direccion,
            descripcion=descripcion,
            calle=calle,
            numero_exterior=numero_exterior,
            referencias=referencias,
            colonia=colonia,
            ciudadano=ciudadano,
            capturada_por=usuario,
            gestor=jefe,
            fecha_recepcion=recepcion,
            fecha_limite=recepcion + timedelta(hours=categoria.plazo_horas),
            clave_idempotencia=clave_idempotencia,
        )
        registrar_evento(
            peticion,
            EventoBitacora.Tipo.CAPTURA,
            f"Petición presentada por el Jefe de Manzana {jefe} (manzana {jefe.manzana}) a nombre de {ciudadano}.",
            usuario=usuario,
            publico=True,
            canal=canal.clave,
        )
    return peticion
