"""SIRC settings: one module, every value read from the environment (django-environ).

Safe defaults make `make run` work with nothing installed (SQLite, eager Celery, console e-mail);
unsafe production values stop the server at start-up with a clear message.
"""

import ipaddress
import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# pytest (>= 8.2) sets PYTEST_VERSION before Django loads; tests get test-safe defaults.
TESTING = "PYTEST_VERSION" in os.environ

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "solo-para-desarrollo-no-usar-en-produccion-" + "x" * 20
    else:
        raise ImproperlyConfigured(
            "Falta SECRET_KEY: con DEBUG desactivado SIRC no arranca sin una clave secreta. "
            "Defina la variable de entorno SECRET_KEY (50 caracteres aleatorios o más)."
        )
elif len(SECRET_KEY) < 50 and not (DEBUG or TESTING):
    raise ImproperlyConfigured(
        f"SECRET_KEY es demasiado corta ({len(SECRET_KEY)} caracteres): con DEBUG desactivado use 50 "
        "caracteres aleatorios o más, p. ej. python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "import_export",
    "pgtrigger",
    "pghistory",
    "axes",
    "csp",
    "sirc",
    "peticiones",
    "jefes_manzana",
    "indicadores",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sirc.middleware.RechazarNulos",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sirc.historial.HistorialMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sirc.middleware.CambioContrasenaObligatorio",
    "sirc.middleware.SinCacheConDatosPersonales",
    "csp.middleware.CSPMiddleware",
    "sirc.middleware.SesionInactiva",
    "sirc.middleware.LimitesNoDisponibles",
    # Last: it turns a login refused by django-axes into the Spanish lockout page (templates/sirc/bloqueo.html).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sirc.urls"
WSGI_APPLICATION = "sirc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sirc.navegacion.menu",
            ],
        },
    },
]

# --- Database: PostgreSQL in production, an embedded SQLite file when DATABASE_URL is absent ---
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'sirc.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A persistent connection is checked before each request reuses it: after a database restart a stale
# connection is replaced instead of failing the request (sirc.views.error_servidor answers 503 meanwhile).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Read-only reports (dashboard, heat map, MIR, exports) on a streaming replica: sirc/replica.py, docs/escala.md.
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)  # a dead host: fall back soon
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests read the replicated copy of the test database
    DATABASE_ROUTERS = ["sirc.replica.RouterReplica"]
DATABASE_REPLICA_REINTENTO_SEGUNDOS = env.int("DATABASE_REPLICA_REINTENTO_SEGUNDOS", default=30)
# Behind PgBouncer in transaction mode a cursor cannot outlive its transaction: no server-side cursors.
for _alias in DATABASES.values():
    _alias["DISABLE_SERVER_SIDE_CURSORS"] = env.bool("DISABLE_SERVER_SIDE_CURSORS", default=False)
ES_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if not ES_POSTGRES:
    (BASE_DIR / "var").mkdir(exist_ok=True)  # a fresh clone has no var/ yet: SQLite cannot create it
    # A file (not shared memory) so the browser tests' live server thread can share the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "pruebas.sqlite3")}
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's default hashers, plus a lighter one only for random temporary passwords (jefes_manzana/hashers.py).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "jefes_manzana.hashers.PBKDF2ContrasenaTemporalHasher",
]
if TESTING:  # factories set a password for every user; PBKDF2 would cost ~0.3 s each
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
# django-axes first: it refuses a locked username + address before any password is hashed. Then ModelBackend with
# a user's permissions and groups read in one query per request (sirc/autenticacion.py).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "sirc.autenticacion.BackendPermisosEnUnaConsulta"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "inicio"
LOGOUT_REDIRECT_URL = "login"

# --- Language and time ---
LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", "Español (México)")]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ---
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Map tiles (Leaflet); empty string disables tiles, pages still work ---
MAPA_TILES_URL = env("MAPA_TILES_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAPA_TILES_ATRIBUCION = env("MAPA_TILES_ATRIBUCION", default="© OpenStreetMap")
MAPA_CENTRO = (19.1738, -96.1342)  # Veracruz, Ver.

# --- E-mail ---
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="SIRC Veracruz <sirc@veracruzmunicipio.gob.mx>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Cache (rate limits, copies of catalogs and aggregates): Redis when CACHE_URL is set, memory otherwise ---
# Every read goes through sirc/cache.py, which answers from the database when the cache is down or hung;
# a hung Redis must not hold a page (redis-py waits forever): short socket timeouts.
CACHE_REDIS_OPCIONES = {"socket_timeout": 0.5, "socket_connect_timeout": 0.5}
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://sirc")}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"].setdefault("OPTIONS", {}).update(CACHE_REDIS_OPCIONES)

# --- Celery: Redis broker when REDIS_URL/CELERY_BROKER_URL is set; eager in-process otherwise ---
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
# Rate limits (sirc/limites.py) in a store every process shares: this Redis, or the database when empty.
SIRC_LIMITES_REDIS_URL = env("SIRC_LIMITES_REDIS_URL", default=REDIS_URL)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A broker that is down or hung must never hold a request: fail fast, work is re-derived from the DB.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 2,
    "socket_connect_timeout": 2,
    "max_retries": 1,
}
CELERY_TASK_PUBLISH_RETRY = False
# Every periodic job in one place; each one is also a management command.
CELERY_BEAT_SCHEDULE: dict = {}
# The result backend (Redis) must not hold a request either (its default socket timeout is 120 s).
CELERY_REDIS_SOCKET_TIMEOUT = 2
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
# Turnado (issue 4): the 24-hour policy and the outbox sweep; each also a management command.
CELERY_BEAT_SCHEDULE["peticiones.revisar_vencimientos"] = {
    "task": "peticiones.revisar_vencimientos",  # manage.py revisar_vencimientos
    "schedule": 600.0,
}
CELERY_BEAT_SCHEDULE["peticiones.enviar_notificaciones_pendientes"] = {
    "task": "peticiones.enviar_notificaciones_pendientes",  # manage.py enviar_notificaciones
    "schedule": 60.0,
}
# SMS / WhatsApp to citizens: a class with enviar(canal=, telefono=, texto=); the default only logs.
SIRC_MENSAJERIA_BACKEND = env("SIRC_MENSAJERIA_BACKEND", default="peticiones.notificaciones.BackendRegistro")
SIRC_EVIDENCIA_MAX_BYTES = env.int("SIRC_EVIDENCIA_MAX_BYTES", default=5 * 1024 * 1024)
# WhatsApp Business Cloud API: webhook at /whatsapp/webhook/ (verify token, app secret for X-Hub-Signature-256),
# access token and phone number id to download media and send (BackendWhatsAppCloud). Empty: webhook refuses.
WHATSAPP_VERIFY_TOKEN = env("WHATSAPP_VERIFY_TOKEN", default="")
WHATSAPP_APP_SECRET = env("WHATSAPP_APP_SECRET", default="")
WHATSAPP_TOKEN = env("WHATSAPP_TOKEN", default="")
WHATSAPP_PHONE_NUMBER_ID = env("WHATSAPP_PHONE_NUMBER_ID", default="")
WHATSAPP_API_URL = env("WHATSAPP_API_URL", default="https://graph.facebook.com/v21.0")
WHATSAPP_DESCARGADOR = env("WHATSAPP_DESCARGADOR", default="peticiones.mensajeria.DescargadorGraph")
# Outside the 24-hour window (the citizen wrote more than 24 h ago, or never) WhatsApp only delivers approved
# templates: notices and replies then go as this one (its body has one variable, {{1}}, that carries the text).
WHATSAPP_PLANTILLA_AVISO = env("WHATSAPP_PLANTILLA_AVISO", default="sirc_aviso")
WHATSAPP_PLANTILLA_IDIOMA = env("WHATSAPP_PLANTILLA_IDIOMA", default="es_MX")
# Public folio lookup (/consulta/): attempts per client address per window.
SIRC_CONSULTA_LIMITE = env.int("SIRC_CONSULTA_LIMITE", default=10)
SIRC_CONSULTA_VENTANA_SEGUNDOS = env.int("SIRC_CONSULTA_VENTANA_SEGUNDOS", default=900)
# Open311 GeoReport v2 (/open311/v2/): the one jurisdiction served, the discovery texts, and the limits.
OPEN311_JURISDICCION = env("OPEN311_JURISDICCION", default="veracruzmunicipio.gob.mx")
OPEN311_TIPO = env("OPEN311_TIPO", default="production")  # "production" or "test" (discovery)
OPEN311_CONTACTO = env(
    "OPEN311_CONTACTO",
    default="Dirección de Atención Ciudadana, H. Ayuntamiento de Veracruz · Línea 072 · (229) 200 2000",
)
OPEN311_SERVICIO_CLAVES = env(
    "OPEN311_SERVICIO_CLAVES",
    default="Solicite una api_key por escrito a la Dirección de Atención Ciudadana: nombre de la aplicación y canal.",
)
SIRC_OPEN311_LIMITE = env.int("SIRC_OPEN311_LIMITE", default=100)  # POSTs per api_key per window
SIRC_OPEN311_LIMITE_CONSULTAS = env.int("SIRC_OPEN311_LIMITE_CONSULTAS", default=600)  # GETs per address per window
SIRC_OPEN311_VENTANA_SEGUNDOS = env.int("SIRC_OPEN311_VENTANA_SEGUNDOS", default=3600)
# Public «Reporta» page: reports per client address and per phone, and duplicate look-ups, per window.
SIRC_REPORTA_LIMITE_IP = env.int("SIRC_REPORTA_LIMITE_IP", default=10)
SIRC_REPORTA_LIMITE_TELEFONO = env.int("SIRC_REPORTA_LIMITE_TELEFONO", default=5)
SIRC_REPORTA_LIMITE_CONSULTAS = env.int("SIRC_REPORTA_LIMITE_CONSULTAS", default=300)
SIRC_REPORTA_VENTANA_SEGUNDOS = env.int("SIRC_REPORTA_VENTANA_SEGUNDOS", default=24 * 3600)
# Password reset (/cuentas/password_reset/): requests per client address and per e-mail address per window.
SIRC_RECUPERACION_LIMITE_IP = env.int("SIRC_RECUPERACION_LIMITE_IP", default=5)
SIRC_RECUPERACION_LIMITE_CORREO = env.int("SIRC_RECUPERACION_LIMITE_CORREO", default=3)
SIRC_RECUPERACION_VENTANA_SEGUNDOS = env.int("SIRC_RECUPERACION_VENTANA_SEGUNDOS", default=3600)
# /consulta/: wrong folio + digits pairs for one folio (from any address) per window, against distributed guessing.
SIRC_CONSULTA_FALLOS_POR_FOLIO = env.int("SIRC_CONSULTA_FALLOS_POR_FOLIO", default=20)
# Reverse proxies in front of SIRC (IPs or CIDR networks, comma-separated): X-Forwarded-For is believed only when
# the request comes from one of them (sirc/proxies.py). Empty: the client is REMOTE_ADDR.
SIRC_PROXIES_DE_CONFIANZA = env.list("SIRC_PROXIES_DE_CONFIANZA", default=[])
for _proxy in SIRC_PROXIES_DE_CONFIANZA:
    try:
        if _proxy.isdigit():  # the old meaning was a count of proxies; "1" would parse as 0.0.0.1
            raise ValueError
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"SIRC_PROXIES_DE_CONFIANZA: «{_proxy}» no es una dirección IP ni una red CIDR. Escriba las "
            "direcciones de los proxies inversos separadas por comas, p. ej. 10.0.0.5,172.18.0.0/16."
        ) from None

# --- Login lockout (django-axes): by username AND address, so ten operators behind one NAT never lock each
# other out and a guesser from another address does not lock the real user out. Attempts live in the
# database (every process sees them; admin «Axes» or `manage.py axes_reset_username USUARIO` unlocks).
AXES_FAILURE_LIMIT = env.int("SIRC_LOGIN_INTENTOS", default=10)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = env.int("SIRC_LOGIN_BLOQUEO_MINUTOS", default=60) / 60  # hours; 0 = until an admin unlocks
if not AXES_COOLOFF_TIME:
    AXES_COOLOFF_TIME = None
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sirc.cuentas.respuesta_bloqueo"  # the Spanish page templates/sirc/bloqueo.html
AXES_CLIENT_IP_CALLABLE = "sirc.proxies.direccion_para_axes"
AXES_USERNAME_CALLABLE = "sirc.cuentas.usuario_para_axes"  # cut to 150 characters: axes stores a varchar(255)
AXES_VERBOSE = False
# Staff sessions end after this many idle minutes (operators, enlaces, supervisors, directors, admins);
# Jefes de Manzana keep theirs (the phone app) up to SESSION_COOKIE_AGE.
SIRC_SESION_INACTIVIDAD_MINUTOS = env.int("SIRC_SESION_INACTIVIDAD_MINUTOS", default=30)
SESSION_COOKIE_AGE = env.int("SIRC_SESION_MAXIMA_HORAS", default=14 * 24) * 3600

# --- Seguimiento (follow-up calls and visits to attended requests) ---
SEGUIMIENTO_DEMORA_HORAS = env.int("SEGUIMIENTO_DEMORA_HORAS", default=24)  # after atendida, before the call
SEGUIMIENTO_REINTENTO_HORAS = env.int("SEGUIMIENTO_REINTENTO_HORAS", default=3)  # between "no contesta" tries
SEGUIMIENTO_ABANDONO_MINUTOS = env.int("SEGUIMIENTO_ABANDONO_MINUTOS", default=20)  # a taken call returns after
SEGUIMIENTO_ANTIGUEDAD_DIAS = env.int("SEGUIMIENTO_ANTIGUEDAD_DIAS", default=30)  # older atendidas get no call
SEGUIMIENTO_HORARIO = (env.int("SEGUIMIENTO_HORA_INICIO", default=9), env.int("SEGUIMIENTO_HORA_FIN", default=20))
SEGUIMIENTO_META_MENSUAL = env.int("SEGUIMIENTO_META_MENSUAL", default=1500)  # PAT / MIR target
# A request reopened by the follow-up («no se resolvió») gets a new plazo from the reopening: these hours,
# or (0) its category's plazo, counted like the category counts it (calendar or business hours).
SIRC_PLAZO_REAPERTURA_HORAS = env.int("SIRC_PLAZO_REAPERTURA_HORAS", default=0)
DIRECCION_ATENCION_CIUDADANA = env("DIRECCION_ATENCION_CIUDADANA", default="DAC")  # siglas; quejas go there
if not 0 <= SEGUIMIENTO_HORARIO[0] < SEGUIMIENTO_HORARIO[1] <= 24:
    raise ImproperlyConfigured(
        "SEGUIMIENTO_HORA_INICIO y SEGUIMIENTO_HORA_FIN deben cumplir 0 ≤ inicio < fin ≤ 24 (horas del día)."
    )
# --- Personal data (LGPDPPSO): retention of citizens' data and the ARCO due dates ---
SIRC_RETENCION_ANIOS = env.int("SIRC_RETENCION_ANIOS", default=5)  # years after their last request concluded
CELERY_BEAT_SCHEDULE["privacidad-revisar-arco"] = {
    "task": "peticiones.revisar_arco",  # manage.py revisar_arco: alert at 15 días hábiles
    "schedule": 3600.0,
}
CELERY_BEAT_SCHEDULE["privacidad-aplicar-retencion"] = {
    "task": "peticiones.aplicar_retencion",  # manage.py aplicar_retencion [--simulacro]
    "schedule": 24 * 3600.0,
}
CELERY_BEAT_SCHEDULE["peticiones.descargar_medios_whatsapp"] = {
    "task": "peticiones.descargar_medios_whatsapp",  # manage.py descargar_medios_whatsapp
    "schedule": 300.0,
}
# Long work (imports, PDF batches) holds a lease renewed every third of this; a dead worker's lease expires.
SIRC_RECLAMO_SEGUNDOS = env.int("SIRC_RECLAMO_SEGUNDOS", default=120)
CELERY_BEAT_SCHEDULE["peticiones.recoger_importaciones"] = {
    "task": "peticiones.recoger_importaciones",  # manage.py recoger_importaciones
    "schedule": 120.0,
}
# PDF batches (jefes_manzana/lotes.py): lost nudges, dead workers; without a broker this sweep renders them
# in the programador's process, so a 4,400-card batch never runs inside a request.
CELERY_BEAT_SCHEDULE["jefes_manzana.recoger_lotes"] = {
    "task": "jefes_manzana.recoger_lotes",
    "schedule": 10.0,
}
CELERY_BEAT_SCHEDULE["seguimiento-encolar-llamadas"] = {
    "task": "peticiones.encolar_llamadas",
    "schedule": 300.0,
}

# --- Production hardening (HTTPS defaults on whenever DEBUG is off, except in tests) ---
HTTPS = env.bool("HTTPS", default=not (DEBUG or TESTING))
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^salud/$"]  # the container healthcheck probes plain HTTP inside the network
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# --- Content-Security-Policy (django-csp): no inline script, no inline style, nothing from other sites but the
# map tiles. htmx and Leaflet work under it (JS lives in static/; htmx's indicator styles in sirc.css).
from urllib.parse import urlsplit  # noqa: E402

from csp.constants import NONE, SELF  # noqa: E402

# Leaflet's "{s}" subdomain placeholder becomes a CSP wildcard ("https://{s}.tile…" → "https://*.tile…").
_origen_teselas = (
    "{0.scheme}://{0.netloc}".format(urlsplit(MAPA_TILES_URL)).replace("{s}", "*") if MAPA_TILES_URL else None
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:", *([_origen_teselas] if _origen_teselas else [])],
        "connect-src": [SELF],
        "font-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- Indicadores: the MIR of the previous month is issued and archived on the 1st at 06:00 ---
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE["indicadores-emitir-mir-mensual"] = {
    "task": "indicadores.emitir_mir_mes_anterior",
    "schedule": crontab(minute=0, hour=6, day_of_month=1),
}
CELERY_BEAT_SCHEDULE["indicadores-recoger-exportaciones"] = {
    "task": "indicadores.recoger_exportaciones",
    "schedule": crontab(minute="*/5"),
}
INDICADORES_LIMITE_EXPORTACION = env.int("INDICADORES_LIMITE_EXPORTACION", default=50_000)
# Dashboard and heat map aggregates are cached this many seconds (0 = always live; tests use 0).
INDICADORES_CACHE_SEGUNDOS = env.int("INDICADORES_CACHE_SEGUNDOS", default=0 if TESTING else 60)
