"""Cache down (stopped) or hung (SIGSTOP): the pages that read the cache answer 200 from the database.

The cache is a private redis-server on a free port (tests/redis_propio.py); the shared Redis is never touched.
"""

import shutil
import time

import pytest
from django.conf import settings
from django.urls import reverse

from peticiones import cache_catalogos, roles
from sirc import cache

from .escenario_turnado import crear_escenario
from .factories import UsuarioFactory
from .redis_propio import RedisPropio

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="Falta redis-server para simular la caída"),
]

SIN_COLGARSE = 5.0  # seconds: far above the 0.5 s socket timeout, far below a hung page (redis-py waits forever)


@pytest.fixture
def redis_cache(settings):
    servidor = RedisPropio()
    servidor.arrancar()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": servidor.url,
            "OPTIONS": dict(settings.CACHE_REDIS_OPCIONES),
        }
    }
    settings.INDICADORES_CACHE_SEGUNDOS = 60  # the dashboard and the heat map read the cache too
    yield servidor
    servidor.cerrar()


def _paginas(escena) -> list[tuple[object, str]]:
    director = UsuarioFactory(rol=roles.DIRECTOR)
    folio = escena.peticion.folio
    return [
        (escena.supervisor, reverse("peticiones:lista")),
        (escena.supervisor, reverse("peticiones:detalle", args=[folio])),
        (escena.supervisor, reverse("peticiones:acuse", args=[folio])),
        (director, reverse("indicadores:tablero")),
        (director, reverse("indicadores:mapa_datos")),
    ]


def _recorrer(client, paginas) -> None:
    for usuario, url in paginas:
        client.force_login(usuario)
        cache_catalogos._copia["catalogos"] = None  # every page must read the catalogs' version again
        inicio = time.monotonic()
        respuesta = client.get(url)
        duracion = time.monotonic() - inicio
        assert respuesta.status_code == 200, (url, respuesta.status_code)
        assert duracion < SIN_COLGARSE, (url, duracion)


def test_con_la_cache_viva_las_paginas_la_usan(client, redis_cache):
    escena = crear_escenario()
    _recorrer(client, _paginas(escena))
    assert cache.get(cache_catalogos.CLAVE_VERSION) == 1
    assert cache.disponible()


def test_cache_detenida_las_paginas_responden_de_la_base(client, redis_cache):
    escena = crear_escenario()
    paginas = _paginas(escena)
    redis_cache.detener()
    _recorrer(client, paginas)
    assert not cache.disponible()  # the breaker is open: the next pages do not even try
    cache.reiniciar()
    _recorrer(client, paginas)  # and with the breaker closed each call fails fast too


def test_cache_colgada_las_paginas_responden_de_la_base(client, redis_cache):
    escena = crear_escenario()
    paginas = _paginas(escena)
    redis_cache.pausar()
    try:
        _recorrer(client, paginas)
        assert not cache.disponible()
    finally:
        redis_cache.continuar()
    cache.reiniciar()
    _recorrer(client, paginas)  # back: the cache works again
    assert cache.disponible()


def test_los_ajustes_acortan_la_espera_de_un_redis_colgado():
    assert settings.CACHE_REDIS_OPCIONES["socket_timeout"] <= 1
    assert settings.CACHE_REDIS_OPCIONES["socket_connect_timeout"] <= 1
