"""Checking Open311 answers against SIRC's OpenAPI document (jsonschema) and the spec's XML↔JSON rule.

XML is read back to JSON with the spec's «Spark convention» (an element whose children all share one name is
an array; an empty element is null) and validated against the same schemas with every scalar also allowed
as text (XML has no numbers or booleans).
"""

import copy
import json
import re
from xml.etree import ElementTree

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from peticiones.georeport import RESPUESTAS, documento_openapi

URI = "urn:sirc:open311"


def _relajar(nodo):
    """The schema with every scalar type also accepting a string (what XML carries)."""
    if isinstance(nodo, dict):
        nuevo = {k: _relajar(v) for k, v in nodo.items()}
        tipo = nuevo.get("type")
        if isinstance(tipo, str) and tipo not in ("object", "array", "string"):
            nuevo["type"] = [tipo, "string"]
        elif isinstance(tipo, list) and "string" not in tipo:
            nuevo["type"] = [*tipo, "string"]
        return nuevo
    if isinstance(nodo, list):
        return [_relajar(n) for n in nodo]
    return nodo


_DOC = documento_openapi("http://testserver/open311/v2")
_REGISTRO = Registry().with_resource(URI, Resource.from_contents(_DOC, default_specification=DRAFT202012))
_DOC_XML = _relajar(copy.deepcopy(_DOC))
_REGISTRO_XML = Registry().with_resource(URI, Resource.from_contents(_DOC_XML, default_specification=DRAFT202012))


def validador(esquema: str, xml: bool = False) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": f"{URI}#/components/schemas/{esquema}"}, registry=_REGISTRO_XML if xml else _REGISTRO
    )


def spark(elemento: ElementTree.Element):
    """An XML element as JSON by the Spark convention."""
    hijos = list(elemento)
    if not hijos:
        texto = (elemento.text or "").strip()
        return texto or None
    nombres = {h.tag for h in hijos}
    if len(nombres) == 1:
        return [spark(h) for h in hijos]
    return {h.tag: spark(h) for h in hijos}


def en_texto(valor):
    """JSON data as XML would carry it (what `spark` gives back)."""
    if isinstance(valor, dict):
        return {k: en_texto(v) for k, v in valor.items()}
    if isinstance(valor, list):
        return [en_texto(v) for v in valor]
    if valor is None or valor == "":
        return None
    if isinstance(valor, bool):
        return "true" if valor else "false"
    return str(valor)


def errores_de(instancia, esquema: str, xml: bool = False) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validador(esquema, xml).iter_errors(instancia)
    ]


def validar_respuesta(respuesta, ruta: str, metodo: str = "get"):
    """Check status, content type and body of an answer against the OpenAPI document; return the data as JSON."""
    esquemas = RESPUESTAS[(ruta, metodo)]
    assert respuesta.status_code in esquemas, f"{ruta} {metodo} respondió {respuesta.status_code} (no documentado)"
    esquema = esquemas[respuesta.status_code]
    tipo = respuesta["Content-Type"]
    if tipo.startswith("application/json"):
        assert tipo == "application/json; charset=utf-8" or tipo == "application/json"
        datos = json.loads(respuesta.content.decode("utf-8"))
        errores = errores_de(datos, esquema)
    else:
        assert tipo == "text/xml; charset=utf-8", tipo
        assert respuesta.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
        raiz = ElementTree.fromstring(respuesta.content)
        datos = spark(raiz)
        errores = errores_de(datos, esquema, xml=True)
    assert not errores, f"{ruta} {metodo} {respuesta.status_code} no cumple {esquema}: {errores}"
    return datos


def json_de_ejemplo(texto: str):
    """The spec's JSON examples write service_code as 001 (leading zeros are not JSON, RFC 8259 §6); read them
    as the strings the XML examples show."""
    return json.loads(re.sub(r'(":\s*)(0\d+)', r'\1"\2"', texto))
