"""Demo padrón: cuarteles over the demo colonias, a few hundred Jefes de Manzana (some acreditados and
capacitados), a Jefe de Cuartel election, trainings and the Día del Jefe de Manzana. Idempotent and
fast (a handful of bulk statements). `generar_filas` also feeds the import benchmarks and tests."""

import random
import unicodedata
import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from peticiones.demo_nombres import APELLIDOS, CALLES, NOMBRES_HOMBRE, NOMBRES_MUJER
from peticiones.models import Categoria, Ciudadano, Colonia, Peticion, TipoPeticion

from .curp import completar_curp
from .models import (
    AsistenciaCapacitacion,
    AsistenciaEvento,
    CandidaturaCuartel,
    Capacitacion,
    Cuartel,
    EventoJefes,
    JefeManzana,
)

CONSONANTES = "BCDFGHJKLMNPQRSTVWXYZ"


def _ascii(texto: str) -> str:
    return unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode().upper()


def _consonante_interna(palabra: str) -> str:
    for letra in _ascii(palabra)[1:]:
        if letra in CONSONANTES:
            return letra
    return "X"


def curp_de(nombre: str, apellido1: str, apellido2: str, nacimiento: date, sexo: str, homoclave: str) -> str:
    """A CURP built the RENAPO way (simplified initials) with a correct check digit."""
    a1, a2, n = _ascii(apellido1), _ascii(apellido2), _ascii(nombre)
    vocal = next((c for c in a1[1:] if c in "AEIOU"), "X")
    base = (
        f"{a1[0]}{vocal}{a2[0]}{n[0]}{nacimiento:%y%m%d}{sexo}VZ"
        f"{_consonante_interna(a1)}{_consonante_interna(a2)}{_consonante_interna(n)}{homoclave}"
    )
    return completar_curp(base)


def generar_filas(n: int, colonias: list[Colonia], cuarteles: dict[int, int], semilla: int = 2026) -> list[dict]:
    """`n` believable padrón rows with unique, valid CURPs, keyed by the import file's headers.

    `cuarteles` maps a colonia id to its cuartel number.
    """
    azar = random.Random(semilla)
    filas, vistas = [], set()
    i = 0
    while len(filas) < n:
        i += 1
        sexo = azar.choice("HM")
        nombre = azar.choice(NOMBRES_HOMBRE if sexo == "H" else NOMBRES_MUJER)
        ap1, ap2 = azar.choice(APELLIDOS), azar.choice(APELLIDOS)
        nacimiento = date(1950, 1, 1) + timedelta(days=azar.randrange(0, 365 * 50))
        homoclave = str(azar.randrange(10)) if nacimiento.year < 2000 else "A"
        curp = curp_de(nombre, ap1, ap2, nacimiento, sexo, homoclave)
        if curp in vistas:
            continue
        vistas.add(curp)
        colonia = colonias[i % len(colonias)]
        lat = (colonia.latitud or Decimal("19.1738")) + Decimal(azar.randrange(-300, 300)) / Decimal(100000)
        lng = (colonia.longitud or Decimal("-96.1342")) + Decimal(azar.randrange(-300, 300)) / Decimal(100000)
        nombrado = date(2026, 1, 15) + timedelta(days=azar.randrange(0, 60))
        acreditado = azar.random() < 0.6
        filas.append(
            {
                "CURP": curp,
                "Nombre(s)": nombre,
                "Apellidos": f"{ap1} {ap2}",
                "Teléfono": f"229{azar.randrange(1000000, 9999999)}",
                "Correo": "",
                "Domicilio": f"{azar.choice(CALLES)} {azar.randrange(1, 999)}",
                "Colonia": colonia.nombre,
                "Código postal": colonia.codigo_postal,
                "Manzana": f"{colonia.nombre[:1].upper()}-{i:04d}",
                "Cuartel": str(cuarteles.get(colonia.pk, "")),
                "Latitud": f"{lat:.6f}",
                "Longitud": f"{lng:.6f}",
                "Estado": "Activo" if azar.random() < 0.9 else "Propuesto",
                "Fecha de nombramiento": f"{nombrado:%d/%m/%Y}",
                "Fecha de toma de protesta": f"{nombrado + timedelta(days=7):%d/%m/%Y}",
                "Fecha de acreditación": f"{nombrado + timedelta(days=21):%d/%m/%Y}" if acreditado else "",
            }
        )
    return filas


ZONAS = {"Centro": "Centro", "Norte": "Norte", "Sur": "Sur", "Poniente": "Poniente"}
JEFES_DEMO = 300


def _cuarteles() -> dict[int, int]:
    """Cuarteles of about eight colonias each, by sector; returns colonia id → cuartel number."""
    por_colonia: dict[int, int] = {}
    colonias = list(Colonia.objects.order_by("sector", "nombre"))
    existentes = {c.numero: c for c in Cuartel.objects.all()}
    for indice in range(0, len(colonias), 8):
        grupo = colonias[indice : indice + 8]
        numero = indice // 8 + 1
        cuartel = existentes.get(numero)
        if cuartel is None:
            cuartel = Cuartel.objects.create(
                numero=numero, nombre=f"{grupo[0].sector or 'Veracruz'} {numero}", zona=grupo[0].sector
            )
        elif not cuartel.zona:
            cuartel.zona = grupo[0].sector
            cuartel.save(update_fields=["zona"])
        cuartel.colonias.add(*grupo)
        for colonia in grupo:
            por_colonia[colonia.pk] = numero
    return por_colonia


@transaction.atomic
def cargar() -> None:
    User = get_user_model()
    por_colonia = _cuarteles()
    centro = Colonia.objects.get(nombre="Centro")
    faros = Colonia.objects.get(nombre="Faros")
    cuartel_centro = Cuartel.objects.get(numero=por_colonia[centro.pk])
    if faros.pk != centro.pk:
        cuartel_centro.colonias.add(faros)
    # The two demo logins (jefe.cuartel, jefe.manzana) with valid CURPs; older demo CURPs are fixed in place.
    fijos = [
        (
            "CUAR700101HVZRGB09",
            curp_de("Roberto", "Cruz", "Aguilar", date(1970, 1, 1), "H", "0"),
            "Roberto",
            "Cruz Aguilar",
            "2291000001",
            centro,
            "C-001",
            "jefe.cuartel",
        ),
        (
            "LOHM800215MVZPRR01",
            curp_de("María", "López", "Hernández", date(1980, 2, 15), "M", "0"),
            "María",
            "López Hernández",
            "2291000002",
            faros,
            "F-014",
            "jefe.manzana",
        ),
    ]
    propios = []
    for viejo, curp, nombres, apellidos, telefono, colonia, manzana, username in fijos:
        JefeManzana.objects.filter(curp=viejo).update(curp=curp)
        jefe, _ = JefeManzana.objects.update_or_create(
            curp=curp,
            defaults={
                "nombres": nombres,
                "apellidos": apellidos,
                "telefono": telefono,
                "colonia": colonia,
                "manzana": manzana,
                "cuartel": cuartel_centro,
                "estado": JefeManzana.Estado.ACTIVO,
                "latitud": colonia.latitud,
                "longitud": colonia.longitud,
                "fecha_nombramiento": date(2026, 1, 15),
                "fecha_toma_protesta": date(2026, 1, 22),
                "fecha_acreditacion": date(2026, 2, 5),
                "usuario": User.objects.filter(username=username).first(),
            },
        )
        propios.append(jefe)
    jefe_cuartel = propios[0]
    if not cuartel_centro.candidaturas.exists():
        CandidaturaCuartel.objects.create(
            cuartel=cuartel_centro, jefe=jefe_cuartel, estado=CandidaturaCuartel.Estado.ELECTO,
            fecha_propuesta=date(2026, 2, 1), fecha_eleccion=date(2026, 2, 15),
        )  # fmt: skip
        CandidaturaCuartel.objects.create(
            cuartel=cuartel_centro, jefe=propios[1], estado=CandidaturaCuartel.Estado.NO_ELECTO,
            fecha_propuesta=date(2026, 2, 1),
        )  # fmt: skip
    cuartel_centro.jefe = jefe_cuartel
    cuartel_centro.save(update_fields=["jefe"])

    _padron(por_colonia)
    _capacitaciones_y_eventos()


def _padron(por_colonia: dict[int, int]) -> None:
    colonias = list(Colonia.objects.order_by("nombre"))
    cuarteles = {c.numero: c.pk for c in Cuartel.objects.all()}
    existentes = set(JefeManzana.objects.values_list("curp", flat=True))
    nuevos = []
    for fila in generar_filas(JEFES_DEMO, colonias, por_colonia):
        if fila["CURP"] in existentes:
            continue
        colonia = next(c for c in colonias if c.nombre == fila["Colonia"] and c.codigo_postal == fila["Código postal"])
        d, m, a = fila["Fecha de nombramiento"].split("/")
        nombrado = date(int(a), int(m), int(d))
        nuevos.append(
            JefeManzana(
                curp=fila["CURP"],
                nombres=fila["Nombre(s)"],
                apellidos=fila["Apellidos"],
                telefono=fila["Teléfono"],
                domicilio=fila["Domicilio"],
                colonia=colonia,
                manzana=fila["Manzana"],
                cuartel_id=cuarteles.get(int(fila["Cuartel"])) if fila["Cuartel"] else None,
                latitud=Decimal(fila["Latitud"]),
                longitud=Decimal(fila["Longitud"]),
                estado=JefeManzana.Estado.ACTIVO if fila["Estado"] == "Activo" else JefeManzana.Estado.PROPUESTO,
                fecha_nombramiento=nombrado,
                fecha_toma_protesta=nombrado + timedelta(days=7) if fila["Estado"] == "Activo" else None,
                fecha_acreditacion=nombrado + timedelta(days=21) if fila["Fecha de acreditación"] else None,
            )
        )
    JefeManzana.objects.bulk_create(nuevos)


def _capacitaciones_y_eventos() -> None:
    if Capacitacion.objects.exists():
        return
    activos = list(JefeManzana.objects.filter(estado=JefeManzana.Estado.ACTIVO).order_by("id"))
    temas = [
        (date(2026, 3, 10), "Uso de SIRC y la Línea 072", "Centro", "Salón de Cabildo"),
        (date(2026, 3, 17), "Protección civil en la manzana", "Norte", "DIF Municipal Norte"),
        (date(2026, 3, 24), "Gestión de peticiones vecinales", "Poniente", "Casa de la Cultura"),
    ]
    for indice, (fecha, tema, zona, sede) in enumerate(temas):
        capacitacion = Capacitacion.objects.create(fecha=fecha, tema=tema, zona=zona, sede=sede)
        capacitacion.cuarteles.set(Cuartel.objects.filter(zona=zona))
        AsistenciaCapacitacion.objects.bulk_create(
            [AsistenciaCapacitacion(capacitacion=capacitacion, jefe=j) for j in activos[indice::4]]
        )
    dia = EventoJefes.objects.create(
        tipo=EventoJefes.Tipo.DIA_JEFE_MANZANA,
        nombre="Celebración del Día del Jefe de Manzana",
        fecha=date(2026, 6, 12),
        sede="Explanada del Palacio Municipal",
    )
    AsistenciaEvento.objects.bulk_create([AsistenciaEvento(evento=dia, jefe=j) for j in activos[::2]])


CLAVE_POR_VERIFICAR = uuid.uuid5(uuid.NAMESPACE_URL, "https://sirc.demo/ciudadano-por-verificar")


def cargar_por_verificar() -> int:
    """One request filed two days ago by `jefe.manzana` for a neighbour who gave a phone that is already
    another demo citizen's: the neighbour is registered apart, «por verificar», for the staff's review screen.
    Idempotent (the capture key is fixed). Returns how many were filed (0 or 1)."""
    from django.utils import timezone

    from peticiones.acciones.captura import OTRA_PERSONA, DatosCiudadano, capturar
    from peticiones.models import Canal

    from .captura_gestor import CLAVE_CANAL

    usuario = get_user_model().objects.filter(username="jefe.manzana").first()
    jefe = getattr(usuario, "jefe_manzana", None)
    dueno = Ciudadano.objects.exclude(telefono="").filter(anonimizado__isnull=True).order_by("pk").first()
    categoria = Categoria.objects.filter(activa=True, direccion__activa=True).order_by("pk").first()
    tipo = TipoPeticion.objects.filter(clave="peticion").first()
    canal = Canal.objects.filter(clave=CLAVE_CANAL).first()
    if None in (jefe, dueno, categoria, tipo, canal):
        return 0
    if Peticion.objects.filter(clave_idempotencia=CLAVE_POR_VERIFICAR).exists():
        return 0
    capturar(
        usuario=usuario,
        ciudadano=DatosCiudadano(
            "Rosalba", "Méndez Cruz", dueno.telefono, colonia=jefe.colonia, acepta_aviso=True, si_ya_existe=OTRA_PERSONA
        ),
        tipo=tipo,
        canal=canal,
        categoria=categoria,
        descripcion="Reporte de un vecino que dio un teléfono ya registrado a nombre de otra persona.",
        colonia=jefe.colonia,
        calle="Calle Arista",
        gestor=jefe,
        fecha_recepcion=timezone.now() - timedelta(days=2),  # taken earlier: no notice is sent
        clave_idempotencia=CLAVE_POR_VERIFICAR,
    )
    return 1
