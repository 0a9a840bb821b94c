"""The Jefes de Manzana's pages as an installable web app: the manifest, the service worker (served from
/jefes-manzana/ so its scope covers their pages) and the page shown when there is no signal."""

import hashlib
import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# The shell kept on the phone: what the pages need to open with no signal (hashed names in production).
ESTATICOS = [
    "css/sirc.css",
    "css/jefes_app.css",
    "js/jefes_app.js",
    "js/mapa_punto.js",
    "vendor/leaflet-1.9.4/leaflet.css",
    "vendor/leaflet-1.9.4/leaflet.js",
    "vendor/leaflet-1.9.4/images/marker-icon.png",
    "vendor/leaflet-1.9.4/images/marker-icon-2x.png",
    "vendor/leaflet-1.9.4/images/marker-shadow.png",
    "jefes_manzana/icono-192.png",
    "jefes_manzana/icono-512.png",
]


@require_GET
@cache_control(max_age=3600)
def manifiesto(request: HttpRequest) -> HttpResponse:
    contenido = render_to_string(
        "jefes_manzana/app.webmanifest",
        {
            "inicio": reverse("jefes_manzana:mis_peticiones"),
            "alcance": reverse("jefes_manzana:lista").rstrip("/") + "/",
            "nueva": reverse("jefes_manzana:nueva_peticion"),
            "icono_192": static("jefes_manzana/icono-192.png"),
            "icono_512": static("jefes_manzana/icono-512.png"),
            "icono_maskable": static("jefes_manzana/icono-maskable-512.png"),
        },
    )
    return HttpResponse(contenido, content_type="application/manifest+json; charset=utf-8")


@require_GET
@cache_control(no_cache=True, max_age=0)
def trabajador(request: HttpRequest) -> HttpResponse:
    """The service worker. Its cache name carries a hash of the shell's URLs: a deploy with new static files
    (new hashed names) installs a new worker that drops the old cache."""
    estaticos = [static(ruta) for ruta in ESTATICOS]
    paginas = [
        reverse("jefes_manzana:mis_peticiones"),
        reverse("jefes_manzana:nueva_peticion"),
        reverse("jefes_manzana:sin_conexion"),
    ]
    version = hashlib.sha256("|".join(estaticos + paginas).encode()).hexdigest()[:12]
    contenido = render_to_string(
        "jefes_manzana/sw.js",
        {
            "version": version,
            "estaticos": mark_safe(json.dumps(estaticos)),
            "paginas": mark_safe(json.dumps(paginas)),
            "sin_conexion": mark_safe(json.dumps(paginas[-1])),
        },
    )
    respuesta = HttpResponse(contenido, content_type="application/javascript; charset=utf-8")
    respuesta["Service-Worker-Allowed"] = reverse("jefes_manzana:lista")
    return respuesta


@require_GET
def sin_conexion(request: HttpRequest) -> HttpResponse:
    """Shown by the service worker for a page that was not kept on the phone."""
    return render(request, "jefes_manzana/sin_conexion.html")
