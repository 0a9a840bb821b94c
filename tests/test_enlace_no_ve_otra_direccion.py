"""An Enlace de Dirección never reaches another dirección's request: lists, pages, exports, every action."""

import io

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from peticiones.acciones import transiciones as t
from peticiones.evidencias import guardar_fotos, validar_fotos
from peticiones.models import Peticion

from .escenario_turnado import crear_escenario, foto

pytestmark = pytest.mark.django_db


def _rutas_de_peticiones() -> list[URLPattern]:
    for patron in get_resolver().url_patterns:
        if isinstance(patron, URLResolver) and patron.namespace == "peticiones":
            return [p for p in patron.url_patterns if isinstance(p, URLPattern)]
    raise AssertionError("No está el espacio de nombres 'peticiones'")


# The transitions with a page of their own (the guía's «informar» happens only inside the capture).
MANUALES = [n for n, transicion in t.TRANSICIONES.items() if transicion.manual]


def _urls_de_una_peticion(peticion: Peticion, evidencia_pk: int) -> list[str]:
    """Every URL of the peticiones app that names one request (new views are picked up automatically)."""
    urls = []
    for patron in _rutas_de_peticiones():
        parametros = set(patron.pattern.converters)
        nombre = f"peticiones:{patron.name}"
        if parametros == {"folio"}:
            urls.append(reverse(nombre, kwargs={"folio": peticion.folio}))
            continue
        if "pk" not in parametros:
            continue
        if parametros == {"pk"}:
            urls.append(reverse(nombre, kwargs={"pk": peticion.pk}))
        elif parametros == {"pk", "nombre"}:
            urls += [reverse(nombre, kwargs={"pk": peticion.pk, "nombre": n}) for n in MANUALES]
        elif parametros == {"pk", "evidencia_pk"}:
            urls.append(reverse(nombre, kwargs={"pk": peticion.pk, "evidencia_pk": evidencia_pk}))
        else:
            raise AssertionError(f"Agregue a esta prueba la ruta {patron.name} ({parametros})")
    return urls


@pytest.fixture
def escena(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    settings.MEDIA_ROOT = tmp_path
    escena = crear_escenario()
    t.turnar(escena.ajena, escena.supervisor, escena.otra)
    t.turnar(escena.peticion, escena.supervisor, escena.direccion)
    escena.evidencia = guardar_fotos(escena.ajena, escena.enlace_ajeno, validar_fotos([foto()]))[0]
    return escena


def test_cada_vista_de_una_peticion_ajena_responde_404(client, escena):
    """404 on every per-request view, exactly like a folio that does not exist — also on screens closed to
    the enlace's role (the capture receipt answers 403 only for a folio the enlace can see)."""
    client.force_login(escena.enlace)
    inexistente = Peticion(pk=999_999, folio="2099-999999")
    ajenas = _urls_de_una_peticion(escena.ajena, escena.evidencia.pk)
    faltantes = _urls_de_una_peticion(inexistente, 999_999)
    assert len(ajenas) >= len(MANUALES) + 5
    assert reverse("peticiones:capturada", kwargs={"folio": escena.ajena.folio}) in ajenas
    datos = {"motivo": "x", "marcar_atendida-resolucion": "x", "comentario-texto": "x"}
    for ajena, falta in zip(ajenas, faltantes, strict=True):
        for metodo in (client.get, client.post):
            respuesta = metodo(ajena, datos) if metodo is client.post else metodo(ajena)
            if respuesta.status_code == 405:
                continue
            assert respuesta.status_code == 404 == metodo(falta).status_code, ajena
    escena.ajena.refresh_from_db()
    assert escena.ajena.estado == Peticion.Estado.TURNADA
    assert not escena.ajena.bitacora.filter(usuario=escena.enlace).exists()


def test_las_mismas_vistas_si_responden_para_su_propia_peticion(client, escena):
    """The 404s above are about scope, not broken URLs: the same views answer for the enlace's own request."""
    client.force_login(escena.enlace)
    propia = guardar_fotos(escena.peticion, escena.enlace, validar_fotos([foto()]))[0]
    for url in _urls_de_una_peticion(escena.peticion, propia.pk):
        assert client.get(url).status_code in (200, 302, 403, 405), url


def test_la_bandeja_y_la_exportacion_solo_traen_sus_folios(client, escena):
    client.force_login(escena.enlace)
    html = client.get(reverse("peticiones:bandeja_direccion")).content.decode()
    assert escena.peticion.folio in html and escena.ajena.folio not in html
    csv = client.get(reverse("peticiones:exportar_bandeja_direccion")).content.decode()
    assert escena.peticion.folio in csv and escena.ajena.folio not in csv
    # The general list and its exports (issue 3) are scoped the same way.
    html = client.get(reverse("peticiones:lista")).content.decode()
    assert escena.peticion.folio in html and escena.ajena.folio not in html
    buscada = client.get(reverse("peticiones:lista"), {"texto": escena.ajena.folio})
    assert list(buscada.context["pagina"]) == []
    csv = client.get(reverse("peticiones:exportar", args=["csv"])).content.decode("utf-8-sig")
    assert escena.peticion.folio in csv and escena.ajena.folio not in csv
    libro = load_workbook(io.BytesIO(client.get(reverse("peticiones:exportar", args=["xlsx"])).content))
    celdas = {str(c.value) for fila in libro.active.iter_rows() for c in fila}
    assert escena.peticion.folio in celdas and escena.ajena.folio not in celdas
    # Forcing the other dirección in the filter changes nothing.
    html = client.get(reverse("peticiones:bandeja_direccion"), {"direccion": escena.otra.pk}).content.decode()
    assert escena.ajena.folio not in html


def test_acciones_en_lote_no_alcanzan_folios_ajenos(client, escena):
    client.force_login(escena.enlace)
    respuesta = client.post(
        reverse("peticiones:acciones_lote"),
        {"accion": "iniciar", "seleccion": [escena.ajena.pk, escena.peticion.pk]},
        follow=True,
    )
    texto = respuesta.content.decode()
    assert "1 petición(es) seleccionada(s) no se encontraron" in texto
    escena.ajena.refresh_from_db()
    escena.peticion.refresh_from_db()
    assert escena.ajena.estado == Peticion.Estado.TURNADA
    assert escena.peticion.estado == Peticion.Estado.EN_PROCESO


def test_el_enlace_no_entra_a_la_bandeja_de_atencion_ciudadana(client, escena):
    client.force_login(escena.enlace)
    assert client.get(reverse("peticiones:bandeja_atencion")).status_code == 403
