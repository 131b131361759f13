"""The engine never imports Qt: every planner module imports, and a report runs, in a Python
where PySide6, pyqtgraph and the ui package cannot be imported at all."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from conftest import BASE

SCRIPT = textwrap.dedent("""
    import importlib
    import importlib.abc
    import json
    import pkgutil
    import sys

    BLOCKED = {"PySide6", "shiboken6", "pyqtgraph", "ui", "PyQt5", "PyQt6", "PySide2",
               "qtpy", "pytestqt"}

    class Blocker(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.partition(".")[0] in BLOCKED:
                raise ImportError(f"{name} is blocked: the engine must not import Qt")
            return None

    sys.meta_path.insert(0, Blocker())
    for name in BLOCKED:
        sys.modules.pop(name, None)
    try:
        import PySide6  # noqa: F401
    except ImportError:
        pass
    else:
        raise SystemExit("the blocker does not block")

    import planner
    modules = sorted(m.name.rpartition(".")[2]
                     for m in pkgutil.walk_packages(planner.__path__, "planner.")
                     if not m.name.endswith("__main__"))  # which would run the command line
    for m in pkgutil.walk_packages(planner.__path__, "planner."):
        if not m.name.endswith("__main__"):
            importlib.import_module(m.name)

    from planner.cli import main
    code = main(["report", sys.argv[1], "--json"])
    leaked = sorted(m for m in sys.modules if m.partition(".")[0] in BLOCKED)
    print(json.dumps({"code": code, "modules": modules, "leaked": leaked}), file=sys.stderr)
""")


def test_the_engine_imports_and_reports_without_qt(make_book: Callable[..., Path],
                                                   tmp_path: Path) -> None:
    path = make_book(copy.deepcopy(BASE))
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(path)], capture_output=True,
                            text=True, timeout=60, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stderr.strip().splitlines()[-1])
    assert status["code"] == 0
    assert status["leaked"] == []
    assert {"cli", "compute", "parsing", "reading", "reports", "storage", "template",
            "validation"} <= set(status["modules"])
    report = json.loads(result.stdout)
    assert [m["item_id"] for m in report["materials"]] == ["M1", "M2", "M3", "M4", "M5"]
