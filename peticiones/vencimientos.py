"""The 24-hour policy: mark overdue requests, notify the enlaces once, escalate at 2× and 3× the plazo.

Safe to run twice and on two workers at once:
- newly overdue requests are marked by ONE conditional UPDATE … RETURNING (`fecha_vencida IS NULL`);
  a row another worker already marked is simply not returned, so its notices are written once;
- each escalation level is taken with a compare-and-set UPDATE on `nivel_escalamiento`; only the
  worker whose UPDATE changed the row writes that level's notices.
Notices are outbox rows written in the same transaction as the mark, so nothing is lost or doubled.

Levels (`Peticion.nivel_escalamiento`): 1 overdue (enlaces told), 2 titular of the dirección told,
3 Director de Atención Ciudadana told.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import notificaciones, roles
from .bitacora import nuevo_evento, registrar_evento
from .models import DiaInhabil, EventoBitacora, Peticion
from .plazos import calcular_fecha_limite

NIVEL_VENCIDA, NIVEL_TITULAR, NIVEL_DIRECTOR = 1, 2, 3


@dataclass
class Resumen:
    vencidas: list[int] = field(default_factory=list)
    escaladas: dict[int, int] = field(default_factory=dict)  # peticion id -> new level

    def __str__(self) -> str:
        return f"{len(self.vencidas)} vencida(s) nueva(s), {len(self.escaladas)} escalamiento(s)."


def _marcar_sql(ahora: datetime) -> list[int]:
    """One UPDATE … RETURNING: every open request past its fecha límite not yet marked."""
    tabla = connection.ops.quote_name(Peticion._meta.db_table)
    abiertos = list(Peticion.ABIERTOS)
    marcas = ", ".join(["%s"] * len(abiertos))
    sql = (
        f"UPDATE {tabla} SET fecha_vencida = %s, nivel_escalamiento = %s "
        f"WHERE estado IN ({marcas}) AND fecha_limite < %s AND fecha_vencida IS NULL "
        "RETURNING id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [ahora, NIVEL_VENCIDA, *abiertos, ahora])
        return [fila[0] for fila in cursor.fetchall()]


def _cuerpo(peticion: Peticion, encabezado: str) -> str:
    limite = timezone.localtime(peticion.fecha_limite)
    return (
        f"{encabezado}\n\nFolio {peticion.folio} · {peticion.categoria} · {peticion.colonia}\n"
        f"{peticion.descripcion[:300]}\n\nFecha límite: {limite:%d/%m/%Y %H:%M} "
        f"(plazo de {peticion.categoria.plazo_horas} h). Estado: {peticion.get_estado_display()}.\n"
        f"Atiéndala en {notificaciones.url_peticion(peticion)}"
    )


def marcar_vencidas(ahora: datetime | None = None) -> list[int]:
    """Mark newly overdue requests and tell their dirección's enlaces (in-app + e-mail). Returns their ids."""
    ahora = ahora or timezone.now()
    with transaction.atomic():
        ids = _marcar_sql(ahora)
        peticiones = (
            Peticion.objects.filter(pk__in=ids)
            .select_related("categoria", "direccion", "colonia")
            .prefetch_related("direccion__enlaces")
        )
        # Two bulk INSERTs for all of them, so the marked rows stay locked only briefly.
        avisos: list = []
        eventos: list = []
        for peticion in peticiones:
            eventos.append(
                nuevo_evento(
                    peticion,
                    EventoBitacora.Tipo.VENCIMIENTO,
                    f"Venció el plazo de {peticion.categoria.plazo_horas} h sin atenderse "
                    f"({peticion.direccion.nombre}).",
                    nivel=NIVEL_VENCIDA,
                )
            )
            # A «Recibida» one is still Atención Ciudadana's: the dirección's enlaces cannot open it yet.
            turnada = peticion.estado != Peticion.Estado.RECIBIDA
            nuevos, lineas = notificaciones.preparar_avisos_usuarios(
                peticion,
                peticion.direccion.enlaces.all() if turnada else [],
                motivo=notificaciones.Motivo.VENCIDA,
                asunto=f"Petición vencida: {peticion.folio}",
                cuerpo=_cuerpo(peticion, f"La petición {peticion.folio} venció sin atenderse."),
                clave=f"vencida:{peticion.pk}",
                correos_extra=[c for c in [peticion.direccion.correo_enlace] if c and turnada],
            )
            avisos += nuevos
            eventos += lineas
        notificaciones.guardar_avisos(avisos, eventos)
    return ids


def nivel_alcanzado(peticion: Peticion, ahora: datetime, inhabiles: set[date] | None = None) -> int:
    """The escalation level the request deserves now (counting the plazo like its fecha límite, from its
    reception or, once the follow-up reopened it, from the reopening)."""
    plazo = peticion.categoria.plazo_horas
    inicio = peticion.fecha_reabierta or peticion.fecha_recepcion
    nivel = NIVEL_VENCIDA
    for multiplo, siguiente in ((2, NIVEL_TITULAR), (3, NIVEL_DIRECTOR)):
        limite = calcular_fecha_limite(peticion.categoria, inicio, horas=multiplo * plazo, inhabiles=inhabiles)
        if ahora >= limite:
            nivel = siguiente
    return nivel


def _directores() -> QuerySet:
    return get_user_model().objects.filter(groups__name=roles.DIRECTOR, is_active=True).distinct()


def escalar(ahora: datetime | None = None) -> dict[int, int]:
    """Tell the titular at 2× and the Director de Atención Ciudadana at 3× the plazo, each level once."""
    ahora = ahora or timezone.now()
    candidatas = Peticion.objects.filter(
        estado__in=Peticion.ABIERTOS, fecha_vencida__isnull=False, nivel_escalamiento__lt=NIVEL_DIRECTOR
    ).select_related("categoria", "direccion__titular", "colonia")
    inhabiles = set(DiaInhabil.objects.values_list("fecha", flat=True))  # a few hundred rows, read once
    directores = list(_directores())
    escaladas: dict[int, int] = {}
    for peticion in candidatas:
        nivel = nivel_alcanzado(peticion, ahora, inhabiles)
        if nivel <= peticion.nivel_escalamiento:
            continue
        with transaction.atomic():
            ganada = Peticion.objects.filter(
                pk=peticion.pk, nivel_escalamiento=peticion.nivel_escalamiento, estado__in=Peticion.ABIERTOS
            ).update(nivel_escalamiento=nivel)
            if not ganada:
                continue  # another worker escalated it, or it was just attended
            for paso in range(peticion.nivel_escalamiento + 1, nivel + 1):
                _avisar_nivel(peticion, paso, directores)
        escaladas[peticion.pk] = nivel
    return escaladas


def _avisar_nivel(peticion: Peticion, nivel: int, directores: list) -> None:
    if nivel == NIVEL_TITULAR:
        titular = peticion.direccion.titular
        destinatarios = [titular] if titular is not None else []
        quien = f"titular de {peticion.direccion.nombre}" + ("" if titular else " (sin titular registrado)")
        multiplo = 2
    elif nivel == NIVEL_DIRECTOR:
        destinatarios = directores
        quien = "Director de Atención Ciudadana"
        multiplo = 3
    else:
        return
    registrar_evento(
        peticion,
        EventoBitacora.Tipo.ESCALAMIENTO,
        f"Escalada al {quien}: lleva {multiplo} veces el plazo de {peticion.categoria.plazo_horas} h sin atenderse.",
        nivel=nivel,
    )
    notificaciones.avisar_usuarios(
        peticion,
        destinatarios,
        motivo=notificaciones.Motivo.ESCALAMIENTO_TITULAR
        if nivel == NIVEL_TITULAR
        else notificaciones.Motivo.ESCALAMIENTO_DIRECTOR,
        asunto=f"Escalamiento: {peticion.folio} lleva {multiplo}× su plazo sin atenderse",
        cuerpo=_cuerpo(
            peticion,
            f"La petición {peticion.folio}, turnada a {peticion.direccion.nombre}, lleva {multiplo} veces su plazo "
            "sin atenderse.",
        ),
        clave=f"escalamiento:{peticion.pk}:{nivel}",
    )


def revisar_vencimientos(ahora: datetime | None = None) -> Resumen:
    """The beat job: mark, notify and escalate. Returns what it did."""
    ahora = ahora or timezone.now()
    return Resumen(vencidas=marcar_vencidas(ahora), escaladas=escalar(ahora))
