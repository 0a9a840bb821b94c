"""The Jefe de Manzana's own pages: the requests they may see, filing one for a neighbour, following one."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from peticiones.models import Peticion, TipoPeticion
from peticiones.selectores.captura import ciudadano_conocido, folios_de_ciudadano
from peticiones.visibilidad import anonimas_de_su_colonia, bitacora_visible, como_anonimas, visibles_para

from ..captura_gestor import Vecino, presentar_peticion
from ..forms import PeticionVecinoForm

GESTIONAR = "peticiones.gestionar_peticion"


@login_required
@permission_required(GESTIONAR, raise_exception=True)
def mis_peticiones(request: HttpRequest) -> HttpResponse:
    """His own requests (and, a Jefe de Cuartel, his Jefes de Manzana's) with the neighbour's data; with
    `ver=colonia`, the rest of his colonia as anonymous rows (category, state, street, dates)."""
    jefe = getattr(request.user, "jefe_manzana", None)
    visibles = visibles_para(request.user).select_related("categoria", "colonia", "direccion", "gestor")
    alcance = request.GET.get("ver", "todas")
    anonimas = alcance == "colonia" and jefe is not None
    if anonimas:
        visibles = anonimas_de_su_colonia(request.user)
    elif jefe is not None and alcance == "mias":
        visibles = visibles.filter(gestor=jefe)
    elif jefe is not None and alcance == "cuartel":
        visibles = visibles.filter(gestor__cuartel__jefe=jefe)
    estado = request.GET.get("estado", "")
    if estado == "abiertas":
        visibles = visibles.filter(estado__in=Peticion.ABIERTOS)
    elif estado == "concluidas":
        visibles = visibles.exclude(estado__in=Peticion.ABIERTOS)
    folio = request.GET.get("folio", "").strip()
    if folio:
        visibles = visibles.filter(folio__icontains=folio)
    resumen = visibles_para(request.user).aggregate(
        abiertas=Count("id", filter=Q(estado__in=Peticion.ABIERTOS)),
        concluidas=Count("id", filter=~Q(estado__in=Peticion.ABIERTOS)),
    )
    pagina = Paginator(visibles.order_by("-fecha_recepcion"), 25).get_page(request.GET.get("pagina"))
    if anonimas:
        pagina.object_list = como_anonimas(pagina.object_list)
    return render(
        request,
        "jefes_manzana/mis_peticiones.html",
        {
            "jefe": jefe,
            "pagina": pagina,
            "alcance": alcance,
            "anonimas": anonimas,
            "estado": estado,
            "folio": folio,
            "resumen": resumen,
            "es_jefe_cuartel": jefe is not None and jefe.cuarteles_a_cargo.exists(),
        },
    )


def _quiere_json(request: HttpRequest) -> bool:
    """A draft sent by the app when the signal returned (fetch, Accept: application/json), not a page."""
    return "application/json" in request.headers.get("Accept", "")


@login_required
@permission_required(GESTIONAR, raise_exception=True)
def nueva_peticion(request: HttpRequest) -> HttpResponse:
    """File a request for a neighbour. The installable app also sends here, as JSON, the drafts kept on the
    phone while there was no signal; the draft's `clave` makes a repeated send return the same folio."""
    jefe = getattr(request.user, "jefe_manzana", None)
    if jefe is None:
        mensaje = "Su usuario no está ligado a un Jefe de Manzana del padrón; llame al 072."
        if _quiere_json(request):
            return JsonResponse({"error": mensaje}, status=403)
        messages.error(request, mensaje)
        return redirect("jefes_manzana:mis_peticiones")
    tipo = TipoPeticion.objects.filter(clave="peticion", activo=True).values_list("pk", flat=True).first()
    form = PeticionVecinoForm(
        request.POST or None, request.FILES or None, initial={"colonia": jefe.colonia_id, "tipo": tipo}
    )
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        try:
            peticion = presentar_peticion(
                usuario=request.user,
                vecino=Vecino(
                    datos["nombre"],
                    datos["apellidos"],
                    datos["telefono"],
                    acepta_aviso=datos["aviso_privacidad"],
                    si_ya_existe=datos["si_ya_existe"],
                ),
                tipo=datos["tipo"],
                categoria=datos["categoria"],
                descripcion=datos["descripcion"],
                colonia=datos["colonia"],
                calle=datos["calle"],
                numero_exterior=datos["numero_exterior"],
                referencias=datos["referencias"],
                latitud=datos.get("latitud"),
                longitud=datos.get("longitud"),
                fotos=[datos["foto"]] if datos.get("foto") else [],
                clave_idempotencia=datos["clave"],
            )
        except PermissionDenied as e:
            if _quiere_json(request):
                return JsonResponse({"error": str(e)}, status=403)
            messages.error(request, str(e))
            return redirect("jefes_manzana:mis_peticiones")
        except ValidationError as e:  # the capture's own rules (inactive category…), shown on the form
            for campo, mensajes in e.message_dict.items():
                form.add_error(campo if campo in form.fields else None, mensajes)
        else:
            url = reverse("jefes_manzana:mi_peticion", kwargs={"folio": peticion.folio})
            if _quiere_json(request):
                return JsonResponse({"folio": peticion.folio, "url": url}, status=201)
            messages.success(request, f"Petición registrada con el folio {peticion.folio}. Dé este folio a su vecino.")
            return redirect(url)
    if request.method == "POST" and _quiere_json(request):
        errores = {campo: [str(m) for m in mensajes] for campo, mensajes in form.errors.items()}
        return JsonResponse({"errores": errores}, status=422)
    contexto = {
        "form": form,
        "jefe": jefe,
        "mapa_tiles_url": settings.MAPA_TILES_URL,
        "mapa_atribucion": getattr(settings, "MAPA_TILES_ATRIBUCION", ""),
        "mapa_centro": (jefe.latitud or settings.MAPA_CENTRO[0], jefe.longitud or settings.MAPA_CENTRO[1]),
    }
    if form.is_bound and (form["si_ya_existe"].errors or form.data.get("si_ya_existe")):
        contexto.update(_propuesta(request, form.data.get("telefono", "")))
    return render(request, "jefes_manzana/nueva_peticion.html", contexto)


def _propuesta(request: HttpRequest, telefono: str) -> dict:
    """«¿Es su vecino …?»: the citizen of that phone and his folios with them, only if he may see them."""
    vecino = ciudadano_conocido(request.user, telefono)
    if vecino is None:
        return {}
    return {"vecino": vecino, "folios_vecino": folios_de_ciudadano(vecino, request.user, limite=3)}


@login_required
@permission_required(GESTIONAR, raise_exception=True)
@require_GET
def vecino_conocido(request: HttpRequest) -> HttpResponse:
    """htmx: while the phone is typed, propose the neighbour of one of his requests who owns it. For any other
    phone (nobody's, or of a citizen he may not see) the answer is the same empty fragment."""
    contexto = {"form": PeticionVecinoForm(), **_propuesta(request, request.GET.get("telefono", ""))}
    return render(request, "jefes_manzana/_vecino_conocido.html", contexto)


@login_required
@permission_required(GESTIONAR, raise_exception=True)
def mi_peticion(request: HttpRequest, folio: str) -> HttpResponse:
    peticion = get_object_or_404(
        visibles_para(request.user).select_related("categoria", "colonia", "direccion", "gestor", "tipo", "canal"),
        folio=folio,
    )
    eventos = bitacora_visible(request.user, peticion).order_by("fecha", "id")
    return render(request, "jefes_manzana/mi_peticion.html", {"peticion": peticion, "eventos": eventos})
