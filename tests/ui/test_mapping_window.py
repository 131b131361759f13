"""Import with mapping, the monthly refresh and What changed, driven as a user does: the
menu, the mapping dialog's drop-downs (keys pressed on them), a problem clicked in the
list and seen in the preview, Import, Ctrl+Z; the page comparing with a file."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import planner
from planner.inputs import files
from planner.inputs.mapping import Mapping, layout_key
from ui.pages.changes_page import ChangesPage
from ui.qt import QApplication, QComboBox, Qt, QWidget
from ui.shell.main_window import MainWindow
from ui.shell.mapping_dialog import MappingDialog
from ui.shell.registry import PAGE_INDEX, PAGES

SAP = Path(__file__).resolve().parents[2] / "samples" / "sap_export"
EXPORT = SAP / "ev_motors_wind_sap.xlsx"
CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot: object, widget: QWidget, key: Qt.Key,
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key, modifiers)  # type: ignore[attr-defined]
    qtbot.wait(10)  # type: ignore[attr-defined]


def choose(qtbot: object, combo: QComboBox, text: str) -> None:
    """Pick ``text`` in a drop-down with the arrow keys, as from the keyboard (each key
    a choice the dialog hears)."""
    target = combo.findText(text)
    assert target >= 0, [combo.itemText(i) for i in range(combo.count())]
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        press(qtbot, combo, key)


def click_row(qtbot: object, view: object, row: int) -> None:
    rect = view.visualItemRect(view.item(row))  # type: ignore[attr-defined]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,  # type: ignore
                     pos=rect.center())


def open_dialog(window: MainWindow, qtbot: object, monkeypatch: pytest.MonkeyPatch,
                path: Path, action: str) -> MappingDialog:
    monkeypatch.setattr(window.files, "ask_export_path", lambda _title: path)
    window.actions[action].trigger()  # type: ignore[index]
    qtbot.waitUntil(lambda: window.files.mapping_dialog is not None,  # type: ignore
                    timeout=10_000)
    dialog = window.files.mapping_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)  # type: ignore[attr-defined]
    return dialog


def undo_with_keys(window: MainWindow, qtbot: object) -> None:
    """Ctrl+Z pressed on the window's focus widget, the window active (as after the
    dialog closed)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # type: ignore
    window.nav.setFocus()
    widget = QApplication.focusWidget()
    assert widget is not None
    press(qtbot, widget, Qt.Key.Key_Z, CTRL)


def settled(dialog: MappingDialog, qtbot: object) -> None:
    """The dialog checked the last change (it checks once the user pauses)."""
    qtbot.waitUntil(lambda: not dialog.timer.isActive(), timeout=5000)  # type: ignore


def problem_texts(dialog: MappingDialog) -> list[str]:
    return [dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count())]


def test_import_with_mapping_from_a_first_guess(window: MainWindow, qtbot: object,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    before = window.doc.project
    steps = window.doc.undo_stack.count()
    dialog = open_dialog(window, qtbot, monkeypatch, EXPORT, "import_mapping")
    assert "first guess" in dialog.note.text()
    # the guess: each column of Items found by its SAP name, the match shown
    assert dialog.column_combos["item_id"].currentText() == "Material"
    assert dialog.column_combos["kind"].currentText() == "Material Type"
    # SAP's account group ZTRD means nothing to the template: a problem at each cell
    problems = problem_texts(dialog)
    assert ("LFA1!D4: ZTRD is not a code the mapping translates for kind (codes it translates: "
            "KRED); give it a meaning in the mapping") in problems
    assert not dialog.import_button.isEnabled()
    # clicking the problem shows its table and its cell, marked, in the preview
    click_row(qtbot, dialog.problem_list, problems.index(
        "LFA1!D8: ZTRD is not a code the mapping translates for kind (codes it translates: "
        "KRED); give it a meaning in the mapping"))
    assert dialog.current == "Suppliers"
    index = dialog.preview.currentIndex()
    model = dialog.preview_model
    assert model.headerData(index.row(), Qt.Orientation.Vertical) == "8"
    assert model.data(index) == "ZTRD"
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert "ZTRD is not a code" in str(model.data(index, Qt.ItemDataRole.ToolTipRole))

    # a drop-down changed: the supplier's name from another column, then back
    name = dialog.column_combos["name"]
    choose(qtbot, name, "— none —")
    settled(dialog, qtbot)
    assert any(t.startswith("Suppliers: name has no source column") for t in
               problem_texts(dialog)), problem_texts(dialog)
    choose(qtbot, dialog.column_combos["name"], "Name 1")
    # the code translated: ZTRD is a trading house
    ztrd = dialog.code_combos[("kind", "ZTRD")]
    assert ztrd.currentText() == "— as written —"
    choose(qtbot, ztrd, "trader")
    settled(dialog, qtbot)
    assert not [t for t in problem_texts(dialog) if not t.startswith("warning")]
    assert dialog.import_button.isEnabled()
    # the preview shows the rows as they will be imported: the code translated
    assert dialog.current == "Suppliers"
    kinds = {dialog.preview_model.data(dialog.preview_model.index(r, 3))
             for r in range(dialog.preview_model.rowCount())}
    assert kinds == {"producer", "trader"}

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)  # type: ignore
    qtbot.waitUntil(lambda: window.files.mapping_dialog is None)  # type: ignore
    project = window.doc.project
    assert project is not before
    assert len(project.tables["Items"]) == 22
    suppliers = project.tables["Suppliers"].set_index("supplier_id")
    assert suppliers.loc["SUP-ELB", "kind"] == "trader"
    assert window.doc.undo_stack.count() == steps + 1
    # the mapping is remembered for this layout (with the preferences, not the project)
    remembered = window.prefs.remembered_mapping(layout_key(EXPORT))
    assert remembered is not None and '"ZTRD": "trader"' in remembered

    undo_with_keys(window, qtbot)
    assert window.doc.project is before

    # next time, the same layout opens with the mapping used this time
    again = open_dialog(window, qtbot, monkeypatch, EXPORT, "import_mapping")
    assert "imported before" in again.note.text()
    assert again.import_button.isEnabled()
    again.reject()


def month_later(tmp_path: Path) -> Path:
    """Next month's export: other stock and open orders, and a name changed in MARA
    (which a refresh of Stock and Orders must not take)."""
    book = openpyxl.load_workbook(EXPORT)
    mard = book["MARD"]
    assert mard["A4"].value == "C-ROTOR-TM" and mard["D3"].value == "Unrestricted"
    mard["D4"] = 999
    ekpo = book["EKPO"]
    assert ekpo["F1"].value == "Quantity" and ekpo["C2"].value == "M-ND"
    ekpo["F2"] = 6500
    mara = book["MARA"]
    assert mara["B1"].value == "Material Description"
    mara["B2"] = "Renamed in the ERP"
    path = tmp_path / "export december.xlsx"
    book.save(path)
    return path


def test_monthly_refresh_replaces_only_stock_and_orders(
        window: MainWindow, qtbot: object, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    export = month_later(tmp_path)
    mapping = Mapping.load(SAP / "mapping.json")
    window.prefs.remember_mapping(layout_key(EXPORT), mapping.dumps())
    before = window.doc.project
    kept = {t: before.tables[t].copy() for t in before.tables}
    on_hand = before.tables["Stock"].set_index("item_id").loc["C-ROTOR-TM", "on_hand"]
    assert on_hand != 999

    dialog = open_dialog(window, qtbot, monkeypatch, export, "monthly_refresh")
    assert "imported before" in dialog.note.text()
    ticked = [t for t, box in dialog.table_checks.items() if box.isChecked()]
    assert ticked == ["Stock", "Orders"]
    assert dialog.current == "Stock"
    assert dialog.import_button.isEnabled(), problem_texts(dialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)  # type: ignore
    qtbot.waitUntil(lambda: window.files.mapping_dialog is None)  # type: ignore

    project = window.doc.project
    stock = project.tables["Stock"].set_index("item_id")
    assert stock.loc["C-ROTOR-TM", "on_hand"] == 999
    orders = project.tables["Orders"]
    assert 6500 in set(orders["quantity"]) and 6000 not in set(orders["quantity"])
    for table in ("Items", "BOM", "Demand", "Suppliers", "Sources", "Rates"):
        pd.testing.assert_frame_equal(project.tables[table], kept[table])
    assert "Renamed in the ERP" not in set(project.tables["Items"]["name"])
    assert project.settings == before.settings
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Refreshed from {export.name}: Stock 1 changed"), message

    # What changed: since the refresh, by default, the changed cell marked
    window.nav.setCurrentRow(PAGE_INDEX["changes_page"])
    page: ChangesPage = window.changes_page  # type: ignore[attr-defined]
    assert page.against.currentText().startswith("Since the last refresh (before the refresh")
    qtbot.waitUntil(lambda: page.comparison is not None)  # type: ignore[attr-defined]
    grid = page.tables["Stock"]
    row = next(i for i, r in enumerate(grid.rows) if r[0] == "C-ROTOR-TM")
    column = grid.headers.index("on_hand") if "on_hand" in grid.headers else 1
    assert grid.rows[row][column] == "999"
    assert grid.data(grid.index(row, column), Qt.ItemDataRole.BackgroundRole) is not None
    assert "Was: " in str(grid.data(grid.index(row, column), Qt.ItemDataRole.ToolTipRole))

    # one step back brings last month's stock and orders back
    undo_with_keys(window, qtbot)
    assert window.doc.project is before
    for table in before.tables:
        pd.testing.assert_frame_equal(window.doc.project.tables[table], kept[table])


def test_what_changed_against_a_file(window: MainWindow, qtbot: object,
                                     monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Last month's file had hardly any neodymium in stock."""
    old = planner.load(Path(__file__).resolve().parents[2] / "samples" / "ev_motors_wind.xlsx")
    stock = old.tables["Stock"]
    i = int((stock["item_id"] == "M-ND").to_numpy().nonzero()[0][0])
    stock.loc[stock.index[i], "on_hand"] = 1.0
    path = tmp_path / "november.stockpile"
    files.export(old, path)

    window.nav.setCurrentRow(PAGE_INDEX["changes_page"])
    page: ChangesPage = window.changes_page  # type: ignore[attr-defined]
    assert page.summary.text().startswith("Nothing to compare with yet")
    monkeypatch.setattr(page, "ask_file", lambda: path)
    qtbot.mouseClick(page.pick, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.comparison is not None)  # type: ignore[attr-defined]
    assert page.against.currentText() == "november.stockpile"
    # the material's cover rose past the threshold
    rows = page.materials.rows
    assert any(r[0] == "M-ND" and r[2] == "Days of cover" and r[5] == "rose"
               for r in rows), rows
    grid = page.tables["Stock"]
    assert [r[0] for r in grid.rows] == ["M-ND"]
    assert "Rows changed: 1 in Stock, 0 in Sources" in page.summary.text()


def test_the_page_has_no_number_shortcut_and_settings_stays_last() -> None:
    titles = [spec.name for spec in PAGES]
    assert titles.index("What changed") == titles.index("Stockpile") + 1
    assert titles[-1] == "Settings"
    spec = PAGES[PAGE_INDEX["changes_page"]]
    assert spec.shortcut == ""
    assert PAGES[PAGE_INDEX["world_page"]].shortcut == "Ctrl+0"


def test_menu_entries(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]  # type: ignore[attr-defined]
    assert "Import &with Mapping…" in texts and "Monthl&y Refresh…" in texts
    assert QApplication.instance() is not None


def refresh_month(window: MainWindow, qtbot: object, monkeypatch: pytest.MonkeyPatch,
                  tmp_path: Path) -> None:
    """File → Monthly Refresh… with next month's export, imported as the dialog offers."""
    window.prefs.remember_mapping(layout_key(EXPORT),
                                  Mapping.load(SAP / "mapping.json").dumps())
    dialog = open_dialog(window, qtbot, monkeypatch, month_later(tmp_path), "monthly_refresh")
    assert dialog.import_button.isEnabled(), problem_texts(dialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)  # type: ignore
    qtbot.waitUntil(lambda: window.files.mapping_dialog is None)  # type: ignore


def test_the_tables_and_the_dashboard_show_what_the_refresh_changed(
        window: MainWindow, qtbot: object, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    """After the refresh the changed stock is tinted in Materials & stock, its old value
    in the tooltip; the dashboard says what moved and opens What changed; Ctrl+Z takes
    the tint away."""
    window.nav.setCurrentRow(PAGE_INDEX["materials_page"])
    stock = window.table_page("Stock")
    assert stock is not None
    model = stock.model
    row = next(r for r in range(model.rowCount()) if model.value(r, "item_id") == "C-ROTOR-TM")
    column = [c.key for c in model.columns].index("on_hand")
    background = Qt.ItemDataRole.BackgroundRole
    tooltip = Qt.ItemDataRole.ToolTipRole
    old_text = model.data(model.index(row, column))
    assert model.data(model.index(row, column), background) is None

    refresh_month(window, qtbot, monkeypatch, tmp_path)
    cell = model.index(row, column)
    assert model.data(cell) == "999"
    tint = model.data(cell, background)
    assert tint is not None
    assert model.data(cell, tooltip) == f"Was: {old_text}"
    # a cell the refresh left alone is not tinted; nor are other tables (Items kept)
    assert model.data(model.index(row, 0), background) is None
    items = window.table_page("Items")
    assert items is not None
    assert not any(items.model.data(items.model.index(r, c), background) is not None
                   and "Was:" in str(items.model.data(items.model.index(r, c), tooltip))
                   for r in range(items.model.rowCount())
                   for c in range(items.model.columnCount()))

    window.nav.setCurrentRow(PAGE_INDEX["dashboard"])
    dashboard = window.page(PAGE_INDEX["dashboard"])
    qtbot.waitUntil(dashboard.changes_bar.isVisible)  # type: ignore
    line = dashboard.changes.text()  # type: ignore[attr-defined]
    assert line.startswith("Since the last refresh (before the refresh from export "
                           "december.xlsx at "), line
    assert "rows changed, added or removed: 2." in line, line
    qtbot.mouseClick(dashboard.changes_button, Qt.MouseButton.LeftButton)  # type: ignore
    assert window.nav.currentRow() == PAGE_INDEX["changes_page"]
    page: ChangesPage = window.changes_page  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.comparison is not None)  # type: ignore[attr-defined]

    undo_with_keys(window, qtbot)
    cell = model.index(row, column)
    assert model.data(cell) == old_text
    assert model.data(cell, background) is None
    assert "Was:" not in str(model.data(cell, tooltip))


def test_a_problem_keeps_its_mark_over_the_tint(window: MainWindow, qtbot: object) -> None:
    """A cell both changed and wrong (an unknown item typed) shows the problem, not the
    change; beside it, the row with its new key is new to the baseline."""
    doc = window.doc
    doc.set_baseline(doc.project.copy(), "before the test")
    window.nav.setCurrentRow(PAGE_INDEX["materials_page"])
    stock = window.table_page("Stock")
    assert stock is not None
    model, view = stock.model, stock.view
    keys = [c.key for c in model.columns]
    for key, text in (("item_id", "NOPE-1"), ("on_hand", "12345")):
        view.setCurrentIndex(model.index(0, keys.index(key)))
        press(qtbot, view, Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
        assert editor is not None and editor is not view
        qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)  # type: ignore[attr-defined]
        qtbot.keyClicks(editor, text)  # type: ignore[attr-defined]
        press(qtbot, editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(doc.marks.get("Stock")))  # type: ignore[attr-defined]
    tip = model.data(model.index(0, keys.index("item_id")), Qt.ItemDataRole.ToolTipRole)
    assert "NOPE-1" in str(tip) and "Was:" not in str(tip), tip
    tip = model.data(model.index(0, keys.index("on_hand")), Qt.ItemDataRole.ToolTipRole)
    assert tip == "A new row: it was not there before the test.", tip
