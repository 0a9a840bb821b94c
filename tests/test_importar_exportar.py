"""Historical import (CSV/XLSX, dry run first, all or nothing) and export of the filtered list."""

import io

import openpyxl
import pytest
from django.urls import reverse

from peticiones import roles
from peticiones.models import Ciudadano, ContadorFolio, EventoBitacora, Peticion
from peticiones.recursos import COLUMNAS, importar

from .factories import (
    CanalFactory,
    CategoriaFactory,
    ColoniaFactory,
    PeticionFactory,
    TipoPeticionFactory,
    UsuarioFactory,
)

ENCABEZADO = "folio,fecha_recepcion,estado,categoria,descripcion,calle,colonia,ciudadano_nombre,ciudadano_telefono"


@pytest.fixture
def supervisor(db):
    TipoPeticionFactory()
    CanalFactory()
    CategoriaFactory(nombre="Luminaria apagada", plazo_horas=24)
    ColoniaFactory(nombre="Centro")
    ColoniaFactory(nombre="Cristóbal Colón", codigo_postal="91760")
    return UsuarioFactory(rol=roles.SUPERVISOR, username="jorge")


def csv(*filas: str) -> bytes:
    return ("\n".join([ENCABEZADO, *filas]) + "\n").encode()


BUENAS = [
    "2024-000123,05/03/2024 10:30,Cerrada,Luminaria apagada,Lámpara apagada,Av. Díaz Mirón,Centro,María,229 123 4567",
    ",2024-03-06 09:00,,luminaria apagada,Otra lámpara,Calle Arista,cristobal colon,,",
]


def test_revisar_no_guarda_nada_y_confirmar_importa_todo(supervisor):
    revision = importar(csv(*BUENAS), "historico.csv", usuario=supervisor, confirmar=False)
    assert revision.valido and revision.nuevas == 2
    assert revision.vista_previa[0]["folio"] == "2024-000123"
    assert Peticion.objects.count() == 0 and Ciudadano.objects.count() == 0

    resultado = importar(csv(*BUENAS), "historico.csv", usuario=supervisor, confirmar=True)
    assert resultado.valido and resultado.nuevas == 2
    cerrada = Peticion.objects.get(folio="2024-000123")
    assert cerrada.estado == "cerrada" and cerrada.fecha_cerrada is not None
    assert cerrada.ciudadano.telefono == "2291234567" and cerrada.capturada_por == supervisor
    assert cerrada.bitacora.get().tipo == EventoBitacora.Tipo.CAPTURA
    sin_folio = Peticion.objects.exclude(pk=cerrada.pk).get()
    assert sin_folio.folio == "2024-000124"  # next number of its year, after the imported ones
    assert sin_folio.colonia.nombre == "Cristóbal Colón" and sin_folio.estado == "recibida"
    assert ContadorFolio.objects.get(anio=2024).ultimo == 124


def test_una_fila_mala_no_importa_nada_y_dice_fila_columna_y_por_que(supervisor):
    malas = [
        *BUENAS,
        "2024-000200,31/02/2024,Recibida,Luminaria apagada,Texto,Calle,Colonia Inventada,Ana,229 123 456",
        "2024-000123,05/03/2024,Resuelta,Bache imaginario,,Calle,Centro,Ana,",
    ]
    resultado = importar(csv(*malas), "historico.csv", usuario=supervisor, confirmar=True)
    assert not resultado.valido
    assert Peticion.objects.count() == 0 and ContadorFolio.objects.count() == 0 and Ciudadano.objects.count() == 0
    errores = "\n".join(resultado.errores)
    assert "Fila 4, columna «fecha_recepcion»: «31/02/2024» no es una fecha" in errores
    assert "Fila 4, columna «colonia»: no existe la colonia «Colonia Inventada» en el catálogo" in errores
    assert "Fila 4, columna «ciudadano_telefono»: El teléfono debe tener 10 dígitos" in errores
    assert "Fila 5, columna «estado»: «Resuelta» no es un estado" in errores
    assert "Fila 5, columna «categoria»: no existe la categoría «Bache imaginario» en el catálogo" in errores
    assert "Fila 5, columna «descripcion»: falta el dato (columna obligatoria)" in errores
    assert "Fila 5, columna «folio»: el folio 2024-000123 ya existe" in errores  # repeated within the file


def test_faltan_columnas_obligatorias(supervisor):
    resultado = importar(b"folio,descripcion\n2024-1,algo\n", "viejo.csv", usuario=supervisor, confirmar=False)
    assert resultado.errores == ["Faltan las columnas: «fecha_recepcion», «categoria», «colonia»."]


def test_archivo_que_no_es_hoja_de_calculo(supervisor):
    resultado = importar(b"\x00\x01PK basura", "datos.xlsx", usuario=supervisor, confirmar=False)
    assert "No se pudo leer el archivo «datos.xlsx»" in resultado.errores[0]


def test_xlsx_con_encabezados_con_acentos_y_fechas_de_excel(supervisor):
    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.append(["Folio", "Fecha de recepción", "Categoría", "Descripción", "Colonia", "Teléfono", "Nombre"])
    import datetime

    hoja.append(["2023-000010", datetime.datetime(2023, 12, 31, 23, 59), "Luminaria apagada", "Foco", "Centro", "", ""])
    contenido = io.BytesIO()
    libro.save(contenido)
    resultado = importar(contenido.getvalue(), "2023.xlsx", usuario=supervisor, confirmar=True)
    assert resultado.valido, resultado.errores
    assert Peticion.objects.get().folio == "2023-000010"


def test_pantalla_de_importacion_revisa_y_confirma(
    client, supervisor, celery_en_proceso, django_capture_on_commit_callbacks, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path

    client.force_login(supervisor)
    url = reverse("peticiones:importar")
    archivo = SimpleUploadedFile("historico.csv", csv(*BUENAS), content_type="text/csv")
    r = client.post(url, {"archivo": archivo})
    html = r.content.decode()
    assert "Vista previa de «historico.csv»" in html and "2024-000123" in html
    assert Peticion.objects.count() == 0
    token = r.context["token"]
    with django_capture_on_commit_callbacks(execute=True) as tareas:
        r = client.post(url, {"token": token, "nombre": "historico.csv"})
    assert r.status_code == 302 and r["Location"] == reverse("peticiones:importacion", args=[token])
    assert len(tareas) == 1  # queued once the request's work is committed
    html = client.get(r["Location"]).content.decode()
    assert "Se importaron 2 peticiones de «historico.csv»" in html and 'http-equiv="refresh"' not in html
    assert Peticion.objects.count() == 2
    # Confirming again (double click, back button) does not import twice.
    with django_capture_on_commit_callbacks(execute=True) as tareas:
        client.post(url, {"token": token, "nombre": "historico.csv"})
    assert tareas == [] and Peticion.objects.count() == 2
    otro = UsuarioFactory(rol=roles.SUPERVISOR)
    client.force_login(otro)
    assert client.get(reverse("peticiones:importacion", args=[token])).status_code == 404
    client.force_login(supervisor)
    mala = SimpleUploadedFile("malo.csv", csv("x,ayer,,Luminaria apagada,a,b,Centro,,"), content_type="text/csv")
    html = client.post(url, {"archivo": mala}).content.decode()
    assert (
        "No se importó nada" in html
        and "Fila 2, columna «folio»" in html
        and "Fila 2, columna «fecha_recepcion»" in html
    )


def test_un_operador_no_importa(client, supervisor):
    client.force_login(UsuarioFactory(rol=roles.OPERADOR))
    assert client.get(reverse("peticiones:importar")).status_code == 403


def test_exportar_csv_y_xlsx_de_la_lista_filtrada(client, supervisor):
    client.force_login(supervisor)
    luz = PeticionFactory(descripcion="Luminaria apagada", estado="recibida")
    cerrada = PeticionFactory(descripcion="Bache", estado="cerrada")
    texto = client.get(reverse("peticiones:exportar", args=["csv"]), {"estado": "recibida"}).content.decode("utf-8-sig")
    lineas = texto.strip().splitlines()
    assert lineas[0].split(",")[: len(COLUMNAS)] == COLUMNAS
    assert luz.folio in texto and cerrada.folio not in texto
    r = client.get(reverse("peticiones:exportar", args=["xlsx"]))
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    filas = list(openpyxl.load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert {f[0] for f in filas[1:]} == {luz.folio, cerrada.folio}
    assert client.get("/peticiones/exportar.pdf").status_code == 404


def test_lo_exportado_se_puede_volver_a_importar(client, supervisor):
    client.force_login(supervisor)
    original = PeticionFactory(descripcion="Fuga en la esquina")
    texto = client.get(reverse("peticiones:exportar", args=["csv"])).content
    Peticion.objects.all().delete()
    resultado = importar(texto, "exportado.csv", usuario=supervisor, confirmar=True)
    assert resultado.valido, resultado.errores
    assert Peticion.objects.get().folio == original.folio


def test_comando_revisa_e_importa_y_con_errores_no_importa(supervisor, tmp_path):
    from django.core.management import CommandError, call_command

    bueno = tmp_path / "historico.csv"
    bueno.write_bytes(csv(*BUENAS))
    salida = io.StringIO()
    call_command("importar_peticiones", str(bueno), usuario="jorge", stdout=salida)
    assert "2 peticiones listas" in salida.getvalue() and Peticion.objects.count() == 0
    call_command("importar_peticiones", str(bueno), usuario="jorge", confirmar=True, stdout=salida)
    assert Peticion.objects.count() == 2
    malo = tmp_path / "malo.csv"
    malo.write_bytes(csv("2023-000001,ayer,,Luminaria apagada,x,y,Centro,,"))
    errores = io.StringIO()
    with pytest.raises(CommandError, match="No se importó nada"):
        call_command("importar_peticiones", str(malo), usuario="jorge", confirmar=True, stderr=errores)
    assert "Fila 2, columna «fecha_recepcion»" in errores.getvalue() and Peticion.objects.count() == 2


def test_importacion_en_segundo_plano_dice_en_curso_y_no_corre_dos_veces(client, supervisor, settings, tmp_path):
    from peticiones import importacion

    settings.MEDIA_ROOT = tmp_path
    token = "6f1c1a52-0b5e-4a3c-9a53-2b1f7b0c9d11"
    importacion.ruta_archivo(token, "h.csv").write_bytes(csv(*BUENAS))
    importacion.guardar_estado(token, estado=importacion.EN_COLA, nombre="h.csv", usuario=supervisor.pk, filas=2)
    client.force_login(supervisor)
    html = client.get(reverse("peticiones:importacion", args=[token])).content.decode()
    assert "En espera de turno" in html and 'http-equiv="refresh"' in html
    assert importacion.ejecutar(token)["estado"] == importacion.TERMINADA
    assert importacion.ejecutar(token)["estado"] == importacion.TERMINADA  # the task ran twice: no-op
    assert Peticion.objects.count() == 2


def test_importacion_en_segundo_plano_con_error_lo_muestra(client, supervisor, settings, tmp_path):
    from peticiones import importacion

    settings.MEDIA_ROOT = tmp_path
    token = "0d8e7a7e-54f4-4f3c-8f6e-3c4b2f1a0e22"
    importacion.ruta_archivo(token, "h.csv").write_bytes(csv(*BUENAS))
    importacion.guardar_estado(token, estado=importacion.EN_COLA, nombre="h.csv", usuario=supervisor.pk, filas=2)
    PeticionFactory(folio="2024-000123", anio=2024, numero=123)  # captured between the check and the import
    assert importacion.ejecutar(token)["estado"] == importacion.CON_ERRORES
    client.force_login(supervisor)
    html = client.get(reverse("peticiones:importacion", args=[token])).content.decode()
    assert "No se importó nada" in html and "Fila 2, columna «folio»: el folio 2024-000123 ya existe" in html
    assert Peticion.objects.count() == 1


def test_plantilla_se_descarga_como_csv_que_excel_abre_con_acentos(client, supervisor):
    client.force_login(supervisor)
    r = client.get(reverse("peticiones:importar"), {"plantilla": "1"})
    assert r.status_code == 200
    assert r["Content-Type"] == "text/csv; charset=utf-8"
    assert r["Content-Disposition"] == 'attachment; filename="plantilla-peticiones.csv"'
    texto = r.content.decode("utf-8")
    assert texto.startswith("\ufeff" + ",".join(COLUMNAS))
    assert "2024-000123" in texto
