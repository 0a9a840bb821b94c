"""The acuse (PDF receipt) for citizens served in person."""

import io

from django.urls import reverse
from pypdf import PdfReader

from peticiones import roles
from peticiones.acciones.captura import capturar

from .factories import CategoriaFactory, DireccionFactory, UsuarioFactory, datos_de_captura


def test_acuse_trae_folio_fecha_categoria_direccion_y_como_consultar(client, db):
    operador = UsuarioFactory(rol=roles.OPERADOR)
    categoria = CategoriaFactory(nombre="Poda de árbol", direccion=DireccionFactory(nombre="Parques y Jardines"))
    peticion = capturar(usuario=operador, **datos_de_captura(categoria=categoria))
    client.force_login(operador)
    r = client.get(reverse("peticiones:acuse", args=[peticion.folio]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    texto = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    for esperado in [
        peticion.folio,
        "Acuse de recibo",
        "Poda de árbol",
        "Parques y Jardines",
        "María López Pérez",
        "Línea 072",
        "/consulta/",
        "Fecha límite de atención",
    ]:
        assert esperado in texto, esperado
