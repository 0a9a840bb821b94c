"""Query counts of the request list and its text search (issue 13): a fixed number of statements whatever
the rows, the search on the stored tsvector (PostgreSQL), the bounded count «más de 1,000». No timings here:
speed lives in bench/paginas_http.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peticiones import roles

from .factories import CategoriaFactory, CiudadanoFactory, PeticionFactory, UsuarioFactory

URL = "/peticiones/"


@pytest.fixture
def cliente(client, db):
    client.force_login(UsuarioFactory(rol=roles.OPERADOR))
    return client


def consultas(cliente, datos: dict) -> tuple[list[str], str]:
    """Statements of one request, in steady state (the catalogs the factories just changed already re-read)."""
    cliente.get(URL, datos)
    with CaptureQueriesContext(connection) as ctx:
        r = cliente.get(URL, datos)
    assert r.status_code == 200
    return [q["sql"] for q in ctx.captured_queries], r.content.decode()


def test_la_lista_hace_las_mismas_consultas_con_5_o_40_peticiones(cliente):
    categoria = CategoriaFactory()
    PeticionFactory.create_batch(5, categoria=categoria)
    pocas, _ = consultas(cliente, {})
    PeticionFactory.create_batch(35, categoria=categoria)
    muchas, html = consultas(cliente, {})
    # session, user, permissions and groups (one), count, page, two menu badges
    assert len(pocas) == len(muchas) <= 7, muchas
    assert html.count('<td class="folio">') == 25


def test_la_busqueda_hace_las_mismas_consultas_con_3_o_30_coincidencias(cliente, settings):
    PeticionFactory.create_batch(3, descripcion="Fuga de agua potable en la banqueta")
    PeticionFactory(descripcion="Luminaria apagada")
    pocas, html = consultas(cliente, {"texto": "fuga agua"})
    assert html.count('<td class="folio">') == 3
    PeticionFactory.create_batch(27, descripcion="Fuga de agua en el registro")
    muchas, html = consultas(cliente, {"texto": "fuga agua"})
    assert html.count('<td class="folio">') == 25 and "30 peticiones" in html
    assert len(pocas) == len(muchas) <= 9, muchas  # + citizens by name, matching ids
    if settings.ES_POSTGRES:  # the stored, indexed tsvector; no to_tsvector() computed per row
        texto = "\n".join(muchas)
        assert ".documento @@ websearch_to_tsquery" in texto and "to_tsvector" not in texto
        assert "word_similarity" not in texto and "%>" not in texto  # typo forgiveness only when nothing matched


def test_la_calle_tambien_se_busca(cliente):
    independencia = PeticionFactory(descripcion="Bache profundo", calle="Independencia")
    PeticionFactory(descripcion="Bache profundo", calle="Morelos")
    _, html = consultas(cliente, {"texto": "independencia"})
    assert independencia.folio in html and html.count('<td class="folio">') == 1


def test_la_busqueda_cuenta_hasta_un_tope(cliente, monkeypatch):
    from peticiones.views import lista

    monkeypatch.setattr(lista, "TOPE_CONTEO_BUSQUEDA", 4)
    PeticionFactory.create_batch(5, descripcion="Fuga de agua")
    _, html = consultas(cliente, {"texto": "fuga"})
    assert "Más de 4 peticiones" in html
    _, html = consultas(cliente, {})
    assert "5 peticiones" in html  # without text the list counts up to TOPE_CONTEO


def test_por_nombre_del_ciudadano_sin_errores_de_dedo_en_el_texto(cliente):
    rosa = CiudadanoFactory(nombre="Rosa", apellidos="Chama")
    suya = PeticionFactory(ciudadano=rosa, descripcion="Poda de árbol")
    PeticionFactory(descripcion="Poda de árbol")
    _, html = consultas(cliente, {"texto": "rosa chama"})
    assert suya.folio in html and html.count('<td class="folio">') == 1


def test_con_muchas_coincidencias_la_busqueda_no_cuenta_dos_veces(cliente, monkeypatch, settings):
    if not settings.ES_POSTGRES:
        pytest.skip("La búsqueda de PostgreSQL reúne primero los ids; SQLite usa icontains")
    from peticiones.selectores import busqueda
    from peticiones.views import lista

    monkeypatch.setattr(busqueda, "MAX_IDS_BUSQUEDA", 26)
    monkeypatch.setattr(lista, "TOPE_CONTEO_BUSQUEDA", 26)
    PeticionFactory.create_batch(28, descripcion="Fuga de agua")
    sentencias, html = consultas(cliente, {"texto": "fuga agua"})
    assert "Más de 26 peticiones" in html and html.count('<td class="folio">') == 25
    assert not any("COUNT(" in s for s in sentencias if "peticiones_peticion" in s)
    # with another filter the search's own tally says nothing of what is left: the list counts
    _, html = consultas(cliente, {"texto": "fuga agua", "estado": "cerrada"})
    assert "0 peticiones" in html
