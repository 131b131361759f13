"""The typing ratchet: the modules mypy lets off only ever become fewer.

pyproject.toml checks ``planner`` with mypy's strict flags and ``ui`` without requiring
annotations. Modules not yet clean by their package's standard are listed in the two
``RATCHET`` overrides there (``ignore_errors``), so that ``make test`` passes while they are
being fixed. This test runs mypy once with those two overrides removed and fails when

- a module outside the lists has errors (fix it: the lists do not take newcomers),
- a listed module has none (it is clean, or gone: take it off the list in pyproject.toml
  and off BASELINE below),
- a list differs from BASELINE: a module was added (not allowed), or removed from one
  place and not the other.

BASELINE is the ratchet's memory; shorten it together with pyproject.toml, never lengthen it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("planner", "ui")

BASELINE: dict[str, frozenset[str]] = {
    "planner": frozenset({
        "planner.analysis.compute",
        "planner.cli",
        "planner.inputs.parsing",
        "planner.inputs.reading",
        "planner.inputs.schema",
        "planner.inputs.validation",
        "planner.outputs.plan_workbook",
        "planner.outputs.summary",
    }),
    "ui": frozenset({
        "ui.editing.table_page",
        "ui.pages.dashboard",
        "ui.pages.plan_page",
        "ui.pages.scenario_page",
        "ui.pages.tables",
        "ui.shell.app",
        "ui.shell.main_window",
        "ui.shell.preferences",
    }),
}

ERROR = re.compile(r"^(?P<path>[^:\s]+\.pyi?):\d+(?::\d+)?: error: ")


def mypy_config() -> dict[str, Any]:
    config: dict[str, Any] = tomllib.loads(
        (ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    return config


def _is_ratchet(override: dict[str, Any]) -> bool:
    return bool(override.get("ignore_errors"))


def _modules(override: dict[str, Any]) -> list[str]:
    module = override["module"]
    return [module] if isinstance(module, str) else list(module)


def ratchet_lists() -> dict[str, set[str]]:
    """The modules let off in pyproject.toml, by package."""
    lists: dict[str, set[str]] = {p: set() for p in PACKAGES}
    for override in mypy_config().get("overrides", []):
        if _is_ratchet(override):
            for module in _modules(override):
                assert "*" not in module, f"{module}: the ratchet lists modules one by one"
                lists[module.split(".")[0]].add(module)
    return lists


def _ini_value(value: object) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def config_without_ratchet() -> str:
    """pyproject.toml's mypy settings as a mypy.ini, the RATCHET overrides left out."""
    config = mypy_config()
    lines = ["[mypy]"] + [f"{k} = {_ini_value(v)}" for k, v in config.items()
                          if k not in ("overrides", "files")]
    for override in config.get("overrides", []):
        if not _is_ratchet(override):
            lines.append(f"[mypy-{','.join(_modules(override))}]")
            lines += [f"{k} = {_ini_value(v)}" for k, v in override.items() if k != "module"]
    return "\n".join(lines) + "\n"


def module_name(path: str) -> str:
    parts = list(Path(path).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@pytest.fixture(scope="module")
def errors_by_module(tmp_path_factory: pytest.TempPathFactory) -> Counter[str]:
    """mypy's error count per module of planner and ui, with nothing let off."""
    ini = tmp_path_factory.mktemp("mypy") / "mypy.ini"
    ini.write_text(config_without_ratchet(), encoding="utf-8")
    # a cache of its own: the options differ from `make test`'s run, so sharing would
    # make each run recheck everything for the other
    run = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(ini),
                          "--cache-dir", str(ROOT / ".mypy_cache" / "ratchet"),
                          "--no-pretty", "--no-error-summary", *PACKAGES],
                         cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode in (0, 1), f"mypy did not run:\n{run.stdout}\n{run.stderr}"
    counts: Counter[str] = Counter()
    for line in run.stdout.splitlines():
        if m := ERROR.match(line):
            counts[module_name(m["path"])] += 1
    assert run.returncode == 0 or counts, f"mypy failed without errors:\n{run.stdout}"
    return counts


def test_the_lists_only_shrink() -> None:
    lists = ratchet_lists()
    for package in PACKAGES:
        added = sorted(lists[package] - BASELINE[package])
        assert not added, (f"{added} joined the {package} typing ratchet in pyproject.toml: "
                           "fix their type errors instead; the list only shrinks")
        removed = sorted(BASELINE[package] - lists[package])
        assert not removed, (f"{removed} left the {package} ratchet in pyproject.toml: take "
                             "them off BASELINE in tests/test_typing.py too")


def test_modules_outside_the_lists_are_clean(errors_by_module: Counter[str]) -> None:
    listed = set().union(*ratchet_lists().values())
    dirty = {m: n for m, n in errors_by_module.items()
             if m not in listed and m.split(".")[0] in PACKAGES}
    assert not dirty, f"type errors (run mypy) in modules that must be clean: {dirty}"


@pytest.mark.parametrize("package", PACKAGES)
def test_listed_modules_still_have_errors(package: str,
                                          errors_by_module: Counter[str]) -> None:
    clean = sorted(m for m in ratchet_lists()[package] if not errors_by_module[m])
    assert not clean, (f"{clean} pass mypy now (or are gone): take them off the RATCHET "
                       f"{package} list in pyproject.toml and off BASELINE in "
                       "tests/test_typing.py")


def test_the_ratchet_runs_mypy_for_real(tmp_path: Path) -> None:
    """The derived configuration keeps strictness: a missing annotation in the engine is
    an error, and the same in the window is not."""
    text = config_without_ratchet()
    assert "strict = True" in text and "ignore_errors" not in text
    for package in PACKAGES:
        folder = tmp_path / package
        folder.mkdir()
        (folder / "__init__.py").write_text("")
        (folder / "probe.py").write_text("def f(x):\n    return x\n")
    ini = tmp_path / "mypy.ini"
    ini.write_text(text, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(ini),
                          "--no-incremental", "--no-error-summary", *PACKAGES],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         check=False)
    errors = Counter(module_name(m["path"]) for line in run.stdout.splitlines()
                     if (m := ERROR.match(line)))
    assert errors == Counter({"planner.probe": 1}), run.stdout
