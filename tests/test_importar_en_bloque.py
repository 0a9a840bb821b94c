"""Historical import in bulk: the SQL statements do not grow with the rows, folios of the whole file are
numbered at once per year (no gaps, no duplicates), citizens are matched by phone once per file."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from peticiones import roles
from peticiones.acciones.captura import capturar
from peticiones.models import Ciudadano, ContadorFolio, EventoBitacora, Peticion
from peticiones.recursos import importar

from .factories import (
    CanalFactory,
    CategoriaFactory,
    CiudadanoFactory,
    ColoniaFactory,
    DireccionFactory,
    PeticionFactory,
    TipoPeticionFactory,
    UsuarioFactory,
    datos_de_captura,
)

ENCABEZADO = "folio,fecha_recepcion,estado,categoria,descripcion,colonia,ciudadano_nombre,ciudadano_telefono"


@pytest.fixture
def supervisor(db):
    TipoPeticionFactory()
    CanalFactory()
    CategoriaFactory(nombre="Luminaria apagada", plazo_horas=24)
    CategoriaFactory(nombre="Bache", plazo_horas=72)
    ColoniaFactory(nombre="Centro")
    ColoniaFactory(nombre="Reforma", codigo_postal="91919")
    return UsuarioFactory(rol=roles.SUPERVISOR, username="jorge")


def archivo(filas: int, *, anio: int = 2024) -> bytes:
    """`filas` rows over two years and two categories, a third with folio, a third with a known-style phone."""
    lineas = [ENCABEZADO]
    for i in range(1, filas + 1):
        folio = f"{anio}-{i:06d}" if i % 3 == 0 else ""
        fecha = f"{(i % 28) + 1:02d}/{(i % 12) + 1:02d}/{anio - (i % 2) if not folio else anio} 10:{i % 60:02d}"
        categoria = "Bache" if i % 2 else "Luminaria apagada"
        colonia = "reforma" if i % 4 else "Centro"
        nombre, telefono = ("Ana", f"229{1000000 + i % 7}") if i % 3 == 1 else ("", "")
        lineas.append(f"{folio},{fecha},Cerrada,{categoria},Fila {i},{colonia},{nombre},{telefono}")
    return ("\n".join(lineas) + "\n").encode()


def sentencias(contenido: bytes, usuario, *, confirmar: bool) -> list[str]:
    with CaptureQueriesContext(connection) as consultas:
        resultado = importar(contenido, "historico.csv", usuario=usuario, confirmar=confirmar)
    assert resultado.valido, resultado.errores
    return [c["sql"] for c in consultas.captured_queries]


@pytest.mark.parametrize("confirmar", [False, True], ids=["revision", "importacion"])
def test_las_sentencias_sql_no_crecen_con_las_filas(supervisor, confirmar):
    CiudadanoFactory(telefono="2291000001")  # a known phone: matched, not duplicated
    PeticionFactory()  # a year with requests already
    diez = sentencias(archivo(10, anio=2022), supervisor, confirmar=confirmar)
    cien = sentencias(archivo(100, anio=2024), supervisor, confirmar=confirmar)
    if connection.vendor == "postgresql":
        assert len(diez) == len(cien) < 30, f"10 filas: {len(diez)} sentencias; 100 filas: {len(cien)}"
    else:  # SQLite takes 999 parameters per statement: Django splits each INSERT in batches of ~28 rows
        assert sum(not s.startswith("INSERT") for s in diez) == sum(not s.startswith("INSERT") for s in cien)
        assert len(cien) < 40


def test_folios_sin_hueco_despues_del_mayor_escrito_y_del_contador(supervisor):
    ContadorFolio.objects.create(anio=2023, ultimo=50)
    contenido = (
        f"{ENCABEZADO}\n"
        ",05/01/2024 10:00,,Bache,a,Centro,,\n"
        "2024-000007,06/01/2024 10:00,,Bache,b,Centro,,\n"
        ",31/12/2023 23:59,,Bache,c,Centro,,\n"
        ",07/01/2024 10:00,,Bache,d,Centro,,\n"
        "2023-000010,01/02/2023 10:00,,Bache,e,Centro,,\n"
    ).encode()
    resultado = importar(contenido, "h.csv", usuario=supervisor, confirmar=True)
    assert resultado.valido, resultado.errores
    folios = dict(Peticion.objects.values_list("descripcion", "folio"))
    assert folios == {
        "a": "2024-000008",
        "b": "2024-000007",
        "c": "2023-000051",
        "d": "2024-000009",
        "e": "2023-000010",
    }
    assert dict(ContadorFolio.objects.values_list("anio", "ultimo")) == {2023: 51, 2024: 9}
    assert EventoBitacora.objects.filter(tipo="captura", datos__importada=True).count() == 5
    evento = Peticion.objects.get(descripcion="c").bitacora.get()
    assert evento.fecha == Peticion.objects.get(descripcion="c").fecha_recepcion


def test_revision_no_toca_el_contador_y_una_captura_despues_sigue_la_cuenta(supervisor):
    ContadorFolio.objects.create(anio=2024, ultimo=4)
    contenido = f"{ENCABEZADO}\n,05/01/2024 10:00,,Bache,a,Centro,Ana,2291234567\n".encode()
    revision = importar(contenido, "h.csv", usuario=supervisor, confirmar=False)
    assert revision.vista_previa[0]["folio"] == "2024-000005" and revision.vista_previa[0]["ciudadano"] == "Ana"
    assert ContadorFolio.objects.get().ultimo == 4 and Peticion.objects.count() == 0 and Ciudadano.objects.count() == 0


def test_ciudadanos_por_telefono_una_vez_por_archivo(supervisor):
    conocido = CiudadanoFactory(nombre="Rosa", apellidos="Díaz", telefono="2297654321")
    contenido = (
        f"{ENCABEZADO}\n"
        ",05/01/2024 10:00,,Bache,a,Centro,Rosa María,229 765 4321\n"
        ",05/01/2024 11:00,,Bache,b,Centro,Pedro,229 111 2222\n"
        ",05/01/2024 12:00,,Bache,c,Centro,Pedro,2291112222\n"
        ",05/01/2024 13:00,,Bache,d,Centro,Sin Teléfono,\n"
    ).encode()
    assert importar(contenido, "h.csv", usuario=supervisor, confirmar=True).valido
    por_descripcion = {p.descripcion: p.ciudadano for p in Peticion.objects.select_related("ciudadano")}
    assert por_descripcion["a"] == conocido
    conocido.refresh_from_db()
    assert conocido.nombre == "Rosa"  # an old spreadsheet does not overwrite what we know now
    assert por_descripcion["b"] == por_descripcion["c"] and por_descripcion["b"].telefono == "2291112222"
    assert por_descripcion["d"].nombre == "Sin Teléfono" and por_descripcion["d"].telefono == ""
    assert Ciudadano.objects.count() == 3


def test_texto_demasiado_largo_y_categoria_ambigua_dicen_fila_y_columna(supervisor):
    otra = DireccionFactory(nombre="Alumbrado Público", siglas="AP")
    CategoriaFactory(nombre="Bache", direccion=otra)
    contenido = (
        "fecha_recepcion,categoria,direccion,descripcion,colonia,calle,ciudadano_nombre\n"
        f"05/01/2024 10:00,Bache,,a,Centro,{'x' * 201},\n"
        "05/01/2024 10:00,Bache,Alumbrado Público,b,Centro,Arista,Ana\n"
        f"05/01/2024 10:00,Luminaria apagada,,c,Centro,Arista,{'N' * 101}\n"
    ).encode()
    resultado = importar(contenido, "h.csv", usuario=supervisor, confirmar=True)
    errores = "\n".join(resultado.errores)
    assert "Fila 2, columna «calle»: tiene 201 caracteres; el máximo es 200" in errores
    assert "Fila 2, columna «categoria»: la categoría «Bache» está repetida en el catálogo" in errores
    assert "Fila 3" not in errores  # the dirección column tells which «Bache»
    assert "Fila 4, columna «ciudadano_nombre»: tiene 101 caracteres; el máximo es 100" in errores
    assert Peticion.objects.count() == 0 and Ciudadano.objects.count() == 0


@pytest.mark.skipif(
    not settings.ES_POSTGRES, reason="Concurrencia real sólo en PostgreSQL (SQLite serializa escritores)"
)
@pytest.mark.django_db(transaction=True)
def test_importacion_y_capturas_a_la_vez_comparten_el_contador_sin_huecos_ni_repetidos():
    TipoPeticionFactory()
    CanalFactory()
    categoria = CategoriaFactory(nombre="Bache", plazo_horas=72)
    colonia = ColoniaFactory(nombre="Centro")
    supervisor = UsuarioFactory(rol=roles.SUPERVISOR, username="jorge")
    operador = UsuarioFactory(rol=roles.OPERADOR, username="operador")
    assert operador.has_perm("peticiones.capturar_peticion")  # warm the permission cache before threads
    anio = timezone.localtime().year
    filas = [f",{timezone.localtime():%d/%m/%Y} 08:00,,Bache,importada {i},Centro,," for i in range(300)]
    contenido = ("\n".join([ENCABEZADO, *filas]) + "\n").encode()
    barrera = threading.Barrier(9)

    def importar_archivo() -> bool:
        try:
            barrera.wait(timeout=30)
            return importar(contenido, "h.csv", usuario=supervisor, confirmar=True).valido
        finally:
            connection.close()

    def capturar_una(i: int) -> str:
        try:
            barrera.wait(timeout=30)
            return capturar(usuario=operador, **datos_de_captura(categoria=categoria, colonia=colonia)).folio
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=9) as ejecutor:
        importacion = ejecutor.submit(importar_archivo)
        capturas = list(ejecutor.map(capturar_una, range(8)))
        assert importacion.result()
    numeros = sorted(Peticion.objects.filter(anio=anio).values_list("numero", flat=True))
    assert numeros == list(range(1, 309)), "hay huecos o repetidos en la numeración"
    assert len(set(capturas)) == 8
    assert ContadorFolio.objects.get(anio=anio).ultimo == 308
