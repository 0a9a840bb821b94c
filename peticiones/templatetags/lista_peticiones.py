"""The rows of the request list, built in Python.

With the Django template language each of the 25 rows cost ~0.7 ms (a dozen variable lookups and filters
per row: most of the page's CPU); this tag writes the same HTML, escaped the same way, in ~0.03 ms a row.
The markup stays readable below; tests/test_lista_peticiones.py and the browser tests check what users see.
"""

import unicodedata
from html import escape  # what django.utils.html.escape calls, without its lazy-string wrapper

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from ..models import Peticion

register = template.Library()

FILA = """
  <tr>
    <td class="folio"><a href="{url}{folio}/">{folio}</a></td>
    <td>{recepcion}</td>
    <td>{categoria}<br><small class="ayuda">{descripcion}</small></td>
    <td>{direccion}</td>
    <td>{colonia}</td>
    <td>{ciudadano}</td>
    <td><span class="etiqueta estado-{estado}">{estado_texto}</span></td>
    <td{clase_limite}>{limite}{vencida}</td>
  </tr>
  """
VACIA = """
  <tr><td colspan="8">No hay peticiones con esos filtros.</td></tr>
  """
FORMATO_FECHA = "%d/%m/%Y %H:%M"  # the template's date:"d/m/Y H:i"
ESTADOS = {valor: str(etiqueta) for valor, etiqueta in Peticion.Estado.choices}
LARGO_DESCRIPCION = 70  # the template's truncatechars:70


def resumen(texto: str) -> str:
    """`texto|truncatechars:70`, without building a Truncator for the short ones (most)."""
    normal = unicodedata.normalize("NFC", texto)  # what Truncator.chars returns when it does not cut
    return normal if len(normal) <= LARGO_DESCRIPCION else Truncator(texto).chars(LARGO_DESCRIPCION)


def fila(p: Peticion, url_detalle: str, zona) -> str:
    """One row (the catalogs come attached by cache_catalogos.con_catalogos: no query)."""
    vencida = p.vencida
    return FILA.format(
        url=escape(url_detalle),
        folio=escape(p.folio),
        recepcion=p.fecha_recepcion.astimezone(zona).strftime(FORMATO_FECHA),
        categoria=escape(p.categoria.nombre),
        descripcion=escape(resumen(p.descripcion)),
        direccion=escape(p.direccion.siglas),
        colonia=escape(p.colonia.nombre),
        ciudadano=escape(str(p.ciudadano)) if p.ciudadano else "<em>anónima</em>",
        estado=escape(p.estado),
        estado_texto=escape(ESTADOS.get(p.estado, p.estado)),
        clase_limite=' class="vencida"' if vencida else "",
        limite=p.fecha_limite.astimezone(zona).strftime(FORMATO_FECHA),
        vencida=" · vencida" if vencida else "",
    )


@register.simple_tag
def filas_peticiones(pagina, url_detalle: str) -> SafeString:
    """Every row of the page `pagina`, or the «no hay peticiones» row."""
    zona = timezone.get_current_timezone()  # the template's |localtime
    filas = [fila(p, url_detalle, zona) for p in pagina]
    return mark_safe("".join(filas) if filas else VACIA)  # every value above is escaped
