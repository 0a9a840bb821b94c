"""Production settings for the bench, except static files are served straight from static/.

(`collectstatic` with the manifest storage currently stops at chart.js's missing source map; the
bench measures Django, not static files.)
"""

from sirc.settings import *  # noqa: F403
from sirc.settings import STORAGES

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True
