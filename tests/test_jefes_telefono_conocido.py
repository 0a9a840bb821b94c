"""A Jefe de Manzana / Cuartel who types a phone already registered: if it is the neighbour of one of the
requests he may see with data, he is asked «¿es su vecino …?» (as the operator is); for any other phone he
is shown nothing personal and the request gets a new citizen flagged for staff review."""

import uuid

import pytest

import peticiones.tasks  # noqa: F401  (registers the tasks a capture queues)
from peticiones import roles
from peticiones.models import Ciudadano, Notificacion, Peticion

from .factories import (
    CanalFactory,
    CategoriaFactory,
    CiudadanoFactory,
    ColoniaFactory,
    CuartelFactory,
    JefeManzanaFactory,
    PeticionFactory,
    TipoPeticionFactory,
    UsuarioFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_en_proceso")]

NUEVA = "/jefes-manzana/mis-peticiones/nueva/"
VECINO = "/jefes-manzana/mis-peticiones/nueva/vecino/"


@pytest.fixture
def jefe():
    CanalFactory(clave="jefes-manzana", nombre="Jefes de Manzana")
    usuario = UsuarioFactory(rol=roles.JEFE_MANZANA, username="jm.faros")
    return JefeManzanaFactory(usuario=usuario, colonia=ColoniaFactory(nombre="Faros"))


@pytest.fixture
def ana(jefe):
    """Ana Ruiz, for whom this Jefe already filed a request."""
    ciudadano = CiudadanoFactory(nombre="Ana", apellidos="Ruiz", telefono="2291112233")
    return PeticionFactory(ciudadano=ciudadano, gestor=jefe, capturada_por=jefe.usuario, colonia=jefe.colonia)


@pytest.fixture
def socorro():
    """Xtabay Dueña, a citizen of a request filed by the 072 line: no Jefe may see her."""
    ciudadano = CiudadanoFactory(nombre="Xtabay", apellidos="Dueña Real", telefono="2298887766")
    return PeticionFactory(ciudadano=ciudadano)


def _datos(jefe, **cambios) -> dict:
    datos = {
        "nombre": "Anita",
        "apellidos": "Ruiz",
        "telefono": "2291112233",
        "tipo": TipoPeticionFactory().pk,
        "categoria": CategoriaFactory().pk,
        "descripcion": "Bache frente a su casa",
        "calle": "Arista",
        "colonia": jefe.colonia.pk,
        "aviso_privacidad": "on",
        "clave": str(uuid.uuid4()),
    }
    datos.update(cambios)
    return datos


def test_telefono_de_su_vecino_con_otro_nombre_pregunta_si_es_el_y_no_guarda_nada(client, jefe, ana):
    client.force_login(jefe.usuario)
    respuesta = client.post(NUEVA, _datos(jefe))
    texto = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "¿Es su vecino Ana Ruiz?" in texto and ana.folio in texto
    assert f"El teléfono 2291112233 es de «Ana Ruiz», la persona de su folio {ana.folio}" in texto
    assert "Sí, es la misma persona: usar sus datos ya registrados" in texto
    assert 'value="Anita"' in texto  # what he typed is kept
    assert Peticion.objects.count() == 1 and Ciudadano.objects.count() == 1


def test_si_es_su_vecino_la_peticion_queda_a_su_nombre_sin_cambiarlo_y_el_aviso_le_llega(client, jefe, ana):
    client.force_login(jefe.usuario)
    respuesta = client.post(NUEVA, _datos(jefe, si_ya_existe="registrados"))
    assert respuesta.status_code == 302
    nueva = Peticion.objects.exclude(pk=ana.pk).get()
    assert nueva.ciudadano_id == ana.ciudadano_id
    ana.ciudadano.refresh_from_db()
    assert (ana.ciudadano.nombre, ana.ciudadano.apellidos) == ("Ana", "Ruiz")
    assert Notificacion.objects.filter(peticion=nueva, destinatario="2291112233").exists()


def test_si_es_otra_persona_queda_aparte_por_verificar(client, jefe, ana):
    client.force_login(jefe.usuario)
    assert client.post(NUEVA, _datos(jefe, si_ya_existe="otra_persona")).status_code == 302
    nueva = Peticion.objects.exclude(pk=ana.pk).get()
    assert nueva.ciudadano_id != ana.ciudadano_id
    assert (nueva.ciudadano.nombre, nueva.ciudadano.telefono) == ("Anita", "")
    assert nueva.ciudadano.telefono_por_verificar == "2291112233" and nueva.ciudadano.revisar
    assert not Notificacion.objects.filter(peticion=nueva, destinatario="2291112233").exists()


def test_mismo_nombre_de_su_vecino_se_liga_sin_preguntar(client, jefe, ana):
    client.force_login(jefe.usuario)
    assert client.post(NUEVA, _datos(jefe, nombre="ana", apellidos="")).status_code == 302
    assert Peticion.objects.exclude(pk=ana.pk).get().ciudadano_id == ana.ciudadano_id


def test_mientras_teclea_el_telefono_se_le_propone_su_vecino(client, jefe, ana):
    client.force_login(jefe.usuario)
    texto = client.get(VECINO, {"telefono": "229 111 2233"}).content.decode()
    assert "¿Es su vecino Ana Ruiz?" in texto and ana.folio in texto and 'name="si_ya_existe"' in texto


def test_telefono_de_alguien_que_no_ve_no_muestra_nada_y_queda_por_verificar(client, jefe, socorro):
    client.force_login(jefe.usuario)
    desconocido = client.get(VECINO, {"telefono": "2290000000"})
    ajeno = client.get(VECINO, {"telefono": "2298887766"})
    assert ajeno.status_code == desconocido.status_code == 200
    assert ajeno.content == desconocido.content  # nothing tells a stranger's phone from an unused one
    assert "Xtabay" not in ajeno.content.decode()

    respuesta = client.post(NUEVA, _datos(jefe, nombre="Renombrado", apellidos="", telefono="2298887766"))
    assert respuesta.status_code == 302
    nueva = Peticion.objects.exclude(pk=socorro.pk).get()
    assert nueva.ciudadano_id != socorro.ciudadano_id and nueva.ciudadano.telefono_por_verificar == "2298887766"
    pagina = client.get(respuesta["Location"]).content.decode()
    assert "Xtabay" not in pagina and "Dueña" not in pagina


def test_elegir_la_persona_registrada_no_sirve_con_alguien_que_no_ve(client, jefe, socorro):
    """A forged choice cannot link him to a citizen he may not see."""
    client.force_login(jefe.usuario)
    datos = _datos(jefe, nombre="Renombrado", apellidos="", telefono="2298887766", si_ya_existe="registrados")
    assert client.post(NUEVA, datos).status_code == 302
    nueva = Peticion.objects.exclude(pk=socorro.pk).get()
    assert nueva.ciudadano_id != socorro.ciudadano_id and nueva.ciudadano.revisar
    socorro.ciudadano.refresh_from_db()
    assert socorro.ciudadano.nombre == "Xtabay"
    assert not Notificacion.objects.filter(destinatario="2298887766").exists()


def test_con_alguien_que_no_ve_solo_el_nombre_completo_exacto_lo_liga(client, jefe, socorro):
    """With just «Xtabay» the request would show him her apellidos: a new record instead. With the whole name
    he typed everything the request will show."""
    client.force_login(jefe.usuario)
    client.post(NUEVA, _datos(jefe, nombre="Xtabay", apellidos="", telefono="2298887766"))
    solo_nombre = Peticion.objects.exclude(pk=socorro.pk).get()
    assert solo_nombre.ciudadano_id != socorro.ciudadano_id and solo_nombre.ciudadano.apellidos == ""
    client.post(NUEVA, _datos(jefe, nombre="xtabay", apellidos="DUEÑA REAL", telefono="2298887766"))
    completo = Peticion.objects.exclude(pk__in=[socorro.pk, solo_nombre.pk]).get()
    assert completo.ciudadano_id == socorro.ciudadano_id


def test_jefe_de_cuartel_ve_propuesto_al_vecino_de_sus_jefes_de_manzana(client):
    usuario = UsuarioFactory(rol=roles.JEFE_CUARTEL)
    jefe_cuartel = JefeManzanaFactory(usuario=usuario)
    subordinado = JefeManzanaFactory(cuartel=CuartelFactory(jefe=jefe_cuartel))
    vecina = CiudadanoFactory(nombre="Lidia", apellidos="Cruz", telefono="2293334455")
    peticion = PeticionFactory(ciudadano=vecina, gestor=subordinado)
    client.force_login(usuario)
    texto = client.get(VECINO, {"telefono": "2293334455"}).content.decode()
    assert "¿Es su vecino Lidia Cruz?" in texto and peticion.folio in texto
    # … but a Jefe de Manzana of the same cuartel does not see his colleague's neighbour.
    colega = JefeManzanaFactory(usuario=UsuarioFactory(rol=roles.JEFE_MANZANA), cuartel=subordinado.cuartel)
    client.force_login(colega.usuario)
    assert "Lidia" not in client.get(VECINO, {"telefono": "2293334455"}).content.decode()


def test_la_propuesta_es_solo_de_los_jefes(client, usuario_de_rol, ana):
    client.force_login(usuario_de_rol(roles.OPERADOR))
    assert client.get(VECINO, {"telefono": "2291112233"}).status_code == 403
    client.logout()
    assert client.get(VECINO, {"telefono": "2291112233"}).status_code == 302
