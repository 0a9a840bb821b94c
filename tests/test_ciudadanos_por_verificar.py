"""Staff review of the citizens «por verificar» (a Jefe typed a phone that was someone else's): only the
supervisor and the administrator see both records side by side and decide, explicitly — another person (the
phone stays unverified or is removed), the same person (unify: the requests pass to the phone's owner) or,
when nobody owns the phone any more, give it to this person. Each decision is in the bitácora and the history;
GET never writes."""

import pytest
from django.conf import settings

import peticiones.tasks  # noqa: F401  (registers the tasks a capture queues)
from jefes_manzana.captura_gestor import Vecino, presentar_peticion
from peticiones import roles
from peticiones.acciones import ciudadanos, privacidad
from peticiones.models import (
    Ciudadano,
    CiudadanoEvent,
    Consentimiento,
    EventoBitacora,
    Notificacion,
    Peticion,
    PeticionSolicitanteEvent,
    SolicitudArco,
)
from peticiones.selectores.privacidad import datos_de_ciudadano
from sirc import historial

from .factories import (
    CanalFactory,
    CategoriaFactory,
    CiudadanoFactory,
    JefeManzanaFactory,
    PeticionFactory,
    TipoPeticionFactory,
    UsuarioFactory,
)
from .privacidad_utiles import textos_en_la_base

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_en_proceso")]
LISTA = "/peticiones/ciudadanos/por-verificar/"
SOLO_POSTGRES = pytest.mark.skipif(not settings.ES_POSTGRES, reason="el historial usa disparadores de PostgreSQL")


@pytest.fixture
def escena(usuario_de_rol):
    """Xtabay owns 229 888 7766 (a 072 request); a Jefe filed for «Renombrado Pérez» with that phone."""
    CanalFactory(clave="jefes-manzana", nombre="Jefes de Manzana")
    socorro = CiudadanoFactory(nombre="Xtabay", apellidos="Dueña Real", telefono="2298887766")
    de_socorro = PeticionFactory(ciudadano=socorro)
    jefe = JefeManzanaFactory(usuario=UsuarioFactory(rol=roles.JEFE_MANZANA))
    del_jefe = presentar_peticion(
        usuario=jefe.usuario,
        vecino=Vecino("Renombrado", "Pérez", "2298887766", acepta_aviso=True),
        tipo=TipoPeticionFactory(),
        categoria=CategoriaFactory(),
        descripcion="Bache frente a la casa de Renombrado",
        colonia=jefe.colonia,
        calle="Arista",
    )
    return {
        "socorro": socorro,
        "de_socorro": de_socorro,
        "renombrado": del_jefe.ciudadano,
        "del_jefe": del_jefe,
        "jefe": jefe,
        "supervisor": usuario_de_rol(roles.SUPERVISOR, username="sup.verifica"),
    }


def _url(ciudadano: Ciudadano) -> str:
    return f"{LISTA}{ciudadano.pk}/"


def _foto() -> tuple:
    """Everything a decision could write."""
    return (
        list(Ciudadano.objects.order_by("pk").values()),
        list(Peticion.objects.order_by("pk").values_list("pk", "ciudadano_id")),
        EventoBitacora.objects.count(),
        CiudadanoEvent.objects.count(),
    )


@pytest.mark.parametrize("rol", [roles.OPERADOR, roles.ENLACE, roles.DIRECTOR, roles.JEFE_MANZANA, roles.JEFE_CUARTEL])
def test_solo_supervision_y_administracion_entran(client, usuario_de_rol, escena, rol):
    client.force_login(usuario_de_rol(rol))
    antes = _foto()
    assert client.get(LISTA).status_code == 403
    assert client.get(_url(escena["renombrado"])).status_code == 403
    assert client.post(_url(escena["renombrado"]), {"resolucion": "unificar"}).status_code == 403
    assert _foto() == antes


def test_sin_sesion_va_al_inicio_de_sesion(client, escena):
    respuesta = client.get(_url(escena["renombrado"]))
    assert respuesta.status_code == 302 and "/cuentas/login/" in respuesta["Location"]


def test_administrador_entra(client, usuario_de_rol, escena):
    client.force_login(usuario_de_rol(roles.ADMINISTRADOR))
    assert client.get(LISTA).status_code == 200
    assert client.get(_url(escena["renombrado"])).status_code == 200


def test_la_lista_y_la_comparacion_muestran_ambos_sin_escribir_nada(client, escena):
    client.force_login(escena["supervisor"])
    antes = _foto()
    inicio = client.get("/").content.decode()
    assert "Ciudadanos por verificar" in inicio  # menu entry, with its badge
    lista = client.get(LISTA).content.decode()
    assert "Renombrado Pérez" in lista and "2298887766" in lista and "Xtabay Dueña Real" in lista
    texto = client.get(_url(escena["renombrado"])).content.decode()
    assert "Registro por verificar" in texto and "Titular actual del teléfono" in texto
    assert escena["del_jefe"].folio in texto and escena["de_socorro"].folio in texto
    assert "Es la misma persona: unificar con el titular del teléfono" in texto
    assert _foto() == antes  # GET never writes


def test_otra_persona_conserva_el_telefono_por_verificar_y_queda_en_bitacora(client, escena):
    renombrado, supervisor = escena["renombrado"], escena["supervisor"]
    client.force_login(supervisor)
    respuesta = client.post(_url(renombrado), {"resolucion": "otra_persona", "nota": "Es su sobrino."}, follow=True)
    texto = respuesta.content.decode()
    assert "Se confirmó que «Renombrado Pérez» es otra persona" in texto
    assert "No hay ciudadanos por verificar." in texto
    renombrado.refresh_from_db()
    assert renombrado.revisar == "" and renombrado.telefono_por_verificar == "2298887766"
    assert renombrado.telefono == ""  # still no notice to Xtabay's phone
    linea = escena["del_jefe"].bitacora.get(descripcion__startswith="Verificación de ciudadanos")
    assert "es otra persona" in linea.descripcion and "Es su sobrino." in linea.descripcion
    assert linea.usuario == supervisor and not linea.publico
    again = client.post(_url(renombrado), {"resolucion": "otra_persona"})
    assert again.status_code == 422 and "ya fue revisado" in again.content.decode()


def test_otra_persona_sin_telefono_lo_quita(client, escena):
    client.force_login(escena["supervisor"])
    client.post(_url(escena["renombrado"]), {"resolucion": "otra_persona_sin_telefono"})
    escena["renombrado"].refresh_from_db()
    assert escena["renombrado"].telefono_por_verificar == "" and escena["renombrado"].revisar == ""
    assert "se quitó de su registro" in escena["del_jefe"].bitacora.last().descripcion


def test_unificar_pasa_sus_peticiones_al_titular_sin_cambiarlo(client, escena):
    socorro, renombrado, del_jefe = escena["socorro"], escena["renombrado"], escena["del_jefe"]
    vinculada = PeticionFactory()
    vinculada.solicitantes.add(renombrado)
    client.force_login(escena["supervisor"])
    respuesta = client.post(_url(renombrado), {"resolucion": "unificar"}, follow=True)
    assert "quedó unificado con «Xtabay Dueña Real»" in respuesta.content.decode()
    del_jefe.refresh_from_db()
    renombrado.refresh_from_db()
    socorro.refresh_from_db()
    assert del_jefe.ciudadano_id == socorro.pk
    assert list(vinculada.solicitantes.all()) == [socorro]
    assert Consentimiento.objects.get(peticion=del_jefe).ciudadano_id == socorro.pk
    assert (socorro.nombre, socorro.apellidos, socorro.telefono) == ("Xtabay", "Dueña Real", "2298887766")
    assert renombrado.unificado_en_id == socorro.pk and renombrado.revisar == ""
    assert not Peticion.objects.filter(ciudadano=renombrado).exists()
    linea = del_jefe.bitacora.get(descripcion__startswith="Verificación de ciudadanos")
    assert "es la misma persona que «Xtabay Dueña Real»" in linea.descripcion
    # From now on her notices reach her (the phone's owner, who is the person who asked).
    assert Notificacion.objects.filter(peticion=del_jefe).count() == 0
    assert client.get(_url(renombrado)).content.decode().count("ya se unificó con") == 1


@SOLO_POSTGRES
def test_cada_decision_queda_en_el_historial_con_quien_y_antes_despues(client, escena):
    renombrado, del_jefe = escena["renombrado"], escena["del_jefe"]
    vinculada = PeticionFactory()
    vinculada.solicitantes.add(renombrado)
    client.force_login(escena["supervisor"])
    client.post(_url(renombrado), {"resolucion": "unificar"})
    ultimo = historial.historial_de(renombrado)[-1]
    assert ultimo.quien == "sup.verifica" and ultimo.origen == "verificación de ciudadanos"
    assert ("teléfono por verificar", "2298887766", "") in ultimo.cambios
    assert ("unificado en", None, escena["socorro"].pk) in ultimo.cambios
    cambio_peticion = historial.historial_de(del_jefe)[-1]
    assert cambio_peticion.quien == "sup.verifica"
    assert ("ciudadano", renombrado.pk, escena["socorro"].pk) in cambio_peticion.cambios
    enlaces = PeticionSolicitanteEvent.objects.filter(peticion_id=vinculada.pk).order_by("pgh_id")
    assert [(e.pgh_label, e.ciudadano_id) for e in enlaces][-2:] == [
        ("quitado", renombrado.pk),
        ("agregado", escena["socorro"].pk),
    ]


def test_unificado_se_entrega_en_el_acceso_y_se_borra_con_la_cancelacion(escena):
    socorro, supervisor = escena["socorro"], escena["supervisor"]
    ciudadanos.unificar(escena["renombrado"], usuario=supervisor)
    datos = datos_de_ciudadano(socorro)
    assert [u["nombre"] for u in datos["registros_unificados"]] == ["Renombrado"]
    assert {p["folio"] for p in datos["peticiones"]} == {escena["de_socorro"].folio, escena["del_jefe"].folio}
    with pytest.raises(Exception, match="se unificó con «Xtabay Dueña Real»: registre la solicitud a su nombre"):
        privacidad.registrar_solicitud(
            usuario=supervisor,
            ciudadano=Ciudadano.objects.get(pk=escena["renombrado"].pk),
            derecho=SolicitudArco.Derecho.ACCESO,
            canal=CanalFactory(),
            descripcion="x",
            identidad="INE",
        )
    assert "Renombrado" in textos_en_la_base()
    privacidad.anonimizar(socorro, usuario=supervisor)
    texto = textos_en_la_base()
    for rastro in ("Renombrado", "Xtabay", "Dueña Real", "2298887766"):
        assert rastro not in texto, rastro


def test_asignar_el_telefono_cuando_ya_no_es_de_nadie(client, escena):
    socorro, renombrado = escena["socorro"], escena["renombrado"]
    privacidad.rectificar(socorro, usuario=escena["supervisor"], datos={"telefono": "2291110000"})
    client.force_login(escena["supervisor"])
    texto = client.get(_url(renombrado)).content.decode()
    assert "el teléfono ya no está registrado a nombre de ningún ciudadano" in texto
    assert "unificar" not in client.post(_url(renombrado), {}).content.decode().split("Su decisión")[1]
    respuesta = client.post(_url(renombrado), {"resolucion": "asignar"}, follow=True)
    assert "El teléfono 2298887766 quedó a nombre de «Renombrado Pérez»" in respuesta.content.decode()
    renombrado.refresh_from_db()
    assert (renombrado.telefono, renombrado.telefono_por_verificar, renombrado.revisar) == ("2298887766", "", "")


def test_decision_invalida_no_cambia_nada_y_dice_por_que(client, escena):
    client.force_login(escena["supervisor"])
    antes = _foto()
    vacia = client.post(_url(escena["renombrado"]), {"nota": "x\x00y"})
    assert vacia.status_code == 422 and "Elija qué hacer con este registro." in vacia.content.decode()
    falsa = client.post(_url(escena["renombrado"]), {"resolucion": "borrar_todo"})
    assert falsa.status_code == 422 and "Elija una opción válida." in falsa.content.decode()
    assert _foto() == antes
    assert client.get(f"{LISTA}999999/").status_code == 404


def test_unificar_sin_titular_se_rechaza_en_espanol(escena):
    Ciudadano.objects.filter(pk=escena["socorro"].pk).update(telefono="2291110000")
    with pytest.raises(Exception, match="ya no es de ningún ciudadano"):
        ciudadanos.unificar(escena["renombrado"], usuario=escena["supervisor"])
    with pytest.raises(Exception, match="no revisa ciudadanos por verificar"):
        ciudadanos.unificar(escena["renombrado"], usuario=escena["jefe"].usuario)
