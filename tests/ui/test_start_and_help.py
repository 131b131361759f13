"""Getting started without a file, Help → Guide and About, and defects of the shell:
menu texts with "&", closing while figures compute, the problems panel, bad settings."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pytest

import planner
from planner.cli import version
from planner.core.resources import samples
from ui.editing.commands import SetCells
from ui.editing.document import Document
from ui.qt import QApplication, QEvent, QMessageBox, Qt, QThreadPool
from ui.shell import app as shell
from ui.shell import main_window as main_window_module
from ui.shell.guide import GuideWindow
from ui.shell.main_window import MainWindow
from ui.shell.preferences import Preferences
from ui.shell.recovery import Autosaver

EV = Path(__file__).resolve().parents[2] / "samples" / "ev_motors_wind.xlsx"


def _menu(window: MainWindow, title: str):
    for action in window.menuBar().actions():
        if action.text() == title:
            return action.menu()
    raise AssertionError(f"no menu {title}")


def _delete(widget: object) -> None:
    """Destroy a widget as Qt does after close (deleteLater), and finish background work."""
    widget.deleteLater()  # type: ignore[attr-defined]
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QThreadPool.globalInstance().waitForDone(30_000)
    QApplication.processEvents()  # the workers' queued results arrive now


# --- getting started -----------------------------------------------------------------------

def test_samples_are_package_data() -> None:
    names = [p.name for p in samples()]
    assert names == ["ev_motors_wind.xlsx", "motors_actuators_ja.xlsx",
                     "semiconductor_equipment.xlsx"]
    assert all(p.is_file() for p in samples())


def test_started_without_a_file_the_window_offers_ways_to_start(
        qtbot, prefs: Preferences, recovery_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[MainWindow] = []

    class Window(MainWindow):
        def __init__(self, doc: Document | None = None) -> None:
            super().__init__(doc, prefs=prefs, autosaver=Autosaver(recovery_dir))
            made.append(self)

    class App:
        def exec(self) -> int:
            return 0

    monkeypatch.setattr(shell, "create_application", lambda argv: App())
    monkeypatch.setattr(main_window_module, "MainWindow", Window)
    assert shell.main(["stockpile-planner"]) == 0
    (window,) = made
    qtbot.addWidget(window)
    assert window.screens.currentWidget() is window.start_page
    assert window.start_page.isVisible()
    texts = [b.text() for b in window.start_page.buttons.values()]
    assert texts[:4] == ["Open sample…", "Import workbook…", "Open project…",
                         "New template workbook…"]
    menu = window.start_page.buttons["sample"].menu()
    assert [a.text() for a in menu.actions()] == ["EV motors and wind turbines",
                                                  "Motors and actuators (Japan)",
                                                  "Semiconductor equipment"]

    menu.actions()[2].trigger()  # the semiconductor sample opens, and the page steps aside
    qtbot.waitUntil(lambda: window.doc.display_name == "semiconductor_equipment.xlsx",
                    timeout=20_000)
    assert window.screens.currentWidget() is not window.start_page
    assert len(window.doc.project.items) > 0
    window.doc.undo_stack.setClean()


def test_started_with_a_file_there_is_no_start_page(window: MainWindow) -> None:
    assert window.screens.currentWidget() is not window.start_page
    assert not window.start_page.isVisible()


def test_empty_project_button_leaves_the_start_page(window: MainWindow, qtbot) -> None:
    window.show_start_page()
    qtbot.mouseClick(window.start_page.buttons["empty"], Qt.MouseButton.LeftButton)
    assert window.screens.currentWidget() is not window.start_page
    assert window.nav.isVisible()


def test_new_template_workbook_from_the_start_page(
        window: MainWindow, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.qt import QDesktopServices, QFileDialog

    target = tmp_path / "my template"  # the suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    window.show_start_page()
    qtbot.mouseClick(window.start_page.buttons["template"], Qt.MouseButton.LeftButton)
    path = tmp_path / "my template.xlsx"
    qtbot.waitUntil(lambda: opened == [str(path)], timeout=20_000)
    assert "Wrote my template.xlsx" in window.statusBar().currentMessage()
    assert openpyxl.load_workbook(path).sheetnames[0] == "Instructions"
    assert len(planner.load(path).items) == 3  # the example rows read as a project
    assert window.actions["new_template"].text() == "New &Template Workbook…"


def test_start_page_at_1366_by_768(window: MainWindow, qtbot) -> None:
    window.resize(1366, 768)
    window.show_start_page()
    qtbot.wait(10)
    for button in window.start_page.buttons.values():
        assert button.isVisible()
        assert button.width() >= button.sizeHint().width()  # no text cut


# --- help ----------------------------------------------------------------------------------

def test_f1_opens_the_guide_with_the_definitions(window: MainWindow, qtbot) -> None:
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.findChild(GuideWindow, "guide")
    assert guide is not None and guide.isVisible()
    text = guide.browser.toPlainText()
    for term in ("Glossary", "Days of cover", "Forward days of cover", "HHI", "Caps",
                 "Currencies", "Safety stock from a service level", "Time to survive (TTS)",
                 "Time to recover (TTR)", "Country dependence by value", "diversify",
                 "frontier"):
        assert term in text, term
    contents = [guide.contents.item(i).text().strip() for i in range(guide.contents.count())]
    assert "Glossary" in contents and "HHI (Herfindahl-Hirschman index)" in contents
    assert "`" not in text and "##" not in text  # rendered, not shown as Markdown source

    qtbot.keyClicks(guide.search, "Herfindahl")
    assert guide.browser.textCursor().selectedText() == "Herfindahl"
    qtbot.keyClicks(guide.search, "zzz")
    assert guide.found.text() == "Not found"

    guide.contents.setCurrentRow(contents.index("Caps"))  # a section of the contents
    assert guide.browser.textCursor().block().text() == "Caps"
    assert guide.section("hhi-herfindahl-hirschman-index")  # a link of the glossary
    assert guide.browser.textCursor().block().text() == "HHI (Herfindahl-Hirschman index)"
    guide.close()


def test_about_shows_the_version(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.actions["about"].trigger()
    assert len(shown) == 1 and version() in shown[0]
    help_menu = _menu(window, "&Help")
    assert [a.text() for a in help_menu.actions()] == ["&Guide", "&About Stockpile Planner"]
    assert window.menuBar().actions()[-1].text() == "&Help"  # last in the menu bar


# --- "&" in page titles ----------------------------------------------------------

def test_view_menu_shows_the_ampersand_of_page_titles(window: MainWindow) -> None:
    texts = [a.text() for a in _menu(window, "&View").actions() if a.text()]
    assert "Products && BOM" in texts and "Materials && stock" in texts  # shown as "&"
    assert "Products & BOM" not in texts


# --- closing while figures are computed in the background ------------------------

def _big_recompute(doc: Document) -> None:
    doc.background_rows = 0  # treat the sample as large: computed in the background
    pos = int((doc.project.stock["item_id"] == "M-ND").to_numpy().nonzero()[0][0])
    doc.undo_stack.push(SetCells(doc, "Stock", [(pos, "on_hand", 2000.0)]))
    assert doc._operation is not None  # running


def test_closing_while_figures_compute_reports_nothing(
        qtbot, prefs: Preferences, recovery_dir: Path, capfd: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    w = MainWindow(Document(planner.load(EV), EV), prefs=prefs,
                   autosaver=Autosaver(recovery_dir))
    w.show()
    _big_recompute(w.doc)
    w.doc.undo_stack.setClean()  # no question on closing
    assert w.close()
    _delete(w)
    assert unraisable == []
    assert "Error" not in capfd.readouterr().err


def test_replacing_the_document_while_it_computes_reports_nothing(
        window: MainWindow, capfd: pytest.CaptureFixture[str]) -> None:
    old = window.doc
    _big_recompute(old)
    window.set_document(Document(planner.load(EV), EV))  # the old one is deleted
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QThreadPool.globalInstance().waitForDone(30_000)
    QApplication.processEvents()
    assert "Error" not in capfd.readouterr().err
    assert window.doc.report is not None


def test_closing_waits_for_an_export(window: MainWindow, qtbot) -> None:
    from ui.common.operations import Operation

    gate: list[bool] = []
    op = Operation(lambda progress: qtbot.waitUntil(lambda: bool(gate), timeout=10_000),
                   "Exporting")
    op.run(window)
    assert not window.close()  # not while the export runs
    assert "Wait for “Exporting” to finish" in window.statusBar().currentMessage()
    gate.append(True)
    qtbot.waitUntil(lambda: window.task is None, timeout=10_000)


# --- the empty problems panel, a bad setting -------------------------------------

def test_problems_panel_only_when_there_is_something_to_list(window: MainWindow,
                                                             qtbot) -> None:
    assert window.doc.problems == []
    window.problems_dock.show()  # as a saved window state would have it
    window.update_problems()
    assert not window.problems_dock.isVisible()
    window.doc.undo_stack.push(SetCells(window.doc, "Sources", [(0, "supplier_id", "S-NOPE")]))
    assert [str(p) for p in window.doc.errors()] == ['Sources!B2: unknown supplier "S-NOPE"']
    assert window.problems_dock.isVisible()
    assert window.problems_dock.height() < window.height() / 4
    window.doc.undo_stack.undo()
    assert not window.problems_dock.isVisible()


def test_saved_window_state_does_not_bring_back_an_empty_panel(
        qtbot, prefs: Preferences, recovery_dir: Path) -> None:
    first = MainWindow(Document(planner.load(EV), EV), prefs=prefs,
                       autosaver=Autosaver(recovery_dir))
    qtbot.addWidget(first)
    first.show()
    first.problems_dock.show()
    prefs.save_window_state(first.saveGeometry(), first.saveState())
    second = MainWindow(Document(planner.load(EV), EV), prefs=prefs,
                        autosaver=Autosaver(recovery_dir))
    qtbot.addWidget(second)
    second.show()
    assert not second.problems_dock.isVisible()


def test_a_bad_setting_is_named_by_its_label(window: MainWindow, qtbot) -> None:
    page = window.settings_page
    window.nav.setCurrentRow(window.stack.indexOf(page))
    field = page.fields["horizon_days"]
    before = field.text()
    field.selectAll()
    qtbot.keyClicks(field, "abc")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    said = f'Horizon (days) must be a number, got "abc"; it stays {before}.'
    assert page.notes["horizon_days"].text() == f"Not changed: {said}"
    assert page.notes["horizon_days"].isVisible()
    assert window.statusBar().currentMessage() == f"Settings: {said}"
    assert "horizon_days" not in window.statusBar().currentMessage()
    assert field.text() == before

    field.selectAll()
    qtbot.keyClicks(field, "120")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert page.notes["horizon_days"].text() == "Open orders due within it count towards cover"
    assert window.doc.project.settings.horizon_days == 120
