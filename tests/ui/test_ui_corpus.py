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
    dialogs = _capture(monkeypatch, accept=True)  # even "Import" pressed changes nothing
    before = window.doc.project
    for name, entry in _manifest("bad").items():
        _import(window, qtbot, DATA / "bad" / name.rstrip("/"))
        dialog = dialogs[-1]
        assert not dialog.import_button.isEnabled(), name
        listed = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
        if "refused" in entry:
            assert listed == [], name
            headline = dialog.findChildren(QLabel)[0].text()
            assert headline.endswith(f"cannot be imported: {entry['refused']}"), name
        else:
            assert listed == entry["problems"], name
        assert window.doc.project is before, name
        dialog.deleteLater()
    assert len(dialogs) == len(_manifest("bad"))
    assert not window.doc.undo_stack.canUndo()


def test_every_good_file_imports(window: MainWindow, qtbot: object,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    dialogs = _capture(monkeypatch, accept=True)
    for name, entry in _manifest("good").items():
        before = window.doc.project
        _import(window, qtbot, DATA / "good" / name.rstrip("/"))
        dialog = dialogs[-1]
        assert dialog.import_button.isEnabled(), name
        listed = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
        assert listed == entry["warnings"], name
        assert window.doc.project is not before, name
        assert len(window.doc.project.items) == 5, name
        dialog.deleteLater()
    # qtbot closes the window before the fixture's own clean-up: no prompt to save
    window.doc.undo_stack.setClean()
