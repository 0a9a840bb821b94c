"""Reads of the privacy sub-domain: the aviso in force, the ARCO requests, and everything SIRC holds about a
citizen (the ARCO access export)."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from sirc.historial import historial_de

from ..models import (
    AvisoPrivacidad,
    Ciudadano,
    Consentimiento,
    EventoBitacora,
    LlamadaSeguimiento,
    Notificacion,
    Peticion,
    SolicitudArco,
    VisitaDomiciliaria,
)


def aviso_vigente() -> AvisoPrivacidad:
    """The version of the aviso de privacidad in force now (the newest already in effect).

    A database without any (a test database flushed after its migrations ran) gets the first version, unsaved:
    reads never write; the capture saves it with the first consent."""
    aviso = AvisoPrivacidad.objects.filter(vigente_desde__lte=timezone.now()).order_by("-version").first()
    if aviso is None:
        from importlib import import_module

        primera = import_module("peticiones.migrations.0011_aviso_privacidad_version_1")
        aviso = AvisoPrivacidad(
            version=1, simplificado=primera.SIMPLIFICADO, guion=primera.GUION, integral=primera.INTEGRAL
        )
    return aviso


def solicitudes_arco(estado: str = "abiertas") -> QuerySet[SolicitudArco]:
    qs = SolicitudArco.objects.select_related("ciudadano", "canal", "registrada_por", "atendida_por")
    if estado == "abiertas":
        return qs.filter(estado=SolicitudArco.Estado.RECIBIDA).order_by("fecha_limite", "id")
    return qs.order_by("-fecha_recepcion", "-id")


def peticiones_de(ciudadano: Ciudadano) -> QuerySet[Peticion]:
    """Requests the citizen filed or joined as another requester."""
    return (
        Peticion.objects.filter(Q(ciudadano=ciudadano) | Q(solicitantes=ciudadano))
        .distinct()
        .select_related("categoria", "colonia", "direccion", "canal", "tipo")
        .order_by("fecha_recepcion", "id")
    )


def _fecha(valor) -> str:
    return timezone.localtime(valor).strftime("%d/%m/%Y %H:%M") if valor else ""


def datos_de_ciudadano(ciudadano: Ciudadano) -> dict[str, Any]:
    """Everything SIRC holds about the citizen, as plain data (the JSON and the PDF of an access request)."""
    peticiones = list(peticiones_de(ciudadano))
    ids = [p.pk for p in peticiones]
    bitacora: dict[int, list] = {}
    for e in EventoBitacora.objects.filter(peticion_id__in=ids).order_by("fecha", "id"):
        bitacora.setdefault(e.peticion_id, []).append(
            {"fecha": _fecha(e.fecha), "tipo": e.get_tipo_display(), "descripcion": e.descripcion}
        )
    llamadas = LlamadaSeguimiento.objects.filter(peticion_id__in=ids, fecha_resultado__isnull=False)
    visitas = VisitaDomiciliaria.objects.filter(peticion_id__in=ids)
    avisos = Notificacion.objects.filter(peticion_id__in=ids, usuario__isnull=True).order_by("creada", "id")
    return {
        "generado": _fecha(timezone.now()),
        "ciudadano": {
            "nombre": ciudadano.nombre,
            "apellidos": ciudadano.apellidos,
            "telefono": ciudadano.telefono,
            "telefono_por_verificar": ciudadano.telefono_por_verificar,
            "correo": ciudadano.correo,
            "domicilio": ciudadano.domicilio,
            "colonia": str(ciudadano.colonia or ""),
            "registrado": _fecha(ciudadano.creado),
            "se_opuso_a_ser_contactado": _fecha(ciudadano.oposicion_contacto),
        },
        "peticiones": [
            {
                "folio": p.folio,
                "papel": "solicitante principal" if p.ciudadano_id == ciudadano.pk else "otro solicitante",
                "recibida": _fecha(p.fecha_recepcion),
                "canal": p.canal.nombre,
                "categoria": p.categoria.nombre,
                "direccion": p.direccion.nombre,
                "descripcion": p.descripcion,
                "lugar": f"{p.calle} {p.numero_exterior}, {p.colonia.nombre}".strip(),
                "referencias": p.referencias,
                "estado": p.get_estado_display(),
                "resolucion": p.resolucion,
                "bitacora": bitacora.get(p.pk, []),
            }
            for p in peticiones
        ],
        "llamadas_de_seguimiento": [
            {
                "folio": ll.peticion.folio,
                "fecha": _fecha(ll.fecha_resultado),
                "resultado": ll.get_estado_display(),
                "satisfaccion": ll.satisfaccion,
                "comentario": ll.comentario,
            }
            for ll in llamadas.select_related("peticion").order_by("fecha_resultado")
        ],
        "visitas": [
            {"folio": v.peticion.folio, "fecha": _fecha(v.fecha_visita), "resultado": v.get_resultado_display()}
            for v in visitas.select_related("peticion").order_by("fecha_visita")
        ],
        "avisos_enviados": [
            {
                "folio": n.peticion.folio if n.peticion_id else "",
                "fecha": _fecha(n.creada),
                "medio": n.get_canal_display(),
                "destinatario": n.destinatario,
                "asunto": n.asunto,
                "estado": n.get_estado_display(),
            }
            for n in avisos.select_related("peticion")
        ],
        "consentimientos": [
            {"folio": c.peticion.folio, "fecha": _fecha(c.fecha), "canal": c.canal.nombre, "aviso": c.aviso.version}
            for c in Consentimiento.objects.filter(ciudadano=ciudadano).select_related("peticion", "canal", "aviso")
        ],
        "solicitudes_arco": [
            {
                "folio": s.folio,
                "derecho": s.get_derecho_display(),
                "recibida": _fecha(s.fecha_recepcion),
                "estado": s.get_estado_display(),
                "respuesta": s.respuesta,
            }
            for s in ciudadano.solicitudes_arco.order_by("fecha_recepcion")
        ],
        "historial_de_cambios": [
            {
                "fecha": _fecha(c.fecha),
                "que": c.etiqueta,
                "quien": c.quien,
                "cambios": [
                    {"campo": str(campo), "antes": _texto(a), "despues": _texto(d)} for campo, a, d in c.cambios
                ],
            }
            for c in historial_de(ciudadano)
        ],
    }


def _texto(valor) -> str:
    return "" if valor is None else str(valor)
