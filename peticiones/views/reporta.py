"""The public «Reporta» page (/reporta/): a citizen reports from the phone with a photo and a map pin.

Abuse resistance without third parties: a honeypot field, per-address and per-phone limits counted with
Django's cache API (sirc.limites), and size limits (description, photo bytes and pixels).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sirc import limites

from ..acciones import reporta
from ..evidencias import tamano_maximo
from ..forms.reporta import ReportaForm
from ..models import Categoria, Colonia
from ..selectores.busqueda import buscar_folio
from ..selectores.captura import resolver_colonia
from ..selectores.consulta import ESTADO_PUBLICO
from ..selectores.reporta import duplicados_publicos, peticiones_abiertas

SESION = "reporta_ultimo"


def _contexto(form: ReportaForm, **extra) -> dict:
    return {
        "form": form,
        "colonias": Colonia.objects.only("nombre", "codigo_postal"),
        "mapa_tiles_url": settings.MAPA_TILES_URL,
        "mapa_atribucion": getattr(settings, "MAPA_TILES_ATRIBUCION", ""),
        "mapa_centro": settings.MAPA_CENTRO,
        "max_bytes": tamano_maximo(),
        **extra,
    }


def _reporte(form: ReportaForm) -> reporta.Reporte:
    d = form.cleaned_data
    return reporta.Reporte(
        categoria=d["categoria"],
        colonia=d["colonia_resuelta"],
        descripcion=d["descripcion"],
        calle=d.get("calle", ""),
        referencias=d.get("referencias", ""),
        latitud=d.get("latitud"),
        longitud=d.get("longitud"),
        nombre=d.get("nombre", ""),
        apellidos=d.get("apellidos", ""),
        telefono=d.get("telefono", ""),
        correo=d.get("correo", ""),
        foto=d.get("foto"),
        clave_idempotencia=d["clave_idempotencia"],
        respuestas=form.respuestas,
    )


def _limitado(request: HttpRequest, telefono: str) -> str | None:
    """Count this report for the address and the phone; the reason to refuse it, if a limit is passed."""
    ventana = settings.SIRC_REPORTA_VENTANA_SEGUNDOS
    horas = max(ventana // 3600, 1)
    if limites.excede(f"reporta:ip:{limites.direccion_ip(request)}", settings.SIRC_REPORTA_LIMITE_IP, ventana):
        return f"Se enviaron muchos reportes desde su conexión. Intente de nuevo en {horas} h o llame a la Línea 072."
    if telefono and limites.excede(f"reporta:tel:{telefono}", settings.SIRC_REPORTA_LIMITE_TELEFONO, ventana):
        return (
            f"Ya recibimos varios reportes con ese teléfono hoy. Intente de nuevo en {horas} h o llame a la Línea 072."
        )
    return None


@never_cache
def formulario(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        inicial = {}
        if (codigo := request.GET.get("categoria", "")).isdigit():
            inicial["categoria"] = codigo
        return render(request, "peticiones/reporta/formulario.html", _contexto(ReportaForm(initial=inicial)))
    form = ReportaForm(request.POST, request.FILES)
    if request.POST.get("sitio_web"):  # the honeypot: a bot. Same thanks page, nothing saved.
        return render(request, "peticiones/reporta/recibido.html", {"folio": None})
    if not form.is_valid():
        return render(request, "peticiones/reporta/formulario.html", _contexto(form), status=400)
    if motivo := _limitado(request, form.cleaned_data.get("telefono", "")):
        return render(request, "peticiones/reporta/formulario.html", _contexto(form, limite=motivo), status=429)
    datos = _reporte(form)
    seguir = form.cleaned_data.get("seguir")
    if seguir:
        original = buscar_folio(peticiones_abiertas(), seguir)
        if original is None:
            form.add_error(None, "Ese reporte ya se cerró o no existe: envíe el suyo como reporte nuevo.")
            return render(request, "peticiones/reporta/formulario.html", _contexto(form), status=400)
        peticion = reporta.seguir(original, datos)
    else:
        peticion = reporta.reportar(datos)
    request.session[SESION] = {"folio": peticion.folio, "ultimos4": datos.telefono[-4:], "sumado": bool(seguir)}
    return redirect("reporta_recibido")


@never_cache
def recibido(request: HttpRequest) -> HttpResponse:
    """The folio and how to look it up: read from the session, so a URL never shows someone else's folio."""
    ultimo = request.session.get(SESION)
    if not ultimo:
        return redirect("reporta")
    return render(request, "peticiones/reporta/recibido.html", ultimo)


@require_GET
def preguntas(request: HttpRequest) -> HttpResponse:
    """htmx: the extra questions of the category just chosen (none: an empty fragment)."""
    form = ReportaForm(initial={"categoria": request.GET.get("categoria", "")[:20]})
    return render(request, "peticiones/reporta/_preguntas.html", {"form": form})


@require_GET
def cercanos(request: HttpRequest) -> HttpResponse:
    """htmx: open reports of that category in that colonia or within 150 m (public data only)."""
    if limites.excede(
        f"reporta:cercanos:{limites.direccion_ip(request)}",
        settings.SIRC_REPORTA_LIMITE_CONSULTAS,
        settings.SIRC_REPORTA_VENTANA_SEGUNDOS,
    ):
        return HttpResponse(status=429)
    clave = request.GET.get("categoria", "")
    categoria = Categoria.objects.filter(pk=clave, activa=True).first() if clave.isdigit() and len(clave) < 19 else None
    if categoria is None:
        return render(request, "peticiones/reporta/_cercanos.html", {"cercanos": []})
    colonia, _ = resolver_colonia(request.GET.get("colonia", "")[:160])
    try:
        lat = float(request.GET.get("latitud") or "nan")
        lng = float(request.GET.get("longitud") or "nan")
    except ValueError:
        lat = lng = float("nan")
    punto = (lat, lng) if lat == lat and lng == lng and abs(lat) <= 90 and abs(lng) <= 180 else (None, None)
    encontrados = duplicados_publicos(categoria=categoria, colonia=colonia, latitud=punto[0], longitud=punto[1])
    cercanos = [
        {
            "folio": d.peticion.folio,
            "categoria": d.peticion.categoria.nombre,
            "colonia": d.peticion.colonia.nombre,
            "distancia": d.distancia_metros,
            "fecha": d.peticion.fecha_recepcion,
            "estado": ESTADO_PUBLICO[d.peticion.estado],
        }
        for d in encontrados
    ]
    return render(request, "peticiones/reporta/_cercanos.html", {"cercanos": cercanos})
