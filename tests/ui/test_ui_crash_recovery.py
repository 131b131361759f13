"""The window after a crash, a full disk or a file from a newer version: nothing is lost.

- The application, editing and autosaving in its own process, is killed (SIGKILL), once
  right after an autosave and a few times at random moments while it autosaves over and
  over: a new window offers the autosaved work back, as of the last autosave or the one
  under way, and the leftovers of the killed autosave do not pile up.
- A save on a full disk is reported, the window keeps the edits (still unsaved) and the
  file on disk is unchanged; saving again once there is room works.
- A project file from a newer version is refused with its message; the open project stays.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import planner
from planner.inputs import storage
from ui.qt import Qt
from ui.shell.files import FileController
from ui.shell.main_window import MainWindow
from ui.shell.preferences import Preferences
from ui.shell.recovery import Autosaver, leftovers

ROOT = Path(__file__).resolve().parents[2]
EV = ROOT / "samples" / "ev_motors_wind.xlsx"

APP = """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
import planner
from ui.qt import QApplication, QSettings, Qt
app = QApplication([])
from ui.editing.document import Document
from ui.shell.main_window import MainWindow
from ui.shell.preferences import Preferences
from ui.shell.recovery import Autosaver
ev, ini, folder, mode = sys.argv[1:5]
prefs = Preferences(QSettings(ini, QSettings.Format.IniFormat))
window = MainWindow(Document(planner.load(ev), Path(ev)), prefs=prefs,
                    autosaver=Autosaver(Path(folder)))
model = window.materials_page.stock.model
row = next(r for r in range(model.rowCount()) if model.value(r, "item_id") == "M-DY")
column = [c.key for c in model.columns].index("on_hand")
for k in range(1, 100000):
    assert model.setData(model.index(row, column), str(k), Qt.ItemDataRole.EditRole)
    window.files.autosave()  # what the minute timer does
    print(k, flush=True)
    if mode == "once":
        time.sleep(600)
"""


def _run_and_kill(tmp_path: Path, recovery_dir: Path, mode: str, rng: random.Random) -> int:
    """Start the application, let it autosave, kill it; the last autosave it reported."""
    app = subprocess.Popen(
        [sys.executable, "-c", APP, str(EV), str(tmp_path / "app.ini"), str(recovery_dir),
         mode], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        first = app.stdout.readline()  # type: ignore[union-attr]
        assert first.strip() == "1", app.stderr.read()  # type: ignore[union-attr]
        if mode == "loop":
            time.sleep(rng.uniform(0.05, 0.8))
        os.kill(app.pid, signal.SIGKILL)
        out, err = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == -signal.SIGKILL
    assert "Traceback" not in err
    return int([first, *out.split()][-1])


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_autosaved_work_is_offered_back_after_the_application_is_killed(
        tmp_path: Path, prefs: Preferences, recovery_dir: Path, qtbot: object,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FileController, "ask_restore", lambda self, item: True)
    rng = random.Random(11)
    for mode in ("once", "loop", "loop", "loop"):
        last = _run_and_kill(tmp_path, recovery_dir, mode, rng)
        assert len(leftovers(recovery_dir)) == 1
        window = MainWindow(prefs=prefs, autosaver=Autosaver(recovery_dir))
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        assert window.files.offer_recovery()
        on_hand = window.doc.project.stock.set_index("item_id").loc["M-DY", "on_hand"]
        # the last autosave reported, or the one under way when the process died
        assert on_hand in (last, last + 1), (mode, last, on_hand)
        assert window.isWindowModified() and window.doc.path == EV
        # the restored work is autosaved under this session; save it, as a user would
        target = tmp_path / f"restored-{mode}.stockpile"
        window.doc.set_path(target)
        assert window.files.save()
        assert storage.load(target).stock.set_index("item_id").loc["M-DY", "on_hand"] == (
            on_hand)
        assert leftovers(recovery_dir) == []
        window.close()
    # the temporary files of autosaves killed half-way were cleared when recovery was
    # offered; nothing else is left that could be offered again
    debris = sorted(p.name for p in recovery_dir.iterdir())
    assert not [n for n in debris if n.endswith((".json", ".stockpile", ".saving"))], debris


def _edit(window: MainWindow, value: str) -> None:
    model = window.materials_page.stock.model
    row = next(r for r in range(model.rowCount()) if model.value(r, "item_id") == "M-ND")
    j = [c.key for c in model.columns].index("on_hand")
    assert model.setData(model.index(row, j), value, Qt.ItemDataRole.EditRole)


def test_a_save_on_a_full_disk_keeps_the_edits_and_the_file(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.stockpile"
    monkeypatch.setattr(FileController, "ask_save_path", lambda self, *a, **k: target)
    assert window.files.save_as()
    before = target.read_bytes()
    _edit(window, "123456")
    shown: list[str] = []
    monkeypatch.setattr("ui.shell.files.show_error",
                        lambda parent, exc, title="": shown.append(f"{title}: {exc}"))

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "replace", full)
    assert not window.files.save()
    assert shown == ["Not saved: could not save plan.stockpile: the disk is full; the file "
                     "on disk was not changed"]
    assert window.isWindowModified()  # the edit is still there, still unsaved
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".ini") == [
        "plan.stockpile", "recovery"]
    monkeypatch.setattr(os, "replace", os.rename)  # room again
    assert window.files.save()
    assert not window.isWindowModified()
    assert storage.load(target).stock.set_index("item_id").loc["M-ND", "on_hand"] == 123456


def test_a_project_from_a_newer_version_is_refused_and_the_open_one_stays(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        qtbot: object) -> None:
    path = tmp_path / "future.stockpile"
    storage.save(planner.load(EV), path)
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    shown: list[str] = []
    monkeypatch.setattr("ui.shell.files.show_error",
                        lambda parent, exc, title="": shown.append(f"{title}: {exc}"))
    before = window.doc
    window.files.open_path(path)
    qtbot.waitUntil(lambda: window.task is None, timeout=10_000)  # type: ignore[attr-defined]
    assert shown == ["Cannot open future.stockpile: future.stockpile was saved by a newer "
                     "version of Stockpile Planner (project file format 7; this version "
                     "reads up to 5). Update the program to open it."]
    assert window.doc is before
