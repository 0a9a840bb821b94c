"""The house rules of docs/arquitectura.md: no import cycles among the project's modules, and no module
named with a sub-domain suffix (a layer with several sub-domains is a package with one module each)."""

import ast
import re
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
APPS = ("sirc", "peticiones", "jefes_manzana", "indicadores")


def modulos(raiz: Path, paquetes: tuple[str, ...]) -> dict[str, Path]:
    """Dotted name → file of every module of `paquetes` under `raiz` (migrations aside)."""
    encontrados = {}
    for paquete in paquetes:
        for ruta in sorted((raiz / paquete).rglob("*.py")):
            partes = ruta.relative_to(raiz).with_suffix("").parts
            if "migrations" in partes:
                continue
            if partes[-1] == "__init__":
                partes = partes[:-1]
            encontrados[".".join(partes)] = ruta
    return encontrados


def _base_relativa(modulo: str, es_paquete: bool, nivel: int) -> str:
    partes = modulo.split(".") if es_paquete else modulo.split(".")[:-1]
    return ".".join(partes[: len(partes) - (nivel - 1)])


def grafo_de_importaciones(raiz: Path, paquetes: tuple[str, ...]) -> dict[str, set[str]]:
    """Module → project modules it imports, at module level or inside functions (as `ast` sees them)."""
    todos = modulos(raiz, paquetes)
    grafo: dict[str, set[str]] = {m: set() for m in todos}

    def destino(nombre: str) -> str | None:
        while nombre and nombre not in todos:  # `from a.b import Clase`: the module is a.b
            nombre = nombre.rpartition(".")[0]
        return nombre or None

    for modulo, ruta in todos.items():
        es_paquete = ruta.name == "__init__.py"
        for nodo in ast.walk(ast.parse(ruta.read_text(encoding="utf-8"), str(ruta))):
            nombres: list[str] = []
            if isinstance(nodo, ast.Import):
                nombres = [alias.name for alias in nodo.names]
            elif isinstance(nodo, ast.ImportFrom):
                base = nodo.module or ""
                if nodo.level:
                    prefijo = _base_relativa(modulo, es_paquete, nodo.level)
                    base = f"{prefijo}.{base}" if base else prefijo
                # `from paquete import submodulo` imports the submodule; `from modulo import nombre`, the module.
                nombres = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in todos else base for alias in nodo.names]
            for nombre in nombres:
                objetivo = destino(nombre)
                if objetivo and objetivo != modulo:
                    grafo[modulo].add(objetivo)
    return grafo


def ciclos(grafo: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    indice: dict[str, int] = {}
    bajo: dict[str, int] = {}
    pila: list[str] = []
    en_pila: set[str] = set()
    encontrados: list[list[str]] = []
    contador = 0

    def visitar(v: str) -> None:
        nonlocal contador
        indice[v] = bajo[v] = contador
        contador += 1
        pila.append(v)
        en_pila.add(v)
        for w in sorted(grafo.get(v, ())):
            if w not in indice:
                visitar(w)
                bajo[v] = min(bajo[v], bajo[w])
            elif w in en_pila:
                bajo[v] = min(bajo[v], indice[w])
        if bajo[v] == indice[v]:
            componente = []
            while True:
                w = pila.pop()
                en_pila.discard(w)
                componente.append(w)
                if w == v:
                    break
            if len(componente) > 1:
                encontrados.append(sorted(componente))

    for v in sorted(grafo):
        if v not in indice:
            visitar(v)
    return encontrados


def test_no_hay_ciclos_de_importacion_en_el_proyecto():
    grafo = grafo_de_importaciones(RAIZ, APPS)
    assert len(grafo) > 100  # the walk really read the project
    assert "peticiones.importacion" in grafo["peticiones.views.lista"]  # and resolves relative imports
    assert ciclos(grafo) == []


def _escribir(raiz: Path, archivos: dict[str, str]) -> None:
    for nombre, texto in archivos.items():
        ruta = raiz / nombre
        ruta.parent.mkdir(parents=True, exist_ok=True)
        ruta.write_text(texto, encoding="utf-8")


def test_el_detector_encuentra_los_tres_ciclos_que_habia(tmp_path):
    """The three cycles removed by the layout rule, as they were written: each one is found again."""
    _escribir(
        tmp_path,
        {
            "app/__init__.py": "",
            # notificaciones imported the task inside a function; the task module imports notificaciones.
            "app/notificaciones.py": "def programar():\n    from .tasks import enviar_notificacion\n",
            "app/tasks.py": "from . import notificaciones, vencimientos\n",
            "app/vencimientos.py": "from .notificaciones import avisar_usuarios\n",
            # a model that imports the calculations that use it.
            "ind/__init__.py": "",
            "ind/models.py": "class Indicador:\n    def clean(self):\n        from .calculo import CALCULOS\n",
            "ind/calculo.py": "from .models import Indicador\n",
            # a domain module that imports its own task.
            "ind/exportacion.py": "def _enviar():\n    from .tasks import generar_exportacion\n",
            "ind/tasks.py": "from . import exportacion\n",
        },
    )
    encontrados = ciclos(grafo_de_importaciones(tmp_path, ("app", "ind")))
    assert ["app.notificaciones", "app.tasks", "app.vencimientos"] in encontrados
    assert ["ind.calculo", "ind.models"] in encontrados
    assert ["ind.exportacion", "ind.tasks"] in encontrados


SUBDOMINIOS = "seguimiento|turnado|captura|consulta|atencion|publicas"
SUFIJO_DE_SUBDOMINIO = re.compile(rf"^(\w+_({SUBDOMINIOS})|formularios_\w+|urls_\w+)\.py$")


def test_ningun_modulo_lleva_un_subdominio_como_sufijo():
    nombres = [ruta.relative_to(RAIZ).as_posix() for ruta in modulos(RAIZ, APPS).values()]
    assert [n for n in nombres if SUFIJO_DE_SUBDOMINIO.match(Path(n).name)] == []
