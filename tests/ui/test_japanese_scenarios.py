"""The Scenarios and Settings pages in Japanese: a preset export control and the risk
ranking run by clicking, on the Japanese sample, leave no English on screen except ids,
codes and units; country names are Japanese; the English window stays as it was."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import planner
from ui.editing.document import Document
from ui.editing.table_page import TablePage
from ui.pages.scenario_page import ScenarioPage
from ui.pages.tables import SettingsPage
from ui.qt import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    Qt,
    QTableView,
    QTabWidget,
    QWidget,
)
from ui.shell.main_window import MainWindow
from ui.shell.preferences import Preferences
from ui.shell.recovery import Autosaver
from ui.shell.registry import PAGE_INDEX

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "motors_actuators_ja.xlsx"
# Latin words a Japanese page may show: ids and codes (M-TB, SUP-QRM, CN, JPY), units,
# the figures' abbreviations, chemical symbols in the sample's names, and a file name
ALLOWED = re.compile(
    r"[A-Z0-9]+(?:-[A-Z0-9]+)+|[A-Z]{1,4}\d*|[A-Z][a-z]?\d*|kg|mm|pcs|HHI|TTS|TTR|CRMA|"
    r"JOGMEC|Enter|NdPr|NdFeB|resources/scenarios\.json|[a-z]+_[a-z_]+"
    r"|(?:[A-Z][a-z]?)+\d+(?:[A-Z][a-z]?\d*)*")  # chemical formulas: FeB18, Ga2O3
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_./\-]*[A-Za-z0-9]")


def english_words(text: object) -> list[str]:
    """The Latin words of ``text`` (markup removed) that are not ids, codes or units."""
    plain = re.sub(r"<[^>]+>", " ", str(text or "")).replace("&nbsp;", " ")
    return [w for w in WORD.findall(plain) if not ALLOWED.fullmatch(w)]


def visible_texts(root: QWidget, skip: tuple[QWidget, ...] = ()) -> list[tuple[str, str]]:
    """(what, text) of every visible text under ``root``: labels, buttons, tabs, combo
    items, spin boxes, placeholders, tooltips, table headers, their own tips and cells."""
    out: list[tuple[str, str]] = []
    for w in root.findChildren(QWidget):
        if not w.isVisible() or any(s is w or s.isAncestorOf(w) for s in skip):
            continue
        kind = type(w).__name__
        out.append((f"{kind} tooltip", w.toolTip()))
        if isinstance(w, QLabel | QPushButton | QSpinBox | QDateEdit):
            out.append((kind, w.text()))
        elif isinstance(w, QTabWidget):
            out += [("tab", w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QComboBox):
            out += [("combo", w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QLineEdit):
            out.append(("placeholder", w.placeholderText()))
        if isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            columns = getattr(model, "columns", None)
            for c in range(model.columnCount()):
                out.append(("header", model.headerData(c, Qt.Orientation.Horizontal)))
                if columns is not None and columns[c].tip:  # the page's own tips
                    out.append(("header tip", columns[c].tip))
                out += [("cell", model.data(model.index(r, c)))
                        for r in range(min(model.rowCount(), 40))]
    return out


def english_left(texts: list[tuple[str, str]]) -> list[tuple[str, str, list[str]]]:
    return [(what, str(text)[:80], words) for what, text in texts
            if (words := english_words(text))]


@pytest.fixture
def ja_window(japanese: None, qtbot: object, prefs: Preferences,
              recovery_dir: Path) -> MainWindow:
    w = MainWindow(Document(planner.load(SAMPLE), SAMPLE), prefs=prefs,
                   autosaver=Autosaver(recovery_dir))

    def close(window: MainWindow) -> None:
        window.doc.undo_stack.setClean()  # no "Save changes?" when the test ends
        window.close()

    qtbot.addWidget(w, before_close_func=close)  # type: ignore[attr-defined]
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)  # type: ignore[attr-defined]
    return w


def show_page(window: MainWindow, page_id: str) -> QWidget:
    window.nav.setCurrentRow(PAGE_INDEX[page_id])
    page = window.stack.currentWidget()
    assert page is not None
    return page


def test_a_preset_and_the_ranking_read_in_japanese(ja_window: MainWindow, qtbot: Any) -> None:
    page = show_page(ja_window, "scenario_page")
    assert isinstance(page, ScenarioPage)
    controls = page.controls
    assert english_left(visible_texts(page)) == []  # before anything is run
    # the 2010 rare-earth embargo, chosen and run with the mouse and the keyboard
    controls.mode.setCurrentIndex(controls.mode.findData("preset"))
    presets = controls.boxes["preset"]
    presets.setCurrentIndex(presets.findData("cn-rare-earth-embargo-2010"))
    assert presets.currentText().startswith("中国：レアアース禁輸")
    assert presets.currentText().endswith("材料 3 件")
    with qtbot.waitSignal(page.scenarioShown, timeout=20_000):
        qtbot.mouseClick(controls.run_button, Qt.MouseButton.LeftButton)
    assert page.result is not None and len(page.result.materials) == 3
    assert page.chart.title.text().startswith("中国：レアアース禁輸（2010年型）（")
    assert page.card_text("materials_out") == "2 / 3"
    assert controls.hint.text().startswith("中国からの")
    tip = page.chart.tip_for(page.chart.ids[0], 5.0)
    assert "日目" in tip and english_words(tip) == []
    assert english_left(visible_texts(page)) == []
    page.tabs.setCurrentWidget(page.products_table)
    assert english_left(visible_texts(page)) == []
    # the ranking, by its button
    with qtbot.waitSignal(page.rankingShown, timeout=20_000):
        qtbot.mouseClick(page.rank_button, Qt.MouseButton.LeftButton)
    assert english_left(visible_texts(page)) == []
    frame = page.ranking_table.table_model.frame
    names = dict(zip(frame["key"].astype(str), frame["name"].astype(str), strict=True))
    assert names["CN"] == "中国" and names["JP"] == "日本"
    assert english_words(ja_window.statusBar().currentMessage()) == []
    # a country, typed at the keyboard: its hint and title in Japanese
    controls.mode.setCurrentIndex(controls.mode.findData("country"))
    countries = controls.boxes["country"]
    countries.setCurrentIndex(countries.findData("JP"))
    assert countries.currentText() == "日本 (JP) · 材料 8 件"
    controls.cut.setValue(50)
    with qtbot.waitSignal(page.scenarioShown, timeout=20_000):
        qtbot.keyClick(controls.days, Qt.Key.Key_Return)
    assert page.chart.title.text().startswith("日本 (JP) からの供給を ")
    assert page.chart.title.text().endswith("50% 削減")
    assert english_left(visible_texts(page)) == []


def test_the_settings_page_reads_in_japanese(ja_window: MainWindow, qtbot: Any) -> None:
    page = show_page(ja_window, "settings_page")
    assert isinstance(page, SettingsPage)
    # the rates' own table and its buttons belong to every table page (checked there)
    rates = tuple(page.findChildren(TablePage))
    texts = visible_texts(page, skip=rates)
    assert english_left(texts) == []
    labels = {text for what, text in texts if what == "QLabel"}
    assert {"プロジェクト設定", "為替レート", "基準日", "国別上限比率"} <= labels
    assert page.fields["as_of_date"].text() == "2026/11/02"
    # a refused value is said in Japanese beside the field
    field = page.fields["target_days"]
    field.selectAll()
    qtbot.keyClicks(field, "-1")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert page.notes["target_days"].text().startswith("変更していません。目標在庫日数：")
    assert page.notes["target_days"].text().endswith("（60 のままです）")


def test_the_english_pages_are_unchanged(window: MainWindow, qtbot: Any) -> None:
    """The same pages in English: the words the Japanese replace are still there."""
    page = show_page(window, "scenario_page")
    assert isinstance(page, ScenarioPage)
    assert [page.tabs.tabText(i) for i in range(3)] == [
        "Materials hit", "Products", "Risk ranking"]
    countries = page.controls.boxes["country"]
    texts = [countries.itemText(i) for i in range(countries.count())]
    assert "China (CN) · 6 materials" in texts
    assert any(t.endswith(" · 1 material") for t in texts)
    settings = show_page(window, "settings_page")
    assert isinstance(settings, SettingsPage)
    assert settings.fields["as_of_date"].text() == "2026-11-02"
