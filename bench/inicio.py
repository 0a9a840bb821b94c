"""Bench: the home page figures (`cifras_de_inicio`) over a year of requests (~37,000), per role.

Target: each role's figures in under 100 ms on PostgreSQL (one aggregate query over `visibles_para`).
"""

import random
from datetime import timedelta

from _base import base_desechable, medir
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

from jefes_manzana.models import JefeManzana
from peticiones import demo, roles
from peticiones.models import Canal, Categoria, Colonia, Peticion, TipoPeticion
from peticiones.resumen import cifras_de_inicio

PETICIONES = 37_000
OBJETIVO_MS = 100


def poblar() -> dict[str, object]:
    demo.cargar_catalogos()
    User = get_user_model()
    usuarios = {}
    for rol in (roles.OPERADOR, roles.ENLACE, roles.SUPERVISOR, roles.DIRECTOR, roles.JEFE_MANZANA):
        usuario = User.objects.create(username=f"bench-{rol[:8]}")
        usuario.groups.add(Group.objects.get(name=rol))
        usuarios[rol] = usuario
    categorias = list(Categoria.objects.select_related("direccion"))
    categorias[0].direccion.enlaces.add(usuarios[roles.ENLACE])
    colonias = list(Colonia.objects.all())
    jefe = JefeManzana.objects.create(
        nombres="Bench",
        apellidos="Jefe",
        curp="BENC800101HVZRRR01",
        colonia=colonias[0],
        manzana="B-1",
        usuario=usuarios[roles.JEFE_MANZANA],
    )
    canal, tipo = Canal.objects.first(), TipoPeticion.objects.first()
    azar = random.Random(2026)
    ahora = timezone.now()
    estados = [e for e, _ in Peticion.Estado.choices]
    filas = []
    for n in range(1, PETICIONES + 1):
        categoria = azar.choice(categorias)
        recepcion = ahora - timedelta(minutes=azar.randrange(365 * 24 * 60))
        filas.append(
            Peticion(
                anio=2026,
                numero=n,
                folio=f"2026-{n:06d}",
                tipo=tipo,
                canal=canal,
                categoria=categoria,
                direccion=categoria.direccion,
                descripcion="Bench",
                colonia=azar.choice(colonias),
                capturada_por=usuarios[roles.OPERADOR],
                estado=azar.choices(estados, weights=[2, 3, 2, 2, 20, 1, 1, 1])[0],
                fecha_recepcion=recepcion,
                fecha_limite=recepcion + timedelta(hours=categoria.plazo_horas),
                gestor=jefe if n % 50 == 0 else None,
            )
        )
    Peticion.objects.bulk_create(filas, batch_size=2000)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    return usuarios


def main() -> None:
    with base_desechable():
        usuarios = poblar()
        print(f"{Peticion.objects.count()} peticiones en {connection.vendor}; objetivo < {OBJETIVO_MS} ms por rol")
        peor = 0.0
        for rol, usuario in usuarios.items():
            usuario = get_user_model().objects.get(pk=usuario.pk)
            ms = medir(lambda u=usuario: cifras_de_inicio(u))
            peor = max(peor, ms)
            print(f"  {rol:<35} {ms:7.1f} ms (mediana de 20)")
        if peor > OBJETIVO_MS:
            raise SystemExit(f"cifras_de_inicio tarda {peor:.1f} ms, más que el objetivo de {OBJETIVO_MS} ms")


if __name__ == "__main__":
    main()
