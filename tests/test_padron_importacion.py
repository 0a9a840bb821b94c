"""Importing the padrón: dry-run preview, all-or-nothing with every bad row listed, updates by CURP."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jefes_manzana.curp import completar_curp
from jefes_manzana.importacion import importar_padron, leer_archivo
from jefes_manzana.models import JefeManzana
from jefes_manzana.recursos import ArchivoInvalido
from peticiones import roles

from .factories import ColoniaFactory, CuartelFactory, JefeManzanaFactory
from .padron_utiles import csv_bytes, fila, xlsx_bytes

pytestmark = pytest.mark.django_db


def curps(cuantas: int) -> list[str]:
    """Distinct valid CURPs (one birth date each)."""
    return [completar_curp(f"GAHG{_fecha(n):%y%m%d}MVZRRL{n % 10}") for n in range(cuantas)]


def _fecha(n: int) -> date:
    return date.fromordinal(date(1950, 1, 1).toordinal() + n)


@pytest.fixture
def colonia():
    return ColoniaFactory(nombre="Faros", codigo_postal="91709")


def importar_csv(filas, confirmar):
    return importar_padron(leer_archivo("padron.csv", csv_bytes(filas)), confirmar=confirmar)


def test_vista_previa_no_guarda_y_cuenta_nuevos(colonia):
    resultado = importar_csv([fila(c, colonia, Manzana=f"F-{i}") for i, c in enumerate(curps(3))], confirmar=False)
    assert resultado.valido
    assert (resultado.nuevos, resultado.actualizados) == (3, 0)
    assert resultado.vista_previa[0]["accion"] == "Nuevo"
    assert JefeManzana.objects.count() == 0


def test_importacion_confirmada_guarda_con_todos_los_datos(colonia):
    cuartel = CuartelFactory(numero=7)
    c = curps(1)[0]
    resultado = importar_csv(
        [fila(c, colonia, Cuartel="7", Latitud="19.2", Longitud="-96.13", **{"Fecha de acreditación": "2026-02-01"})],
        confirmar=True,
    )
    assert resultado.confirmada, resultado.errores
    jefe = JefeManzana.objects.get(curp=c)
    assert (jefe.colonia, jefe.cuartel, jefe.estado) == (colonia, cuartel, "activo")
    assert jefe.fecha_nombramiento == date(2026, 1, 15)
    assert jefe.fecha_acreditacion == date(2026, 2, 1)
    assert str(jefe.latitud) == "19.200000"


def test_reimportar_actualiza_por_curp_sin_duplicar(colonia):
    filas = [fila(c, colonia, Manzana=f"F-{i}") for i, c in enumerate(curps(3))]
    importar_csv(filas, confirmar=True)
    filas[1]["Teléfono"] = "229 765 4321"
    filas[2]["CURP"] = filas[2]["CURP"].lower()  # same person typed in lower case
    resultado = importar_csv(filas, confirmar=True)
    assert (resultado.nuevos, resultado.actualizados) == (0, 3)
    assert JefeManzana.objects.count() == 3
    assert JefeManzana.objects.get(curp=filas[1]["CURP"]).telefono == "2297654321"


def test_una_fila_mala_no_importa_nada_y_lista_cada_fila_con_columna_y_motivo(colonia):
    buenas = curps(4)
    filas = [
        fila(buenas[0], colonia),
        fila("HEGG560427MVZRRL09", colonia),  # wrong check digit → file row 3
        fila(buenas[1], colonia, Colonia="Colonia Inexistente"),  # row 4
        fila(buenas[2], colonia, **{"Fecha de nombramiento": "31/02/2026"}),  # row 5
        fila(buenas[0], colonia),  # repeated CURP → row 6
        fila(buenas[3], colonia),
    ]
    resultado = importar_csv(filas, confirmar=True)
    assert not resultado.confirmada
    assert JefeManzana.objects.count() == 0
    errores = {(e["fila"], e["columna"]): e["motivo"] for e in resultado.errores}
    assert "dígito verificador" in errores[(3, "CURP")]
    assert "no está en el catálogo de colonias" in errores[(4, "Colonia")]
    assert "no es una fecha válida" in errores[(5, "Fecha de nombramiento")]
    assert "repetida en el archivo (ya está en la fila 2)" in errores[(6, "CURP")]
    assert resultado.filas_con_error == 4


def test_baja_sin_motivo_es_error_del_modelo(colonia):
    resultado = importar_csv([fila(curps(1)[0], colonia, Estado="Baja", **{"Fecha de baja": "01/03/2026"})], False)
    assert [(e["columna"], e["motivo"]) for e in resultado.errores] == [
        ("Motivo de baja", "Indique el motivo de la baja.")
    ]


def test_colonia_repetida_se_distingue_por_codigo_postal():
    ColoniaFactory(nombre="Centro", codigo_postal="91700")
    otra = ColoniaFactory(nombre="Centro", codigo_postal="91800")
    c1, c2 = curps(2)
    resultado = importar_csv(
        [fila(c1, otra), fila(c2, otra, **{"Código postal": ""})],
        confirmar=True,
    )
    assert [(e["fila"], e["columna"]) for e in resultado.errores] == [(3, "Colonia")]
    assert "indique el código postal" in resultado.errores[0]["motivo"]


def test_xlsx_con_fechas_y_numeros_de_excel(colonia):
    c = curps(1)[0]
    contenido = xlsx_bytes(
        [fila(c, colonia, Teléfono=2291112233, Manzana=12, **{"Fecha de nombramiento": date(2026, 1, 20)})]
    )
    resultado = importar_padron(leer_archivo("padron.xlsx", contenido), confirmar=True)
    assert resultado.confirmada, resultado.errores
    jefe = JefeManzana.objects.get(curp=c)
    assert (jefe.telefono, jefe.manzana, jefe.fecha_nombramiento) == ("2291112233", "12", date(2026, 1, 20))


def test_encabezados_sin_acentos_y_punto_y_coma_de_excel(colonia):
    c = curps(1)[0]
    contenido = f"curp;nombre;apellidos;colonia;manzana\n{c};Rosa;Lara Cano;faros;F-9\n".encode("cp1252")
    resultado = importar_padron(leer_archivo("padron.csv", contenido), confirmar=True)
    assert resultado.confirmada, resultado.errores
    assert JefeManzana.objects.get(curp=c).estado == "propuesto"


def test_faltan_columnas_obligatorias():
    with pytest.raises(ArchivoInvalido, match="«CURP»"):
        importar_padron(leer_archivo("padron.csv", b"Nombre(s),Apellidos\nAna,Ruiz\n"), confirmar=False)


def test_archivo_que_no_es_xlsx():
    with pytest.raises(ArchivoInvalido, match="No se pudo leer"):
        leer_archivo("padron.xlsx", b"esto no es un libro de Excel")


def test_reimportar_persona_con_estado_vacio_conserva_su_estado(colonia):
    jefe = JefeManzanaFactory(colonia=colonia, estado="activo")
    resultado = importar_csv([fila(jefe.curp, colonia, Estado="", Manzana="F-77")], confirmar=True)
    assert resultado.actualizados == 1
    jefe.refresh_from_db()
    assert (jefe.estado, jefe.manzana) == ("activo", "F-77")


def test_sentencias_sql_no_crecen_con_las_filas(colonia):
    """The importer's SQL statement count is the same for 10 and for 100 rows (dry-run and confirmed).

    SQLite (the demo fallback) accepts at most 999 parameters a statement, so Django splits inserts of
    more than ~35 rows of this table; there the comparison is 10 against 30 rows.
    """
    muchas = 100 if connection.vendor == "postgresql" else 30
    todas = curps(10 + muchas)

    def contar(filas, confirmar):
        datos = leer_archivo("padron.csv", csv_bytes(filas))
        with CaptureQueriesContext(connection) as consultas:
            resultado = importar_padron(datos, confirmar=confirmar)
        assert resultado.valido, resultado.errores[:3]
        return len(consultas.captured_queries)

    diez = [fila(c, colonia, Manzana=f"A-{i}") for i, c in enumerate(todas[:10])]
    cien = [fila(c, colonia, Manzana=f"B-{i}") for i, c in enumerate(todas[10:])]
    assert contar(diez, False) == contar(cien, False)
    assert contar(diez, True) == contar(cien, True)  # creations
    assert contar(diez, True) == contar(cien, True)  # updates of the same CURPs


def test_vista_web_rechaza_y_luego_acepta_el_archivo_corregido(client, usuario_de_rol, colonia):
    supervisor = usuario_de_rol(roles.SUPERVISOR)
    client.force_login(supervisor)
    buena, mala = curps(2)[0], "HEGG560427MVZRRL09"
    archivo = SimpleUploadedFile("padron.csv", csv_bytes([fila(buena, colonia), fila(mala, colonia)]))
    respuesta = client.post("/jefes-manzana/importar/", {"archivo": archivo})
    texto = respuesta.content.decode()
    assert "No se importó nada" in texto and "dígito verificador" in texto
    archivo = SimpleUploadedFile("padron.csv", csv_bytes([fila(buena, colonia)]))
    respuesta = client.post("/jefes-manzana/importar/", {"archivo": archivo})
    assert "Vista previa" in respuesta.content.decode()
    assert JefeManzana.objects.count() == 0
    clave = respuesta.context["clave"]
    respuesta = client.post(
        "/jefes-manzana/importar/confirmar/", {"clave": clave, "extension": "csv", "nombre_archivo": "padron"}
    )
    assert respuesta.status_code == 302
    assert JefeManzana.objects.filter(curp=buena).exists()


def test_sin_permiso_no_importa(client, usuario_de_rol):
    client.force_login(usuario_de_rol(roles.DIRECTOR))
    assert client.get("/jefes-manzana/importar/").status_code == 403


def test_comando_importar_padron(colonia, tmp_path):
    from django.core.management import CommandError, call_command

    archivo = tmp_path / "padron.csv"
    archivo.write_bytes(csv_bytes([fila(curps(1)[0], colonia)]))
    call_command("importar_padron", str(archivo))
    assert JefeManzana.objects.count() == 0
    call_command("importar_padron", str(archivo), "--confirmar")
    assert JefeManzana.objects.count() == 1
    archivo.write_bytes(csv_bytes([fila("HEGG560427MVZRRL09", colonia)]))
    with pytest.raises(CommandError, match="No se importó nada: 1 fila con errores"):
        call_command("importar_padron", str(archivo), "--confirmar")


def test_baja_por_archivo_desactiva_el_acceso(colonia, supervisor):
    from jefes_manzana import acciones

    jefe = JefeManzanaFactory(colonia=colonia)
    acciones.crear_acceso(jefe, por=supervisor)
    cuartel = CuartelFactory(jefe=jefe)
    resultado = importar_csv(
        [fila(jefe.curp, colonia, Estado="Baja", **{"Motivo de baja": "Renuncia", "Fecha de baja": "01/04/2026"})],
        confirmar=True,
    )
    assert resultado.actualizados == 1
    jefe.refresh_from_db()
    cuartel.refresh_from_db()
    assert (jefe.estado, jefe.usuario.is_active, cuartel.jefe) == ("baja", False, None)
