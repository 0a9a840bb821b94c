"""Demo data so the dashboard, heat map and MIR look alive: the PAT for this year and last (copied from
the PAT 2023), and — only when no other demo created requests (a fallback; `cargar_demo` runs the
Peticiones demo first) — about thirteen months of requests with believable channels, colonias, giras and
attention times. Idempotent and reproducible."""

import random
from datetime import timedelta
from decimal import Decimal
from importlib import import_module

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from peticiones.demo_nombres import APELLIDOS, NOMBRES
from peticiones.models import (
    Canal,
    Categoria,
    Ciudadano,
    Colonia,
    ContadorFolio,
    Evento,
    EventoBitacora,
    Peticion,
    TipoPeticion,
)

from .copiar import asegurar_programa
from .models import Programa
from .periodos import Mes

MINIMO_EXISTENTE = 1  # another demo (Peticiones, Turnado) already made requests: this one adds none

PESO_CANAL = {
    "linea-072": 34,
    "call-center": 14,
    "whatsapp": 16,
    "chat-web": 5,
    "redes-sociales": 7,
    "oficina": 8,
    "direcciones": 3,
    "recorridos-brigadas": 4,
    "jefes-manzana": 9,
    "miercoles-ciudadano": 0,
    "gira-presidencia": 0,
}
DESCRIPCIONES = {
    "Bache en vialidad": "Bache profundo sobre el carril derecho, ya dañó llantas",
    "Luminaria apagada": "Luminaria apagada desde hace una semana, la calle queda a oscuras",
    "Recolección de basura": "No ha pasado el camión recolector en cuatro días",
    "Fuga de agua": "Fuga de agua limpia en la banqueta frente al domicilio",
    "Drenaje tapado": "Registro de drenaje desbordado con aguas negras",
    "Poda de árbol": "Árbol con ramas sobre los cables de luz",
}
# Hours to attend by dirección siglas (median); others take 30 h.
HORAS_MEDIANAS = {"ALUM": 20, "MAS": 14, "LIMP": 12, "OP": 60, "PYJ": 50, "PC": 8, "DU": 96, "DS": 90}


def cargar() -> str:
    """Entry point called by `manage.py cargar_demo`."""
    if not Programa.objects.exists():  # e.g. a test database flushed after its migrations ran
        cargar_pat = import_module("indicadores.migrations.0002_pat_2023").cargar_pat_2023
        cargar_pat(django_apps, None)
    actual = Mes.actual()
    for anio in (actual.anio - 1, actual.anio):
        asegurar_programa(anio)
    if Peticion.objects.count() >= MINIMO_EXISTENTE:
        return "Indicadores: ya hay peticiones de demostración; no se agregan más."
    creadas = generar_peticiones(meses=13)
    return f"Indicadores: {creadas} peticiones de demostración para el tablero y el MIR."


def _eventos(rnd: random.Random, mes: Mes, colonias: list[Colonia]) -> list[Evento]:
    eventos = []
    for n in range(3):
        dia = min(4 + n * 9 + rnd.randint(0, 3), 28)
        colonia = rnd.choice(colonias)
        evento, _ = Evento.objects.get_or_create(
            tipo=Evento.Tipo.GIRA_PRESIDENCIA,
            nombre=f"Gira de Presidencia en {colonia.nombre}",
            fecha=mes.inicio.date().replace(day=dia),
            defaults={"colonia": colonia},
        )
        eventos.append(evento)
    for dia in (8, 22):
        evento, _ = Evento.objects.get_or_create(
            tipo=Evento.Tipo.MIERCOLES_CIUDADANO,
            nombre="Miércoles Ciudadano en Palacio Municipal",
            fecha=mes.inicio.date().replace(day=dia),
        )
        eventos.append(evento)
    return eventos


@transaction.atomic
def generar_peticiones(meses: int = 13, por_mes: int = 380, semilla: int = 2026) -> int:
    """About `por_mes` requests per month for the last `meses` months, up to now."""
    rnd = random.Random(semilla)
    ahora = timezone.now()
    capturista = get_user_model().objects.filter(username="operador").first() or get_user_model().objects.first()
    if capturista is None:
        return 0
    canales = {c.clave: c for c in Canal.objects.all()}
    tipos = list(TipoPeticion.objects.filter(para_supervisor=False)) or list(TipoPeticion.objects.all())
    categorias = list(Categoria.objects.select_related("direccion").filter(activa=True))
    colonias = list(Colonia.objects.exclude(latitud=None))
    if not (canales and tipos and categorias and colonias):
        return 0
    # Busy colonias get more requests (the heat map shows hot spots).
    pesos_colonia = [rnd.choice([1, 1, 1, 2, 3, 6]) for _ in colonias]
    claves = [c for c in PESO_CANAL if c in canales and PESO_CANAL[c]]
    ciudadanos = _ciudadanos(rnd, colonias)
    inicio = Mes.actual().mas(-(meses - 1))
    filas: list[Peticion] = []
    for i in range(meses):
        mes = inicio.mas(i)
        eventos = _eventos(rnd, mes, colonias)
        cantidad = int(por_mes * (0.8 + 0.4 * rnd.random()))
        for _ in range(cantidad):
            recibida = mes.inicio + timedelta(seconds=rnd.randint(0, int((mes.fin - mes.inicio).total_seconds()) - 1))
            if recibida >= ahora:
                continue
            filas.append(
                _peticion(
                    rnd,
                    recibida,
                    ahora,
                    canales[rnd.choices(claves, [PESO_CANAL[c] for c in claves])[0]],
                    tipos,
                    categorias,
                    colonias,
                    pesos_colonia,
                    ciudadanos,
                    capturista,
                )
            )
        for evento in eventos:
            canal = canales.get(
                "gira-presidencia" if evento.tipo == Evento.Tipo.GIRA_PRESIDENCIA else "miercoles-ciudadano"
            )
            momento = mes.inicio.replace(day=evento.fecha.day) + timedelta(hours=10)
            if momento >= ahora or canal is None:
                continue
            for _ in range(rnd.randint(8, 22)):
                p = _peticion(
                    rnd,
                    momento + timedelta(minutes=rnd.randint(0, 240)),
                    ahora,
                    canal,
                    tipos,
                    categorias,
                    colonias,
                    pesos_colonia,
                    ciudadanos,
                    capturista,
                )
                p.evento = evento
                p.colonia = evento.colonia or p.colonia
                filas.append(p)
    filas.sort(key=lambda p: p.fecha_recepcion)
    _numerar(filas)
    Peticion.objects.bulk_create(filas, batch_size=1000)
    creadas = list(Peticion.objects.filter(folio__in=[p.folio for p in filas]).values_list("pk", "fecha_recepcion"))
    EventoBitacora.objects.bulk_create(
        (
            EventoBitacora(
                peticion_id=pk,
                fecha=fecha,
                usuario=capturista,
                tipo=EventoBitacora.Tipo.CAPTURA,
                descripcion="Petición capturada (datos de demostración).",
                publico=True,
            )
            for pk, fecha in creadas
        ),
        batch_size=2000,
    )
    return len(filas)


def _ciudadanos(rnd: random.Random, colonias: list[Colonia]) -> list[Ciudadano]:
    existentes = list(Ciudadano.objects.filter(telefono__startswith="22990"))
    if len(existentes) >= 300:
        return existentes
    nuevos = [
        Ciudadano(
            nombre=rnd.choice(NOMBRES),
            apellidos=f"{rnd.choice(APELLIDOS)} {rnd.choice(APELLIDOS)}",
            telefono=f"22990{n:05d}",
            colonia=rnd.choice(colonias),
        )
        for n in range(len(existentes), 300)
    ]
    Ciudadano.objects.bulk_create(nuevos, ignore_conflicts=True)
    return list(Ciudadano.objects.filter(telefono__startswith="22990"))


def _peticion(
    rnd, recibida, ahora, canal, tipos, categorias, colonias, pesos_colonia, ciudadanos, capturista
) -> Peticion:
    categoria = rnd.choice(categorias)
    colonia = rnd.choices(colonias, pesos_colonia)[0]
    limite = recibida + timedelta(hours=categoria.plazo_horas)
    p = Peticion(
        tipo=rnd.choice(tipos),
        canal=canal,
        categoria=categoria,
        direccion=categoria.direccion,
        descripcion=DESCRIPCIONES.get(categoria.nombre, f"{categoria.nombre}: reporte ciudadano"),
        calle=rnd.choice(
            ["Av. Independencia", "Calle Zaragoza", "Av. Díaz Mirón", "Calle Juan Soto", "Av. Cuauhtémoc"]
        ),
        numero_exterior=str(rnd.randint(1, 1500)),
        colonia=colonia,
        ciudadano=rnd.choice(ciudadanos) if ciudadanos else None,
        capturada_por=capturista,
        fecha_recepcion=recibida,
        fecha_limite=limite,
    )
    if rnd.random() < 0.75:  # most requests carry the point where the problem is
        p.latitud = (colonia.latitud + Decimal(rnd.uniform(-0.003, 0.003))).quantize(Decimal("0.000001"))
        p.longitud = (colonia.longitud + Decimal(rnd.uniform(-0.003, 0.003))).quantize(Decimal("0.000001"))
    mediana = HORAS_MEDIANAS.get(categoria.direccion.siglas, 30)
    horas = rnd.lognormvariate(0, 0.8) * mediana
    atendida = recibida + timedelta(hours=horas)
    p.fecha_turnada = recibida + timedelta(minutes=rnd.randint(5, 90))
    if p.fecha_turnada > ahora:
        p.fecha_turnada = None
        return p
    suerte = rnd.random()
    if atendida < ahora and suerte < 0.86:
        p.estado = Peticion.Estado.ATENDIDA
        p.fecha_atendida = atendida
        p.resolucion = "Se atendió el reporte en sitio."
        if atendida + timedelta(days=2) < ahora and rnd.random() < 0.7:
            p.estado = Peticion.Estado.CERRADA
            p.fecha_cerrada = atendida + timedelta(days=1)
    elif suerte < 0.9:
        p.estado = Peticion.Estado.IMPROCEDENTE
        p.fecha_improcedente = min(ahora, recibida + timedelta(hours=horas / 2))
        p.motivo_improcedencia = "No es competencia municipal."
    else:
        p.estado = rnd.choice([Peticion.Estado.TURNADA, Peticion.Estado.EN_PROCESO])
        if p.estado == Peticion.Estado.EN_PROCESO:
            p.fecha_en_proceso = p.fecha_turnada + timedelta(hours=1)
    return p


def _numerar(filas: list[Peticion]) -> None:
    """Folios from each year's counter, in order of reception (the counter row is locked)."""
    por_anio: dict[int, list[Peticion]] = {}
    for p in filas:
        por_anio.setdefault(timezone.localtime(p.fecha_recepcion).year, []).append(p)
    for anio, lista in por_anio.items():
        ContadorFolio.objects.get_or_create(anio=anio)
        contador = ContadorFolio.objects.select_for_update().get(anio=anio)
        for p in lista:
            contador.ultimo += 1
            p.anio, p.numero, p.folio = anio, contador.ultimo, f"{anio}-{contador.ultimo:06d}"
        contador.save(update_fields=["ultimo"])
