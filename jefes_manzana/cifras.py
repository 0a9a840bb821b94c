"""Figures of the padrón for the PAT / MIR (activities 5 to 9 of the Programa Anual de Trabajo)."""

from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from .models import AsistenciaCapacitacion, CandidaturaCuartel, EventoJefes, JefeManzana, JefeManzanaEvent

# History events that mean «this record was registered or validated»: alta, a real change, or the state it
# had when the history was installed (migration 0005). A save or re-import that changes nothing adds no event.
ETIQUETAS_ACTUALIZACION = ("insert", "update", "inicial")


def actualizaciones() -> QuerySet[JefeManzanaEvent]:
    """Every registration or real change of a Jefe de Manzana that was not a baja, from the history."""
    return JefeManzanaEvent.objects.filter(pgh_label__in=ETIQUETAS_ACTUALIZACION).exclude(
        estado=JefeManzana.Estado.BAJA
    )


def actualizados_entre(desde: datetime, hasta: datetime) -> int:
    """Distinct Jefes de Manzana registered or changed in [desde, hasta) (each person once)."""
    return (
        actualizaciones()
        .filter(pgh_created_at__gte=desde, pgh_created_at__lt=hasta)
        .values("pgh_obj_id")
        .distinct()
        .count()
    )


def cifras_del_padron(anio: int) -> dict[str, int]:
    """In `anio`: padrón actualizado (registered or updated), acreditados (credential, placa and nombramiento
    delivered), capacitados, Jefes de Cuartel electos and Día del Jefe de Manzana events. Five queries;
    «actualizados» comes from the history (sirc/historial.py)."""
    capacitado = Exists(AsistenciaCapacitacion.objects.filter(jefe=OuterRef("pk"), capacitacion__fecha__year=anio))
    cifras = JefeManzana.objects.exclude(estado=JefeManzana.Estado.BAJA).aggregate(
        padron=Count("id"),
        acreditados=Count(
            "id",
            filter=Q(
                fecha_entrega_credencial__year=anio,
                fecha_entrega_placa__isnull=False,
                fecha_entrega_nombramiento__isnull=False,
            ),
        ),
    )
    cifras["actualizados"] = actualizaciones().filter(pgh_created_at__year=anio).values("pgh_obj_id").distinct().count()
    cifras["capacitados"] = JefeManzana.objects.filter(capacitado).count()
    cifras["jefes_cuartel_electos"] = CandidaturaCuartel.objects.filter(
        estado__in=[CandidaturaCuartel.Estado.ELECTO, CandidaturaCuartel.Estado.CONCLUIDO], fecha_eleccion__year=anio
    ).count()
    cifras["eventos_dia_jefe"] = EventoJefes.objects.filter(
        tipo=EventoJefes.Tipo.DIA_JEFE_MANZANA, fecha__year=anio
    ).count()
    return cifras
