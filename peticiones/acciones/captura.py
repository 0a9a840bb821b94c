"""Capture of a new request, and linking a call to an existing folio as another requester.

`capturar(...)` is the one write path for a new request: the operator's 072 screen, the Jefes de
Manzana filing for a neighbour (`gestor=`), the historical import and the demo data all go through it.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jefes_manzana.models import JefeManzana

from .. import notificaciones
from ..bitacora import registrar_evento
from ..folios import anio_de_folio, formatear_folio, siguiente_numero
from ..models import Canal, Categoria, Ciudadano, Colonia, Direccion, Evento, EventoBitacora, Peticion, TipoPeticion
from ..plazos import calcular_fecha_limite
from ..selectores.captura import cercanas, ciudadano_conocido, folios_de_ciudadano, sin_acentos
from ..telefonos import normalizar_telefono
from .privacidad import registrar_consentimiento
from .quejas import direccion_atencion_ciudadana
from .transiciones import SinPermiso

CANAL_PREDETERMINADO = "linea-072"
TIPO_PREDETERMINADO = "peticion"
TIPO_ANONIMO = "denuncia"


# What to do when the phone typed belongs to a citizen whose registered data differ from what was typed.
USAR_REGISTRADOS = "registrados"  # it is that person: keep their data as registered
ACTUALIZAR = "actualizar"  # it is that person and their data changed (staff who may change citizens)
OTRA_PERSONA = "otra_persona"  # somebody else: a new citizen; the phone waits for staff review
DECISIONES = {
    USAR_REGISTRADOS: "Es la misma persona: usar sus datos registrados",
    ACTUALIZAR: "Es la misma persona y sus datos cambiaron: actualizarlos",
    OTRA_PERSONA: "Es otra persona: registrarla aparte (el teléfono queda por verificar)",
}


@dataclass(frozen=True)
class DatosCiudadano:
    """What was typed about the person who asks; matched by phone to a citizen already known.

    `acepta_aviso`: the person accepted the aviso de privacidad (required to record their data).
    `si_ya_existe`: one of DECISIONES when the phone belongs to a citizen whose data differ.
    """

    nombre: str
    apellidos: str = ""
    telefono: str = ""
    correo: str = ""
    domicilio: str = ""
    colonia: Colonia | None = None
    acepta_aviso: bool = False
    si_ya_existe: str = ""


def puede_capturar(usuario: AbstractBaseUser, gestor: JefeManzana | None = None) -> bool:
    """Operators and supervisors capture; a Jefe de Manzana (or his Jefe de Cuartel) files as gestor."""
    if usuario.has_perm("peticiones.capturar_peticion"):
        return True
    if gestor is None or not usuario.has_perm("peticiones.gestionar_peticion"):
        return False
    if gestor.usuario_id == usuario.pk:
        return True
    cuartel = gestor.cuartel
    return cuartel is not None and cuartel.jefe is not None and cuartel.jefe.usuario_id == usuario.pk


def _normal(texto: str) -> str:
    return sin_acentos(texto or "")


def _mismo_nombre(ciudadano: Ciudadano, nombre: str, apellidos: str, *, exacto: bool = False) -> bool:
    """Same name (accents and case aside). Blank apellidos typed match any, unless `exacto`: then the link
    shows nothing the person typing did not already write."""
    return _normal(ciudadano.nombre) == _normal(nombre) and (
        (not apellidos and not exacto) or _normal(ciudadano.apellidos) == _normal(apellidos)
    )


def _distintos(ciudadano: Ciudadano, valores: dict) -> list[str]:
    """Fields where what was typed differs from a value the citizen already has (blanks never differ)."""
    distintos = []
    for campo, valor in valores.items():
        actual = getattr(ciudadano, campo)
        if not valor or not actual:
            continue
        if campo == "colonia":
            if valor.pk != actual.pk:
                distintos.append(campo)
        elif _normal(str(actual)) != _normal(str(valor)):
            distintos.append(campo)
    return distintos


def registrar_ciudadano(
    datos: DatosCiudadano, *, canal: Canal | None = None, usuario: AbstractBaseUser | None = None
) -> tuple[Ciudadano, str]:
    """(the citizen the request belongs to, an internal note for the bitácora or "").

    A phone is stored once: a returning caller is the same Ciudadano. Nobody silently changes a citizen:
    - a new phone (or none) is a new citizen;
    - a known phone with the same name links to that citizen; staff who may change citizens
      (`change_ciudadano`) also fill what was blank;
    - a known phone whose registered data differ asks staff to decide (`si_ya_existe`); updating is their
      explicit choice and goes to the history;
    - a Jefe de Manzana / Cuartel typing the phone of the citizen of a request he may see with data (his own
      filings; a Jefe de Cuartel, also his Jefes') is asked the same (`ciudadano_conocido`): it is that person
      (USAR_REGISTRADOS, nothing changes) or another one (OTRA_PERSONA);
    - anyone else (a Jefe with a citizen he may not see, a public channel) typing another person's phone gets
      a new citizen without that phone (kept in `telefono_por_verificar` for staff review, see
      `acciones.ciudadanos`) unless the very name and apellidos typed are the owner's: no notice reaches the
      phone's owner, and the owner's data are neither shown nor changed.
    """
    nombre = (datos.nombre or "").strip()
    if not nombre:
        raise ValidationError({"nombre": "Escriba el nombre de quien llama (o marque la denuncia como anónima)."})
    try:
        telefono = normalizar_telefono(datos.telefono)
    except ValidationError as error:
        raise ValidationError({"telefono": error.messages}) from error
    valores = {
        "nombre": nombre,
        "apellidos": (datos.apellidos or "").strip(),
        "correo": (datos.correo or "").strip(),
        "domicilio": (datos.domicilio or "").strip(),
        "colonia": datos.colonia,
    }
    existente = Ciudadano.objects.select_for_update().filter(telefono=telefono).first() if telefono else None
    nota = ""
    if existente is None:
        ciudadano = Ciudadano(telefono=telefono, **valores)
    else:
        puede_cambiar = usuario is not None and usuario.has_perm("peticiones.change_ciudadano")
        if datos.si_ya_existe == OTRA_PERSONA:
            otra_persona = True
        elif puede_cambiar:
            otra_persona = False
        elif usuario is not None and ciudadano_conocido(usuario, telefono) is not None:
            # A Jefe filing again for a neighbour of one of his own requests: he may see who it is, so ask.
            if datos.si_ya_existe == USAR_REGISTRADOS or _mismo_nombre(existente, nombre, valores["apellidos"]):
                return existente, ""
            folios = ", ".join(p.folio for p in folios_de_ciudadano(existente, usuario, limite=3))
            raise ValidationError(
                {
                    "si_ya_existe": f"El teléfono {telefono} es de «{existente}», la persona de su folio {folios}. "
                    "¿Es la misma persona? Elija qué hacer.",
                },
                code="vecino_conocido",
            )
        else:
            # Somebody he may not see: only the very name he typed links (nothing he did not know is shown).
            otra_persona = not _mismo_nombre(existente, nombre, valores["apellidos"], exacto=True)
        if otra_persona:
            ciudadano = Ciudadano(
                telefono="",
                telefono_por_verificar=telefono,
                revisar="El teléfono capturado ya pertenece a otro ciudadano registrado: verifique con esta persona "
                "antes de usarlo.",
                **valores,
            )
            nota = (
                "El teléfono capturado ya pertenece a otro ciudadano: esta persona quedó registrada aparte, sin "
                "teléfono, hasta que el personal lo verifique (no se le envían avisos a ese número)."
            )
        elif not puede_cambiar:
            return existente, ""  # the same person; a Jefe or a public channel changes nothing of theirs
        else:
            distintos = _distintos(existente, valores)
            if distintos and datos.si_ya_existe not in (USAR_REGISTRADOS, ACTUALIZAR):
                raise ValidationError(
                    {
                        "si_ya_existe": f"El teléfono {telefono} es de «{existente}», registrado con otros datos "
                        f"({', '.join(Ciudadano._meta.get_field(c).verbose_name for c in distintos)}). "
                        "¿Es la misma persona? Elija qué hacer.",
                    },
                    code="ciudadano_difiere",
                )
            ciudadano = existente
            cambiados = []
            for campo, valor in valores.items():
                actual = getattr(ciudadano, campo)
                if valor and (not actual or (datos.si_ya_existe == ACTUALIZAR and campo in distintos)):
                    setattr(ciudadano, campo, valor)
                    cambiados.append(campo)
            if not cambiados:
                if datos.acepta_aviso and ciudadano.aviso_privacidad_fecha is None:
                    _primer_aviso(ciudadano, canal)
                    ciudadano.save(update_fields=["aviso_privacidad_fecha", "aviso_privacidad_canal"])
                return ciudadano, ""
            nombres = ", ".join(str(Ciudadano._meta.get_field(c).verbose_name) for c in cambiados)
            nota = f"Se actualizaron datos del ciudadano al capturar ({nombres}); el historial guarda los anteriores."
    if datos.acepta_aviso and ciudadano.aviso_privacidad_fecha is None:
        _primer_aviso(ciudadano, canal)
    ciudadano.full_clean(
        exclude=["colonia", "aviso_privacidad_canal"], validate_unique=False, validate_constraints=False
    )
    if ciudadano.pk is not None:
        ciudadano.save()
        return ciudadano, nota
    try:
        with transaction.atomic():
            ciudadano.save(force_insert=True)
    except IntegrityError:
        # Another capture registered this phone at the same instant: match against that citizen instead.
        if not telefono:
            raise
        return registrar_ciudadano(datos, canal=canal, usuario=usuario)
    return ciudadano, nota


def _primer_aviso(ciudadano: Ciudadano, canal: Canal | None) -> None:
    ciudadano.aviso_privacidad_fecha = timezone.now()
    ciudadano.aviso_privacidad_canal = canal


SIN_AVISO = (
    "Sin la aceptación del aviso de privacidad no se pueden guardar los datos de la persona: léale el aviso "
    "(o registre una denuncia anónima)."
)


def _por_clave(clave: uuid.UUID | None) -> Peticion | None:
    if clave is None:
        return None
    return Peticion.objects.filter(clave_idempotencia=clave).first()


def capturar(
    *,
    usuario: AbstractBaseUser,
    categoria: Categoria,
    colonia: Colonia,
    descripcion: str,
    ciudadano: DatosCiudadano | Ciudadano | None = None,
    tipo: TipoPeticion | None = None,
    canal: Canal | None = None,
    direccion: Direccion | None = None,
    calle: str = "",
    numero_exterior: str = "",
    referencias: str = "",
    latitud: Decimal | None = None,
    longitud: Decimal | None = None,
    gestor: JefeManzana | None = None,
    evento: Evento | None = None,
    fecha_recepcion: datetime | None = None,
    clave_idempotencia: uuid.UUID | None = None,
    acepta_aviso: bool | None = None,
    origen: Peticion | None = None,
    respuestas: dict | None = None,
) -> Peticion:
    """Create a request in estado «recibida» with its folio and its first bitácora line.

    `origen`: the request this one is born of (a queja from the citizen's low rating of `origen`): with the
    same citizen, their consent is the one given for `origen`, so none is asked or recorded again.

    Recording a person's data needs their consent to the aviso de privacidad: `DatosCiudadano.acepta_aviso`
    (or `acepta_aviso=` with an existing Ciudadano). The consent is stored with the request: date, the
    request's canal and the version of the aviso in force. Anonymous denuncias need none.

    `ciudadano` is what was typed about the caller (matched by phone), an existing Ciudadano, or None
    for an anonymous denuncia. `direccion` defaults to the category's. A repeated call with the same
    `clave_idempotencia` (double click, retried POST) returns the request created the first time.
    `respuestas` are the category's extra questions already validated (`models.open311.validar_respuestas`).
    Raises ValidationError (per field, in Spanish) or SinPermiso.
    """
    if not puede_capturar(usuario, gestor):
        raise SinPermiso("Su usuario no puede capturar peticiones.")
    previa = _por_clave(clave_idempotencia)
    if previa is not None:
        return previa

    descripcion = (descripcion or "").strip()
    tipo = tipo or TipoPeticion.objects.get(clave=TIPO_PREDETERMINADO)
    canal = canal or Canal.objects.get(clave=CANAL_PREDETERMINADO)
    if tipo.para_supervisor:  # quejas y sugerencias about the service reach the supervisor, not a dirección
        direccion = direccion_atencion_ciudadana()
    errores: dict[str, str] = {}
    if not descripcion:
        errores["descripcion"] = "Describa qué pasa y dónde (lo que dice el ciudadano)."
    if not categoria.activa:
        errores["categoria"] = f"La categoría «{categoria}» ya no está activa."
    if ciudadano is None and tipo.clave != TIPO_ANONIMO:
        errores["nombre"] = "Sólo una denuncia puede ser anónima: escriba el nombre de quien llama."
    if (latitud is None) != (longitud is None):
        errores["latitud"] = "Indique latitud y longitud juntas (o ninguna)."
    consiente = ciudadano.acepta_aviso if isinstance(ciudadano, DatosCiudadano) else bool(acepta_aviso)
    del_origen = origen is not None and isinstance(ciudadano, Ciudadano) and ciudadano.pk == origen.ciudadano_id
    consiente = consiente or del_origen
    if ciudadano is not None and not consiente:
        errores["acepta_aviso"] = SIN_AVISO
    if errores:
        raise ValidationError(errores)

    try:
        with transaction.atomic():
            nota = ""
            if isinstance(ciudadano, DatosCiudadano):
                ciudadano, nota = registrar_ciudadano(ciudadano, canal=canal, usuario=usuario)
            recepcion = fecha_recepcion or timezone.now()
            peticion = Peticion(
                tipo=tipo,
                canal=canal,
                categoria=categoria,
                direccion=direccion or categoria.direccion,
                descripcion=descripcion,
                calle=calle.strip(),
                numero_exterior=numero_exterior.strip(),
                referencias=referencias.strip(),
                colonia=colonia,
                latitud=latitud,
                longitud=longitud,
                ciudadano=ciudadano,
                capturada_por=usuario,
                gestor=gestor,
                evento=evento,
                fecha_recepcion=recepcion,
                fecha_limite=calcular_fecha_limite(categoria, recepcion),
                clave_idempotencia=clave_idempotencia,
                respuestas=respuestas or {},
            )
            # Last step before commit: take the year's number, insert, write the bitácora.
            peticion.anio = anio_de_folio(recepcion)
            peticion.numero = siguiente_numero(peticion.anio)
            peticion.folio = formatear_folio(peticion.anio, peticion.numero)
            peticion.save(force_insert=True)
            quien = f" por el Jefe de Manzana {gestor}" if gestor else ""
            evento = registrar_evento(
                peticion,
                EventoBitacora.Tipo.CAPTURA,
                f"Recibida por {canal.nombre}{quien}: {categoria.nombre}, colonia {colonia.nombre}.",
                usuario=usuario,
                publico=True,
                canal=canal.clave,
            )
            if ciudadano is not None and not del_origen:
                registrar_consentimiento(peticion, ciudadano, canal=canal, usuario=usuario, fecha=recepcion, nueva=True)
            if nota:
                registrar_evento(peticion, EventoBitacora.Tipo.COMENTARIO, nota, usuario=usuario)
            if fecha_recepcion is not None:  # taken earlier (paper form, brigade, demo): the timeline says when
                EventoBitacora.objects.filter(pk=evento.pk).update(fecha=recepcion)
            else:  # live capture: the citizen's acuse (folio) goes to the outbox, sent after commit (issue 4)
                notificaciones.avisar_ciudadano(peticion, notificaciones.Motivo.RECIBIDA, evento)
    except IntegrityError:
        previa = _por_clave(clave_idempotencia)
        if previa is None:
            raise
        return previa
    return peticion


def vincular_solicitante(
    *,
    peticion: Peticion,
    usuario: AbstractBaseUser,
    ciudadano: DatosCiudadano | Ciudadano,
    canal: Canal | None = None,
    nota: str = "",
    clave_idempotencia: uuid.UUID | None = None,
) -> Peticion:
    """Add the caller as another requester of an open folio instead of creating a duplicate."""
    if not usuario.has_perm("peticiones.capturar_peticion"):
        raise SinPermiso("Su usuario no puede vincular llamadas a un folio.")
    clave = str(clave_idempotencia) if clave_idempotencia else ""
    with transaction.atomic():
        actual = Peticion.objects.select_for_update().get(pk=peticion.pk)
        if clave and actual.bitacora.filter(tipo=EventoBitacora.Tipo.SOLICITANTE, datos__clave=clave).exists():
            return actual
        if not actual.abierta:
            raise ValidationError(
                f"El folio {actual.folio} está {actual.get_estado_display().lower()}: capture una petición nueva."
            )
        if isinstance(ciudadano, DatosCiudadano):
            if not ciudadano.acepta_aviso:
                raise ValidationError({"acepta_aviso": SIN_AVISO})
            ciudadano, revision = registrar_ciudadano(ciudadano, canal=canal, usuario=usuario)
            if revision:
                registrar_evento(actual, EventoBitacora.Tipo.COMENTARIO, revision, usuario=usuario)
        if ciudadano.pk != actual.ciudadano_id:
            actual.solicitantes.add(ciudadano)
        registrar_consentimiento(actual, ciudadano, canal=canal or actual.canal, usuario=usuario)
        via = f" por {canal.nombre}" if canal else ""
        texto = f"{ciudadano} reportó lo mismo{via}; se suma como solicitante."
        if nota.strip():
            texto += f" Nota: {nota.strip()}"
        registrar_evento(
            actual,
            EventoBitacora.Tipo.SOLICITANTE,
            texto,
            usuario=usuario,
            ciudadano=ciudadano.pk,
            clave=clave,
        )
    return actual


def anotar_posibles_duplicados(peticion: Peticion, usuario: AbstractBaseUser | None = None) -> list[str]:
    """For a request that arrived with nobody to warn (Open311, «Reporta» without JS): an internal bitácora line
    naming the open folios that look like it (the rule of the capture screen), so whoever turns it sees them."""
    parecidas = cercanas(
        Peticion.objects.exclude(pk=peticion.pk),
        categoria=peticion.categoria,
        colonia=peticion.colonia,
        latitud=peticion.latitud,
        longitud=peticion.longitud,
    )
    folios = [d.peticion.folio for d in parecidas]
    if folios:
        registrar_evento(
            peticion,
            EventoBitacora.Tipo.COMENTARIO,
            "Posible duplicado de: " + ", ".join(folios) + " (misma categoría, misma colonia o a menos de 150 m).",
            usuario=usuario,
            duplicados=folios,
        )
    return folios
