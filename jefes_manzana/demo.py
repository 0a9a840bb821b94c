"""Demo padrón: a Cuartel with its Jefe de Cuartel and a Jefe de Manzana, linked to the demo logins."""

from django.contrib.auth import get_user_model
from django.db import transaction

from peticiones.models import Colonia

from .models import Cuartel, JefeManzana


@transaction.atomic
def cargar() -> None:
    User = get_user_model()
    centro = Colonia.objects.get(nombre="Centro")
    faros = Colonia.objects.get(nombre="Faros")
    cuartel, _ = Cuartel.objects.get_or_create(numero=1, defaults={"nombre": "Centro Histórico"})
    cuartel.colonias.add(centro, faros)
    jefe_cuartel, _ = JefeManzana.objects.update_or_create(
        curp="CUAR700101HVZRGB09",
        defaults={
            "nombres": "Roberto",
            "apellidos": "Cruz Aguilar",
            "telefono": "2291000001",
            "colonia": centro,
            "manzana": "C-001",
            "cuartel": cuartel,
            "estado": JefeManzana.Estado.ACTIVO,
            "usuario": User.objects.filter(username="jefe.cuartel").first(),
        },
    )
    JefeManzana.objects.update_or_create(
        curp="LOHM800215MVZPRR01",
        defaults={
            "nombres": "María",
            "apellidos": "López Hernández",
            "telefono": "2291000002",
            "colonia": faros,
            "manzana": "F-014",
            "cuartel": cuartel,
            "estado": JefeManzana.Estado.ACTIVO,
            "usuario": User.objects.filter(username="jefe.manzana").first(),
        },
    )
    cuartel.jefe = jefe_cuartel
    cuartel.save(update_fields=["jefe"])
