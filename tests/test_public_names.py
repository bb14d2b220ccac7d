"""Public names: every name in a public module's ``__all__`` exists; a name another module of the package imports
from a public module (so a caller may too) is in that module's ``__all__``; and every ``proposalnlp.X`` and
``from proposalnlp... import X`` that README.md and the notebooks show resolves."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import json
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest

import proposalnlp

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "proposalnlp"


def _public_modules() -> list[str]:
    names = ["proposalnlp"]
    for info in pkgutil.walk_packages(proposalnlp.__path__, "proposalnlp."):
        if not any(part.startswith("_") for part in info.name.split(".")) and info.name != "proposalnlp.models":
            names.append(info.name)  # proposalnlp.models holds model folders, no code
    return names


def _module(name: str) -> ModuleType:
    if name == "proposalnlp.service":
        pytest.importorskip("fastapi")
    return importlib.import_module(name)


@pytest.mark.parametrize("name", _public_modules())
def test_every_name_in_all_exists(name: str) -> None:
    module = _module(name)
    assert isinstance(getattr(module, "__all__", None), list), f"{name} has no __all__"
    missing = [n for n in module.__all__ if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names what the module lacks: {missing}"


def _is_submodule(package: str, name: str) -> bool:
    try:
        return (
            hasattr(importlib.import_module(package), "__path__")
            and importlib.util.find_spec(f"{package}.{name}") is not None
        )
    except ImportError:
        return False


def _imports_between_modules() -> list[tuple[str, str, str]]:
    """(importing file, module, name) for every ``from <package module> import name`` in the package's code."""
    out = []
    for path in sorted(SRC.rglob("*.py")):
        package = ".".join(("proposalnlp", *path.relative_to(SRC).with_suffix("").parts))
        if path.name != "__init__.py":
            package = package.rpartition(".")[0]
        elif package.endswith(".__init__"):
            package = package.removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level == 0 and not (node.module or "").startswith("proposalnlp"):
                continue
            base = package.split(".")
            base = base[: len(base) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            out += [(str(path.relative_to(ROOT)), module, alias.name) for alias in node.names]
            # from . import answer … answer.covered_terms(…): a name used through its module
            for alias in node.names:
                if _is_submodule(module, alias.name):
                    bound = alias.asname or alias.name
                    out += [
                        (str(path.relative_to(ROOT)), f"{module}.{alias.name}", a.attr)
                        for a in ast.walk(tree)
                        if isinstance(a, ast.Attribute) and isinstance(a.value, ast.Name) and a.value.id == bound
                    ]
    return out


def test_a_name_imported_from_a_public_module_is_in_its_all() -> None:
    public = set(_public_modules()) - {"proposalnlp.service"}  # the service needs the serve extra
    gaps = set()
    for where, module, name in _imports_between_modules():
        if module not in public or name.startswith("_"):
            continue
        owner = importlib.import_module(module)
        value = getattr(owner, name, None)
        if isinstance(value, ModuleType) or getattr(value, "__module__", module) != module:
            continue  # a submodule, or a name the module itself imported from elsewhere
        if name not in owner.__all__:
            gaps.add(f"{module}.{name} (imported by {where})")
    assert not gaps, sorted(gaps)


def _shown_code() -> dict[str, str]:
    """README.md's text and each notebook's code cells."""
    texts = {"README.md": (ROOT / "README.md").read_text(encoding="utf-8")}
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        texts[nb.name] = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return texts


_FROM_IMPORT = re.compile(r"^\s*from (proposalnlp[\w.]*) import (\([^)]*\)|[^\n#]+)", re.M)
#: proposalnlp.a.b as code shows it (not a file or format name: proposalnlp.answer-model, proposalnlp-0.1.0)
_DOTTED = re.compile(r"(?<![\w/-])(proposalnlp(?:\.[A-Za-z_]\w*)+)(?![\w-])")


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for attr in parts[i:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


@pytest.mark.parametrize("source", list(_shown_code()))
def test_every_name_the_docs_show_resolves(source: str) -> None:
    text = _shown_code()[source]
    wanted = set()
    for m in _FROM_IMPORT.finditer(text):
        for item in m.group(2).strip("() \n").split(","):
            name = item.split(" as ")[0].strip()
            if name:
                wanted.add(f"{m.group(1)}.{name}")
    wanted |= set(_DOTTED.findall(text))
    assert wanted, f"{source} shows no proposalnlp name: the scan is broken"
    unresolved = sorted(w for w in wanted if not _resolves(w))
    assert not unresolved, unresolved
