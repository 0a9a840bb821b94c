"""Evidence photos: check what a person uploads, then store it with Django's storage API."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

from sirc import imagenes

from .models import Evidencia, Peticion

FORMATOS = imagenes.FORMATOS
FotoInvalida = imagenes.ImagenInvalida  # a clear Spanish reason the file is not accepted


def tamano_maximo() -> int:
    return imagenes.bytes_maximos()


def maximo_por_envio() -> int:
    return getattr(settings, "SIRC_EVIDENCIA_MAX_ARCHIVOS", 6)


def pixeles_maximos() -> int:
    return imagenes.pixeles_maximos()


def validar_foto(archivo: UploadedFile) -> tuple[ContentFile, str, str]:
    """(re-encoded copy, content type, extension) of a valid photo, judged by its bytes, not by its name;
    else FotoInvalida. Store the copy, never the upload (sirc.imagenes)."""
    limpia = imagenes.imagen_segura(archivo)
    return limpia, limpia.content_type, limpia.extension


def validar_fotos(archivos: Iterable[UploadedFile]) -> list[tuple[ContentFile, str, str]]:
    archivos = list(archivos)
    if len(archivos) > maximo_por_envio():
        raise FotoInvalida(f"Suba a lo más {maximo_por_envio()} fotos a la vez.")
    return [validar_foto(archivo) for archivo in archivos]


def guardar_fotos(
    peticion: Peticion, usuario: AbstractBaseUser | None, validadas: list[tuple[ContentFile, str, str]]
) -> list[Evidencia]:
    """Store already-validated photos through the default storage and record them."""
    guardadas = []
    for archivo, tipo, extension in validadas:
        evidencia = Evidencia(
            peticion=peticion,
            nombre_original=(archivo.name or "")[:200],
            tipo_contenido=tipo,
            tamano=archivo.size or 0,
            subida_por=usuario if usuario is not None and usuario.is_authenticated else None,
        )
        evidencia.archivo.save(f"foto{extension}", archivo, save=False)
        evidencia.save()
        guardadas.append(evidencia)
    return guardadas
