"""Login throttling with django-axes (by username AND address), the same throttle for password reset, and the
idle timeout of staff sessions."""

import time

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from peticiones import roles
from sirc.middleware import CLAVE_ACTIVIDAD

from .conftest import CONTRASENA

pytestmark = pytest.mark.django_db

NAT = "201.150.10.20"  # the call center's one public address


def _entrar(client, username, password, ip=NAT):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def _entro(respuesta) -> bool:
    return respuesta.status_code == 302 and respuesta["Location"] == reverse("inicio")


def test_50_contrasenas_equivocadas_bloquean_ese_usuario_desde_esa_direccion_y_solo_eso(client, usuario_de_rol):
    supervisor = usuario_de_rol(roles.SUPERVISOR, username="supervisor")
    usuario_de_rol(roles.OPERADOR, username="operadora.karla")
    respuestas = [_entrar(client, "supervisor", f"mala-{i}") for i in range(50)]
    assert {r.status_code for r in respuestas} <= {200, 429}
    assert respuestas[-1].status_code == 429
    # The right password no longer works from that address…
    bloqueado = _entrar(client, "supervisor", CONTRASENA)
    assert bloqueado.status_code == 429
    html = bloqueado.content.decode()
    assert "Acceso bloqueado temporalmente" in html and "«supervisor»" in html
    assert "pida a la administración de SIRC que la desbloquee" in html
    assert "_auth_user_id" not in client.session
    # …but another operator behind the same NAT still logs in…
    otro = client.__class__()
    assert _entro(_entrar(otro, "operadora.karla", CONTRASENA))
    # …and so does the supervisor from another address (a guesser cannot lock the real user out).
    desde_casa = client.__class__()
    assert _entro(_entrar(desde_casa, "supervisor", CONTRASENA, ip="189.20.30.40"))
    assert AccessAttempt.objects.filter(username="supervisor", ip_address=NAT).exists()
    assert supervisor.is_active


def test_diez_operadores_tras_una_nat_que_se_equivocan_no_se_bloquean_entre_si(client, usuario_de_rol, settings):
    for i in range(10):
        usuario_de_rol(roles.OPERADOR, username=f"operador{i}")
    for i in range(10):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):  # each one just under the limit
            assert _entrar(client, f"operador{i}", "equivocada").status_code == 200
    for i in range(10):
        assert _entro(_entrar(client.__class__(), f"operador{i}", CONTRASENA)), f"operador{i} quedó bloqueado"


def test_un_administrador_desbloquea_con_el_comando(client, usuario_de_rol, settings):
    usuario_de_rol(roles.SUPERVISOR, username="supervisor")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _entrar(client, "supervisor", "equivocada")
    assert _entrar(client, "supervisor", CONTRASENA).status_code == 429
    call_command("axes_reset_username", "supervisor")
    assert _entro(_entrar(client, "supervisor", CONTRASENA))


def test_el_administrador_ve_y_borra_los_bloqueos_en_el_admin(client, usuario_de_rol, settings):
    usuario_de_rol(roles.SUPERVISOR, username="supervisor")
    admin_client = client.__class__()
    admin_client.force_login(usuario_de_rol(roles.ADMINISTRADOR, username="jefa.sistemas", is_staff=True))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _entrar(client, "supervisor", "equivocada")
    lista = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert lista.status_code == 200 and "supervisor" in lista.content.decode()
    intento = AccessAttempt.objects.get(username="supervisor")
    borrar = admin_client.post(reverse("admin:axes_accessattempt_delete", args=[intento.pk]), {"post": "yes"})
    assert borrar.status_code == 302
    assert _entro(_entrar(client, "supervisor", CONTRASENA))


def test_otros_roles_no_ven_los_bloqueos(client, usuario_de_rol):
    client.force_login(usuario_de_rol(roles.SUPERVISOR, username="supervisora", is_staff=True))
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403


def test_recuperar_contrasena_no_manda_correos_sin_limite(client, usuario_de_rol, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    usuario_de_rol(roles.OPERADOR, username="karla", email="karla@example.mx")
    url = reverse("password_reset")
    respuestas = [client.post(url, {"email": "karla@example.mx"}, REMOTE_ADDR=f"10.9.0.{i}") for i in range(10)]
    assert [r.status_code for r in respuestas[:3]] == [302, 302, 302]
    assert respuestas[3].status_code == 429
    assert len(mail.outbox) == settings.SIRC_RECUPERACION_LIMITE_CORREO == 3
    assert "Ya se pidieron varios correos para recuperar la contraseña" in respuestas[3].content.decode()
    # From one address, any e-mail: at most SIRC_RECUPERACION_LIMITE_IP requests are served.
    estados = [client.post(url, {"email": f"otro{i}@example.mx"}, REMOTE_ADDR=NAT).status_code for i in range(8)]
    assert estados.count(302) == settings.SIRC_RECUPERACION_LIMITE_IP and estados[-1] == 429


def test_recuperar_contrasena_sin_almacen_de_limites_no_manda_correo(client, usuario_de_rol, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SIRC_LIMITES_REDIS_URL = "redis://127.0.0.1:1/0"
    usuario_de_rol(roles.OPERADOR, username="karla", email="karla@example.mx")
    respuesta = client.post(reverse("password_reset"), {"email": "karla@example.mx"})
    assert respuesta.status_code == 503 and "no podemos atender" in respuesta.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize(("rol", "expira"), [(roles.OPERADOR, True), (roles.ENLACE, True), (roles.JEFE_MANZANA, False)])
def test_la_sesion_del_personal_expira_tras_la_inactividad(client, usuario_de_rol, settings, rol, expira):
    settings.SIRC_SESION_INACTIVIDAD_MINUTOS = 30
    usuario_de_rol(rol, username="persona")
    assert _entro(_entrar(client, "persona", CONTRASENA))
    assert client.get(reverse("inicio")).status_code == 200
    sesion = client.session
    sesion[CLAVE_ACTIVIDAD] = int(time.time()) - 29 * 60  # 29 minutes ago: still in
    sesion.save()
    assert client.get(reverse("inicio")).status_code == 200
    sesion = client.session
    sesion[CLAVE_ACTIVIDAD] = int(time.time()) - 31 * 60
    sesion.save()
    respuesta = client.get(reverse("inicio"))
    if expira:
        assert respuesta.status_code == 302 and respuesta["Location"].startswith(reverse("login"))
        assert "_auth_user_id" not in client.session
        login = client.get(respuesta["Location"])
        assert "Su sesión se cerró tras 30 minutos sin actividad" in login.content.decode()
    else:
        assert respuesta.status_code == 200 and client.session["_auth_user_id"]


def test_la_inactividad_se_configura(client, usuario_de_rol, settings):
    settings.SIRC_SESION_INACTIVIDAD_MINUTOS = 5
    usuario_de_rol(roles.SUPERVISOR, username="persona")
    assert _entro(_entrar(client, "persona", CONTRASENA))
    sesion = client.session
    sesion[CLAVE_ACTIVIDAD] = int(time.time()) - 6 * 60
    sesion.save()
    assert client.get(reverse("inicio")).status_code == 302
