"""Add a year to the PAT by copying another year's programme, activities, calendar and indicators."""

from django.db import transaction

from .models import Actividad, MetaMensual, Programa


@transaction.atomic
def copiar_programa(origen: Programa, anio: int) -> Programa:
    """A new Programa for `anio` with the same content as `origen` (IntegrityError if `anio` exists)."""
    actividades = list(origen.actividades.prefetch_related("metas"))
    indicadores = list(origen.indicadores.all())
    nuevo = Programa.objects.get(pk=origen.pk)
    nuevo.pk = None
    nuevo.anio = anio
    nuevo.save()
    equivalentes: dict[int, Actividad] = {}
    for actividad in actividades:
        metas = list(actividad.metas.all())
        anterior = actividad.pk
        actividad.pk = None
        actividad.programa = nuevo
        actividad.save()
        equivalentes[anterior] = actividad
        MetaMensual.objects.bulk_create(
            MetaMensual(actividad=actividad, mes=m.mes, cantidad=m.cantidad, referencia=m.referencia) for m in metas
        )
    for indicador in indicadores:
        indicador.pk = None
        indicador.programa = nuevo
        indicador.actividad = equivalentes.get(indicador.actividad_id)
        indicador.save()
    return nuevo


def origen_para(anio: int) -> Programa | None:
    """The nearest earlier year's programme, the one to copy when `anio` has none."""
    return Programa.objects.filter(anio__lt=anio).order_by("-anio").first()


def asegurar_programa(anio: int) -> Programa | None:
    """The programme of `anio`, copied from the closest earlier year when missing (the demo, the MIR page's
    «copiar» button)."""
    existente = Programa.objects.filter(anio=anio).first()
    if existente is not None:
        return existente
    origen = origen_para(anio)
    return copiar_programa(origen, anio) if origen else None


__all__ = ["asegurar_programa", "copiar_programa", "origen_para"]
