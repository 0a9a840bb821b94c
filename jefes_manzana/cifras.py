"""Figures of the padrón for the PAT / MIR (activities 5 to 9 of the Programa Anual de Trabajo)."""

from django.db.models import Count, Exists, OuterRef, Q

from .models import AsistenciaCapacitacion, CandidaturaCuartel, EventoJefes, JefeManzana


def cifras_del_padron(anio: int) -> dict[str, int]:
    """In `anio`: padrón actualizado (registered or updated), acreditados (credential, placa and nombramiento
    delivered), capacitados, Jefes de Cuartel electos and Día del Jefe de Manzana events. Four queries."""
    capacitado = Exists(AsistenciaCapacitacion.objects.filter(jefe=OuterRef("pk"), capacitacion__fecha__year=anio))
    cifras = JefeManzana.objects.exclude(estado=JefeManzana.Estado.BAJA).aggregate(
        padron=Count("id"),
        actualizados=Count("id", filter=Q(actualizado__year=anio)),
        acreditados=Count(
            "id",
            filter=Q(
                fecha_entrega_credencial__year=anio,
                fecha_entrega_placa__isnull=False,
                fecha_entrega_nombramiento__isnull=False,
            ),
        ),
    )
    cifras["capacitados"] = JefeManzana.objects.filter(capacitado).count()
    cifras["jefes_cuartel_electos"] = CandidaturaCuartel.objects.filter(
        estado__in=[CandidaturaCuartel.Estado.ELECTO, CandidaturaCuartel.Estado.CONCLUIDO], fecha_eleccion__year=anio
    ).count()
    cifras["eventos_dia_jefe"] = EventoJefes.objects.filter(
        tipo=EventoJefes.Tipo.DIA_JEFE_MANZANA, fecha__year=anio
    ).count()
    return cifras
