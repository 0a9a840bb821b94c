"""Changes to the padrón that touch several rows or users: logins, credentials, bajas, the Jefe de
Cuartel election and attendance. Views and commands call these; tests call them directly."""

import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from peticiones import roles

from .bloque import actualizar_en_bloque
from .curp import normalizar_curp
from .models import (
    AsistenciaCapacitacion,
    AsistenciaEvento,
    CandidaturaCuartel,
    Capacitacion,
    ContrasenaTemporal,
    Cuartel,
    EventoJefes,
    JefeManzana,
)

# The last day of the 2026-2029 municipal administration: credentials are valid until then by default.
FIN_DE_ADMINISTRACION = date(2029, 12, 31)
_ALFABETO_CONTRASENA = "ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789"  # no 0/O, 1/l/I


class AccionInvalida(Exception):
    """The change is not possible (clear Spanish message for the person who asked for it)."""


def _exigir_permiso(usuario: AbstractBaseUser | None) -> None:
    if usuario is not None and not usuario.has_perm("jefes_manzana.administrar_padron"):
        raise PermissionDenied("Sólo quien administra el padrón puede hacer esto.")


# --- logins ------------------------------------------------------------------------------------


def generar_contrasena_temporal() -> str:
    """Easy to read aloud and type from paper: XXXX-XXXX-XXXX (about 70 bits)."""
    bloques = ["".join(secrets.choice(_ALFABETO_CONTRASENA) for _ in range(4)) for _ in range(3)]
    return "-".join(bloques)


def _sin_acentos(texto: str) -> str:
    return unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode()


def proponer_usuario(jefe: JefeManzana, ocupados: set[str]) -> str:
    """`nombre.apellido` in lower case without accents, with a number when it is taken."""
    nombre = _sin_acentos(jefe.nombres.split()[0] if jefe.nombres.split() else "jefe").lower()
    apellido = _sin_acentos(jefe.apellidos.split()[0] if jefe.apellidos.split() else "manzana").lower()
    base = re.sub(r"[^a-z0-9.]", "", f"{nombre}.{apellido}")[:140] or "jefe.manzana"
    candidato, n = base, 1
    while candidato in ocupados:
        n += 1
        candidato = f"{base}{n}"
    return candidato


def exigir_cambio_de_contrasena(usuario: AbstractBaseUser) -> None:
    """Flag any user so that the next request sends them to change their password."""
    ContrasenaTemporal.objects.update_or_create(
        usuario=usuario, defaults={"debe_cambiar": True, "asignada": timezone.now(), "cambiada": None}
    )


def marcar_contrasena_cambiada(usuario: AbstractBaseUser) -> None:
    ContrasenaTemporal.objects.filter(usuario=usuario, debe_cambiar=True).update(
        debe_cambiar=False, cambiada=timezone.now()
    )


@dataclass(frozen=True)
class AccesoCreado:
    jefe: JefeManzana
    username: str
    contrasena: str  # shown once, never stored in clear


def crear_accesos(jefes: Iterable[JefeManzana], *, por: AbstractBaseUser | None = None) -> list[AccesoCreado]:
    """Create a login for each Jefe de Manzana without one: role Jefe de Manzana (and Jefe de Cuartel if
    elected), a temporary password that must be changed at first login. Returns what to hand over."""
    _exigir_permiso(por)
    User = get_user_model()
    jefes = [j for j in jefes if j.usuario_id is None]
    for jefe in jefes:
        if jefe.estado == JefeManzana.Estado.BAJA:
            raise AccionInvalida(f"{jefe} está dado de baja: no se le puede crear un acceso.")
    if not jefes:
        return []
    grupo_jm = Group.objects.get(name=roles.JEFE_MANZANA)
    grupo_jc = Group.objects.get(name=roles.JEFE_CUARTEL)
    jefes_de_cuartel = set(Cuartel.objects.filter(jefe__in=jefes).values_list("jefe_id", flat=True))
    ocupados = {u.lower() for u in User.objects.values_list("username", flat=True)}
    creados: list[AccesoCreado] = []
    with transaction.atomic():
        nuevos = []
        for jefe in jefes:
            username = proponer_usuario(jefe, ocupados)
            ocupados.add(username)
            contrasena = generar_contrasena_temporal()
            nuevos.append(
                User(
                    username=username,
                    first_name=jefe.nombres[:150],
                    last_name=jefe.apellidos[:150],
                    email=jefe.correo,
                    password=make_password(contrasena, hasher="pbkdf2_sha256_temporal"),
                )
            )
            creados.append(AccesoCreado(jefe, username, contrasena))
        User.objects.bulk_create(nuevos)
        usuarios = {u.username: u for u in User.objects.filter(username__in=[c.username for c in creados])}
        miembros = []
        for acceso in creados:
            usuario = usuarios[acceso.username]
            acceso.jefe.usuario = usuario
            miembros.append(User.groups.through(user_id=usuario.pk, group_id=grupo_jm.pk))
            if acceso.jefe.pk in jefes_de_cuartel:
                miembros.append(User.groups.through(user_id=usuario.pk, group_id=grupo_jc.pk))
        User.groups.through.objects.bulk_create(miembros)
        JefeManzana.objects.bulk_update([c.jefe for c in creados], ["usuario"])
        ContrasenaTemporal.objects.bulk_create([ContrasenaTemporal(usuario=usuarios[c.username]) for c in creados])
    return creados


def crear_acceso(jefe: JefeManzana, *, por: AbstractBaseUser | None = None) -> AccesoCreado:
    if jefe.usuario_id is not None:
        raise AccionInvalida(f"{jefe} ya tiene el usuario «{jefe.usuario.username}».")
    return crear_accesos([jefe], por=por)[0]


def restablecer_contrasena(jefe: JefeManzana, *, por: AbstractBaseUser | None = None) -> AccesoCreado:
    """A new temporary password for a Jefe de Manzana who forgot theirs; the old one stops working."""
    _exigir_permiso(por)
    if jefe.usuario_id is None:
        raise AccionInvalida(f"{jefe} todavía no tiene acceso.")
    contrasena = generar_contrasena_temporal()
    usuario = jefe.usuario
    with transaction.atomic():
        usuario.password = make_password(contrasena, hasher="pbkdf2_sha256_temporal")
        usuario.is_active = True
        usuario.save(update_fields=["password", "is_active"])
        exigir_cambio_de_contrasena(usuario)
    return AccesoCreado(jefe, usuario.username, contrasena)


# --- credentials -------------------------------------------------------------------------------


def emitir_credenciales(jefes: QuerySet[JefeManzana], *, vigencia: date | None = None) -> int:
    """Give a number, verification token and vigencia to the active Jefes de Manzana that lack them.

    Already issued credentials keep their number and QR, so reprinting a card prints the same card.
    Returns how many were issued now.
    """
    pendientes = list(
        JefeManzana.objects.filter(pk__in=jefes.values("pk"), estado=JefeManzana.Estado.ACTIVO)
        .filter(Q(numero_credencial="") | Q(token_verificacion__isnull=True) | Q(vigencia_credencial__isnull=True))
        .only("id", "numero_credencial", "token_verificacion", "vigencia_credencial")
    )
    for jefe in pendientes:
        jefe.numero_credencial = jefe.numero_credencial or f"JM-{jefe.pk:05d}"
        jefe.token_verificacion = jefe.token_verificacion or secrets.token_urlsafe(16)
        jefe.vigencia_credencial = jefe.vigencia_credencial or vigencia or FIN_DE_ADMINISTRACION
    actualizar_en_bloque(pendientes, ["numero_credencial", "token_verificacion", "vigencia_credencial"])
    return len(pendientes)


# --- estado ------------------------------------------------------------------------------------


@transaction.atomic
def activar(jefe: JefeManzana, *, fecha_toma_protesta: date | None = None, por: AbstractBaseUser | None = None) -> None:
    """Toma de protesta: a proposed (or re-admitted) Jefe de Manzana becomes active."""
    _exigir_permiso(por)
    jefe = JefeManzana.objects.select_for_update().get(pk=jefe.pk)
    if jefe.estado == JefeManzana.Estado.ACTIVO:
        raise AccionInvalida(f"{jefe} ya está activo.")
    if JefeManzana.objects.filter(curp=jefe.curp).exclude(estado=JefeManzana.Estado.BAJA).exclude(pk=jefe.pk).exists():
        raise AccionInvalida(f"Ya hay otro registro vigente con la CURP {jefe.curp}.")
    jefe.estado = JefeManzana.Estado.ACTIVO
    jefe.fecha_toma_protesta = fecha_toma_protesta or jefe.fecha_toma_protesta or timezone.localdate()
    jefe.motivo_baja, jefe.fecha_baja = "", None
    jefe.save(update_fields=["estado", "fecha_toma_protesta", "motivo_baja", "fecha_baja", "actualizado"])
    if jefe.usuario_id:
        get_user_model().objects.filter(pk=jefe.usuario_id).update(is_active=True)


@transaction.atomic
def dar_de_baja(jefe: JefeManzana, *, motivo: str, fecha: date, por: AbstractBaseUser | None = None) -> None:
    """Baja with reason and date: the login stops working and a Jefe de Cuartel leaves the post."""
    _exigir_permiso(por)
    if not motivo.strip():
        raise AccionInvalida("Indique el motivo de la baja.")
    jefe = JefeManzana.objects.select_for_update().get(pk=jefe.pk)
    if jefe.estado == JefeManzana.Estado.BAJA:
        raise AccionInvalida(f"{jefe} ya estaba dado de baja.")
    jefe.estado, jefe.motivo_baja, jefe.fecha_baja = JefeManzana.Estado.BAJA, motivo.strip(), fecha
    jefe.save(update_fields=["estado", "motivo_baja", "fecha_baja", "actualizado"])
    if jefe.usuario_id:
        get_user_model().objects.filter(pk=jefe.usuario_id).update(is_active=False)
    CandidaturaCuartel.objects.filter(jefe=jefe, estado=CandidaturaCuartel.Estado.ELECTO).update(
        estado=CandidaturaCuartel.Estado.CONCLUIDO, fecha_conclusion=fecha
    )
    CandidaturaCuartel.objects.filter(jefe=jefe, estado=CandidaturaCuartel.Estado.PROPUESTO).update(
        estado=CandidaturaCuartel.Estado.NO_ELECTO
    )
    Cuartel.objects.filter(jefe=jefe).update(jefe=None)


# --- Jefe de Cuartel ---------------------------------------------------------------------------


def proponer_jefe_cuartel(
    cuartel: Cuartel, jefe: JefeManzana, *, por: AbstractBaseUser | None = None, notas: str = ""
) -> CandidaturaCuartel:
    """Propose an active Jefe de Manzana of the cuartel for Jefe de Cuartel."""
    _exigir_permiso(por)
    if jefe.estado != JefeManzana.Estado.ACTIVO:
        raise AccionInvalida(f"{jefe} no está activo: sólo un Jefe de Manzana activo puede ser propuesto.")
    if jefe.cuartel_id != cuartel.pk:
        raise AccionInvalida(f"{jefe} no pertenece al {cuartel}.")
    if cuartel.candidaturas.filter(jefe=jefe, estado=CandidaturaCuartel.Estado.PROPUESTO).exists():
        raise AccionInvalida(f"{jefe} ya está propuesto para el {cuartel}.")
    if cuartel.jefe_id == jefe.pk:
        raise AccionInvalida(f"{jefe} ya es el Jefe de Cuartel.")
    return CandidaturaCuartel.objects.create(
        cuartel=cuartel, jefe=jefe, notas=notas, registrada_por=por if por and por.is_authenticated else None
    )


@transaction.atomic
def elegir_jefe_cuartel(
    candidatura: CandidaturaCuartel, *, fecha: date | None = None, por: AbstractBaseUser | None = None
) -> None:
    """propuesto → electo: the previous Jefe de Cuartel concludes, the other proposals are not elected,
    and the elected person's login gains the Jefe de Cuartel role."""
    _exigir_permiso(por)
    fecha = fecha or timezone.localdate()
    cuartel = Cuartel.objects.select_for_update().get(pk=candidatura.cuartel_id)
    candidatura = CandidaturaCuartel.objects.select_for_update().get(pk=candidatura.pk)
    if candidatura.estado != CandidaturaCuartel.Estado.PROPUESTO:
        raise AccionInvalida(f"La candidatura está «{candidatura.get_estado_display()}», no «Propuesto».")
    anteriores = cuartel.candidaturas.filter(estado=CandidaturaCuartel.Estado.ELECTO)
    anterior_ids = list(anteriores.values_list("jefe_id", flat=True))
    anteriores.update(estado=CandidaturaCuartel.Estado.CONCLUIDO, fecha_conclusion=fecha)
    cuartel.candidaturas.filter(estado=CandidaturaCuartel.Estado.PROPUESTO).exclude(pk=candidatura.pk).update(
        estado=CandidaturaCuartel.Estado.NO_ELECTO
    )
    candidatura.estado, candidatura.fecha_eleccion = CandidaturaCuartel.Estado.ELECTO, fecha
    candidatura.save(update_fields=["estado", "fecha_eleccion"])
    if cuartel.jefe_id and cuartel.jefe_id not in anterior_ids:
        anterior_ids.append(cuartel.jefe_id)
    cuartel.jefe_id = candidatura.jefe_id
    cuartel.save(update_fields=["jefe"])
    grupo = Group.objects.get(name=roles.JEFE_CUARTEL)
    for jefe in JefeManzana.objects.filter(pk__in=anterior_ids).exclude(pk=candidatura.jefe_id):
        if jefe.usuario_id and not Cuartel.objects.filter(jefe=jefe).exists():
            jefe.usuario.groups.remove(grupo)
    electo = candidatura.jefe
    if electo.usuario_id:
        electo.usuario.groups.add(grupo)


# --- attendance --------------------------------------------------------------------------------


@dataclass
class ResultadoAsistencia:
    registrados: list[JefeManzana]
    ya_registrados: list[JefeManzana]
    no_encontrados: list[str]


def _buscar_por_claves(claves: Iterable[str]) -> tuple[dict[str, JefeManzana], list[str]]:
    """Find Jefes de Manzana by CURP or credential number (one query); also accepts card QR URLs."""
    limpias = []
    for clave in claves:
        clave = clave.strip()
        if not clave:
            continue
        limpias.append(clave.rstrip("/").rsplit("/", 1)[-1] if "/verificar/" in clave else normalizar_curp(clave))
    encontrados = JefeManzana.objects.exclude(estado=JefeManzana.Estado.BAJA).filter(
        Q(curp__in=limpias) | Q(numero_credencial__in=limpias) | Q(token_verificacion__in=limpias)
    )
    por_clave: dict[str, JefeManzana] = {}
    for jefe in encontrados:
        for clave in (jefe.curp, jefe.numero_credencial, jefe.token_verificacion):
            if clave:
                por_clave[clave] = jefe
    return por_clave, [c for c in limpias if c not in por_clave]


def registrar_asistencia(
    actividad: Capacitacion | EventoJefes, claves: Iterable[str], *, por: AbstractBaseUser | None = None
) -> ResultadoAsistencia:
    """Record attendance from a list of CURPs, credential numbers or scanned card QR codes."""
    _exigir_permiso(por)
    por_clave, no_encontrados = _buscar_por_claves(claves)
    jefes = {j.pk: j for j in por_clave.values()}
    if isinstance(actividad, Capacitacion):
        modelo, campo = AsistenciaCapacitacion, "capacitacion"
    else:
        modelo, campo = AsistenciaEvento, "evento"
    ya = set(modelo.objects.filter(**{campo: actividad, "jefe_id__in": jefes}).values_list("jefe_id", flat=True))
    nuevos = [j for pk, j in jefes.items() if pk not in ya]
    modelo.objects.bulk_create([modelo(**{campo: actividad, "jefe": j}) for j in nuevos], ignore_conflicts=True)
    return ResultadoAsistencia(nuevos, [jefes[pk] for pk in ya], no_encontrados)


# --- acreditación: entregas ---------------------------------------------------------------------

ENTREGAS = {
    "credencial": "fecha_entrega_credencial",
    "placa": "fecha_entrega_placa",
    "nombramiento": "fecha_entrega_nombramiento",
}


def registrar_entregas(
    jefes: QuerySet[JefeManzana], *, que: Iterable[str], fecha: date, por: AbstractBaseUser | None = None
) -> int:
    """Record the delivery of credencial, placa and/or nombramiento (a toma de protesta hands out hundreds
    at once). Only active people; a date already recorded is kept. Returns how many rows changed."""
    _exigir_permiso(por)
    total = 0
    for clave in que:
        campo = ENTREGAS[clave]
        total += jefes.filter(estado=JefeManzana.Estado.ACTIVO, **{f"{campo}__isnull": True}).update(
            **{campo: fecha, "actualizado": timezone.now()}
        )
    return total
