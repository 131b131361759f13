"""The window on many problems of one kind: the import preview and the Problems panel list
the first ten of a kind and a line counting the rest, as `planner check` prints them, while
their counts give every problem."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from ui.qt import QLabel
from ui.shell.files import FileController
from ui.shell.import_dialog import ImportPreview
from ui.shell.main_window import MainWindow

VOLUME = runpy.run_path(str(Path(__file__).resolve().parents[2] / "benchmarks" / "volume.py"))
NO_SOURCES = "has no Sources rows; its supply exposure cannot be computed"


def _workbook(path: Path, materials: int, orders: int) -> Path:
    """``materials`` materials without Sources rows, and ``orders`` orders of the first
    from a supplier without a Sources row for it (benchmarks/volume.py's writer)."""
    sheets = {name: [header] for name, header in VOLUME["HEADERS"].items()}
    sheets["Items"] += [[f"X{i:02d}", f"Extra {i}", "material", "kg"]
                        for i in range(1, materials + 1)]
    sheets["Suppliers"].append(["S1", "Aurubis", "DE"])
    sheets["Orders"] = [["item_id", "supplier_id", "quantity", "due_date"]]
    sheets["Orders"] += [["X01", "S1", 10 + i, "2026-12-01"] for i in range(1, orders + 1)]
    sheets["Settings"] = VOLUME["SETTINGS"]
    VOLUME["write_workbook"](path, sheets)
    return path


def _listed(widget: object) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]  # type: ignore[attr-defined]


def test_the_import_preview_and_the_problems_panel_summarise_each_kind(
        window: MainWindow, qtbot: object, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    dialogs: list[ImportPreview] = []

    def preview(self: FileController, path: Path, project, error):  # type: ignore[no-untyped-def]
        dialog = ImportPreview(path, project, error, self.window)
        dialogs.append(dialog)
        monkeypatch.setattr(dialog, "exec", lambda: 1)  # Import pressed
        return dialog

    monkeypatch.setattr(FileController, "make_import_preview", preview)
    window.files.import_path(_workbook(tmp_path / "many.xlsx", 30, 25))
    qtbot.waitUntil(lambda: window.task is None, timeout=10_000)  # type: ignore[attr-defined]
    expected = [
        *(f"warning: Items!A{1 + i}: material X{i:02d} {NO_SOURCES}" for i in range(1, 11)),
        "warning: Items: and 20 more like these in column item_id",
        *(f"warning: Orders!B{1 + i}: no Sources row for X01 from S1" for i in range(1, 11)),
        "warning: Orders: and 15 more like these in column supplier_id"]
    dialog = dialogs[-1]
    assert _listed(dialog.problems) == expected
    assert [label.text() for label in dialog.findChildren(QLabel)][1] == (
        "0 errors, 55 warnings:")
    assert len(window.doc.project.items) == 30  # imported
    assert _listed(window.problems_list) == expected
    assert window.problems_dock.windowTitle() == "Problems (55)"
    assert window.figures_label.text() == "55 warnings"
    # qtbot closes the window before the fixture's own clean-up: no prompt to save
    window.doc.undo_stack.setClean()
