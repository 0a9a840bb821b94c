"""Open311 GeoReport v2 at /open311/v2/: thin views that parse, call a selector or action, and write the
spec's XML or JSON (peticiones/georeport.py). Public GETs need no key; POST needs an api_key."""

from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from sirc import limites

from .. import georeport
from ..acciones.open311 import autenticar, registrar_solicitud
from ..forms.open311 import SolicitudInvalida, validar_solicitud
from ..selectores import open311

CAMBIOS = "2026-11-28T00:00:00Z"  # when this endpoint's definition (services, fields) last changed shape


def _jurisdiccion_ajena(request: HttpRequest) -> str | None:
    valor = (request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id") or "").strip()
    if valor and valor.lower() != settings.OPEN311_JURISDICCION.lower():
        return f"jurisdiction_id «{valor[:60]}» no existe aquí; este servicio es de {settings.OPEN311_JURISDICCION}."
    return None


def _metodos(*permitidos: str):
    """Like require_http_methods, but a wrong method gets the spec's error document (405) in the format asked."""

    def decorador(vista):
        @wraps(vista)
        def envoltura(request: HttpRequest, formato: str, **kwargs) -> HttpResponse:
            if request.method not in permitidos:
                respuesta = georeport.error(
                    formato, 405, f"{request.method[:10]} no se admite aquí; use {' o '.join(permitidos)}."
                )
                respuesta["Allow"] = ", ".join(permitidos)
                return respuesta
            return vista(request, formato, **kwargs)

        return envoltura

    return decorador


def _publica(vista):
    """GET only, jurisdiction checked, a per-address limit so nobody can scrape without pause."""

    @_metodos("GET")
    def envoltura(request: HttpRequest, formato: str, **kwargs) -> HttpResponse:
        if ajena := _jurisdiccion_ajena(request):
            return georeport.error(formato, 404, ajena)
        if limites.excede(
            f"open311:get:{limites.direccion_ip(request)}",
            settings.SIRC_OPEN311_LIMITE_CONSULTAS,
            settings.SIRC_OPEN311_VENTANA_SEGUNDOS,
        ):
            respuesta = georeport.error(formato, 429, "Demasiadas consultas desde su conexión; espere unos minutos.")
            respuesta["Retry-After"] = str(settings.SIRC_OPEN311_VENTANA_SEGUNDOS)
            return respuesta
        return vista(request, formato, **kwargs)

    envoltura.__name__ = vista.__name__
    envoltura.__doc__ = vista.__doc__
    return envoltura


@_publica
def descubrimiento(request: HttpRequest, formato: str) -> HttpResponse:
    url = settings.SITE_URL.rstrip("/") + "/open311/v2"
    datos = {
        "changeset": CAMBIOS,
        "contact": settings.OPEN311_CONTACTO,
        "key_service": settings.OPEN311_SERVICIO_CLAVES,
        "endpoints": [
            {
                "specification": georeport.ESPECIFICACION,
                "url": url,
                "changeset": CAMBIOS,
                "type": settings.OPEN311_TIPO,
                "formats": georeport.TIPOS_MIME,
            }
        ],
    }
    return georeport.documento(formato, "discovery", datos)


@_publica
def servicios(request: HttpRequest, formato: str) -> HttpResponse:
    return georeport.documento(formato, "services", open311.servicios())


@_publica
def definicion(request: HttpRequest, formato: str, service_code: str) -> HttpResponse:
    categoria = open311.categoria_de_servicio(service_code)
    if categoria is None:
        return georeport.error(formato, 404, f"service_code={service_code[:30]} no existe o ya no está activo.")
    return georeport.documento(formato, "service_definition", open311.definicion(categoria))


@csrf_exempt  # a server-to-server API authenticated by api_key, never by a browser session
@never_cache
@_metodos("GET", "POST")
def solicitudes(request: HttpRequest, formato: str) -> HttpResponse:
    if request.method == "POST":
        return _crear(request, formato)
    return _listar(request, formato)


@_publica
def _listar(request: HttpRequest, formato: str) -> HttpResponse:
    try:
        peticiones = open311.filtrar(request.GET)
    except open311.ParametroInvalido as error:
        return georeport.error(formato, 400, str(error))
    return georeport.documento(formato, "service_requests", [open311.como_solicitud(p) for p in peticiones])


def _crear(request: HttpRequest, formato: str) -> HttpResponse:
    api_key = (request.POST.get("api_key") or "").strip()
    if not api_key:
        return georeport.error(formato, 403, "Falta api_key: solicite una a la Dirección de Atención Ciudadana.")
    clave = autenticar(api_key)
    if clave is None:
        return georeport.error(formato, 403, "api_key no válida o revocada: no se puede registrar la petición.")
    if ajena := _jurisdiccion_ajena(request):
        return georeport.error(formato, 404, ajena)
    # An app with a valid key is accountable and revocable: its reports go through even when the store of the
    # limits is down (abierto_sin_almacen); anonymous GETs fail closed (sirc.limites).
    if limites.excede(
        f"open311:post:{clave.pk}",
        settings.SIRC_OPEN311_LIMITE,
        settings.SIRC_OPEN311_VENTANA_SEGUNDOS,
        abierto_sin_almacen=True,
    ):
        respuesta = georeport.error(
            formato,
            429,
            f"La aplicación {clave.nombre} pasó de {settings.SIRC_OPEN311_LIMITE} peticiones en "
            f"{settings.SIRC_OPEN311_VENTANA_SEGUNDOS // 60} minutos; espere antes de enviar más.",
        )
        respuesta["Retry-After"] = str(settings.SIRC_OPEN311_VENTANA_SEGUNDOS)
        return respuesta
    try:
        datos = validar_solicitud(request.POST)
    except SolicitudInvalida as error:
        return georeport.error(formato, error.status, *error.errores)
    if not datos.anonima and not clave.aviso_en_la_app:
        return georeport.error(
            formato,
            400,
            f"La aplicación {clave.nombre} no está registrada como una que muestra el aviso de privacidad y recaba "
            "el consentimiento: no puede enviar datos personales (first_name, last_name, phone, email).",
        )
    try:
        solicitud = registrar_solicitud(clave, datos)
    except ValidationError as error:  # the capture's own rules, in the spec's error list
        return georeport.error(formato, 400, *error.messages)
    creada = {
        "token": solicitud.token.hex,
        "service_notice": open311.aviso_de_servicio(solicitud.peticion),
        "account_id": solicitud.account_id or None,
    }
    return georeport.documento(formato, "service_requests", [creada], status=201)


@_publica
def solicitud(request: HttpRequest, formato: str, service_request_id: str) -> HttpResponse:
    peticion = open311.por_folio(service_request_id)
    if peticion is None:
        return georeport.error(formato, 404, f"No hay una petición pública con el folio {service_request_id[:20]}.")
    return georeport.documento(formato, "service_requests", [open311.como_solicitud(peticion)])


@_publica
def token(request: HttpRequest, formato: str, token: str) -> HttpResponse:
    encontrada = open311.por_token(token)
    if encontrada is None:
        return georeport.error(formato, 404, f"El token {token[:40]} no existe.")
    datos = [{"service_request_id": encontrada.peticion.folio, "token": encontrada.token.hex}]
    return georeport.documento(formato, "service_requests", datos)


@require_GET
def openapi(request: HttpRequest) -> HttpResponse:
    url = settings.SITE_URL.rstrip("/") + "/open311/v2"
    return JsonResponse(georeport.documento_openapi(url), json_dumps_params={"ensure_ascii": False})


def no_encontrado(request: HttpRequest, ruta: str = "") -> HttpResponse:
    """Anything else under /open311/v2/: the spec's 404 (XML unless the path asks for JSON)."""
    formato = "json" if ruta.endswith(".json") else "xml"
    return georeport.error(formato, 404, f"No existe /open311/v2/{ruta[:80]}: vea /open311/v2/discovery.xml.")
