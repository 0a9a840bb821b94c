"""Validation of an Open311 POST (application/x-www-form-urlencoded) into `DatosSolicitud`; saves nothing.

Every problem is collected and answered at once in the spec's error list: 404 when the service_code does
not exist, 400 for anything else that is missing or wrong, each message naming the parameter in Spanish.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.http import QueryDict

from ..acciones.open311 import DatosSolicitud
from ..models import Colonia, PreguntaServicio
from ..models.open311 import respuesta_limpia, validar_respuestas
from ..selectores.captura import colonia_mas_cercana, resolver_colonia
from ..selectores.open311 import categoria_de_servicio
from ..telefonos import normalizar_telefono

MAX_DESCRIPCION = 4000
_ATRIBUTO = re.compile(r"^attribute\[([^\[\]]{1,60})\](\[\])?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Veracruz's municipality, with margin: a point outside it is somebody else's jurisdiction (or a typo).
LIMITES = {"lat": (18.90, 19.40), "long": (-96.40, -95.90)}


class SolicitudInvalida(Exception):
    def __init__(self, status: int, errores: list[str]):
        super().__init__("; ".join(errores))
        self.status = status
        self.errores = errores


def _limpio(datos: QueryDict, campo: str, maximo: int) -> str:
    valor = _CONTROL.sub("", (datos.get(campo) or "").replace("\x00", "")).strip()
    return valor[:maximo]


def _coordenada(texto: str, campo: str, errores: list[str]) -> Decimal | None:
    try:
        valor = Decimal(texto)
    except (InvalidOperation, ValueError):
        errores.append(f"{campo} debe ser un número decimal (WGS84), p. ej. 19.1738.")
        return None
    minimo, maximo = LIMITES[campo]
    if not valor.is_finite() or not minimo <= valor <= maximo:
        errores.append(f"{campo}={texto[:20]} queda fuera del municipio de Veracruz.")
        return None
    return valor.quantize(Decimal("0.000001"))


def _atributos(datos: QueryDict) -> dict[str, list[str]]:
    respuestas: dict[str, list[str]] = {}
    for nombre in datos:
        coincide = _ATRIBUTO.match(nombre)
        if coincide:
            valores = [respuesta_limpia(v) for v in datos.getlist(nombre)]
            respuestas.setdefault(coincide[1], []).extend(v for v in valores if v)
    return respuestas


def _validar_atributos(preguntas: list[PreguntaServicio], respuestas: dict[str, list[str]], errores: list[str]):
    guardar, textos, malas = validar_respuestas(preguntas, respuestas)
    for pregunta in preguntas:
        if pregunta.codigo not in malas:
            continue
        if not respuestas.get(pregunta.codigo):
            errores.append(f"Falta attribute[{pregunta.codigo}]: {pregunta.descripcion}")
        else:
            errores.append(f"attribute[{pregunta.codigo}]: {malas[pregunta.codigo]}")
    return guardar, textos


def _lugar(datos: QueryDict, errores: list[str]):
    """(colonia, calle, referencias, lat, long) from lat/long, address_string or address_id."""
    lat_txt, long_txt = _limpio(datos, "lat", 30), _limpio(datos, "long", 30)
    direccion = _limpio(datos, "address_string", 250)
    address_id = _limpio(datos, "address_id", 100)
    latitud = longitud = None
    if bool(lat_txt) != bool(long_txt):
        errores.append("lat y long se envían juntas.")
    elif lat_txt:
        latitud, longitud = _coordenada(lat_txt, "lat", errores), _coordenada(long_txt, "long", errores)
    if not (lat_txt or long_txt or direccion or address_id):
        errores.append("Falta la ubicación: envíe lat y long, address_string o address_id.")
        return None, "", "", None, None
    colonia = None
    if address_id:
        colonia = Colonia.objects.filter(pk=int(address_id)).first() if address_id.isdigit() else None
        if colonia is None:
            errores.append(f"address_id={address_id[:20]} no es una colonia del catálogo de SIRC.")
    partes = [p.strip() for p in direccion.split(",") if p.strip()]
    if colonia is None and partes:
        for parte in partes[1:] + partes[:1]:
            colonia, _ = resolver_colonia(parte)
            if colonia is not None:
                break
    if colonia is None and latitud is not None and longitud is not None:
        colonia = colonia_mas_cercana(latitud, longitud)
    if colonia is None and not errores:
        errores.append(
            "No reconocimos la colonia en address_string: escríbala después de la calle, "
            "p. ej. «Av. Independencia 120, Centro»."
        )
    calle = partes[0][:200] if partes else ""
    return colonia, calle, direccion, latitud, longitud


def validar_solicitud(datos: QueryDict) -> DatosSolicitud:
    """The POST's values, checked; raises SolicitudInvalida(status, [mensajes])."""
    codigo = _limpio(datos, "service_code", 30)
    if not codigo:
        raise SolicitudInvalida(400, ["Falta service_code (vea /services)."])
    categoria = categoria_de_servicio(codigo)
    if categoria is None:
        raise SolicitudInvalida(404, [f"service_code={codigo} no existe o ya no está activo (vea /services)."])
    errores: list[str] = []
    crudo = (datos.get("description") or "").replace("\x00", "")
    if len(crudo) > MAX_DESCRIPCION:
        errores.append(f"description pasa de {MAX_DESCRIPCION} caracteres ({len(crudo)}).")
    descripcion = _CONTROL.sub("", crudo).strip()[:MAX_DESCRIPCION]
    colonia, calle, referencias, latitud, longitud = _lugar(datos, errores)
    nombre, apellidos = _limpio(datos, "first_name", 100), _limpio(datos, "last_name", 150)
    correo = _limpio(datos, "email", 254)
    telefono = ""
    try:
        telefono = normalizar_telefono(_limpio(datos, "phone", 25))
    except ValidationError as error:
        errores.append("phone: " + " ".join(error.messages))
    if correo:
        try:
            EmailValidator()(correo)
        except ValidationError:
            errores.append(f"email «{correo[:60]}» no es un correo válido.")
    if (telefono or correo) and not nombre:
        errores.append("Con phone o email envíe también first_name (el nombre de quien reporta).")
    if not (nombre or telefono or correo) and not categoria.permite_anonimo:
        errores.append(
            f"«{categoria.nombre}» no admite reportes anónimos: envíe first_name y phone o email para avisarle."
        )
    media_url = _limpio(datos, "media_url", 500)
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            errores.append("media_url debe ser una dirección http(s) completa.")
    preguntas = list(categoria.preguntas.all())
    atributos, textos = _validar_atributos(preguntas, _atributos(datos), errores)
    if errores:
        raise SolicitudInvalida(400, errores)
    return DatosSolicitud(
        categoria=categoria,
        colonia=colonia,
        descripcion=descripcion,
        calle=calle,
        referencias=referencias,
        latitud=latitud,
        longitud=longitud,
        nombre=nombre,
        apellidos=apellidos,
        telefono=telefono,
        correo=correo,
        media_url=media_url,
        atributos=atributos,
        textos_atributos=textos,
        address_id=_limpio(datos, "address_id", 100),
        account_id=_limpio(datos, "account_id", 100),
        device_id=_limpio(datos, "device_id", 100),
    )
