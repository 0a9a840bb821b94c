"""History of every change (django-pghistory triggers): bulk update() and imports included, who and before/after,
append-only, readable per object by admins; the MIR's «padrón actualizados» is counted from it."""

from datetime import date, datetime
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, InternalError, ProgrammingError, transaction
from django.utils import timezone

from indicadores.calculo import series_del_anio, valores_del_mes
from indicadores.models import Programa
from indicadores.periodos import Mes
from jefes_manzana import acciones
from jefes_manzana.curp import completar_curp
from jefes_manzana.importacion import importar_padron, leer_archivo
from jefes_manzana.models import JefeManzana, JefeManzanaEvent
from peticiones import roles
from peticiones.models import Ciudadano, CiudadanoEvent
from sirc import historial

from .factories import ColoniaFactory, JefeManzanaFactory, UsuarioFactory
from .padron_utiles import csv_bytes, fila

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not settings.ES_POSTGRES, reason="el historial usa disparadores de PostgreSQL (pghistory)"),
]
VERACRUZ = ZoneInfo("America/Mexico_City")


def _curps(n: int) -> list[str]:
    return [completar_curp(f"GAHG{date(1960, 1, 1 + i):%y%m%d}MVZRRL{i}") for i in range(n)]


@pytest.fixture
def colonia():
    return ColoniaFactory(nombre="Faros", codigo_postal="91709")


def _eventos(jefe: JefeManzana, etiqueta: str | None = None):
    qs = JefeManzanaEvent.objects.filter(pgh_obj_id=jefe.pk).order_by("pgh_id")
    return qs.filter(pgh_label=etiqueta) if etiqueta else qs


def test_update_en_bloque_queda_en_el_historial_con_quien_antes_y_despues():
    jefes = JefeManzanaFactory.create_batch(3, telefono="2290000000")
    with historial.contexto(comando="prueba_en_bloque"):
        cambiados = JefeManzana.objects.filter(pk__in=[j.pk for j in jefes]).update(telefono="2291111111")
    assert cambiados == 3
    for jefe in jefes:
        cambios = historial.historial_de(jefe)
        ultimo = cambios[-1]
        assert ultimo.etiqueta == "Cambio" and ultimo.quien == "comando «prueba_en_bloque»"
        assert ("teléfono", "2290000000", "2291111111") in ultimo.cambios


def test_entregas_en_bloque_desde_la_pantalla_llevan_al_usuario(client, usuario_de_rol):
    supervisor = usuario_de_rol(roles.SUPERVISOR, username="sup.entregas")
    jefe = JefeManzanaFactory()
    client.force_login(supervisor)
    respuesta = client.post("/jefes-manzana/entregas/", {"ids": [jefe.pk]})
    assert respuesta.status_code == 302
    entregas = historial.historial_de(jefe)[1:]  # one bulk UPDATE per thing delivered
    assert len(entregas) == 3
    assert all(c.quien == "sup.entregas" and c.origen == "/jefes-manzana/entregas/" for c in entregas)
    placa = [c for c in entregas if any(campo == "placa entregada el" for campo, _, _ in c.cambios)]
    assert ("placa entregada el", None, timezone.localdate()) in placa[0].cambios


def test_importacion_del_padron_en_la_web_queda_con_usuario_y_antes_despues(client, usuario_de_rol, colonia):
    curp = _curps(1)[0]
    JefeManzanaFactory(curp=curp, colonia=colonia, telefono="2290000001", nombres="Gabriela")
    client.force_login(usuario_de_rol(roles.SUPERVISOR, username="sup.padron"))
    archivo = SimpleUploadedFile("padron.csv", csv_bytes([fila(curp, colonia, Teléfono="2297777777")]))
    clave = client.post("/jefes-manzana/importar/", {"archivo": archivo}).context["clave"]
    client.post("/jefes-manzana/importar/confirmar/", {"clave": clave, "extension": "csv", "nombre_archivo": "p"})
    jefe = JefeManzana.objects.get(curp=curp)
    ultimo = historial.historial_de(jefe)[-1]
    assert ultimo.quien == "sup.padron" and ultimo.origen == "importación del padrón"
    assert ("teléfono", "2290000001", "2297777777") in ultimo.cambios


def test_comando_importar_padron_se_nombra(colonia, tmp_path):
    ruta = tmp_path / "padron.csv"
    ruta.write_bytes(csv_bytes([fila(c, colonia, Manzana=f"F-{i}") for i, c in enumerate(_curps(2))]))
    call_command("importar_padron", str(ruta), "--confirmar")
    for jefe in JefeManzana.objects.all():
        alta = historial.historial_de(jefe)[0]
        assert alta.etiqueta == "Alta" and alta.quien == "comando «importar_padron»"


def _importar(filas):
    resultado = importar_padron(leer_archivo("padron.csv", csv_bytes(filas)), confirmar=True)
    assert resultado.confirmada, resultado.errores


def _cifras_mir(anio: int) -> dict:
    series = series_del_anio(anio)
    programa = Programa.objects.filter(anio=anio).first()
    meses = {}
    if programa is not None:
        for m in range(1, 13):
            meses[m] = [(v.indicador.pk, v.valor, v.semaforo) for v in valores_del_mes(programa, Mes(anio, m))]
    return {"series": {k: v for k, v in series.items() if not isinstance(v, Exception)}, "meses": meses}


def test_reimportar_un_padron_sin_cambios_no_cambia_ninguna_cifra_del_mir(colonia):
    """The 2023 figures (from the state the history started with) and this year's stay as they were."""
    filas = [fila(c, colonia, Manzana=f"F-{i}") for i, c in enumerate(_curps(4))]
    _importar(filas)
    # Two of them were validated in 2023 before SIRC kept a history: the migration dated them there.
    viejos = list(JefeManzana.objects.order_by("pk")[:2])
    for jefe, mes in zip(viejos, (3, 9), strict=True):
        JefeManzana.objects.filter(pk=jefe.pk).update(actualizado=datetime(2023, mes, 10, tzinfo=VERACRUZ))
    import_module("jefes_manzana.migrations.0005_historial_estado_inicial").estado_inicial(apps, None)
    antes = {anio: _cifras_mir(anio) for anio in (2023, timezone.localdate().year)}
    assert antes[2023]["series"]["jm_actualizados"] == {Mes(2023, 3): 1, Mes(2023, 9): 1}
    eventos = JefeManzanaEvent.objects.count()

    _importar(filas)  # the same file again

    assert JefeManzanaEvent.objects.count() == eventos  # a re-import that changes nothing adds nothing
    assert {anio: _cifras_mir(anio) for anio in antes} == antes  # … and erases nothing


def test_reimportar_con_un_cambio_suma_solo_esa_persona(colonia):
    filas = [fila(c, colonia, Manzana=f"F-{i}") for i, c in enumerate(_curps(3))]
    _importar(filas)
    mes = Mes.actual()
    assert series_del_anio(mes.anio, ["jm_actualizados"])["jm_actualizados"][mes] == 3
    filas[0]["Teléfono"] = "2295550000"
    _importar(filas)
    jefe = JefeManzana.objects.get(curp=filas[0]["CURP"])
    assert _eventos(jefe, "update").count() == 1
    assert series_del_anio(mes.anio, ["jm_actualizados"])["jm_actualizados"][mes] == 3  # people, not events


def test_el_historial_no_se_edita_ni_se_borra():
    jefe = JefeManzanaFactory()
    evento = _eventos(jefe).first()
    with pytest.raises((InternalError, IntegrityError, ProgrammingError)), transaction.atomic():
        JefeManzanaEvent.objects.filter(pk=evento.pk).update(nombres="Otro")
    with pytest.raises((InternalError, IntegrityError, ProgrammingError)), transaction.atomic():
        JefeManzanaEvent.objects.filter(pk=evento.pk).delete()
    assert _eventos(jefe).count() == 1


def test_guardar_sin_cambios_no_agrega_nada():
    jefe = JefeManzanaFactory()
    jefe.save()
    JefeManzana.objects.filter(pk=jefe.pk).update(actualizado=timezone.now())
    assert list(_eventos(jefe).values_list("pgh_label", flat=True)) == ["insert"]


def test_usuarios_sin_contrasenas_y_con_sus_roles():
    usuario = UsuarioFactory(username="karla")
    usuario.set_password("otra-clave-123")
    usuario.save()
    usuario.groups.add(Group.objects.get(name=roles.OPERADOR))
    from peticiones.admin.usuarios import historial_de_usuario

    cambios = historial_de_usuario(usuario)
    assert not any(campo == "contraseña" for c in cambios for campo, _, _ in c.cambios)
    assert any(c.etiqueta == "Rol asignado" and ("rol", None, roles.OPERADOR) in c.cambios for c in cambios)
    assert "password" not in {f.name for f in apps.get_model("peticiones", "UsuarioEvent")._meta.fields}


def test_admin_lee_el_historial_de_un_ciudadano_y_nadie_mas(client, usuario_de_rol):
    ciudadano = Ciudadano.objects.create(nombre="Rosa", apellidos="Lima", telefono="2293334444")
    admin = UsuarioFactory(username="admin.h", is_staff=True, is_superuser=True)
    client.force_login(admin)
    respuesta = client.post(
        f"/admin/peticiones/ciudadano/{ciudadano.pk}/change/",
        {"nombre": "Rosa María", "apellidos": "Lima", "telefono": "2293334444", "correo": "", "domicilio": ""},
    )
    assert respuesta.status_code == 302
    assert CiudadanoEvent.objects.filter(pgh_obj_id=ciudadano.pk).count() == 2
    texto = client.get(f"/admin/peticiones/ciudadano/{ciudadano.pk}/history/").content.decode()
    assert "admin.h" in texto and "Rosa → Rosa María" in texto
    client.force_login(usuario_de_rol(roles.OPERADOR))
    assert client.get(f"/admin/peticiones/ciudadano/{ciudadano.pk}/history/").status_code == 302


def test_baja_y_activacion_quedan(usuario_de_rol):
    supervisor = usuario_de_rol(roles.SUPERVISOR)
    jefe = JefeManzanaFactory()
    with historial.contexto(usuario=supervisor.pk):
        acciones.dar_de_baja(jefe, motivo="Cambió de domicilio", fecha=date(2026, 3, 1), por=supervisor)
        acciones.activar(jefe, por=supervisor)
    etiquetas = [(c.etiqueta, c.quien) for c in historial.historial_de(jefe)]
    assert etiquetas[-2:] == [("Cambio", supervisor.username), ("Cambio", supervisor.username)]
