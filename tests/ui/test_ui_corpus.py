"""The window's import on the whole corpus (tests/data/bad and good): the preview lists
exactly the problems `planner check` prints, Import is disabled for every bad file and
nothing changes; every good file imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ui.qt import QLabel
from ui.shell.files import FileController
from ui.shell.import_dialog import ImportPreview
from ui.shell.main_window import MainWindow

DATA = Path(__file__).resolve().parents[1] / "data"


def _manifest(kind: str) -> dict[str, dict[str, object]]:
    return json.loads((DATA / kind / "expected.json").read_text(encoding="utf-8"))


def _capture(monkeypatch: pytest.MonkeyPatch, accept: bool) -> list[ImportPreview]:
    dialogs: list[ImportPreview] = []

    def preview(self: FileController, path: Path, project, error):  # type: ignore[no-untyped-def]
        dialog = ImportPreview(path, project, error, self.window)
        dialogs.append(dialog)
        monkeypatch.setattr(dialog, "exec", lambda: int(accept))
        return dialog

    monkeypatch.setattr(FileController, "make_import_preview", preview)
    return dialogs


def _import(window: MainWindow, qtbot: object, path: Path) -> None:
    window.files.import_path(path)
    qtbot.waitUntil(lambda: window.task is None, timeout=10_000)  # type: ignore[attr-defined]


def test_every_bad_file_is_previewed_with_its_problems_and_not_imported(
        window: MainWindow, qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file is tried, and every difference shown at once (one file that changed its
    message does not hide the others)."""
    dialogs = _capture(monkeypatch, accept=True)  # even "Import" pressed changes nothing
    before = window.doc.project
    seen, expected = {}, {}
    for name, entry in _manifest("bad").items():
        _import(window, qtbot, DATA / "bad" / name.rstrip("/"))
        dialog = dialogs[-1]
        listed = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
        headline = dialog.findChildren(QLabel)[0].text()
        refusal = headline.partition("cannot be imported: ")[2] if "refused" in entry else ""
        seen[name] = (dialog.import_button.isEnabled(), listed, refusal,
                      window.doc.project is before)
        expected[name] = (False, entry.get("problems", []), entry.get("refused", ""), True)
        dialog.deleteLater()
    assert seen == expected
    assert len(dialogs) == len(_manifest("bad"))
    assert not window.doc.undo_stack.canUndo()


def test_every_good_file_imports(window: MainWindow, qtbot: object,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    dialogs = _capture(monkeypatch, accept=True)
    seen, expected = {}, {}
    for name, entry in _manifest("good").items():
        before = window.doc.project
        _import(window, qtbot, DATA / "good" / name.rstrip("/"))
        dialog = dialogs[-1]
        listed = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
        seen[name] = (dialog.import_button.isEnabled(), listed,
                      window.doc.project is not before, len(window.doc.project.items))
        expected[name] = (True, entry["warnings"], True, 5)
        dialog.deleteLater()
    assert seen == expected
    # qtbot closes the window before the fixture's own clean-up: no prompt to save
    window.doc.undo_stack.setClean()
