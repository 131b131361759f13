"""Qt only through ui/qt.py: every module of planner/ and ui/ is read as source and its imports
are checked, including imports inside functions and under ``TYPE_CHECKING``.

import-linter (``[tool.importlinter]`` in pyproject.toml, run by ``make test``) checks the
layers and names the ui subpackages it watches; this check covers every file, so that a new
module or subpackage cannot bring PySide6 in beside ui.qt unnoticed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QT_MODULE = Path("ui/qt.py")
QT = {"PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2", "qtpy"}
QT_VIA_PYQTGRAPH = "pyqtgraph.Qt"  # pyqtgraph's own re-export of the binding: a side door


def imported_modules(source: str, filename: str = "<source>") -> list[tuple[int, str]]:
    """(line, module) of every import in ``source``, including importlib.import_module("x")
    and __import__("x") with a literal name; ``from a import b`` yields ``a`` and ``a.b``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and (name := _imported_by_name(node)):
            found.append((node.lineno, name))
    return found


def _imported_by_name(call: ast.Call) -> str | None:
    """x in importlib.import_module("x") or __import__("x"), with a literal name."""
    func = call.func
    named = ((isinstance(func, ast.Name) and func.id == "__import__")
             or (isinstance(func, ast.Attribute) and func.attr == "import_module"))
    first = call.args[0] if call.args else None
    if named and isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


def qt_imports(source: str, filename: str = "<source>") -> list[str]:
    """Imports of a Qt binding in ``source``, as ``line: module``."""
    return [f"{line}: {name}" for line, name in imported_modules(source, filename)
            if name.partition(".")[0] in QT or name == QT_VIA_PYQTGRAPH
            or name.startswith(QT_VIA_PYQTGRAPH + ".")]


def modules(top: str) -> list[Path]:
    found = sorted(p.relative_to(ROOT) for p in (ROOT / top).rglob("*.py"))
    assert found, f"no modules under {top}/"
    return found


@pytest.mark.parametrize("path", modules("ui") + modules("planner"), ids=str)
def test_only_ui_qt_imports_qt(path: Path) -> None:
    if path == QT_MODULE:
        return
    found = qt_imports((ROOT / path).read_text(encoding="utf-8"), str(path))
    assert not found, f"{path} imports Qt directly; import the names from ui.qt: {found}"


@pytest.mark.parametrize("path", modules("planner"), ids=str)
def test_the_engine_imports_no_ui_and_no_charts(path: Path) -> None:
    found = [f"{line}: {name}" for line, name in
             imported_modules((ROOT / path).read_text(encoding="utf-8"), str(path))
             if name.partition(".")[0] in {"ui", "pyqtgraph"}]
    assert not found, f"{path}: the engine must not import the window or its charts: {found}"


def test_ui_qt_is_where_qt_comes_from() -> None:
    assert qt_imports((ROOT / QT_MODULE).read_text(encoding="utf-8")), \
        "ui/qt.py imports no Qt binding: the boundary above checks nothing"


@pytest.mark.parametrize("source", [
    "import PySide6",
    "from PySide6.QtCore import Qt",
    "import shiboken6 as sb",
    "def f():\n    from PySide6 import QtGui\n",
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from PySide6.QtWidgets import X\n",
    "from pyqtgraph.Qt import QtCore",
    "from pyqtgraph import Qt",
    "import importlib\nimportlib.import_module('PySide6.QtCore')",
    "__import__('shiboken6')",
])
def test_the_check_finds_each_way_of_importing_qt(source: str) -> None:
    assert qt_imports(source)


@pytest.mark.parametrize("source", [
    "import pyqtgraph as pg",
    "from pyqtgraph import PlotWidget",
    "from ui.qt import QWidget",
    "from . import qt",
    "text = 'PySide6'",
])
def test_the_check_leaves_other_imports_alone(source: str) -> None:
    assert not qt_imports(source)
