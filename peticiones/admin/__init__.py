"""Django admin of peticiones: one module per sub-domain, as models/ (imported here for admin autodiscovery)."""

from . import catalogos, notificacion, open311, peticion, privacidad, seguimiento, tramites, usuarios  # noqa: F401
