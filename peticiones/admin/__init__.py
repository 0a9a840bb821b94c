"""Django admin of peticiones: one module per sub-domain, as models/ (imported here for admin autodiscovery)."""

from . import catalogos, notificacion, peticion, privacidad, seguimiento, usuarios  # noqa: F401
