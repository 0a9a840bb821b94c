"""Every image that enters SIRC (evidence, Reporta, WhatsApp, Jefe de Manzana photo, the Jefes' web app)
passes through `imagen_segura`: it is judged by its bytes (never its name), opened with a pixel limit
(a 100 KB PNG can declare 30000×30000 pixels), accepted only as JPEG, PNG or WebP, and re-encoded. The
re-encoding drops metadata (GPS position in EXIF, comments) and anything appended to or hidden in the
file (polyglots: a JPEG that is also HTML or a ZIP), and turns the photo upright per its EXIF orientation.
"""

import io
from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow format → (content type, extension). HEIC is left out: Pillow cannot read it without a plugin;
# EPS/PDF/SVG never: Pillow hands EPS to Ghostscript, which runs the PostScript inside.
FORMATOS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"), "WEBP": ("image/webp", ".webp")}
LADO_MAXIMO = 4096  # longer side after re-encoding: enough for any evidence photo, and bounded memory


class ImagenInvalida(ValueError):
    """A clear Spanish reason the file is not accepted (shown beside the field)."""


def bytes_maximos() -> int:
    return getattr(settings, "SIRC_EVIDENCIA_MAX_BYTES", 5 * 1024 * 1024)


def pixeles_maximos() -> int:
    return getattr(settings, "SIRC_EVIDENCIA_MAX_PIXELES", 40_000_000)


def _tamano(archivo: IO[bytes]) -> int:
    tamano = getattr(archivo, "size", None)
    if tamano is None:
        archivo.seek(0, io.SEEK_END)
        tamano = archivo.tell()
    return tamano


def _otro_formato(archivo: IO[bytes]) -> str | None:
    """The name of a format we refuse (GIF, EPS, TIFF…), for the message; header only, never decoded."""
    try:
        archivo.seek(0)
        with Image.open(archivo) as imagen:
            return imagen.format
    except Exception:  # anything Pillow cannot even name is "not an image"
        return None
    finally:
        archivo.seek(0)


def formato_seguro(archivo: IO[bytes], nombre: str = "archivo", max_pixeles: int | None = None) -> str:
    """The Pillow format of an acceptable image (header only: cheap), else ImagenInvalida."""
    max_pixeles = max_pixeles or pixeles_maximos()
    megapixeles = max(1, max_pixeles // 1_000_000)
    try:
        archivo.seek(0)
        # formats=: Pillow never hands what we are given to the EPS (Ghostscript), PDF or other decoders
        with Image.open(archivo, formats=list(FORMATOS)) as imagen:
            ancho, alto = imagen.size
            formato = imagen.format
    except Image.DecompressionBombError as exc:
        raise ImagenInvalida(f"«{nombre}» declara demasiados píxeles; el máximo es {megapixeles} megapíxeles.") from exc
    except UnidentifiedImageError as exc:
        otro = _otro_formato(archivo)
        if otro:
            raise ImagenInvalida(f"«{nombre}» es {otro}; sólo se aceptan fotos JPG, PNG o WebP.") from exc
        raise ImagenInvalida(f"«{nombre}» no es una imagen válida. Suba fotos JPG, PNG o WebP.") from exc
    except (OSError, SyntaxError, ValueError, TypeError) as exc:
        raise ImagenInvalida(f"«{nombre}» no es una imagen válida. Suba fotos JPG, PNG o WebP.") from exc
    finally:
        archivo.seek(0)
    if ancho * alto > max_pixeles:
        raise ImagenInvalida(f"«{nombre}» mide {ancho}×{alto} píxeles; el máximo es {megapixeles} megapíxeles.")
    return formato


def imagen_segura(
    archivo: IO[bytes], *, nombre: str | None = None, max_bytes: int | None = None, max_pixeles: int | None = None
) -> ContentFile:
    """A re-encoded copy of `archivo` as a ContentFile (named after the original, with `content_type` and
    `extension` attributes), or ImagenInvalida with the reason in Spanish."""
    nombre = nombre or getattr(archivo, "name", None) or "archivo"
    max_bytes = max_bytes or bytes_maximos()
    tamano = _tamano(archivo)
    if not tamano:
        raise ImagenInvalida(f"«{nombre}» está vacío.")
    if tamano > max_bytes:
        raise ImagenInvalida(
            f"«{nombre}» pesa {tamano / 1_048_576:.1f} MB; el máximo por foto es {max_bytes / 1_048_576:.0f} MB."
        )
    formato = formato_seguro(archivo, nombre, max_pixeles)
    try:
        with Image.open(archivo, formats=[formato]) as original:
            if formato == "JPEG":
                original.draft("RGB", (LADO_MAXIMO, LADO_MAXIMO))  # decode a big JPEG already scaled down
            original.load()
            imagen = ImageOps.exif_transpose(original)
            imagen.thumbnail((LADO_MAXIMO, LADO_MAXIMO))
            salida = io.BytesIO()
            if formato == "JPEG":
                if imagen.mode not in ("RGB", "L"):
                    imagen = imagen.convert("RGB")
                imagen.save(salida, "JPEG", quality=88, optimize=True)
            elif formato == "PNG":
                if imagen.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                    imagen = imagen.convert("RGBA")
                imagen.save(salida, "PNG", optimize=True)
            else:
                if imagen.mode not in ("RGB", "RGBA"):
                    imagen = imagen.convert("RGBA")
                imagen.save(salida, "WEBP", quality=88)
    except ImagenInvalida:
        raise
    except (Image.DecompressionBombError, UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError) as exc:
        raise ImagenInvalida(
            f"«{nombre}» no es una imagen válida (está dañada o incompleta). Suba fotos JPG, PNG o WebP."
        ) from exc
    finally:
        archivo.seek(0)
    tipo, extension = FORMATOS[formato]
    limpia = ContentFile(salida.getvalue(), name=nombre)
    limpia.content_type = tipo
    limpia.extension = extension
    return limpia
