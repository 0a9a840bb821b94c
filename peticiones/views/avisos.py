"""In-app notices of the signed-in user (overdue requests, escalations, new turned requests)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..models import Notificacion


def avisos_de(usuario) -> QuerySet[Notificacion]:
    return Notificacion.objects.filter(usuario=usuario, canal=Notificacion.Canal.APP).select_related("peticion")


def sin_leer(usuario) -> int:
    """Unread in-app notices: the menu's badge (one indexed COUNT on usuario, canal, leida_en)."""
    return Notificacion.objects.filter(usuario=usuario, canal=Notificacion.Canal.APP, leida_en=None).count()


@login_required
def avisos(request: HttpRequest) -> HttpResponse:
    qs = avisos_de(request.user).order_by("leida_en", "-creada", "-pk")
    pagina = Paginator(qs, 30).get_page(request.GET.get("pagina"))
    return render(request, "peticiones/avisos.html", {"pagina": pagina, "sin_leer": sin_leer(request.user)})


@login_required
@require_POST
def marcar_avisos_leidos(request: HttpRequest) -> HttpResponse:
    avisos_de(request.user).filter(leida_en=None).update(leida_en=timezone.now())
    return redirect("peticiones:avisos")
