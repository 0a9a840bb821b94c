"""Open311 GeoReport v2 on the wire: XML and JSON documents, errors, and the OpenAPI description.

The spec defines XML and derives JSON from it with the «Spark convention»: an element whose children all
repeat one name (<services><service>…) is a JSON array, an empty element is null. So every answer is built
once as Python data and written either way by `documento()`; the XML never says something the JSON does not.
"""

from collections.abc import Mapping, Sequence
from typing import Any
from xml.etree import ElementTree

from django.http import HttpResponse, JsonResponse

ESPECIFICACION = "http://wiki.open311.org/GeoReport_v2"
FORMATOS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
TIPOS_MIME = ["text/xml", "application/json"]
# Spark: the container element and the name of each item inside it.
CONTENEDORES = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}
FECHA_W3 = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$"


def _texto(valor: Any) -> str | None:
    if valor is None:
        return None
    if isinstance(valor, bool):
        return "true" if valor else "false"
    return str(valor)


def _agregar(padre: ElementTree.Element, nombre: str, valor: Any) -> None:
    elemento = ElementTree.SubElement(padre, nombre)
    _llenar(elemento, nombre, valor)


def _llenar(elemento: ElementTree.Element, nombre: str, valor: Any) -> None:
    if isinstance(valor, Mapping):
        for clave, hijo in valor.items():
            _agregar(elemento, clave, hijo)
    elif isinstance(valor, Sequence) and not isinstance(valor, str):
        for item in valor:
            _agregar(elemento, CONTENEDORES[nombre], item)
    else:
        elemento.text = _texto(valor)


def a_xml(raiz: str, datos: Any) -> bytes:
    """`datos` (a list for a container root, a dict otherwise) as the spec's XML, with its declaration."""
    elemento = ElementTree.Element(raiz)
    _llenar(elemento, raiz, datos)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(elemento, encoding="utf-8")


def documento(formato: str, raiz: str, datos: Any, status: int = 200) -> HttpResponse:
    """The answer in `formato` ("json" or "xml"). In JSON a container root is the bare array."""
    if formato == "json":
        return JsonResponse(datos, status=status, safe=False, json_dumps_params={"ensure_ascii": False})
    return HttpResponse(a_xml(raiz, datos), status=status, content_type=FORMATOS["xml"])


def error(formato: str, status: int, *descripciones: str, codigo: int | None = None) -> HttpResponse:
    """The spec's error document: a list of {code, description}, with the HTTP status of the error kind."""
    errores = [{"code": codigo or status, "description": d} for d in descripciones]
    return documento(formato if formato in FORMATOS else "xml", "errors", errores, status=status)


# --- OpenAPI ---------------------------------------------------------------------------------------------


def _cadena_o_nulo() -> dict:
    return {"type": ["string", "null"]}


ESQUEMAS: dict[str, dict] = {
    "Discovery": {
        "type": "object",
        "required": ["changeset", "contact", "key_service", "endpoints"],
        "properties": {
            "changeset": {"type": "string"},
            "contact": {"type": "string"},
            "key_service": {"type": "string"},
            "endpoints": {"type": "array", "items": {"$ref": "#/components/schemas/Endpoint"}},
        },
        "xml": {"name": "discovery"},
    },
    "Endpoint": {
        "type": "object",
        "required": ["specification", "url", "changeset", "type", "formats"],
        "properties": {
            "specification": {"type": "string"},
            "url": {"type": "string"},
            "changeset": {"type": "string"},
            "type": {"type": "string", "enum": ["production", "test"]},
            "formats": {"type": "array", "items": {"type": "string", "xml": {"name": "format"}}},
        },
        "xml": {"name": "endpoint"},
    },
    "Service": {
        "type": "object",
        "required": ["service_code", "service_name", "metadata", "type"],
        "properties": {
            "service_code": {"type": ["string", "integer"], "description": "El id de la categoría de SIRC."},
            "service_name": {"type": "string"},
            "description": _cadena_o_nulo(),
            "metadata": {"type": "boolean", "description": "true: la categoría hace preguntas (ver definición)."},
            "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
            "keywords": _cadena_o_nulo(),
            "group": _cadena_o_nulo(),
        },
        "xml": {"name": "service"},
    },
    "ServiceList": {
        "type": "array",
        "items": {"$ref": "#/components/schemas/Service"},
        "xml": {"name": "services", "wrapped": True},
    },
    "AttributeValue": {
        "type": "object",
        "required": ["key", "name"],
        "properties": {"key": {"type": ["string", "integer"]}, "name": {"type": "string"}},
        "xml": {"name": "value"},
    },
    "Attribute": {
        "type": "object",
        "required": ["variable", "code", "datatype", "required", "order", "description"],
        "properties": {
            "variable": {"type": "boolean"},
            "code": {"type": "string"},
            "datatype": {
                "type": "string",
                "enum": ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"],
            },
            "required": {"type": "boolean"},
            "datatype_description": _cadena_o_nulo(),
            "order": {"type": "integer", "minimum": 1},
            "description": {"type": "string"},
            "values": {"type": "array", "items": {"$ref": "#/components/schemas/AttributeValue"}},
        },
        "xml": {"name": "attribute"},
    },
    "ServiceDefinition": {
        "type": "object",
        "required": ["service_code", "attributes"],
        "properties": {
            "service_code": {"type": ["string", "integer"]},
            "attributes": {"type": "array", "items": {"$ref": "#/components/schemas/Attribute"}},
        },
        "xml": {"name": "service_definition"},
    },
    "ServiceRequest": {
        "type": "object",
        "required": ["service_request_id", "status", "service_name", "service_code", "requested_datetime"],
        "properties": {
            "service_request_id": {"type": ["string", "integer"], "description": "El folio de SIRC (AAAA-NNNNNN)."},
            "status": {"type": "string", "enum": ["open", "closed"]},
            "status_notes": {**_cadena_o_nulo(), "description": "El estado de SIRC, como lo lee el ciudadano."},
            "service_name": {"type": "string"},
            "service_code": {"type": ["string", "integer"]},
            "description": {
                **_cadena_o_nulo(),
                "description": "Siempre null: la descripción puede traer datos personales y esta consulta es pública.",
            },
            "agency_responsible": {**_cadena_o_nulo(), "description": "La dirección responsable."},
            "service_notice": _cadena_o_nulo(),
            "requested_datetime": {"type": "string", "pattern": FECHA_W3},
            "updated_datetime": {"type": ["string", "null"], "pattern": FECHA_W3},
            "expected_datetime": {
                "type": ["string", "null"],
                "pattern": FECHA_W3,
                "description": "La fecha límite de atención (política de 24 horas o el plazo de la categoría).",
            },
            "address": {**_cadena_o_nulo(), "description": "Calle y colonia, sin número."},
            "address_id": {"type": ["string", "integer", "null"], "description": "El id de la colonia en SIRC."},
            "zipcode": {"type": ["string", "integer", "null"]},
            "lat": {"type": ["number", "null"], "description": "Redondeada a 3 decimales (unos 100 m)."},
            "long": {"type": ["number", "null"], "description": "Redondeada a 3 decimales (unos 100 m)."},
            "media_url": _cadena_o_nulo(),
        },
        "xml": {"name": "request"},
    },
    "ServiceRequestList": {
        "type": "array",
        "items": {"$ref": "#/components/schemas/ServiceRequest"},
        "xml": {"name": "service_requests", "wrapped": True},
    },
    "ServiceRequestCreated": {
        "type": "object",
        "anyOf": [{"required": ["service_request_id"]}, {"required": ["token"]}],
        "properties": {
            "service_request_id": {"type": ["string", "integer"]},
            "token": {"type": ["string", "integer"]},
            "service_notice": _cadena_o_nulo(),
            "account_id": {"type": ["string", "integer", "null"]},
        },
        "xml": {"name": "request"},
    },
    "ServiceRequestCreatedList": {
        "type": "array",
        "minItems": 1,
        "items": {"$ref": "#/components/schemas/ServiceRequestCreated"},
        "xml": {"name": "service_requests", "wrapped": True},
    },
    "TokenRequest": {
        "type": "object",
        "required": ["service_request_id", "token"],
        "properties": {
            "service_request_id": {"type": ["string", "integer"]},
            "token": {"type": ["string", "integer"]},
        },
        "xml": {"name": "request"},
    },
    "TokenRequestList": {
        "type": "array",
        "items": {"$ref": "#/components/schemas/TokenRequest"},
        "xml": {"name": "service_requests", "wrapped": True},
    },
    "Error": {
        "type": "object",
        "required": ["code", "description"],
        "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
        "xml": {"name": "error"},
    },
    "ErrorList": {
        "type": "array",
        "minItems": 1,
        "items": {"$ref": "#/components/schemas/Error"},
        "xml": {"name": "errors", "wrapped": True},
    },
}

# (path, method) → {status: schema name}. The tests validate every answer with this table.
RESPUESTAS: dict[tuple[str, str], dict[int, str]] = {
    ("/discovery.{format}", "get"): {200: "Discovery"},
    ("/services.{format}", "get"): {200: "ServiceList", 404: "ErrorList"},
    ("/services/{service_code}.{format}", "get"): {200: "ServiceDefinition", 404: "ErrorList"},
    ("/requests.{format}", "get"): {200: "ServiceRequestList", 400: "ErrorList", 404: "ErrorList"},
    ("/requests.{format}", "post"): {
        201: "ServiceRequestCreatedList",
        400: "ErrorList",
        403: "ErrorList",
        404: "ErrorList",
        429: "ErrorList",
    },
    ("/requests/{service_request_id}.{format}", "get"): {200: "ServiceRequestList", 404: "ErrorList"},
    ("/tokens/{token}.{format}", "get"): {200: "TokenRequestList", 404: "ErrorList"},
}

_DESCRIPCIONES = {
    200: "Correcto",
    201: "Petición registrada: su token (tipo «batch»), que /tokens/{token} convierte en el folio.",
    400: "Parámetro faltante o inválido",
    403: "Falta la api_key o no es válida (o fue revocada)",
    404: "No existe (servicio, folio, token o jurisdiction_id)",
    429: "Demasiadas peticiones con esta api_key; vea Retry-After",
}

_PARAMETROS = {
    "format": {
        "name": "format",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "enum": ["json", "xml"]},
    },
    "jurisdiction_id": {
        "name": "jurisdiction_id",
        "in": "query",
        "required": False,
        "schema": {"type": "string"},
        "description": "Opcional: SIRC sirve una sola jurisdicción; si se envía debe ser la suya.",
    },
}


def _operacion(ruta: str, metodo: str, resumen: str, extra: list[dict] | None = None, cuerpo: dict | None = None):
    respuestas = {}
    for status, esquema in RESPUESTAS[(ruta, metodo)].items():
        ref = {"$ref": f"#/components/schemas/{esquema}"}
        respuestas[str(status)] = {
            "description": _DESCRIPCIONES[status],
            "content": {"application/json": {"schema": ref}, "text/xml": {"schema": ref}},
        }
    operacion: dict[str, Any] = {
        "summary": resumen,
        "parameters": [{"$ref": "#/components/parameters/format"}, {"$ref": "#/components/parameters/jurisdiction_id"}]
        + (extra or []),
        "responses": respuestas,
    }
    if cuerpo is not None:
        operacion["requestBody"] = cuerpo
    return operacion


def _en_ruta(nombre: str) -> dict:
    return {"name": nombre, "in": "path", "required": True, "schema": {"type": "string"}}


def _en_consulta(nombre: str, descripcion: str) -> dict:
    return {"name": nombre, "in": "query", "required": False, "schema": {"type": "string"}, "description": descripcion}


_CUERPO_POST = {
    "required": True,
    "content": {
        "application/x-www-form-urlencoded": {
            "schema": {
                "type": "object",
                "required": ["api_key", "service_code"],
                "properties": {
                    "api_key": {"type": "string"},
                    "jurisdiction_id": {"type": "string"},
                    "service_code": {"type": "string"},
                    "lat": {"type": "number"},
                    "long": {"type": "number"},
                    "address_string": {
                        "type": "string",
                        "description": "Calle y número, colonia (SIRC busca la colonia).",
                    },
                    "address_id": {"type": "string", "description": "El id de la colonia en SIRC."},
                    "email": {"type": "string"},
                    "device_id": {"type": "string"},
                    "account_id": {"type": "string"},
                    "first_name": {"type": "string"},
                    "last_name": {"type": "string"},
                    "phone": {"type": "string", "description": "10 dígitos (se aceptan +52 y espacios)."},
                    "description": {"type": "string", "maxLength": 4000},
                    "media_url": {"type": "string"},
                },
                "additionalProperties": {"type": "string", "description": "attribute[CODE] y attribute[CODE][]"},
            }
        }
    },
}


def documento_openapi(url_base: str) -> dict:
    """The OpenAPI 3.1 description of SIRC's GeoReport v2 endpoint (served at /open311/v2/openapi.json)."""
    rutas: dict[str, dict] = {
        "/discovery.{format}": {"get": _operacion("/discovery.{format}", "get", "Descubrimiento del servicio")},
        "/services.{format}": {"get": _operacion("/services.{format}", "get", "Lista de servicios (categorías)")},
        "/services/{service_code}.{format}": {
            "get": _operacion(
                "/services/{service_code}.{format}",
                "get",
                "Definición de un servicio: sus preguntas (atributos)",
                [_en_ruta("service_code")],
            )
        },
        "/requests.{format}": {
            "get": _operacion(
                "/requests.{format}",
                "get",
                "Peticiones públicas (sin datos personales); por omisión los últimos 90 días, máximo 1000",
                [
                    _en_consulta("service_request_id", "Folios separados por comas; anula los demás filtros."),
                    _en_consulta("service_code", "Servicios separados por comas."),
                    _en_consulta("start_date", "Fecha W3 (2026-01-01T00:00:00Z); el rango no pasa de 90 días."),
                    _en_consulta("end_date", "Fecha W3 (2026-01-31T23:59:59-06:00)."),
                    _en_consulta("status", "open, closed o ambos separados por comas."),
                ],
            ),
            "post": _operacion(
                "/requests.{format}", "post", "Registrar una petición (requiere api_key)", cuerpo=_CUERPO_POST
            ),
        },
        "/requests/{service_request_id}.{format}": {
            "get": _operacion(
                "/requests/{service_request_id}.{format}",
                "get",
                "Una petición por su folio",
                [_en_ruta("service_request_id")],
            )
        },
        "/tokens/{token}.{format}": {
            "get": _operacion("/tokens/{token}.{format}", "get", "El folio de un token", [_en_ruta("token")])
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "SIRC Veracruz · Open311 GeoReport v2",
            "version": "2",
            "description": (
                "Servicio GeoReport v2 del Sistema Integral de Relación con Ciudadanos (H. Ayuntamiento de Veracruz). "
                "Sigue la especificación publicada (" + ESPECIFICACION + "): XML y JSON (convención Spark). "
                "Cada servicio es una categoría; cada petición registrada es un folio de SIRC con el canal de la "
                "aplicación, la misma dirección responsable, plazo, revisión de duplicados y avisos que una "
                "llamada al 072. Las consultas públicas nunca llevan datos personales."
            ),
        },
        "servers": [{"url": url_base}],
        "paths": rutas,
        "components": {"schemas": ESQUEMAS, "parameters": _PARAMETROS},
    }
