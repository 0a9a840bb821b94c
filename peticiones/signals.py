from typing import Any

from .roles import sincronizar_roles


def sincronizar_roles_tras_migrar(sender: Any, **kwargs: Any) -> None:
    """Keep role groups and their permissions in step with the code after every migrate."""
    sincronizar_roles()
