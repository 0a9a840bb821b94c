"""Create SIRC's role groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def crear_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    from peticiones.roles import sincronizar_roles

    sincronizar_roles(apps)


def quitar_roles(apps, schema_editor):
    from peticiones.roles import ROLES

    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("peticiones", "0001_initial"),
        ("jefes_manzana", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(crear_roles, quitar_roles)]
