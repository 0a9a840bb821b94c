"""URLs of the bench server: SIRC's, plus /bench/piso/ (the floor: one INSERT, 302), mounted only here."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path
from django.views.decorators.http import require_POST

from sirc.urls import urlpatterns as urlpatterns_sirc

TABLA_PISO = "bench_piso"
CREAR_TABLA_PISO = (
    f"CREATE TABLE IF NOT EXISTS {TABLA_PISO} "
    "(id bigserial PRIMARY KEY, creado timestamptz NOT NULL, dato text NOT NULL)"
)


@require_POST
def piso(request: HttpRequest) -> HttpResponse:
    """The stack's floor: same middleware (session, CSRF, auth, history), one INSERT, a redirect."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLA_PISO} (creado, dato) VALUES (now(), %s)", [request.POST.get("telefono", "")]
        )
    return HttpResponseRedirect("/bench/piso/")


urlpatterns = [path("bench/piso/", piso, name="bench_piso"), *urlpatterns_sirc]
