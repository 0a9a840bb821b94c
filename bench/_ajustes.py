"""Settings for bench/paginas_http.py only: SIRC's settings plus the stack's floor, a bare one-INSERT view.

Never used outside the bench (gunicorn is started with DJANGO_SETTINGS_MODULE=bench._ajustes).
"""

from sirc.settings import *  # noqa: F403

ROOT_URLCONF = "bench._urls_bench"
