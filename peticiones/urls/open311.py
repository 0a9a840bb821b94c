"""Open311 GeoReport v2, mounted at /open311/v2/ by sirc/urls.py (names in `open311:`)."""

from django.urls import path, re_path

from ..views import open311

app_name = "open311"

F = r"\.(?P<formato>json|xml)$"

urlpatterns = [
    path("openapi.json", open311.openapi, name="openapi"),
    re_path(r"^discovery" + F, open311.descubrimiento, name="discovery"),
    re_path(r"^services" + F, open311.servicios, name="services"),
    re_path(r"^services/(?P<service_code>[^/]{1,60})" + F, open311.definicion, name="service"),
    re_path(r"^requests" + F, open311.solicitudes, name="requests"),
    re_path(r"^requests/(?P<service_request_id>[^/]{1,40})" + F, open311.solicitud, name="request"),
    re_path(r"^tokens/(?P<token>[^/]{1,64})" + F, open311.token, name="token"),
    re_path(r"^(?P<ruta>.*)$", open311.no_encontrado),
]
