"""factory_boy factories shared by every test file."""

from datetime import date, timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from jefes_manzana.curp import completar_curp
from jefes_manzana.models import Cuartel, JefeManzana
from peticiones.models import Canal, Categoria, Ciudadano, Colonia, ContadorFolio, Direccion, Peticion, TipoPeticion


class UsuarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"usuario{n}")
    first_name = factory.Faker("first_name", locale="es_MX")
    last_name = factory.Faker("last_name", locale="es_MX")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.mx")
    password = factory.PostGenerationMethodCall("set_password", "clave-de-prueba-123")

    @factory.post_generation
    def rol(self, create, extracted, **kwargs):
        """UsuarioFactory(rol=roles.OPERADOR) puts the user in that role's group."""
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))
        if create:
            self.save()


class DireccionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Direccion

    nombre = factory.Sequence(lambda n: f"Dirección de Prueba {n}")
    siglas = factory.Sequence(lambda n: f"DP{n}")
    correo_enlace = factory.LazyAttribute(lambda d: f"{d.siglas.lower()}@example.mx")


class CategoriaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Categoria

    nombre = factory.Sequence(lambda n: f"Categoría {n}")
    direccion = factory.SubFactory(DireccionFactory)
    plazo_horas = 24


class ColoniaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Colonia

    nombre = factory.Sequence(lambda n: f"Colonia {n}")
    codigo_postal = "91700"
    latitud = "19.173800"
    longitud = "-96.134200"


class CanalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Canal
        django_get_or_create = ["clave"]

    clave = "linea-072"
    nombre = "Línea 072"


class TipoPeticionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TipoPeticion
        django_get_or_create = ["clave"]

    clave = "peticion"
    nombre = "Petición"


class CiudadanoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ciudadano

    nombre = factory.Faker("first_name", locale="es_MX")
    apellidos = factory.Faker("last_name", locale="es_MX")
    telefono = factory.Sequence(lambda n: f"229{n:07d}")
    colonia = factory.SubFactory(ColoniaFactory)


def _siguiente_folio(anio: int) -> int:
    contador, _ = ContadorFolio.objects.get_or_create(anio=anio)
    contador.ultimo += 1
    contador.save()
    return contador.ultimo


_TURNADAS = (Peticion.Estado.TURNADA, Peticion.Estado.EN_PROCESO, Peticion.Estado.ATENDIDA, Peticion.Estado.CERRADA)


class PeticionFactory(factory.django.DjangoModelFactory):
    """A request as if captured: folio from the year's counter, límite from the category's plazo."""

    class Meta:
        model = Peticion

    tipo = factory.SubFactory(TipoPeticionFactory)
    canal = factory.SubFactory(CanalFactory)
    categoria = factory.SubFactory(CategoriaFactory)
    direccion = factory.LazyAttribute(lambda p: p.categoria.direccion)
    descripcion = "Luminaria apagada frente al número 120"
    calle = "Av. Independencia"
    numero_exterior = "120"
    colonia = factory.SubFactory(ColoniaFactory)
    ciudadano = factory.SubFactory(CiudadanoFactory)
    capturada_por = factory.SubFactory(UsuarioFactory)
    fecha_recepcion = factory.LazyFunction(timezone.now)
    fecha_limite = factory.LazyAttribute(lambda p: p.fecha_recepcion + timedelta(hours=p.categoria.plazo_horas))
    estado = Peticion.Estado.RECIBIDA
    # A request in a state that only comes after turning it was turned (as the import dates it): at reception.
    fecha_turnada = factory.LazyAttribute(lambda p: p.fecha_recepcion if p.estado in _TURNADAS else None)
    anio = factory.LazyAttribute(lambda p: timezone.localtime(p.fecha_recepcion).year)
    numero = factory.LazyAttribute(lambda p: _siguiente_folio(p.anio))
    folio = factory.LazyAttribute(lambda p: f"{p.anio}-{p.numero:06d}")


class CuartelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cuartel

    numero = factory.Sequence(lambda n: n + 100)
    nombre = factory.Sequence(lambda n: f"Cuartel de prueba {n}")


class JefeManzanaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JefeManzana

    nombres = factory.Faker("first_name", locale="es_MX")
    apellidos = factory.Faker("last_name", locale="es_MX")
    # valid format and check digit: a distinct birth date per sequence number
    curp = factory.Sequence(
        lambda n: completar_curp(f"PAUE{date(1950, 1, 1) + timedelta(days=n):%y%m%d}HVZRRR{n % 10}")
    )
    colonia = factory.SubFactory(ColoniaFactory)
    manzana = factory.Sequence(lambda n: f"M-{n:03d}")
    estado = JefeManzana.Estado.ACTIVO


def datos_de_captura(**cambios):
    """Keyword arguments for peticiones.acciones.captura.capturar(): a 072 call about a street light."""
    from peticiones.acciones.captura import DatosCiudadano

    categoria = cambios.pop("categoria", None) or CategoriaFactory(plazo_horas=24)
    datos = {
        "categoria": categoria,
        "colonia": cambios.pop("colonia", None) or ColoniaFactory(),
        "descripcion": "Luminaria apagada frente a la escuela",
        "tipo": TipoPeticionFactory(),
        "canal": CanalFactory(),
        "calle": "Av. Independencia",
        "numero_exterior": "1200",
        "ciudadano": DatosCiudadano(nombre="María", apellidos="López Pérez", telefono="2291234567", acepta_aviso=True),
    }
    datos.update(cambios)
    return datos
