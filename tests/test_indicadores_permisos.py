"""Only directors, supervisors and administrators reach the indicators; everyone else gets 403."""

import pytest
from django.urls import reverse

from indicadores.models import ReporteMensual
from peticiones import roles

from .factories import UsuarioFactory

pytestmark = pytest.mark.django_db

PAGINAS = [
    reverse("indicadores:tablero"),
    reverse("indicadores:mapa"),
    reverse("indicadores:mapa_datos"),
    reverse("indicadores:mir") + "?mes=2023-10",
    reverse("indicadores:mir_pdf") + "?mes=2023-10",
    reverse("indicadores:exportar", args=["por_mes", "csv"]),
    reverse("indicadores:exportaciones"),
]


@pytest.mark.parametrize("rol", [roles.OPERADOR, roles.ENLACE, roles.JEFE_MANZANA, roles.JEFE_CUARTEL])
@pytest.mark.parametrize("url", PAGINAS)
def test_roles_sin_indicadores_reciben_403(client, rol, url):
    client.force_login(UsuarioFactory(rol=rol))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("rol", [roles.DIRECTOR, roles.SUPERVISOR, roles.ADMINISTRADOR])
@pytest.mark.parametrize("url", PAGINAS)
def test_directores_supervisores_y_administradores_entran(client, rol, url):
    client.force_login(UsuarioFactory(rol=rol))
    assert client.get(url).status_code == 200


def test_anonimo_va_al_inicio_de_sesion(client):
    respuesta = client.get(reverse("indicadores:tablero"))
    assert respuesta.status_code == 302
    assert reverse("login") in respuesta["Location"]


def test_supervisor_no_emite_reportes_y_director_si(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("indicadores:mir_emitir")
    client.force_login(UsuarioFactory(rol=roles.SUPERVISOR))
    assert client.post(url, {"mes": "2023-10"}).status_code == 403
    assert not ReporteMensual.objects.exists()
    client.force_login(UsuarioFactory(rol=roles.DIRECTOR))
    respuesta = client.post(url, {"mes": "2023-10"}, follow=True)
    assert "Se emitió la versión 1 del MIR de octubre 2023" in respuesta.content.decode()
    assert ReporteMensual.objects.get().emitido_por.groups.filter(name=roles.DIRECTOR).exists()


def test_otro_usuario_no_descarga_mi_exportacion(client):
    from indicadores.models import Exportacion

    duena = UsuarioFactory(rol=roles.DIRECTOR)
    exportacion = Exportacion.objects.create(usuario=duena, tabla="peticiones", formato="csv", estado="lista")
    client.force_login(UsuarioFactory(rol=roles.SUPERVISOR))
    assert client.get(reverse("indicadores:exportacion_descargar", args=[exportacion.pk])).status_code == 404
