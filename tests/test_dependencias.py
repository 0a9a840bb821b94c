"""Reproducible installs: requirements/lock.txt pins every dependency of pyproject.toml with hashes.

`make install` (hence `make run`, `make test` and `.ci/run`) installs from the lock with --require-hashes, and the
Dockerfile from requirements/produccion.txt. When pyproject.toml changes without `make lock`, these tests say so.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

RAIZ = Path(__file__).resolve().parent.parent


def _fijadas(archivo: str) -> dict[str, tuple[str, str]]:
    """{normalized name: (version, the whole entry)} of a uv/pip-compile file."""
    texto = (RAIZ / "requirements" / archivo).read_text()
    entradas = re.split(r"\n(?=[A-Za-z0-9])", texto)
    fijadas = {}
    for entrada in entradas:
        encontrada = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", entrada)
        if encontrada:
            fijadas[canonicalize_name(encontrada[1])] = (encontrada[2], entrada)
    return fijadas


def _declaradas(con_dev: bool) -> list[Requirement]:
    proyecto = tomllib.loads((RAIZ / "pyproject.toml").read_text())["project"]
    lineas = list(proyecto["dependencies"])
    if con_dev:
        lineas += proyecto["optional-dependencies"]["dev"]
    return [Requirement(linea) for linea in lineas]


@pytest.mark.parametrize(("archivo", "con_dev"), [("lock.txt", True), ("produccion.txt", False)])
def test_cada_dependencia_declarada_esta_fijada_en_el_lock_con_una_version_que_cumple(archivo, con_dev):
    fijadas = _fijadas(archivo)
    faltan, fuera = [], []
    for requisito in _declaradas(con_dev):
        nombre = canonicalize_name(requisito.name)
        if nombre not in fijadas:
            faltan.append(requisito.name)
        elif not requisito.specifier.contains(fijadas[nombre][0], prereleases=True):
            fuera.append(f"{requisito.name}=={fijadas[nombre][0]} (pyproject pide {requisito.specifier})")
    assert not faltan, f"requirements/{archivo} no fija {', '.join(faltan)}: corra `make lock`"
    assert not fuera, f"requirements/{archivo} no cumple pyproject.toml: {'; '.join(fuera)}. Corra `make lock`"


@pytest.mark.parametrize("archivo", ["lock.txt", "produccion.txt"])
def test_cada_paquete_del_lock_lleva_hash(archivo):
    sin_hash = [nombre for nombre, (_, entrada) in _fijadas(archivo).items() if "--hash=sha256:" not in entrada]
    assert _fijadas(archivo), f"requirements/{archivo} está vacío"
    assert not sin_hash, f"sin hash en requirements/{archivo}: {sin_hash}"


def test_el_lock_de_produccion_tiene_las_mismas_versiones_que_el_de_desarrollo():
    desarrollo = _fijadas("lock.txt")
    distintas = [
        f"{nombre}: {version} ≠ {desarrollo.get(nombre, ('ausente',))[0]}"
        for nombre, (version, _) in _fijadas("produccion.txt").items()
        if desarrollo.get(nombre, ("",))[0] != version
    ]
    assert not distintas, f"produccion.txt y lock.txt difieren: {distintas}. Corra `make lock`"


def test_make_install_y_docker_instalan_del_lock_con_hashes():
    makefile = (RAIZ / "Makefile").read_text()
    assert "LOCK := requirements/lock.txt" in makefile
    assert "pip install --quiet --require-hashes -r $(LOCK)" in makefile
    assert "pip install --quiet --no-deps -e ." in makefile
    assert re.search(r"^lock:", makefile, re.MULTILINE)
    assert "make install" in (RAIZ / ".ci" / "run").read_text()
    assert "pip install --require-hashes -r requirements/produccion.txt" in (RAIZ / "Dockerfile").read_text()
