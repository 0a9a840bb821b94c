"""Personal data under the LGPDPPSO: consent per request, ARCO requests and their answers, anonymisation,
opposition to contact, and the retention rule.

- `registrar_consentimiento`: the capture records date, channel (the request's canal) and aviso version.
- `registrar_solicitud`: an ARCO request with its due date (20 días hábiles, the holiday calendar) and the
  moment to alert (15); `alertar_plazos` (Celery beat, also `manage.py revisar_arco`) warns the staff who
  answer them through the outbox, once.
- `rectificar`: staff edit a citizen; the history keeps the values before.
- `anonimizar` (cancelación, and the retention rule): the person leaves no trace — their row, the free text
  of their requests, bitácora, calls, visits, notices and the history are rewritten — while every count of the
  dashboard and the MIR stays the same (requests, dates, states, categories and places are kept).
- `oponerse`: no more calls, SMS or e-mail to that person; queued ones are cancelled.
- `aplicar_retencion`: anonymise whoever's requests all concluded more than SIRC_RETENCION_ANIOS ago.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from sirc import historial
from sirc.tareas import encolar_al_confirmar

from ..bitacora import registrar_evento
from ..models import (
    AvisoPrivacidad,
    Canal,
    Ciudadano,
    Consentimiento,
    EvaluacionCiudadana,
    EventoBitacora,
    LlamadaSeguimiento,
    Notificacion,
    Peticion,
    SolicitudArco,
    VisitaDomiciliaria,
)
from ..plazos import plazos_arco
from ..selectores.privacidad import aviso_vigente

PERMISO = "peticiones.atender_arco"
ANONIMO = "Ciudadano anonimizado"
BORRADO = "[dato eliminado]"
TAREA_ENVIAR = "peticiones.enviar_notificacion"


def _exigir(usuario: AbstractBaseUser | None) -> None:
    if usuario is not None and not usuario.has_perm(PERMISO):
        raise PermissionDenied("Su usuario no atiende solicitudes de derechos ARCO.")


# --- consent -------------------------------------------------------------------------------------------


def registrar_consentimiento(
    peticion: Peticion,
    ciudadano: Ciudadano,
    *,
    canal: Canal,
    usuario: AbstractBaseUser | None = None,
    fecha: datetime | None = None,
    nueva: bool = False,
) -> Consentimiento:
    """The person accepted the aviso in force, for this request, on its channel (once per person and request).

    `nueva`: the request was created in this very transaction, so it has no consent yet (one INSERT, no lookup).
    """
    aviso = aviso_vigente()
    if aviso.pk is None:  # a database without any version: the first one is saved with its first consent
        aviso, _ = AvisoPrivacidad.objects.get_or_create(
            version=aviso.version,
            defaults={"simplificado": aviso.simplificado, "guion": aviso.guion, "integral": aviso.integral},
        )
    datos = {
        "aviso": aviso,
        "canal": canal,
        "fecha": fecha or timezone.now(),
        "registrado_por": usuario if usuario is not None and usuario.is_authenticated else None,
    }
    if nueva:
        return Consentimiento.objects.create(peticion=peticion, ciudadano=ciudadano, **datos)
    consentimiento, _ = Consentimiento.objects.get_or_create(peticion=peticion, ciudadano=ciudadano, defaults=datos)
    return consentimiento


# --- ARCO requests -------------------------------------------------------------------------------------


def registrar_solicitud(
    *,
    usuario: AbstractBaseUser,
    ciudadano: Ciudadano,
    derecho: str,
    canal: Canal,
    descripcion: str,
    identidad: str,
    fecha_recepcion: datetime | None = None,
) -> SolicitudArco:
    _exigir(usuario)
    if ciudadano.anonimizado:
        raise ValidationError({"ciudadano": "Ese ciudadano ya fue anonimizado: SIRC no conserva sus datos."})
    if ciudadano.unificado_en_id:
        raise ValidationError(
            {"ciudadano": f"Ese registro se unificó con «{ciudadano.unificado_en}»: registre la solicitud a su nombre."}
        )
    recepcion = fecha_recepcion or timezone.now()
    alerta, limite = plazos_arco(recepcion)
    solicitud = SolicitudArco(
        ciudadano=ciudadano,
        derecho=derecho,
        canal=canal,
        fecha_recepcion=recepcion,
        fecha_alerta=alerta,
        fecha_limite=limite,
        descripcion=descripcion.strip(),
        identidad=identidad.strip(),
        registrada_por=usuario,
    )
    solicitud.full_clean(exclude=["ciudadano", "canal", "registrada_por", "atendida_por"])
    solicitud.save()
    return solicitud


def responder(
    solicitud: SolicitudArco, *, usuario: AbstractBaseUser, respuesta: str, procede: bool = True
) -> SolicitudArco:
    """Close the request with the answer given to the citizen (atendida, or improcedente with the reason)."""
    _exigir(usuario)
    with transaction.atomic():
        actual = SolicitudArco.objects.select_for_update().get(pk=solicitud.pk)
        if not actual.abierta:
            raise ValidationError(f"La solicitud {actual.folio} ya está {actual.get_estado_display().lower()}.")
        if not respuesta.strip():
            raise ValidationError({"respuesta": "Escriba la respuesta que se da al titular."})
        actual.estado = SolicitudArco.Estado.ATENDIDA if procede else SolicitudArco.Estado.IMPROCEDENTE
        actual.respuesta = respuesta.strip()
        actual.fecha_respuesta = timezone.now()
        actual.atendida_por = usuario
        actual.save(update_fields=["estado", "respuesta", "fecha_respuesta", "atendida_por"])
    return actual


@dataclass
class ResultadoAlertas:
    alertadas: list[int] = field(default_factory=list)


def alertar_plazos(ahora: datetime | None = None) -> ResultadoAlertas:
    """Warn the staff who answer ARCO requests about those that reached their 15th día hábil (once each)."""
    ahora = ahora or timezone.now()
    resultado = ResultadoAlertas()
    pendientes = SolicitudArco.objects.filter(
        estado=SolicitudArco.Estado.RECIBIDA, alerta_enviada__isnull=True, fecha_alerta__lte=ahora
    ).values_list("pk", flat=True)
    destinatarios = list(_quienes_atienden_arco())
    for pk in list(pendientes):
        with transaction.atomic():
            # The claim: a conditional UPDATE, so two workers never alert twice.
            if not SolicitudArco.objects.filter(pk=pk, alerta_enviada__isnull=True).update(alerta_enviada=ahora):
                continue
            solicitud = SolicitudArco.objects.select_related("ciudadano").get(pk=pk)
            limite = timezone.localtime(solicitud.fecha_limite)
            asunto = f"Solicitud ARCO {solicitud.folio} por vencer"
            cuerpo = (
                f"La solicitud de {solicitud.get_derecho_display().lower()} {solicitud.folio} cumplió 15 días hábiles "
                f"sin respuesta. Debe responderse a más tardar el {limite:%d/%m/%Y} (LGPDPPSO: 20 días hábiles)."
            )
            avisos = []
            for usuario in destinatarios:
                avisos.append(
                    Notificacion(
                        motivo=Notificacion.Motivo.ARCO_PLAZO,
                        canal=Notificacion.Canal.APP,
                        usuario=usuario,
                        destinatario=usuario.get_username(),
                        asunto=asunto,
                        cuerpo=cuerpo,
                        clave=f"arco:{pk}:app:{usuario.pk}",
                        estado=Notificacion.Estado.ENVIADA,
                        enviada_en=ahora,
                    )
                )
                if usuario.email:
                    avisos.append(
                        Notificacion(
                            motivo=Notificacion.Motivo.ARCO_PLAZO,
                            canal=Notificacion.Canal.CORREO,
                            usuario=usuario,
                            destinatario=usuario.email,
                            asunto=asunto,
                            cuerpo=cuerpo,
                            clave=f"arco:{pk}:correo:{usuario.pk}",
                        )
                    )
            for aviso in Notificacion.objects.bulk_create(avisos, ignore_conflicts=True):
                if aviso.pk and aviso.estado == Notificacion.Estado.PENDIENTE:
                    encolar_al_confirmar(TAREA_ENVIAR, aviso.pk)
            resultado.alertadas.append(pk)
    return resultado


def _quienes_atienden_arco():
    from django.contrib.auth.models import Permission

    permiso = Permission.objects.filter(codename="atender_arco", content_type__app_label="peticiones")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions__in=permiso) | Q(user_permissions__in=permiso) | Q(is_superuser=True))
        .distinct()
    )


# --- rectification ---------------------------------------------------------------------------------------

CAMPOS_RECTIFICABLES = ("nombre", "apellidos", "telefono", "correo", "domicilio", "colonia")


def rectificar(
    ciudadano: Ciudadano, *, usuario: AbstractBaseUser, datos: dict, solicitud: SolicitudArco | None = None
) -> list[str]:
    """Change the citizen's data (an explicit staff action). Returns the fields changed; the history keeps the
    values before, with who did it. A phone already held by someone else is refused."""
    if not (usuario.has_perm("peticiones.change_ciudadano") or usuario.has_perm(PERMISO)):
        raise PermissionDenied("Su usuario no puede cambiar los datos de los ciudadanos.")
    with transaction.atomic(), historial.contexto(usuario=usuario.pk, origen=_origen(solicitud, "rectificación")):
        actual = Ciudadano.objects.select_for_update().get(pk=ciudadano.pk)
        if actual.anonimizado:
            raise ValidationError("Ese ciudadano fue anonimizado: no hay datos que rectificar.")
        cambiados = [c for c in CAMPOS_RECTIFICABLES if c in datos and getattr(actual, c) != datos[c]]
        for campo in cambiados:
            setattr(actual, campo, datos[campo])
        telefono = datos.get("telefono")
        if "telefono" in cambiados and telefono:
            if Ciudadano.objects.filter(telefono=telefono).exclude(pk=actual.pk).exists():
                raise ValidationError({"telefono": f"El teléfono {telefono} ya es de otro ciudadano."})
            if actual.telefono_por_verificar == telefono:
                actual.telefono_por_verificar, actual.revisar = "", ""
                cambiados += ["telefono_por_verificar", "revisar"]
        actual.full_clean(exclude=["colonia", "aviso_privacidad_canal"], validate_unique=False)
        if cambiados:
            actual.save(update_fields=cambiados)
    return cambiados


def _origen(solicitud: SolicitudArco | None, que: str) -> str:
    return f"{que} (solicitud ARCO {solicitud.folio})" if solicitud is not None else que


# --- opposition ------------------------------------------------------------------------------------------


def oponerse(ciudadano: Ciudadano, *, usuario: AbstractBaseUser | None, solicitud: SolicitudArco | None = None) -> int:
    """No more calls, SMS or e-mail to this person: the queue and the outbox skip them from now on.
    Returns how many queued calls and notices were cancelled."""
    _exigir(usuario)
    quien = {"usuario": usuario.pk} if usuario is not None else {}
    with transaction.atomic(), historial.contexto(origen=_origen(solicitud, "oposición"), **quien):
        actual = Ciudadano.objects.select_for_update().get(pk=ciudadano.pk)
        if actual.oposicion_contacto is None:
            actual.oposicion_contacto = timezone.now()
            actual.save(update_fields=["oposicion_contacto"])
        return cancelar_contactos(actual)


def cancelar_contactos(ciudadano: Ciudadano) -> int:
    """Cancel the queued follow-up calls and citizen notices of this person's requests."""
    peticiones = Peticion.objects.filter(ciudadano=ciudadano).values("pk")
    llamadas = LlamadaSeguimiento.objects.filter(
        peticion__in=peticiones, estado__in=LlamadaSeguimiento.ABIERTAS
    ).update(estado=LlamadaSeguimiento.Estado.CANCELADA, tomada_por=None)
    avisos = Notificacion.objects.filter(
        peticion__in=peticiones,
        usuario__isnull=True,
        estado__in=[Notificacion.Estado.PENDIENTE, Notificacion.Estado.ENVIANDO],
    ).update(estado=Notificacion.Estado.CANCELADA, ultimo_error="El ciudadano se opuso a ser contactado.")
    return llamadas + avisos


# --- anonymisation (cancellation, retention) ---------------------------------------------------------------

_PARTICULAS = {"de", "del", "la", "las", "los", "y", "san", "santa"}


def _patron(*registros: Ciudadano) -> re.Pattern | None:
    """Every way the person's identity can appear in free text: full name, each name word, phone (also
    spaced, masked as in notices), e-mail, address — of each of their records (a record unified into
    another is the same person under the name first typed)."""
    piezas: set[str] = set()
    for ciudadano in registros:
        for texto in (f"{ciudadano.nombre} {ciudadano.apellidos}", ciudadano.domicilio, ciudadano.correo):
            if texto.strip():
                piezas.add(texto.strip())
        for palabra in f"{ciudadano.nombre} {ciudadano.apellidos}".split():
            if len(palabra) >= 3 and palabra.lower() not in _PARTICULAS:
                piezas.add(palabra)
        for telefono in (ciudadano.telefono, ciudadano.telefono_por_verificar):
            if telefono:
                piezas.add(r"\D?".join(telefono))  # 2291234567, 229 123 4567, 229-123-4567
                piezas.add(r"\*+" + telefono[-4:])  # ******4567 (notices in the bitácora)
        if ciudadano.correo and "@" in ciudadano.correo:
            usuario, dominio = ciudadano.correo.split("@", 1)
            piezas.add(re.escape(f"{usuario[:1]}***@{dominio}"))
    if not piezas:
        return None
    partes = sorted((p if "\\" in p else re.escape(p) for p in piezas), key=len, reverse=True)
    return re.compile("|".join(partes), re.IGNORECASE)


def _tachar(texto: str, patron: re.Pattern | None) -> str:
    return patron.sub(BORRADO, texto) if patron and texto else texto


def _reescribir(modelo: type[models.Model], filtro: Q, campos: list[str], patron: re.Pattern | None) -> None:
    for fila in modelo.objects.filter(filtro).only("pk", *campos):
        cambios = {}
        for campo in campos:
            valor = getattr(fila, campo)
            if isinstance(valor, str) and valor and (nuevo := _tachar(valor, patron)) != valor:
                cambios[campo] = nuevo
        if cambios:
            modelo.objects.filter(pk=fila.pk).update(**cambios)


def anonimizar(
    ciudadano: Ciudadano,
    *,
    usuario: AbstractBaseUser | None,
    solicitud: SolicitudArco | None = None,
    origen: str = "cancelación",
) -> Ciudadano:
    """Erase the person from SIRC and keep the figures.

    The citizen row stays (requests keep pointing at it, so every count is the same) as «Ciudadano
    anonimizado» with no phone, e-mail, address or colonia. In their requests (as caller or other requester),
    the exact number and the references are emptied, and every mention of them (name words, phone, e-mail,
    address) in the description, resolution, bitácora, calls, visits, evaluations and notices becomes
    «[dato eliminado]»; notices sent to them lose their address. The history (append-only for everything
    else) is rewritten the same way, inside this one transaction.
    """
    _exigir(usuario)
    quien = {"usuario": usuario.pk} if usuario is not None else {}
    with transaction.atomic(), historial.contexto(origen=_origen(solicitud, origen), **quien):
        actual = Ciudadano.objects.select_for_update().get(pk=ciudadano.pk)
        if actual.anonimizado:
            return actual
        unificados = list(Ciudadano.objects.select_for_update().filter(unificado_en=actual, anonimizado__isnull=True))
        patron = _patron(actual, *unificados)
        peticiones = Peticion.objects.filter(Q(ciudadano=actual) | Q(solicitantes=actual)).values("pk")
        propias = Peticion.objects.filter(ciudadano=actual).values("pk")
        en_peticiones = Q(peticion__in=peticiones)
        _reescribir(Peticion, Q(pk__in=peticiones), ["descripcion", "resolucion", "motivo_improcedencia"], patron)
        Peticion.objects.filter(pk__in=propias).update(numero_exterior="", referencias="")
        _reescribir(EventoBitacora, en_peticiones, ["descripcion"], patron)
        _reescribir(LlamadaSeguimiento, en_peticiones, ["comentario"], patron)
        _reescribir(VisitaDomiciliaria, en_peticiones, ["comentario"], patron)
        _reescribir(EvaluacionCiudadana, en_peticiones, ["comentario"], patron)
        _reescribir(Notificacion, en_peticiones, ["asunto", "cuerpo", "ultimo_error"], patron)
        Notificacion.objects.filter(en_peticiones, usuario__isnull=True).update(destinatario=BORRADO)
        _reescribir(SolicitudArco, Q(ciudadano=actual), ["descripcion", "respuesta", "identidad"], patron)
        cancelar_contactos(actual)
        for registro in (actual, *unificados):
            registro.nombre, registro.apellidos = ANONIMO, ""
            registro.telefono = registro.telefono_por_verificar = registro.correo = ""
            registro.domicilio = registro.revisar = ""
            registro.colonia = None
            registro.anonimizado = timezone.now()
            registro.save()
        _reescribir_historial([actual.pk, *(u.pk for u in unificados)], peticiones, patron)
        if solicitud is not None:
            registrar_evento_arco = f"Datos del titular cancelados (anonimizados) por la solicitud {solicitud.folio}."
        else:
            registrar_evento_arco = "Datos del solicitante anonimizados por la regla de conservación."
        for pk in propias.values_list("pk", flat=True):
            registrar_evento(Peticion(pk=pk), EventoBitacora.Tipo.COMENTARIO, registrar_evento_arco, usuario=usuario)
    return actual


def _reescribir_historial(registros: list[int], peticiones, patron: re.Pattern | None) -> None:
    """The history events of the citizen (and of the records unified into it) and of their requests get the
    same treatment (the one exception to append-only, which the law's right of cancellation requires)."""
    from ..models import CiudadanoEvent, PeticionEvent

    if not historial.activo():
        return
    import pgtrigger

    with pgtrigger.ignore("peticiones.CiudadanoEvent:append_only", "peticiones.PeticionEvent:append_only"):
        CiudadanoEvent.objects.filter(pgh_obj_id__in=registros).update(
            nombre=ANONIMO,
            apellidos="",
            telefono="",
            telefono_por_verificar="",
            correo="",
            domicilio="",
            revisar="",
            colonia=None,
        )
        eventos = PeticionEvent.objects.filter(pgh_obj_id__in=peticiones)
        eventos.filter(ciudadano_id__in=registros).update(numero_exterior="", referencias="")
        _reescribir(
            PeticionEvent, Q(pgh_obj_id__in=peticiones), ["descripcion", "resolucion", "motivo_improcedencia"], patron
        )


# --- retention -------------------------------------------------------------------------------------------


def _conclusion() -> models.Expression:
    """When a request stopped needing its citizen: the last of its closing dates (its reception if none)."""
    return Greatest(
        Coalesce("fecha_cerrada", "fecha_recepcion"),
        Coalesce("fecha_improcedente", "fecha_recepcion"),
        Coalesce("fecha_cancelada", "fecha_recepcion"),
        Coalesce("fecha_atendida", "fecha_recepcion"),
    )


def por_retener(ahora: datetime | None = None, anios: int | None = None):
    """Citizens not yet anonymised whose requests all concluded more than `anios` years ago (and who have no
    open request, no ARCO request in course); one with no request at all, when registered that long ago.

    A citizen of a historical import (registered yesterday, requests closed years ago) is due like any other:
    what counts is when their requests concluded, not when SIRC created the record. A record unified into
    another follows that one (`anonimizar`)."""
    ahora = ahora or timezone.now()
    anios = settings.SIRC_RETENCION_ANIOS if anios is None else anios
    corte = ahora - timedelta(days=365 * anios + anios // 4)
    abiertas = Peticion.objects.filter(
        Q(ciudadano=OuterRef("pk")) | Q(solicitantes=OuterRef("pk")), estado__in=Peticion.ABIERTOS
    )
    recientes = (
        Peticion.objects.filter(Q(ciudadano=OuterRef("pk")) | Q(solicitantes=OuterRef("pk")))
        .annotate(concluida=_conclusion())
        .filter(concluida__gte=corte)
    )
    arco = SolicitudArco.objects.filter(ciudadano=OuterRef("pk"), estado=SolicitudArco.Estado.RECIBIDA)
    alguna = Peticion.objects.filter(Q(ciudadano=OuterRef("pk")) | Q(solicitantes=OuterRef("pk")))
    return (
        Ciudadano.objects.filter(anonimizado__isnull=True, unificado_en__isnull=True)
        .filter(~Exists(abiertas), ~Exists(recientes), ~Exists(arco))
        .filter(Exists(alguna) | Q(creado__lt=corte))
        .annotate(ultima=Max("peticiones__fecha_recepcion"))
        .order_by("pk")
    )


@dataclass
class ResultadoRetencion:
    anonimizados: list[int]
    simulacro: bool


def aplicar_retencion(*, simulacro: bool = False, ahora: datetime | None = None) -> ResultadoRetencion:
    """Anonymise every citizen due under the retention rule. Safe to repeat: the anonymised are skipped."""
    ids = list(por_retener(ahora).values_list("pk", flat=True))
    if not simulacro:
        with historial.contexto(comando="aplicar_retencion"):
            for pk in ids:
                anonimizar(Ciudadano(pk=pk), usuario=None, origen="conservación vencida")
    return ResultadoRetencion(ids, simulacro)
