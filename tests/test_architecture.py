"""The package's layout rules (issue 11): each stage in its own module, imports that flow one way.

- No module imports a private (underscore) name of another module, and none reaches into another module's
  private attributes through an imported module (``features._x``); private *modules* (``_inputs``,
  ``_parallel``, ``_parser``) are fine to import, their names are public within the package.
- Nothing inside the package imports the package face (``proposalnlp/__init__.py``).
- Nothing in the wheel reads the repository's folders or the shared corpus: those loaders live in devtools/.
- The runtime model never imports saving/loading or training (folder imports model, never the reverse).
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "proposalnlp"
MODULES = sorted(p for p in SRC.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def resolve(path: Path, node: ast.ImportFrom) -> str:
    """The absolute module an ImportFrom names."""
    if node.level == 0:
        return node.module or ""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def is_module(name: str) -> bool:
    rel = Path(*name.split(".")[1:]) if "." in name else Path()
    return (SRC / rel).with_suffix(".py").is_file() or (SRC / rel / "__init__.py").is_file()


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def imports(path: Path) -> list[tuple[str, str, int]]:
    """(module, imported name, line) of every ``from X import name`` of the package inside ``path``."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            target = resolve(path, node)
            if target == "proposalnlp" or target.startswith("proposalnlp."):
                out.extend((target, alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.Import):
            out.extend((alias.name, "", node.lineno) for alias in node.names if alias.name.startswith("proposalnlp"))
    return out


def test_the_rules_can_fail() -> None:
    """The checks below see imports: the package has some, and a private name is recognised as one."""
    assert sum(len(imports(p)) for p in MODULES) > 20
    assert private("_fold") and not private("__version__") and not private("parse")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_private_names_of_other_modules(path: Path) -> None:
    bad = []
    for target, name, line in imports(path):
        if name and private(name) and not is_module(f"{target}.{name}"):
            bad.append(f"line {line}: from {target} import {name}")
    assert not bad, f"{path.name} imports private names of other modules: {bad}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_nothing_imports_the_package_face(path: Path) -> None:
    if path == SRC / "__init__.py":
        return
    bad = [
        f"line {line}: from proposalnlp import {name}"
        for target, name, line in imports(path)
        if target == "proposalnlp" and not (name and is_module(f"proposalnlp.{name}"))
    ]
    assert not bad, f"{path.name} imports the package face: {bad}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_private_attributes_of_imported_modules(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = resolve(path, node)
            for alias in node.names:
                if target.startswith("proposalnlp") and is_module(f"{target}.{alias.name}"):
                    modules.add(alias.asname or alias.name)
    bad = [
        f"line {node.lineno}: {node.value.id}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in modules
        and private(node.attr)
    ]
    assert not bad, f"{path.name} reaches into private attributes of other modules: {bad}"


def test_runtime_model_imports_neither_folder_nor_training() -> None:
    names = {target for target, _, _ in imports(SRC / "themes" / "model.py")}
    assert not names & {"proposalnlp.themes.folder", "proposalnlp.themes.train", "proposalnlp.themes.api"}


def test_the_wheel_holds_no_development_loaders() -> None:
    for gone in ("proposalnlp.corpus", "proposalnlp.shared", "proposalnlp.evaluation", "proposalnlp.modelio"):
        with pytest.raises(ImportError):
            importlib.import_module(gone)
    for path in MODULES:
        text = path.read_text(encoding="utf-8")
        assert "PROPOSALNLP_SHARED" not in text and '"shared"' not in text, f"{path} looks for the shared corpus"
        assert "parents[2]" not in text and "parents[3]" not in text, f"{path} reads the repository's folders"
