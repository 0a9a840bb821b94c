"""A small shared scene for the turnado tests: two direcciones, their enlaces and staff by role."""

from dataclasses import dataclass
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from peticiones import roles
from peticiones.models import Direccion, Peticion

from .factories import CategoriaFactory, DireccionFactory, PeticionFactory, UsuarioFactory


@dataclass
class Escenario:
    direccion: Direccion
    otra: Direccion
    enlace: object
    enlace_ajeno: object
    titular: object
    supervisor: object
    operador: object
    director: object
    peticion: Peticion
    ajena: Peticion


def crear_escenario() -> Escenario:
    direccion = DireccionFactory(nombre="Dirección de Alumbrado Público")
    otra = DireccionFactory(nombre="Dirección de Obras Públicas")
    enlace = UsuarioFactory(username="enlace.alumbrado", rol=roles.ENLACE, first_name="Patricia", last_name="Vázquez")
    enlace_ajeno = UsuarioFactory(username="enlace.obras", rol=roles.ENLACE)
    titular = UsuarioFactory(username="titular.alumbrado", rol=roles.ENLACE)
    direccion.enlaces.add(enlace, titular)
    direccion.titular = titular
    direccion.save()
    otra.enlaces.add(enlace_ajeno)
    categoria = CategoriaFactory(nombre="Luminaria apagada", direccion=direccion)
    return Escenario(
        direccion=direccion,
        otra=otra,
        enlace=enlace,
        enlace_ajeno=enlace_ajeno,
        titular=titular,
        supervisor=UsuarioFactory(username="supervisora", rol=roles.SUPERVISOR),
        operador=UsuarioFactory(username="operadora", rol=roles.OPERADOR),
        director=UsuarioFactory(username="director.ac", rol=roles.DIRECTOR),
        peticion=PeticionFactory(categoria=categoria, descripcion="Luminaria apagada frente al parque"),
        ajena=PeticionFactory(
            categoria=CategoriaFactory(nombre="Bache", direccion=otra), descripcion="Bache profundo en la esquina"
        ),
    )


def foto(
    nombre: str = "evidencia.jpg", formato: str = "JPEG", tamano: tuple[int, int] = (40, 30)
) -> SimpleUploadedFile:
    """A real (tiny) image file as a browser would upload it."""
    salida = BytesIO()
    Image.new("RGB", tamano, (200, 120, 40)).save(salida, format=formato)
    tipo = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}[formato]
    return SimpleUploadedFile(nombre, salida.getvalue(), content_type=tipo)
