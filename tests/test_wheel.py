"""The package as a user gets it: built into a wheel, installed into a fresh environment.

The editable install the other tests use reads files straight from the checkout, so it
cannot tell whether the wheel forgot a package, the presets or the style sheet, or whether
the code finds its data by a path that only exists in the source tree. Here the sdist and
the wheel are built from a copy of the tree, the wheel is installed (dependencies from the
package index) into a new virtual environment outside the tree, and the installed
commands run from a folder outside the tree.

Slow by nature (half a minute with a warm pip cache), so it is one test that builds and
installs once and runs each check as a subtest: several tests sharing a module fixture
would each build again on the other xdist worker.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import textwrap
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import planner

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "ev_motors_wind.xlsx"
PACKAGE_DATA = ("planner/resources/scenarios.json", "planner/resources/style.qss",
                "planner/resources/icons/app.svg", "planner/resources/docs/definitions.md",
                "planner/resources/docs/definitions.ja.md",
                "planner/resources/samples/ev_motors_wind.xlsx",
                "planner/resources/samples/motors_actuators_ja.xlsx",
                "planner/resources/locale/ja/LC_MESSAGES/planner.mo",
                "planner/resources/translations/stockpile_planner_ja.qm",
                "planner/resources/samples/semiconductor_equipment.xlsx",
                "planner/resources/usgs/MCS2026_Commodities_Data.csv.gz",
                "planner/resources/usgs/README.md", "planner/resources/mapping.schema.json")
# what a copy of the tree for building leaves out: environments, caches, build output
NOT_SOURCE_TOP = {".git", ".venv", "venv", "build", "dist", "out", ".hypothesis"}
NOT_SOURCE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".*cache")


def _not_source(folder: str, names: list[str]) -> set[str]:
    top = NOT_SOURCE_TOP if Path(folder) == ROOT else set()
    return set(NOT_SOURCE(folder, names)) | (top & set(names))


assert shutil.which("pdftotext"), "poppler-utils is needed (.ci/run installs it)"


@dataclass(frozen=True)
class Installed:
    source: Path  # the copy of the tree the distributions were built from
    wheel: Path
    sdist: Path
    venv: Path
    run_dir: Path  # an empty working folder outside the tree
    sample: Path  # a copy of the sample project in run_dir
    env: dict[str, str]  # no display, home and settings in the temporary folder

    @property
    def bin(self) -> Path:
        return self.venv / ("Scripts" if os.name == "nt" else "bin")

    def run(self, *args: str | Path, extra_env: dict[str, str] | None = None,
            timeout: float = 180) -> subprocess.CompletedProcess[str]:
        """Run an installed command (a name in the environment's bin) in run_dir."""
        command = [str(self.bin / str(args[0])), *map(str, args[1:])]
        return subprocess.run(command, cwd=self.run_dir, env={**self.env, **(extra_env or {})},
                              capture_output=True, text=True, timeout=timeout, check=False)


def _clean_env() -> dict[str, str]:
    """This process's environment without anything that would reach into the checkout."""
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP", "PYTHONSAFEPATH"}
    return {k: v for k, v in os.environ.items() if k not in drop}


def _check(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture
def installed(tmp_path: Path) -> Iterator[Installed]:
    assert not tmp_path.resolve().is_relative_to(ROOT), "the temporary folder is in the tree"
    source, dist, venv = tmp_path / "source", tmp_path / "dist", tmp_path / "venv"
    # build from a copy: the build writes egg-info next to the sources, and a copy
    # leaves the checkout (and whoever else builds from it) alone
    shutil.copytree(ROOT, source, ignore=_not_source)
    env = _clean_env()
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    _check(subprocess.run([sys.executable, "-m", "build", "--outdir", str(dist), str(source)],
                          capture_output=True, text=True, env=env, timeout=600, check=False))
    wheel, = dist.glob("*.whl")
    sdist, = dist.glob("*.tar.gz")

    # no pip inside the new environment: this process's pip installs into it (--python),
    # reusing its cache, and --no-compile skips writing bytecode for pandas, scipy and Qt
    _check(subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)],
                          capture_output=True, text=True, timeout=120, check=False))
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    _check(subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                           "--quiet", "--no-compile", str(wheel)],
                          capture_output=True, text=True, env=env, timeout=900, check=False))

    run_dir, home = tmp_path / "run", tmp_path / "home"
    run_dir.mkdir()
    home.mkdir()
    sample = Path(shutil.copy2(SAMPLE, run_dir / SAMPLE.name))
    app_env = {k: v for k, v in env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY",
                                                            "QT_QPA_PLATFORM")}
    # preferences, recovery files and font caches go to the temporary home, not the user's
    app_env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                   XDG_DATA_HOME=str(home / ".local/share"),
                   XDG_CACHE_HOME=str(home / ".cache"), XDG_RUNTIME_DIR=str(home / "run"))
    (home / "run").mkdir(mode=0o700)
    yield Installed(source, wheel, sdist, venv, run_dir, sample, app_env)
    # half a gigabyte (Qt); pytest keeps its last three temporary folders otherwise
    shutil.rmtree(venv, ignore_errors=True)


def check_the_wheel_holds_the_package_data_and_every_module_but_no_tests(
        installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
        entry_points = next(wheel.read(n).decode() for n in names
                            if n.endswith(".dist-info/entry_points.txt"))
    for name in PACKAGE_DATA:
        assert name in names, f"{name} is not in the wheel"
    # a subpackage missing from pyproject.toml's package list is silently left out
    modules = {p.relative_to(installed.source).as_posix()
               for top in ("planner", "ui") for p in (installed.source / top).rglob("*.py")}
    assert modules, "no modules found in the source copy"
    assert not modules - names, f"modules missing from the wheel: {sorted(modules - names)}"
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"planner", "ui"}, f"unexpected top-level entries in the wheel: {tops}"
    assert not [n for n in names if n.endswith((".xlsx", ".csv", ".pyc", ".stockpile"))
                and not n.startswith("planner/resources/samples/")]  # the samples, no more
    assert "planner = planner.cli:main" in entry_points
    assert "stockpile-planner = ui.shell.app:main" in entry_points


def check_the_sdist_builds_the_wheel(installed: Installed) -> None:
    # `python -m build` makes the wheel from the sdist: that it exists proves the sdist
    # carries what a build needs; check the data travels in the sdist under resources/
    with tarfile.open(installed.sdist) as sdist:
        names = {n.partition("/")[2] for n in sdist.getnames()}
    assert {"pyproject.toml", "README.md", "resources/scenarios.json", "resources/style.qss",
            "resources/icons/app.svg", "planner/cli.py"} <= names


def check_the_installed_copy_runs_not_the_checkout(installed: Installed) -> None:
    code = ("import planner, ui; from planner.core.resources import resource; "
            "print(planner.__file__); print(ui.__file__); print(resource('scenarios.json'))")
    out = _check(installed.run("python", "-c", code)).stdout.split()
    assert len(out) == 3
    site = installed.venv.resolve()
    for path in map(Path, out):
        assert path.resolve().is_relative_to(site), f"{path} is not the installed copy"
        assert not path.resolve().is_relative_to(ROOT.resolve())
    assert Path(out[2]).name == "scenarios.json"
    for script in ("planner", "stockpile-planner"):
        assert (installed.bin / script).is_file(), f"the wheel installs no {script} command"


def check_version_comes_from_the_package_metadata(installed: Installed) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    result = _check(installed.run("planner", "--version"))
    assert result.stdout.strip() == f"planner {version}"


def check_planner_check_reads_the_sample(installed: Installed) -> None:
    result = _check(installed.run("planner", "check", installed.sample))
    items = len(planner.load(SAMPLE).tables["Items"])
    assert result.stdout.startswith(f"{SAMPLE.name}: valid ({items:,} items")


def check_presets_are_read_from_the_installed_package(installed: Installed) -> None:
    result = _check(installed.run("planner", "scenario", installed.sample, "--list-presets",
                                  "--json"))
    listed = [p["id"] for p in json.loads(result.stdout)]
    bundled = json.loads((ROOT / "resources" / "scenarios.json").read_text("utf-8"))
    assert listed == [p["id"] for p in bundled["presets"]]
    assert len(listed) >= 1
    table = _check(installed.run("planner", "scenario", installed.sample,
                                 "--list-presets")).stdout
    for preset in listed:
        assert preset in table


def check_summary_writes_a_pdf_without_a_display(installed: Installed) -> None:
    out = installed.run_dir / "out.pdf"
    result = _check(installed.run("planner", "summary", installed.sample, "-o", "out.pdf"))
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("wrote out.pdf (")
    assert out.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout
    project = planner.load(SAMPLE)
    assert project.settings.company in text
    assert "Page 1 of" in text


WINDOW = textwrap.dedent("""
    # the desktop application's own entry point, stopped once the window has drawn itself
    import json
    import sys

    import planner
    import ui
    from ui.shell import app as shell
    from ui.qt import QApplication, QTimer

    qapp = shell.create_application([sys.argv[0]])
    seen = {}

    def inspect():
        windows = [w for w in QApplication.topLevelWidgets()
                   if type(w).__name__ == "MainWindow" and w.isVisible()]
        seen["titles"] = [w.windowTitle() for w in windows]
        seen["drawn"] = [not w.grab().isNull() for w in windows]
        for w in windows:
            w.close()
        QApplication.quit()

    QTimer.singleShot(500, inspect)
    code = shell.main([sys.argv[0], sys.argv[1]])
    print(json.dumps({"code": code, "planner": planner.__file__, "ui": ui.__file__, **seen}))
""")


def check_the_window_opens_the_sample_offscreen(installed: Installed) -> None:
    script = installed.run_dir / "window.py"
    script.write_text(WINDOW, encoding="utf-8")
    result = _check(installed.run("python", script.name, installed.sample.name,
                                  extra_env={"QT_QPA_PLATFORM": "offscreen"}))
    assert "Traceback" not in result.stderr, result.stderr
    status = json.loads(result.stdout.strip().splitlines()[-1])
    assert status["code"] == 0
    assert len(status["titles"]) == 1 and SAMPLE.name in status["titles"][0]
    assert status["drawn"] == [True]
    for module in ("planner", "ui"):
        assert Path(status[module]).resolve().is_relative_to(installed.venv.resolve())


CHECKS = (check_the_wheel_holds_the_package_data_and_every_module_but_no_tests,
          check_the_sdist_builds_the_wheel, check_the_installed_copy_runs_not_the_checkout,
          check_version_comes_from_the_package_metadata, check_planner_check_reads_the_sample,
          check_presets_are_read_from_the_installed_package,
          check_summary_writes_a_pdf_without_a_display, check_the_window_opens_the_sample_offscreen)


def test_the_wheel_installs_and_runs_outside_the_tree(installed: Installed,
                                                       subtests: pytest.Subtests) -> None:
    for check in CHECKS:
        with subtests.test(check.__name__.removeprefix("check_")):
            check(installed)
