"""The main window as a user drives it: files, prompts, recovery, navigation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import planner
from planner.inputs import storage
from ui.editing.document import Document
from ui.qt import QMessageBox, QMimeData, Qt, QUrl
from ui.shell.files import FileController
from ui.shell.import_dialog import ImportPreview
from ui.shell.main_window import MainWindow
from ui.shell.preferences import Preferences
from ui.shell.recovery import Autosaver, leftovers

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
EV = SAMPLES / "ev_motors_wind.xlsx"
SEMI = SAMPLES / "semiconductor_equipment.xlsx"

EDIT = Qt.ItemDataRole.EditRole


def edit_stock(window: MainWindow, item: str, text: str) -> None:
    page = window.materials_page.stock
    model = page.model
    row = next(r for r in range(model.rowCount()) if model.value(r, "item_id") == item)
    j = [c.key for c in model.columns].index("on_hand")
    assert model.setData(model.index(row, j), text, EDIT)


def wait_idle(qtbot: object, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.task is None, timeout=10_000)  # type: ignore[attr-defined]


def test_title_shows_file_and_modified_mark(window: MainWindow) -> None:
    assert window.windowTitle() == "ev_motors_wind.xlsx[*] — Stockpile Planner"
    assert not window.isWindowModified()
    edit_stock(window, "M-ND", "8000")
    assert window.isWindowModified()
    window.actions["undo"].trigger()
    assert not window.isWindowModified()


def test_every_page_shows(window: MainWindow, qtbot: object) -> None:
    for i in range(window.nav.count()):
        window.nav.setCurrentRow(i)
        assert window.stack.currentIndex() == i
        assert not window.stack.currentWidget().grab().isNull()


def test_save_as_and_reopen_gives_the_same_project(window: MainWindow, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   qtbot: object) -> None:
    edit_stock(window, "M-TB", "99")
    target = tmp_path / "plan.stockpile"
    monkeypatch.setattr(FileController, "ask_save_path", lambda self, *a, **k: target)
    assert window.files.save_as()
    assert not window.isWindowModified()
    assert window.doc.path == target
    assert window.windowTitle().startswith("plan.stockpile")
    saved = storage.load(target)
    assert saved.equals(window.doc.project)
    assert saved.stock.set_index("item_id").loc["M-TB", "on_hand"] == 99
    window.files.open_path(EV)
    wait_idle(qtbot, window)
    window.files.open_path(target)
    wait_idle(qtbot, window)
    assert window.doc.path == target and window.doc.project.equals(saved)
    assert window.prefs.recent_files[0] == target


def test_unsaved_changes_prompt(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                qtbot: object) -> None:
    edit_stock(window, "M-ND", "1")
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def ask(self: FileController) -> QMessageBox.StandardButton:
            asked.append(self.window.doc.display_name)
            return button
        return ask

    monkeypatch.setattr(FileController, "ask_save_changes",
                        answer(QMessageBox.StandardButton.Cancel))
    window.files.new_project()
    assert asked == ["ev_motors_wind.xlsx"]
    assert window.doc.project.stock.set_index("item_id").loc["M-ND", "on_hand"] == 1
    assert not window.close() or window.isVisible()
    monkeypatch.setattr(FileController, "ask_save_changes",
                        answer(QMessageBox.StandardButton.Discard))
    window.files.new_project()
    assert window.doc.display_name == "Untitled" and len(window.doc.project.items) == 0


def test_open_a_bad_workbook_shows_its_problems_and_keeps_the_project(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        qtbot: object) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("item_id,name\n")
    shown: list[str] = []
    monkeypatch.setattr("ui.shell.files.show_error",
                        lambda parent, exc, title="": shown.append(str(exc)))
    before = window.doc
    window.files.open_path(bad)
    wait_idle(qtbot, window)
    assert shown and "bad.xlsx: not an Excel workbook" in shown[0]
    assert window.doc is before


def test_import_preview_lists_problems_and_imports_only_valid_files(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        qtbot: object) -> None:
    folder = tmp_path / "csv"
    shutil.copytree(EV.parent / "semiconductor_equipment_csv", folder)
    dialogs: list[ImportPreview] = []

    def preview(self: FileController, path: Path, project, error):  # type: ignore[no-untyped-def]
        dialog = ImportPreview(path, project, error, self.window)
        dialogs.append(dialog)
        monkeypatch.setattr(dialog, "exec", lambda: 1)
        return dialog

    monkeypatch.setattr(FileController, "make_import_preview", preview)
    # a broken copy first: nothing changes
    sources = folder / "Sources.csv"
    good = sources.read_text(encoding="utf-8")
    sources.write_text(good.replace("SUP-", "SUP_X", 1), encoding="utf-8")
    before = window.doc.project
    window.files.import_path(folder)
    wait_idle(qtbot, window)
    assert not dialogs[-1].import_button.isEnabled()
    assert dialogs[-1].problems.count() >= 1
    assert "unknown supplier" in dialogs[-1].problems.item(0).text()
    assert window.doc.project is before
    # the good one replaces the data, undoably
    sources.write_text(good, encoding="utf-8")
    window.files.import_path(folder)
    wait_idle(qtbot, window)
    assert dialogs[-1].import_button.isEnabled()
    assert window.doc.project.equals(planner.load(SEMI))
    window.actions["undo"].trigger()
    assert window.doc.project is before


def test_drop_a_file_opens_it(window: MainWindow, qtbot: object) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SEMI))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    wait_idle(qtbot, window)
    assert window.doc.display_name == "semiconductor_equipment.xlsx"


def test_autosave_and_recovery_after_a_crash(tmp_path: Path, prefs: Preferences,
                                             recovery_dir: Path, qtbot: object,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    first = MainWindow(Document(planner.load(EV), EV), prefs=prefs,
                       autosaver=Autosaver(recovery_dir))
    qtbot.addWidget(first)  # type: ignore[attr-defined]
    edit_stock(first, "M-DY", "4242")
    first.files.autosave()
    assert len(leftovers(recovery_dir)) == 1
    # the process dies here: no close, the recovery file stays
    monkeypatch.setattr(FileController, "ask_restore", lambda self, item: True)
    second = MainWindow(prefs=prefs, autosaver=Autosaver(recovery_dir))
    qtbot.addWidget(second)  # type: ignore[attr-defined]
    assert second.files.offer_recovery()
    stock = second.doc.project.stock.set_index("item_id")
    assert stock.loc["M-DY", "on_hand"] == 4242
    assert second.isWindowModified()
    assert second.doc.path == EV
    # restored work is autosaved again under the new session until saved
    assert len(leftovers(recovery_dir)) == 1
    target = tmp_path / "restored.stockpile"
    monkeypatch.setattr(FileController, "ask_save_path", lambda self, *a, **k: target)
    second.doc.set_path(None)
    assert second.files.save()
    assert leftovers(recovery_dir) == []
    first.doc.undo_stack.setClean()


def test_declined_recovery_is_discarded(prefs: Preferences, recovery_dir: Path,
                                        qtbot: object, monkeypatch: pytest.MonkeyPatch
                                        ) -> None:
    saver = Autosaver(recovery_dir)
    saver.save(planner.load(EV), EV, EV.name)
    monkeypatch.setattr(FileController, "ask_restore", lambda self, item: False)
    window = MainWindow(prefs=prefs, autosaver=Autosaver(recovery_dir))
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    assert not window.files.offer_recovery()
    assert leftovers(recovery_dir) == []


def test_settings_form_edits_are_undoable(window: MainWindow) -> None:
    page = window.settings_page
    field = page.fields["max_country_share"]
    field.setText("65%")
    field.editingFinished.emit()
    assert window.doc.project.settings.max_country_share == pytest.approx(0.65)
    field.setText("abc")
    field.editingFinished.emit()
    assert window.doc.project.settings.max_country_share == pytest.approx(0.65)
    assert field.text() == "65%"
    window.actions["undo"].trigger()
    assert window.doc.project.settings.max_country_share == pytest.approx(0.60)
    assert page.fields["max_country_share"].text() == "60%"


def test_selecting_a_material_follows_across_views(window: MainWindow) -> None:
    window.doc.select_item("M-DY")
    figures = window.materials_page.figures
    row = figures.view.currentIndex().row()
    assert figures.model.value(row, "item_id") == "M-DY"
    assert "M-DY" in window.bom_page.used_title.text()
    assert window.bom_page.used_model.rowCount() >= 1


def test_window_geometry_is_remembered(window: MainWindow, prefs: Preferences,
                                       recovery_dir: Path, qtbot: object) -> None:
    window.resize(1111, 777)
    window.nav.setCurrentRow(4)
    geometry = window.saveGeometry()
    window.close()
    assert prefs.window_state()[0] == geometry  # (offscreen screens clamp a restored size)
    again = MainWindow(prefs=prefs, autosaver=Autosaver(recovery_dir))
    qtbot.addWidget(again)  # type: ignore[attr-defined]
    assert again.nav.currentRow() == 4


def test_print_preview_opens_and_export_pdf_writes(window: MainWindow, tmp_path: Path,
                                                   qtbot: object) -> None:
    from ui.printing import dialogs as printing

    summaries: list[object] = []
    printing.with_summary(window, window.doc, summaries.append)
    qtbot.waitUntil(lambda: bool(summaries), timeout=20_000)  # type: ignore[attr-defined]
    dialog = printing.make_preview(window, summaries[0])  # type: ignore[arg-type]
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    painted: list[object] = []
    dialog.paintRequested.connect(painted.append)
    dialog.show()
    qtbot.waitUntil(lambda: bool(painted), timeout=10_000)  # type: ignore[attr-defined]
    dialog.close()
    out = tmp_path / "summary.pdf"
    written: list[int] = []
    printing.export_pdf(window, window.doc, out, written.append)  # the summary is at hand
    assert written and 1 <= written[0] <= 2  # the samples fit two
    assert out.read_bytes().startswith(b"%PDF")


def test_a_background_save_keeps_edits_made_meanwhile_unsaved(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        qtbot: object) -> None:
    """A big project is saved from a snapshot off the UI thread: the window stays usable,
    the file holds the project as it was when Save was pressed, and an edit made while it
    was being written leaves the document modified."""
    import threading

    from ui.shell import files as files_module

    edit_stock(window, "M-TB", "99")
    target = tmp_path / "big.stockpile"
    monkeypatch.setattr(FileController, "ask_save_path", lambda self, *a, **k: target)
    release = threading.Event()
    real_export = files_module.files.export

    def slow_export(project: planner.Project, path: Path) -> None:
        assert release.wait(10)
        real_export(project, path)

    monkeypatch.setattr(files_module.files, "export", slow_export)
    assert window.files.save_as(background=True)
    assert window.task is not None and window.cancel_button.isVisible()
    edit_stock(window, "M-TB", "123")  # typed while the file is being written
    release.set()
    wait_idle(qtbot, window)
    assert window.doc.path == target
    saved = storage.load(target).stock.set_index("item_id")
    assert saved.loc["M-TB", "on_hand"] == 99
    assert window.isWindowModified()  # 123 is not saved yet
    assert window.files.save(background=True)  # saved again, now with 123
    wait_idle(qtbot, window)
    assert not window.isWindowModified()
    assert storage.load(target).stock.set_index("item_id").loc["M-TB", "on_hand"] == 123


def test_help_about_gives_the_installed_version(window: MainWindow,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import version

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    next(a for a in help_menu.actions() if "About" in a.text()).trigger()
    assert shown and version("stockpile-planner") in shown[0]
