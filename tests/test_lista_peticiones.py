"""The request list: filters, sort, pages, constant query count, role scoping; the request page."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peticiones import roles
from peticiones.models import Peticion

from .factories import (
    CategoriaFactory,
    CiudadanoFactory,
    ColoniaFactory,
    DireccionFactory,
    JefeManzanaFactory,
    PeticionFactory,
    UsuarioFactory,
)

URL = "/peticiones/"
MEXICO = ZoneInfo("America/Mexico_City")


@pytest.fixture
def cliente(client, db):
    client.force_login(UsuarioFactory(rol=roles.OPERADOR, username="karla"))
    return client


def folios_en(respuesta) -> list[str]:
    return [p.folio for p in respuesta.context["pagina"].object_list]


def test_filtros_por_estado_direccion_categoria_colonia_y_fechas(cliente):
    obras = DireccionFactory(nombre="Obras Públicas")
    bache = CategoriaFactory(nombre="Bache", direccion=obras)
    reforma = ColoniaFactory(nombre="Reforma")
    octubre = datetime(2026, 10, 15, 10, 0, tzinfo=MEXICO)
    buscada = PeticionFactory(categoria=bache, colonia=reforma, fecha_recepcion=octubre)
    PeticionFactory(categoria=bache, colonia=reforma, fecha_recepcion=octubre, estado=Peticion.Estado.CERRADA)
    PeticionFactory(categoria=bache, fecha_recepcion=octubre)
    PeticionFactory(colonia=reforma, fecha_recepcion=octubre)
    PeticionFactory(categoria=bache, colonia=reforma, fecha_recepcion=octubre + timedelta(days=30))
    r = cliente.get(
        URL,
        {
            "estado": "recibida",
            "direccion": obras.pk,
            "categoria": bache.pk,
            "colonia": reforma.pk,
            "desde": "2026-10-01",
            "hasta": "2026-10-31",
        },
    )
    assert folios_en(r) == [buscada.folio]
    assert "1 petición" in r.content.decode()


def test_el_ultimo_minuto_del_dia_local_cuenta_en_hasta(cliente):
    noche = PeticionFactory(fecha_recepcion=datetime(2026, 10, 31, 23, 59, tzinfo=MEXICO))
    assert folios_en(cliente.get(URL, {"hasta": "2026-10-31"})) == [noche.folio]
    assert folios_en(cliente.get(URL, {"desde": "2026-11-01"})) == []


def test_solo_vencidas(cliente):
    hace_3_dias = timezone.now() - timedelta(days=3)
    vencida = PeticionFactory(fecha_recepcion=hace_3_dias)  # 24 h plazo
    PeticionFactory(fecha_recepcion=hace_3_dias, estado=Peticion.Estado.CERRADA)
    PeticionFactory()
    r = cliente.get(URL, {"vencidas": "on"})
    assert folios_en(r) == [vencida.folio]
    assert "vencida" in r.content.decode()


def test_busqueda_por_folio_telefono_nombre_y_texto(cliente):
    rosa = CiudadanoFactory(nombre="Rosa", apellidos="Chama Landa", telefono="2299876543")
    fuga = PeticionFactory(descripcion="Fuga de agua potable en la banqueta", ciudadano=rosa)
    luz = PeticionFactory(descripcion="Luminaria apagada frente a la escuela")
    assert folios_en(cliente.get(URL, {"texto": fuga.folio})) == [fuga.folio]
    assert folios_en(cliente.get(URL, {"texto": "229 987 6543"})) == [fuga.folio]
    assert folios_en(cliente.get(URL, {"texto": "rosa chama"})) == [fuga.folio]
    assert folios_en(cliente.get(URL, {"texto": "luminaria"})) == [luz.folio]
    assert folios_en(cliente.get(URL, {"texto": "fuga agua"})) == [fuga.folio]


def test_busqueda_perdona_errores_de_dedo_en_postgresql(cliente, settings):
    if not settings.ES_POSTGRES:
        pytest.skip("La búsqueda por trigramas es de PostgreSQL; SQLite usa icontains")
    luz = PeticionFactory(descripcion="Luminaria apagada frente a la escuela")
    PeticionFactory(descripcion="Bache profundo")
    assert folios_en(cliente.get(URL, {"texto": "lumnaria apagda"})) == [luz.folio]
    assert folios_en(cliente.get(URL, {"texto": "luminarias apagadas"})) == [luz.folio]  # Spanish stemming


def test_orden_y_paginacion(cliente):
    categoria = CategoriaFactory()
    hace = timezone.now() - timedelta(hours=1)
    peticiones = [PeticionFactory(categoria=categoria, fecha_recepcion=hace + timedelta(minutes=i)) for i in range(30)]
    primera = cliente.get(URL)
    assert folios_en(primera)[0] == peticiones[-1].folio and len(folios_en(primera)) == 25
    assert "página 1 de 2" in primera.content.decode()
    segunda = cliente.get(URL, {"pagina": 2})
    assert len(folios_en(segunda)) == 5
    por_folio = cliente.get(URL, {"orden": "folio"})
    assert folios_en(por_folio)[0] == peticiones[0].folio
    html = cliente.get(URL, {"orden": "folio", "categoria": categoria.pk}).content.decode()
    assert f"?orden=folio&amp;categoria={categoria.pk}&amp;pagina=2" in html  # pages keep filters and sort


def test_con_muchos_resultados_el_conteo_se_acota(cliente, monkeypatch):
    from peticiones.views import lista

    monkeypatch.setattr(lista, "TOPE_CONTEO", 30)
    categoria = CategoriaFactory()
    for _ in range(31):
        PeticionFactory(categoria=categoria)
    html = cliente.get(URL).content.decode()
    assert "Más de 30 peticiones" in html and "Siguiente" in html and "Última" not in html
    assert "2 peticiones" not in cliente.get(URL, {"pagina": 2}).content.decode()


def test_htmx_recibe_solo_la_tabla(cliente):
    luz = PeticionFactory(descripcion="Luminaria apagada")
    r = cliente.get(URL, {"texto": luz.folio}, headers={"HX-Request": "true"})
    html = r.content.decode()
    assert html.startswith('<div id="resultados">') and luz.folio in html and "<html" not in html


def test_consultas_constantes_por_pagina(cliente):
    def consultas_con(n: int) -> int:
        Peticion.objects.all().delete()
        for _ in range(n):
            PeticionFactory()
        with CaptureQueriesContext(connection) as ctx:
            r = cliente.get(URL, {"orden": "-recepcion"})
        assert len(folios_en(r)) == min(n, 25)
        return len(ctx.captured_queries)

    assert consultas_con(5) == consultas_con(50)


def test_el_enlace_solo_ve_lo_de_su_direccion(client, db):
    obras = DireccionFactory()
    enlace = UsuarioFactory(rol=roles.ENLACE)
    obras.enlaces.add(enlace)
    suya = PeticionFactory(categoria=CategoriaFactory(direccion=obras), estado=Peticion.Estado.TURNADA)
    PeticionFactory(categoria=CategoriaFactory(direccion=obras))  # «Recibida»: still Atención Ciudadana's
    ajena = PeticionFactory(estado=Peticion.Estado.TURNADA)
    client.force_login(enlace)
    assert folios_en(client.get(URL)) == [suya.folio]
    assert client.get(reverse("peticiones:detalle", args=[ajena.folio])).status_code == 404
    assert client.get(reverse("peticiones:acuse", args=[ajena.folio])).status_code == 404
    exportado = client.get(reverse("peticiones:exportar", args=["csv"])).content.decode()
    assert suya.folio in exportado and ajena.folio not in exportado


def test_el_jefe_de_manzana_ve_lo_que_gestiona(client, db):
    usuario = UsuarioFactory(rol=roles.JEFE_MANZANA)
    jefe = JefeManzanaFactory(usuario=usuario)
    suya = PeticionFactory(gestor=jefe, colonia=ColoniaFactory())
    PeticionFactory()
    client.force_login(usuario)
    assert folios_en(client.get(URL)) == [suya.folio]


def test_usuario_sin_rol_no_consulta(client, db):
    client.force_login(UsuarioFactory())
    assert client.get(URL).status_code == 403
    assert client.get(reverse("peticiones:exportar", args=["csv"])).status_code == 403


def test_la_pagina_de_la_peticion_muestra_su_bitacora(cliente):
    from peticiones.acciones.captura import capturar

    from .factories import datos_de_captura

    operador = UsuarioFactory(rol=roles.OPERADOR, first_name="Karla", last_name="Mendoza")
    peticion = capturar(usuario=operador, **datos_de_captura(descripcion="Árbol caído sobre la calle"))
    html = cliente.get(reverse("peticiones:detalle", args=[peticion.folio])).content.decode()
    assert f"Folio {peticion.folio}" in html and "Árbol caído sobre la calle" in html
    assert "Bitácora" in html and "Captura" in html and "Karla Mendoza" in html and "Recibida por Línea 072" in html
    assert cliente.get(reverse("peticiones:detalle", args=["2026-999999"])).status_code == 404
