"""The window's import on the whole corpus (tests/data/bad and good): the preview lists
exactly the problems `planner check` prints, Import is disabled for every bad file and
nothing changes; every good file imports. Opened instead, a bad file's problems are shown
in the error box as `planner check` prints them too."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ui.common.errors import describe
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


def _opened(window: MainWindow, qtbot: object, monkeypatch: pytest.MonkeyPatch,
            path: Path) -> tuple[str, str]:
    """Open ``path`` as the project: the headline and details of the error box shown."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr("ui.shell.files.show_error",
                        lambda parent, exc, title="": shown.append(describe(exc)))
    window.files.open_path(path)
    qtbot.waitUntil(lambda: window.task is None, timeout=10_000)  # type: ignore[attr-defined]
    assert len(shown) == 1
    return shown[0]


def test_the_error_box_lists_every_bad_files_problems_as_the_command_line(
        window: MainWindow, qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """The box listed the first 25 errors and "… and N more", without the warnings."""
    seen, expected = {}, {}
    for name, entry in _manifest("bad").items():
        if "problems" not in entry:
            continue
        headline, details = _opened(window, qtbot, monkeypatch,
                                    DATA / "bad" / name.rstrip("/"))
        problems = list(entry["problems"])  # type: ignore[call-overload]
        errors = sum(not p.startswith("warning: ") for p in problems)
        seen[name] = (headline, details.splitlines())
        expected[name] = (f"{errors} problem{'s' if errors != 1 else ''} found; nothing was "
                          "changed.", problems)
    assert seen == expected


def test_the_error_box_counts_problems_of_one_kind_beyond_the_first_ten(
        window: MainWindow, qtbot: object, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    shutil.copytree(DATA / "good" / "csv_utf8_bom_comma", folder)
    with (folder / "Demand.csv").open("a", encoding="utf-8", newline="") as f:
        f.writelines(f"X{i},1,week\r\n" for i in range(30))
    headline, details = _opened(window, qtbot, monkeypatch, folder)
    assert headline == "30 problems found; nothing was changed."
    assert details.splitlines() == [f'Demand!A{row}: unknown item "X{row - 3}"'
                                    for row in range(3, 13)] + [
        "Demand: and 20 more like these in column item_id"]
