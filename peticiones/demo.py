"""Believable demo data for Veracruz: catalogs and one user per role. Only `manage.py cargar_demo` calls
these, and only on an empty database (peticiones/demo_registro.py)."""

import hashlib
import random
import uuid
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from . import roles
from .demo_nombres import APELLIDOS, CALLES, NOMBRES
from .models import Canal, Categoria, Colonia, Direccion, Peticion, TipoPeticion

CONTRASENA_DEMO = "sirc-demo-2026"

DIRECCIONES: list[tuple[str, str, list[tuple[str, int, bool]]]] = [
    # (nombre, siglas, [(categoría, plazo en horas, cuenta en horas hábiles)])
    (
        "Dirección de Obras Públicas",
        "OP",
        [
            ("Bache en vialidad", 72, False),
            ("Banqueta o guarnición dañada", 120, True),
            ("Alcantarilla o registro sin tapa", 24, False),
            ("Calle sin pavimentar", 240, True),
        ],
    ),
    (
        "Dirección de Alumbrado Público",
        "ALUM",
        [
            ("Luminaria apagada", 24, False),
            ("Poste dañado o con riesgo", 24, False),
            ("Ampliación de alumbrado", 240, True),
        ],
    ),
    (
        "Dirección de Limpia Pública",
        "LIMP",
        [
            ("Recolección de basura", 24, False),
            ("Tiradero clandestino", 48, False),
            ("Barrido de calles", 72, False),
        ],
    ),
    (
        "Dirección de Parques y Jardines",
        "PYJ",
        [
            ("Poda de árbol", 72, False),
            ("Árbol caído", 24, False),
            ("Mantenimiento de parque", 120, True),
        ],
    ),
    (
        "Grupo MAS Agua y Saneamiento",
        "MAS",
        [
            ("Fuga de agua", 24, False),
            ("Drenaje tapado", 24, False),
            ("Falta de agua", 24, False),
        ],
    ),
    (
        "Dirección de Protección Civil",
        "PC",
        [
            ("Vivienda o estructura en riesgo", 24, False),
            ("Encharcamiento o inundación", 24, False),
        ],
    ),
    (
        "Dirección de Salud",
        "SAL",
        [
            ("Fumigación contra dengue", 72, False),
            ("Animal muerto en vía pública", 24, False),
            ("Bienestar animal", 72, False),
        ],
    ),
    (
        "Dirección de Desarrollo Social",
        "DS",
        [
            ("Solicitud de apoyo social", 120, True),
            ("Programa social", 120, True),
        ],
    ),
    (
        "Dirección de Desarrollo Urbano",
        "DU",
        [
            ("Construcción irregular", 120, True),
            ("Uso de suelo", 120, True),
        ],
    ),
    ("Dirección de Comercio", "COM", [("Comercio en vía pública", 48, False)]),
    ("Dirección de Gobernación", "GOB", [("Ruido excesivo", 24, False), ("Vecinos en conflicto", 72, True)]),
    (
        "Dirección de Movilidad Urbana",
        "MOV",
        [
            ("Semáforo descompuesto", 24, False),
            ("Señalamiento vial", 72, False),
        ],
    ),
    ("Dirección de Catastro", "CAT", [("Consulta de trámite catastral", 72, True)]),
]

CANALES = [
    ("linea-072", "Línea 072"),
    ("call-center", "Call Center"),
    ("whatsapp", "WhatsApp"),
    ("chat-web", "Chat del sitio web"),
    ("redes-sociales", "Redes sociales"),
    ("oficina", "Oficina de Atención"),
    ("direcciones", "Direcciones"),
    ("recorridos-brigadas", "Recorridos y brigadas"),
    ("jefes-manzana", "Jefes de Manzana"),
    ("miercoles-ciudadano", "Miércoles Ciudadano"),
    ("gira-presidencia", "Gira de Presidencia"),
]

TIPOS = [
    ("peticion", "Petición", False),
    ("solicitud", "Solicitud", False),
    ("gestion", "Gestión", False),
    ("queja", "Queja", True),
    ("denuncia", "Denuncia", False),
    ("sugerencia", "Sugerencia", True),
    ("consulta-tramite", "Consulta de trámite", False),
]

# (nombre, código postal, sector). Colonias y fraccionamientos del municipio de Veracruz.
COLONIAS: list[tuple[str, str, str]] = [
    ("Centro", "91700", "Centro"),
    ("Ricardo Flores Magón", "91900", "Centro"),
    ("Ignacio Zaragoza", "91910", "Centro"),
    ("Faros", "91709", "Centro"),
    ("La Huaca", "91700", "Centro"),
    ("Pocitos y Rivera", "91729", "Centro"),
    ("Hidalgo", "91780", "Centro"),
    ("Los Pinos", "91870", "Norte"),
    ("Reforma", "91919", "Sur"),
    ("Formando Hogar", "91897", "Centro"),
    ("Flores Magón", "91900", "Centro"),
    ("Miguel Alemán", "91910", "Centro"),
    ("Venustiano Carranza", "91710", "Centro"),
    ("Ortiz Rubio", "91750", "Centro"),
    ("Cristóbal Colón", "91760", "Sur"),
    ("Libertad", "91796", "Sur"),
    ("Revolución", "91990", "Centro"),
    ("Aguacate", "91845", "Centro"),
    ("Serdán", "91820", "Centro"),
    ("Chivería", "91780", "Norte"),
    ("Salvador Díaz Mirón", "91890", "Centro"),
    ("Benito Juárez", "91850", "Centro"),
    ("Primero de Mayo", "91810", "Norte"),
    ("Astilleros", "91756", "Norte"),
    ("Playa Linda", "91810", "Norte"),
    ("Malibrán", "91726", "Norte"),
    ("El Coyol", "91779", "Poniente"),
    ("Las Brisas", "91809", "Norte"),
    ("Dos Caminos", "91726", "Poniente"),
    ("Tarimoya", "91855", "Poniente"),
    ("Vergara", "91810", "Norte"),
    ("Floresta", "91940", "Sur"),
    ("Progreso", "91780", "Poniente"),
    ("Río Medio", "91726", "Poniente"),
    ("Lomas de Río Medio", "91809", "Poniente"),
    ("Villa Rica", "91800", "Norte"),
    ("Unidad Veracruzana", "91936", "Sur"),
    ("Carranza", "91710", "Centro"),
    ("Amapolas", "91808", "Norte"),
    ("Geovillas Los Pinos", "91808", "Norte"),
    ("Infonavit Buenavista", "91726", "Poniente"),
    ("Infonavit Las Vegas", "91950", "Sur"),
    ("Infonavit El Morro", "91750", "Norte"),
    ("Laguna Real", "91809", "Poniente"),
    ("Colinas de Santa Fe", "91808", "Poniente"),
    ("Valente Díaz", "91726", "Poniente"),
    ("Santa Kena", "91893", "Poniente"),
    ("Fraccionamiento Reforma", "91919", "Sur"),
    ("Zona Industrial Bruno Pagliai", "91697", "Poniente"),
    ("Puerto México", "91780", "Norte"),
    ("Ejido Primero de Mayo Norte", "91809", "Norte"),
    ("Ejido Primero de Mayo Sur", "91809", "Norte"),
    ("Antonio Luna", "91759", "Norte"),
    ("Adolfo Ruiz Cortines", "91810", "Norte"),
    ("Agustín Acosta Lagunes", "91808", "Poniente"),
    ("Arboledas San Ramón", "91850", "Poniente"),
    ("Bella Vista", "91700", "Centro"),
    ("Candido Aguilar", "91780", "Norte"),
    ("Casas Tamsa", "91697", "Poniente"),
    ("Coyol Zona A", "91779", "Poniente"),
    ("Coyol Zona B", "91779", "Poniente"),
    ("Dos Caminos Zona Oriente", "91726", "Poniente"),
    ("El Vergel", "91855", "Poniente"),
    ("Emiliano Zapata", "91756", "Norte"),
    ("Fidel Velázquez", "91855", "Poniente"),
    ("Fovissste", "91855", "Poniente"),
    ("Graciano Sánchez", "91808", "Norte"),
    ("Heriberto Kehoe", "91919", "Sur"),
    ("Hípico", "91855", "Poniente"),
    ("Inmecafé", "91855", "Poniente"),
    ("Jardines de Mocambo", "91909", "Sur"),
    ("José Cardel", "91780", "Norte"),
    ("Lázaro Cárdenas", "91780", "Norte"),
    ("Lomas del Mar", "91759", "Norte"),
    ("Los Volcanes", "91808", "Poniente"),
    ("Manantial", "91808", "Poniente"),
    ("Marina Nacional", "91780", "Norte"),
    ("Mariano Escobedo", "91780", "Norte"),
    ("Nuevo Veracruz", "91855", "Poniente"),
    ("Oasis", "91808", "Poniente"),
    ("Palma Sola", "91850", "Centro"),
    ("Pascual Ortiz Rubio", "91750", "Centro"),
    ("Petrolera", "91726", "Centro"),
    ("Placetas Estadio", "91726", "Centro"),
    ("Pochota", "91726", "Poniente"),
    ("Rafael Díaz Serdán", "91820", "Centro"),
    ("Reserva Tarimoya I", "91855", "Poniente"),
    ("Reserva Tarimoya II", "91855", "Poniente"),
    ("Rincón de la Palma", "91808", "Poniente"),
    ("Sánchez Taboada", "91780", "Norte"),
    ("Santa Rita", "91808", "Poniente"),
    ("Siglo XXI", "91808", "Poniente"),
    ("Tejería", "91697", "Poniente"),
    ("Torrentes", "91808", "Poniente"),
    ("Universitaria", "91919", "Sur"),
    ("Valle Alto", "91808", "Poniente"),
    ("Veracruz Moderno", "91919", "Sur"),
    ("Villa San Julián", "91808", "Poniente"),
    ("Vicente Guerrero", "91780", "Norte"),
    ("Zona Portuaria", "91700", "Centro"),
]

USUARIOS = [
    # (usuario, nombre, apellidos, rol, siglas de sus direcciones)
    ("operador", "Karla", "Mendoza Ruiz", roles.OPERADOR, []),
    ("supervisor", "Jorge", "Salas Domínguez", roles.SUPERVISOR, []),
    ("enlace.obras", "Luis", "Herrera Cano", roles.ENLACE, ["OP"]),
    ("enlace.alumbrado", "Patricia", "Vázquez Lara", roles.ENLACE, ["ALUM", "MOV"]),
    ("director", "Ana", "Rivera Santos", roles.DIRECTOR, []),
    ("jefe.manzana", "María", "López Hernández", roles.JEFE_MANZANA, []),
    ("jefe.cuartel", "Roberto", "Cruz Aguilar", roles.JEFE_CUARTEL, []),
    ("admin", "Administrador", "SIRC", roles.ADMINISTRADOR, []),
]


def _coordenada(nombre: str) -> tuple[Decimal, Decimal]:
    """A stable point inside Veracruz's urban area for a colonia without surveyed centroid."""
    h = hashlib.sha256(nombre.encode()).digest()
    lat = Decimal("19.120") + Decimal(h[0] * 256 + h[1]) / Decimal(65535) * Decimal("0.090")
    lng = Decimal("-96.230") + Decimal(h[2] * 256 + h[3]) / Decimal(65535) * Decimal("0.110")
    return lat.quantize(Decimal("0.000001")), lng.quantize(Decimal("0.000001"))


@transaction.atomic
def cargar_catalogos() -> None:
    for orden, (clave, nombre) in enumerate(CANALES, start=1):
        Canal.objects.get_or_create(clave=clave, defaults={"nombre": nombre, "orden": orden, "activo": True})
    for clave, nombre, para_supervisor in TIPOS:
        TipoPeticion.objects.get_or_create(
            clave=clave, defaults={"nombre": nombre, "para_supervisor": para_supervisor, "activo": True}
        )
    for nombre, siglas, categorias in DIRECCIONES:
        direccion, _ = Direccion.objects.update_or_create(
            siglas=siglas,
            defaults={"nombre": nombre, "correo_enlace": f"{siglas.lower()}@veracruzmunicipio.gob.mx"},
        )
        for cat, plazo, habiles in categorias:
            Categoria.objects.update_or_create(
                nombre=cat, direccion=direccion, defaults={"plazo_horas": plazo, "dias_habiles": habiles}
            )
    for nombre, cp, sector in COLONIAS:
        lat, lng = _coordenada(nombre)
        Colonia.objects.update_or_create(
            nombre=nombre, codigo_postal=cp, defaults={"sector": sector, "latitud": lat, "longitud": lng}
        )


@transaction.atomic
def cargar_usuarios() -> list[tuple[str, str, str]]:
    """One user per role; returns (usuario, contraseña, rol) to print."""
    User = get_user_model()
    roles.sincronizar_roles()
    creados = []
    for username, nombre, apellidos, rol, siglas in USUARIOS:
        usuario, nuevo = User.objects.get_or_create(
            username=username, defaults={"first_name": nombre, "last_name": apellidos}
        )
        if nuevo:
            usuario.set_password(CONTRASENA_DEMO)
        usuario.email = f"{username}@veracruzmunicipio.gob.mx"
        usuario.is_staff = rol == roles.ADMINISTRADOR
        usuario.is_superuser = rol == roles.ADMINISTRADOR
        usuario.save()
        usuario.groups.set([Group.objects.get(name=rol)])
        for direccion in Direccion.objects.filter(siglas__in=siglas):
            direccion.enlaces.add(usuario)
            if direccion.titular_id is None:
                direccion.titular = usuario
                direccion.save(update_fields=["titular"])
        creados.append((username, CONTRASENA_DEMO, rol))
    return creados


# --- Demo requests (issue «Peticiones»): a few hundred calls over the last six months ------------

_QUE_PASA = {
    "Bache en vialidad": ["Bache grande que ya dañó llantas", "Bache profundo a media calle, peligroso de noche"],
    "Luminaria apagada": ["Lámpara apagada desde hace una semana", "Tres luminarias apagadas, la calle está oscura"],
    "Recolección de basura": ["No ha pasado el camión de basura en cuatro días", "Basura acumulada en la esquina"],
    "Fuga de agua": ["Fuga de agua potable en la banqueta", "Brota agua limpia del registro desde ayer"],
    "Drenaje tapado": ["Drenaje tapado, salen aguas negras a la calle", "Registro de drenaje rebosando"],
    "Poda de árbol": ["Árbol con ramas sobre los cables de luz", "Ramas tapan la luminaria y la banqueta"],
    "Árbol caído": ["Árbol caído obstruye la calle tras la lluvia"],
    "Fumigación contra dengue": ["Muchos moscos en la cuadra, piden fumigación", "Terreno con agua estancada y moscos"],
    "Encharcamiento o inundación": ["Se inunda la calle cada vez que llueve", "Encharcamiento que no baja desde ayer"],
    "Ruido excesivo": ["Vecino con música a alto volumen toda la noche"],
    "Comercio en vía pública": ["Puesto ambulante ocupa toda la banqueta"],
    "Semáforo descompuesto": ["Semáforo intermitente en el cruce, riesgo de choque"],
    "Tiradero clandestino": ["Tiran escombro y basura en el terreno baldío"],
    "Animal muerto en vía pública": ["Perro muerto en la banqueta desde la mañana"],
}
_CANALES_DEMO = ["linea-072"] * 8 + ["call-center"] * 3 + ["whatsapp"] * 3 + ["oficina", "redes-sociales", "chat-web"]
DEMO_PETICIONES = 320
_NS_DEMO = uuid.UUID("6f1c1f0e-3b1a-4c59-9d57-0a2b1c3d4e5f")


def cargar_peticiones(total: int = DEMO_PETICIONES) -> int:
    """A few hundred believable requests over the last ~6 months, captured through `capturar`.

    Idempotent: each demo call has a fixed clave_idempotencia, so a second run creates nothing.
    Returns how many were created.
    """
    from .acciones.captura import DatosCiudadano, capturar

    claves = [uuid.uuid5(_NS_DEMO, f"peticion-{i}") for i in range(total)]
    existentes = set(
        Peticion.objects.filter(clave_idempotencia__in=claves).values_list("clave_idempotencia", flat=True)
    )
    if len(existentes) == total:
        return 0
    azar = random.Random(2026)
    operador = get_user_model().objects.get(username="operador")
    categorias = list(Categoria.objects.filter(activa=True).select_related("direccion"))
    colonias = list(Colonia.objects.all())
    canales = {c.clave: c for c in Canal.objects.all()}
    tipos = {t.clave: t for t in TipoPeticion.objects.all()}
    ciudadanos = [
        DatosCiudadano(
            nombre=azar.choice(NOMBRES),
            apellidos=f"{azar.choice(APELLIDOS)} {azar.choice(APELLIDOS)}",
            telefono=f"229{azar.randint(1000000, 9999999)}",
            colonia=azar.choice(colonias),
            acepta_aviso=True,
        )
        for _ in range(140)
    ]
    ahora = timezone.now()
    fechas = sorted(ahora - timedelta(minutes=azar.randint(30, 180 * 24 * 60)) for _ in range(total))
    creadas = 0
    with transaction.atomic():
        for clave, fecha in zip(claves, fechas, strict=True):
            categoria = azar.choice(categorias)
            colonia = azar.choice(colonias)
            anonima = azar.random() < 0.04
            lat = lng = None
            if colonia.latitud is not None and azar.random() < 0.6:
                lat = (colonia.latitud + Decimal(azar.uniform(-0.003, 0.003))).quantize(Decimal("0.000001"))
                lng = (colonia.longitud + Decimal(azar.uniform(-0.003, 0.003))).quantize(Decimal("0.000001"))
            calle = azar.choice(CALLES)
            numero = str(azar.randint(1, 2500))
            que = azar.choice(_QUE_PASA.get(categoria.nombre, [f"Reportan: {categoria.nombre.lower()}"]))
            if clave in existentes:
                continue
            capturar(
                usuario=operador,
                ciudadano=None if anonima else azar.choice(ciudadanos),
                tipo=tipos["denuncia"] if anonima else tipos["peticion"],
                canal=canales[azar.choice(_CANALES_DEMO)],
                categoria=categoria,
                descripcion=f"{que}, {calle} núm. {numero}.",
                colonia=colonia,
                calle=calle,
                numero_exterior=numero,
                referencias=f"Entre {azar.choice(CALLES)} y {azar.choice(CALLES)}",
                latitud=lat,
                longitud=lng,
                fecha_recepcion=fecha,
                clave_idempotencia=clave,
            )
            creadas += 1
    return creadas


# --- Turnado (issue 4): holiday calendar and requests moved through the states ---------------------------

RESOLUCIONES = {
    "Bache": "Se bacheó con mezcla asfáltica en caliente; cuadrilla 3 de Obras Públicas.",
    "Banqueta": "Se reconstruyeron 4 m de guarnición y banqueta de concreto.",
    "Alcantarilla": "Se colocó tapa de concreto nueva en el registro.",
    "Luminaria": "Se sustituyó la luminaria por una LED de 100 W y se revisó la fotocelda.",
    "Poste": "Se retiró el poste dañado y se instaló uno nuevo de 9 m.",
    "Recolección": "Se reprogramó la ruta de recolección y se retiraron los residuos acumulados.",
    "Tiradero": "Se limpió el predio (3 viajes de volteo) y se colocó letrero de prohibición.",
    "Poda": "Se realizó poda de aclareo y se retiraron las ramas.",
    "Árbol caído": "Se seccionó y retiró el árbol; se liberó la vialidad.",
    "Fuga": "Grupo MAS reparó la fuga en la toma domiciliaria y repuso el pavimento.",
    "Drenaje": "Se desazolvó el registro con equipo hidroneumático.",
    "Falta de agua": "Se regularizó el tandeo del sector y se envió pipa en tanto.",
    "Fumigación": "Se fumigó la manzana y se eliminaron criaderos de mosquito.",
    "Semáforo": "Se reprogramó el controlador y se cambiaron dos focos.",
    "Encharcamiento": "Se desazolvaron las rejillas pluviales de la calle.",
}
RESOLUCION_GENERAL = "Se atendió en sitio y se verificó con el ciudadano."
MOTIVOS_IMPROCEDENTE = [
    "El predio es propiedad privada; se orientó al ciudadano para tratarlo con el propietario.",
    "Corresponde a CFE (línea de media tensión); se le indicó reportar al 071.",
    "La vialidad es federal; se canalizó el reporte a la SICT.",
]
MOTIVO_DEVOLUCION = "No es de nuestra competencia: corresponde a otra dirección según la visita de campo."


def cargar_dias_inhabiles() -> int:
    """Mexico's official días inhábiles for this year and the next two (the migration loads 2024–2032)."""
    from django.utils import timezone

    from .calendario import dias_inhabiles
    from .models import DiaInhabil

    creados = 0
    anio = timezone.localdate().year
    for a in range(anio, anio + 3):
        for fecha, nombre, tipo in dias_inhabiles(a):
            creados += DiaInhabil.objects.get_or_create(fecha=fecha, defaults={"nombre": nombre, "tipo": tipo})[1]
    return creados


def _resolucion(categoria: str) -> str:
    return next(
        (texto for clave, texto in RESOLUCIONES.items() if clave.lower() in categoria.lower()), RESOLUCION_GENERAL
    )


def _fechar(peticion, desde_evento: int, **fechas) -> None:
    """Move what an action just stamped 'now' back to a believable moment after the reception."""
    from .models import EventoBitacora, Notificacion, Peticion

    Peticion.objects.filter(pk=peticion.pk).update(**fechas)
    momento = max(fechas.values())
    EventoBitacora.objects.filter(peticion=peticion, pk__gt=desde_evento).update(fecha=momento)
    Notificacion.objects.filter(peticion=peticion, creada__gte=momento).update(creada=momento)


def mover_peticiones_demo() -> dict[str, int]:
    """Move part of the demo requests through turnada / en proceso / atendida / improcedente. Idempotent:
    only requests still `recibida` that never changed state are touched, chosen by folio number."""
    from datetime import timedelta

    from django.utils import timezone

    from .acciones import transiciones as t
    from .models import EventoBitacora, Notificacion, Peticion

    User = get_user_model()
    supervisor = User.objects.filter(groups__name=roles.SUPERVISOR).order_by("pk").first()
    if supervisor is None:
        return {}
    tocadas = EventoBitacora.objects.filter(
        tipo__in=[EventoBitacora.Tipo.CAMBIO_ESTADO, EventoBitacora.Tipo.DEVOLUCION]
    ).values("peticion")
    pendientes = (
        Peticion.objects.filter(estado=Peticion.Estado.RECIBIDA)
        .exclude(pk__in=tocadas)
        .select_related("direccion", "categoria")
        .order_by("folio")
    )
    ahora = timezone.now()
    cuenta = {"turnada": 0, "en_proceso": 0, "atendida": 0, "improcedente": 0, "devuelta": 0}
    for peticion in pendientes:
        paso = peticion.numero % 20
        if paso < 4:
            continue  # stays in "Por turnar"
        enlace = peticion.direccion.enlaces.filter(is_active=True).order_by("pk").first() or supervisor
        recibida = peticion.fecha_recepcion

        def momento(horas: float, recibida=recibida):
            return min(recibida + timedelta(hours=horas), ahora - timedelta(minutes=5))

        with transaction.atomic():
            marca = (
                EventoBitacora.objects.filter(peticion=peticion).order_by("-pk").values_list("pk", flat=True).first()
                or 0
            )
            t.turnar(peticion, supervisor, peticion.direccion)
            _fechar(peticion, marca, fecha_turnada=momento(0.5))
            if 4 <= paso < 8:
                cuenta["turnada"] += 1
                continue
            if paso == 18 and enlace != supervisor:
                marca = EventoBitacora.objects.filter(peticion=peticion).order_by("-pk").values_list("pk", flat=True)[0]
                t.devolver(peticion, enlace, MOTIVO_DEVOLUCION)
                _fechar(peticion, marca, fecha_turnada=momento(0.5))
                cuenta["devuelta"] += 1
                continue
            marca = EventoBitacora.objects.filter(peticion=peticion).order_by("-pk").values_list("pk", flat=True)[0]
            t.iniciar(peticion, enlace)
            _fechar(peticion, marca, fecha_en_proceso=momento(3))
            if 8 <= paso < 12:
                cuenta["en_proceso"] += 1
                continue
            marca = EventoBitacora.objects.filter(peticion=peticion).order_by("-pk").values_list("pk", flat=True)[0]
            if paso == 17:
                t.declarar_improcedente(
                    peticion, enlace, MOTIVOS_IMPROCEDENTE[peticion.numero % len(MOTIVOS_IMPROCEDENTE)]
                )
                _fechar(peticion, marca, fecha_improcedente=momento(20))
                cuenta["improcedente"] += 1
            else:
                t.marcar_atendida(peticion, enlace, _resolucion(peticion.categoria.nombre))
                _fechar(peticion, marca, fecha_atendida=momento(6 + paso))
                cuenta["atendida"] += 1
            # The citizen's notices of the past were sent back then.
            peticion.refresh_from_db()
            Notificacion.objects.filter(peticion=peticion, estado=Notificacion.Estado.PENDIENTE).update(
                estado=Notificacion.Estado.ENVIADA,
                enviada_en=peticion.fecha_atendida or peticion.fecha_improcedente,
                intentos=1,
            )
    return cuenta


def cargar_turnado() -> dict[str, int]:
    """Called by `manage.py cargar_demo`: holiday calendar, then move part of the demo requests."""
    cargar_dias_inhabiles()
    return mover_peticiones_demo()


# --- Demo follow-up (issue «Seguimiento»): calls, visits and ratings on attended requests ---------

_RESOLUCIONES_DEMO = [
    "Se atendió el reporte en sitio y se verificó con fotografía.",
    "Cuadrilla acudió y dejó el servicio funcionando.",
    "Se realizó el trabajo solicitado; se notifica al ciudadano.",
]


def cargar_seguimiento(minimo_atendidas: int = 12) -> int:
    """Follow-up calls, a home visit and a citizen's rating for the demo's attended requests. Idempotent.

    If fewer than `minimo_atendidas` requests are attended, some demo requests are turned and attended
    first (through the state machine). Some calls are left due now so "Siguiente llamada" has work.
    Returns how many calls exist afterwards.
    """
    from datetime import timedelta

    from django.utils import timezone

    from .acciones import seguimiento, transiciones
    from .acciones.quejas import direccion_atencion_ciudadana
    from .models import EvaluacionCiudadana, LlamadaSeguimiento, Peticion, VisitaDomiciliaria

    # Atención Ciudadana's own tray and categories: quejas y sugerencias about the service land there.
    dac = direccion_atencion_ciudadana()
    for nombre in ("Queja sobre la atención recibida", "Sugerencia para mejorar el servicio"):
        Categoria.objects.get_or_create(nombre=nombre, direccion=dac, defaults={"plazo_horas": 72})
    if LlamadaSeguimiento.objects.exists() or VisitaDomiciliaria.objects.exists():
        return LlamadaSeguimiento.objects.count()
    User = get_user_model()
    operador = User.objects.filter(username="operador").first()
    supervisor = User.objects.filter(username="supervisor").first()
    if operador is None or supervisor is None:
        return 0
    con_telefono = Peticion.objects.filter(ciudadano__isnull=False).exclude(ciudadano__telefono="")
    con_telefono = con_telefono.filter(tipo__para_supervisor=False)
    faltan = minimo_atendidas - con_telefono.filter(estado=Peticion.Estado.ATENDIDA).count()
    if faltan > 0:
        candidatas = con_telefono.filter(estado__in=[Peticion.Estado.RECIBIDA, Peticion.Estado.TURNADA])
        for i, peticion in enumerate(candidatas.select_related("direccion").order_by("-fecha_recepcion")[:faltan]):
            if peticion.estado == Peticion.Estado.RECIBIDA:
                transiciones.turnar(peticion, supervisor, peticion.direccion)
            transiciones.marcar_atendida(peticion, supervisor, _RESOLUCIONES_DEMO[i % len(_RESOLUCIONES_DEMO)])
    seguimiento.encolar_llamadas()
    # For the demo every queued call is due now, a few minutes apart (oldest first).
    ahora = timezone.now()
    pendientes = list(LlamadaSeguimiento.objects.filter(estado=LlamadaSeguimiento.Estado.PENDIENTE))
    for i, llamada in enumerate(pendientes):
        llamada.programada_para = ahora - timedelta(minutes=5 * (len(pendientes) - i))
        llamada.save(update_fields=["programada_para"])
    Estado = LlamadaSeguimiento.Estado
    guion = [
        (Estado.CONTACTADO, True, 5, "Muy contenta, llegaron al día siguiente."),
        (Estado.CONTACTADO, True, 4, ""),
        (Estado.CONTACTADO, False, 2, "Dice que la cuadrilla no regresó a terminar."),
        (Estado.NO_CONTESTA, None, None, ""),
        (Estado.NUMERO_EQUIVOCADO, None, None, "Contestó otra persona; no conoce al ciudadano."),
        (Estado.CONTACTADO, True, 3, "Se resolvió pero tardaron."),
    ]
    equivocado = None
    for resultado, resuelto, satisfaccion, comentario in guion:
        llamada = seguimiento.siguiente_llamada(operador)
        if llamada is None:
            break
        seguimiento.registrar_resultado(
            llamada, operador, resultado, se_resolvio=resuelto, satisfaccion=satisfaccion, comentario=comentario
        )
        if resultado == Estado.NUMERO_EQUIVOCADO:
            equivocado = llamada.peticion
    if equivocado is not None:
        seguimiento.registrar_visita(
            equivocado,
            supervisor,
            realizada_por=operador,
            fecha_visita=timezone.now() - timedelta(hours=1),
            resultado=VisitaDomiciliaria.Resultado.CONTACTADO,
            se_resolvio=True,
            satisfaccion=5,
            comentario="La brigada confirmó en el domicilio que quedó resuelto.",
        )
    cerrada = Peticion.objects.filter(estado=Peticion.Estado.CERRADA, evaluacion_ciudadana__isnull=True).first()
    if cerrada is not None and not EvaluacionCiudadana.objects.exists():
        seguimiento.evaluar_servicio(cerrada, 5, "Gracias por dar seguimiento a mi reporte.")
    return LlamadaSeguimiento.objects.count()
