"""A GeoReport v2 client written as someone else would (plain HTTP against the running server, only what the
spec says) with a key from `crear_clave_api`: lists services, posts, resolves the token, reads the request
back; then SIRC turns and closes the folio like any other and the citizen sees it at /consulta/."""

import io
import json
import urllib.error
import urllib.parse
import urllib.request
from xml.etree import ElementTree

import pytest
from django.core.management import call_command

from peticiones import roles
from peticiones.acciones import transiciones
from peticiones.models import Peticion

from .factories import (
    CanalFactory,
    CategoriaFactory,
    ColoniaFactory,
    DireccionFactory,
    TipoPeticionFactory,
    UsuarioFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


class ClienteGeoReport:
    """Knows only the discovery URL, the spec, and its api_key."""

    def __init__(self, discovery: str, api_key: str):
        self.api_key = api_key
        documento = self._leer(discovery)
        extremo = next(
            e for e in documento["endpoints"] if e["specification"] == "http://wiki.open311.org/GeoReport_v2"
        )
        assert "application/json" in extremo["formats"]
        self.base = extremo["url"]

    @staticmethod
    def _leer(url: str, datos: dict | None = None):
        cuerpo = urllib.parse.urlencode(datos).encode() if datos is not None else None
        peticion = urllib.request.Request(url, data=cuerpo)
        if cuerpo is not None:
            peticion.add_header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        with urllib.request.urlopen(peticion, timeout=20) as respuesta:
            contenido = respuesta.read()
            if respuesta.headers.get_content_type() == "text/xml":
                return ElementTree.fromstring(contenido)
            return json.loads(contenido)

    def servicios(self):
        return self._leer(f"{self.base}/services.json")

    def servicios_xml(self):
        return self._leer(f"{self.base}/services.xml")

    def definicion(self, codigo: str):
        return self._leer(f"{self.base}/services/{codigo}.json")

    def reportar(self, **campos):
        return self._leer(f"{self.base}/requests.json", {"api_key": self.api_key, **campos})[0]

    def folio_de(self, token: str) -> str:
        return self._leer(f"{self.base}/tokens/{token}.json")[0]["service_request_id"]

    def solicitud(self, folio: str):
        return self._leer(f"{self.base}/requests/{urllib.parse.quote(folio)}.json")[0]


def test_un_cliente_ajeno_reporta_y_sigue_su_folio_hasta_cerrarlo(live_server, settings, client):
    settings.SITE_URL = live_server.url
    alumbrado = DireccionFactory(nombre="Dirección de Alumbrado Público", siglas="ALUM")
    CategoriaFactory(nombre="Luminaria apagada", direccion=alumbrado)
    CategoriaFactory(nombre="Bache en vialidad")
    ColoniaFactory(nombre="Centro", latitud="19.200000", longitud="-96.140000")
    TipoPeticionFactory()
    canal = CanalFactory(clave="app-vecinos", nombre="App Vecinos Veracruz")
    salida = io.StringIO()
    call_command(
        "crear_clave_api", "App Vecinos Veracruz", "--canal", "app-vecinos", "--aviso-en-la-app", stdout=salida
    )
    api_key = salida.getvalue().strip().splitlines()[-1]

    cliente = ClienteGeoReport(f"{live_server.url}/open311/v2/discovery.json", api_key)
    servicios = {s["service_name"]: s for s in cliente.servicios()}
    assert {s.findtext("service_name") for s in cliente.servicios_xml()} == set(servicios)
    luminaria = servicios["Luminaria apagada"]
    assert luminaria["metadata"] is False and cliente.definicion(luminaria["service_code"])["attributes"] == []
    creada = cliente.reportar(
        service_code=luminaria["service_code"],
        lat="19.200200",
        long="-96.140300",
        address_string="Av. Independencia 1200, Centro",
        first_name="Rosa",
        last_name="Chama",
        phone="2291112233",
        description="Luminaria apagada frente a la escuela",
    )
    folio = cliente.folio_de(creada["token"])
    leida = cliente.solicitud(folio)
    assert (leida["status"], leida["service_name"]) == ("open", "Luminaria apagada")
    assert leida["agency_responsible"] == "Dirección de Alumbrado Público"

    peticion = Peticion.objects.get(folio=folio)
    assert peticion.canal == canal
    supervisor = UsuarioFactory(rol=roles.SUPERVISOR, username="supervisor")
    client.force_login(supervisor)
    assert folio in client.get("/peticiones/", {"canal": canal.pk}).content.decode()
    assert "App Vecinos Veracruz" in client.get(f"/peticiones/folio/{folio}/").content.decode()

    transiciones.turnar(peticion, supervisor, alumbrado)
    transiciones.iniciar(peticion, supervisor)
    transiciones.marcar_atendida(peticion, supervisor, "Se cambió la luminaria.")
    transiciones.cerrar(peticion, supervisor)
    cerrada = cliente.solicitud(folio)
    assert (cerrada["status"], cerrada["status_notes"]) == ("closed", "Atendida y cerrada")

    client.logout()
    consulta = client.post("/consulta/", {"folio": folio, "telefono": "2233"}).content.decode()
    assert "Atendida y cerrada" in consulta and "Se cambió la luminaria." in consulta

    with pytest.raises(urllib.error.HTTPError) as error:
        ClienteGeoReport._leer(f"{cliente.base}/requests.json", {"api_key": "sirc_deadbeef_no", "service_code": "1"})
    assert error.value.code == 403
