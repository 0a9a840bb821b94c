"""The channels through which citizens reach SIRC without an operator, and their service accounts.

`capturar()` records who captured every request. A request that arrives by itself (the public «Reporta»
page, an Open311 application) is captured by a service account of its channel: an active user with no
usable password (nobody can sign in with it) that holds only the permission to capture.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Permission

from .models import Canal, TipoPeticion

# clave → nombre; the data migration 0010 creates them and `canal()` recreates one if it was deleted.
OPEN311 = "open311"
WHATSAPP = "whatsapp"
SITIO_WEB = "sitio-web"
EVALUACION = "evaluacion"
SEGUIMIENTO = "seguimiento"
CANALES = {
    OPEN311: "Aplicaciones (Open311)",
    WHATSAPP: "WhatsApp",
    SITIO_WEB: "Página «Reporta» (sitio web)",
    EVALUACION: "Evaluación del servicio (consulta pública)",
    SEGUIMIENTO: "Llamada o visita de seguimiento",
}
TIPO_PETICION = "peticion"
TIPO_DENUNCIA = "denuncia"
TIPO_CONSULTA_TRAMITE = "consulta-tramite"
TIPO_QUEJA = "queja"
TIPOS = {TIPO_PETICION: "Petición", TIPO_DENUNCIA: "Denuncia", TIPO_CONSULTA_TRAMITE: "Consulta de trámite"}


def canal(clave: str) -> Canal:
    """The channel `clave`, created with its usual name if it is missing."""
    encontrado = Canal.objects.filter(clave=clave).first()
    if encontrado is not None:
        return encontrado
    return Canal.objects.get_or_create(clave=clave, defaults={"nombre": CANALES.get(clave, clave)})[0]


def tipo(clave: str) -> TipoPeticion:
    encontrado = TipoPeticion.objects.filter(clave=clave).first()
    if encontrado is not None:
        return encontrado
    return TipoPeticion.objects.get_or_create(clave=clave, defaults={"nombre": TIPOS.get(clave, clave)})[0]


def tipo_queja() -> TipoPeticion:
    """The «Queja» type that reaches the supervisor (`para_supervisor`); created with that flag if missing."""
    supervisor = TipoPeticion.objects.filter(para_supervisor=True, activo=True)
    encontrado = supervisor.filter(clave=TIPO_QUEJA).first() or supervisor.order_by("pk").first()
    if encontrado is not None:
        return encontrado
    return TipoPeticion.objects.get_or_create(
        clave=TIPO_QUEJA, defaults={"nombre": "Queja", "para_supervisor": True, "activo": True}
    )[0]


def cuenta_de_servicio(username: str, nombre: str) -> AbstractBaseUser:
    """The service account `username` (created on first use): may capture, cannot sign in."""
    Usuario = get_user_model()
    usuario, creado = Usuario.objects.get_or_create(
        username=username, defaults={"first_name": nombre[:150], "is_active": True}
    )
    if creado:
        usuario.set_unusable_password()
        usuario.save(update_fields=["password"])
        usuario.user_permissions.add(
            Permission.objects.get(content_type__app_label="peticiones", codename="capturar_peticion")
        )
    return usuario
