"""Shared set-up for bench scripts: Django, and a throwaway database (test_<name>) created and dropped.

Run a bench with `make bench` (all) or `.venv/bin/python bench/NAME.py`; it uses DATABASE_URL (PostgreSQL
for figures worth writing down) and never touches the data in that database.
"""

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sirc.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from django.test.utils import setup_databases, teardown_databases  # noqa: E402


@contextmanager
def base_desechable() -> Iterator[None]:
    """Create test_<name> (migrated, roles synced), yield, drop it."""
    configuracion = setup_databases(verbosity=0, interactive=False)
    try:
        yield
    finally:
        teardown_databases(configuracion, verbosity=0)


def medir(funcion: Callable[[], object], veces: int = 20) -> float:
    """Median wall time of `funcion()` in milliseconds, after one warm-up call."""
    funcion()
    tiempos = []
    for _ in range(veces):
        inicio = time.perf_counter()
        funcion()
        tiempos.append((time.perf_counter() - inicio) * 1000)
    return median(tiempos)
