"""Evidence photos: check what a person uploads, then store it with Django's storage API."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

from .models import Evidencia, Peticion

# Pillow format → (content type, extension). HEIC is left out: Pillow cannot read it without a plugin.
FORMATOS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"), "WEBP": ("image/webp", ".webp")}


class FotoInvalida(ValueError):
    """A clear Spanish reason the file is not accepted."""


def tamano_maximo() -> int:
    return getattr(settings, "SIRC_EVIDENCIA_MAX_BYTES", 5 * 1024 * 1024)


def maximo_por_envio() -> int:
    return getattr(settings, "SIRC_EVIDENCIA_MAX_ARCHIVOS", 6)


def pixeles_maximos() -> int:
    return getattr(settings, "SIRC_EVIDENCIA_MAX_PIXELES", 40_000_000)


def validar_foto(archivo: UploadedFile) -> tuple[str, str]:
    """(content type, extension) of a valid photo, judged by its bytes, not by its name; else FotoInvalida."""
    nombre = archivo.name or "archivo"
    limite = tamano_maximo()
    if archivo.size is not None and archivo.size > limite:
        raise FotoInvalida(
            f"«{nombre}» pesa {archivo.size / 1_048_576:.1f} MB; el máximo por foto es {limite / 1_048_576:.0f} MB."
        )
    if not archivo.size:
        raise FotoInvalida(f"«{nombre}» está vacío.")
    try:
        archivo.seek(0)
        with Image.open(archivo) as imagen:
            formato = imagen.format
            ancho, alto = imagen.size
            if ancho * alto > pixeles_maximos():  # a small file can declare a huge canvas (image bomb)
                maximo = pixeles_maximos() // 1_000_000
                raise FotoInvalida(f"«{nombre}» mide {ancho}×{alto} píxeles; el máximo es {maximo} megapíxeles.")
            imagen.verify()
    except FotoInvalida:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise FotoInvalida(f"«{nombre}» no es una imagen válida. Suba fotos JPG, PNG o WebP.") from exc
    finally:
        archivo.seek(0)
    if formato not in FORMATOS:
        raise FotoInvalida(f"«{nombre}» es {formato}; sólo se aceptan fotos JPG, PNG o WebP.")
    return FORMATOS[formato]


def validar_fotos(archivos: Iterable[UploadedFile]) -> list[tuple[UploadedFile, str, str]]:
    archivos = list(archivos)
    if len(archivos) > maximo_por_envio():
        raise FotoInvalida(f"Suba a lo más {maximo_por_envio()} fotos a la vez.")
    return [(archivo, *validar_foto(archivo)) for archivo in archivos]


def guardar_fotos(
    peticion: Peticion, usuario: AbstractBaseUser | None, validadas: list[tuple[UploadedFile, str, str]]
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
