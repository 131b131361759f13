"""The window in Japanese: menus, actions and the guide, and the Qt catalogues that carry
them (complete, placeholders kept, compiled, holding every string of ui/)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import planner
from planner.core import i18n
from ui.common import language
from ui.editing.document import Document
from ui.qt import QKeySequence, QMenu, Qt, QUrl
from ui.shell.actions import ACTIONS, HELP_ACTIONS
from ui.shell.guide import GuideWindow, guide_text, slug
from ui.shell.main_window import MainWindow
from ui.shell.preferences import Preferences
from ui.shell.recovery import Autosaver

ROOT = Path(__file__).resolve().parents[2]
EV = ROOT / "samples" / "ev_motors_wind.xlsx"
TRANSLATIONS = ROOT / "resources" / "translations"
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"\{\w*\}|%n|%L?\d")
# what a Japanese menu may keep in Latin letters: the program's name, formats, the accelerator,
# and "English", which the Language menu writes in English as every language in itself
ALLOWED_LATIN = re.compile(
    r"\(&[A-Z]\)|Stockpile Planner|PDF|CSV|Excel|English|\.xlsx|\.stockpile|\.\.\.")


def _window(qtbot: object, prefs: Preferences, recovery_dir: Path) -> MainWindow:
    w = MainWindow(Document(planner.load(EV), EV), prefs=prefs,
                   autosaver=Autosaver(recovery_dir))

    def close(window: MainWindow) -> None:
        window.doc.undo_stack.setClean()  # no "Save changes?" when the test ends
        window.close()

    qtbot.addWidget(w, before_close_func=close)  # type: ignore[attr-defined]
    w.resize(1366, 768)
    w.show()
    return w


@pytest.fixture
def ja_window(japanese: None, qtbot: object, prefs: Preferences,
              recovery_dir: Path) -> MainWindow:
    return _window(qtbot, prefs, recovery_dir)


def _menus(window: MainWindow) -> dict[str, QMenu]:
    return {a.text(): a.menu() for a in window.menuBar().actions()}


def _english_left(text: str) -> str:
    """The Latin letters of a menu text that a Japanese menu should not have."""
    return "".join(re.findall(r"[A-Za-z]+", ALLOWED_LATIN.sub("", text)))


def test_menus_and_their_actions_are_in_japanese(ja_window: MainWindow) -> None:
    menus = _menus(ja_window)
    assert list(menus) == ["ファイル(&F)", "編集(&E)", "表示(&V)", "ヘルプ(&H)"]
    file_menu = [a.text() for a in menus["ファイル(&F)"].actions() if a.text()]
    assert file_menu[:3] == ["新規作成(&N)", "新規テンプレートブック(&T)...", "開く(&O)..."]
    assert "名前を付けて保存(&A)..." in file_menu and file_menu[-1] == "終了(&Q)"
    edit = [a.text() for a in menus["編集(&E)"].actions() if a.text()]
    for text in ("切り取り(&T)", "コピー(&C)", "貼り付け(&P)", "下方向へコピー(&W)"):
        assert text in edit
    assert [a.text() for a in menus["ヘルプ(&H)"].actions()] == [
        "ガイド(&G)", "Stockpile Planner について(&A)"]
    theme = ja_window.findChild(QMenu, "menu_theme")
    assert theme is not None and theme.title() == "テーマ(&T)"
    left = {a.text(): _english_left(a.text()) for menu in menus.values()
            for a in menu.actions() if a.text() and _english_left(a.text())}
    assert left == {}, "English left in the menus"
    tips = {a.statusTip() for a in ja_window.actions.values() if a.statusTip()}
    assert "問題のある次のセルへ移動します" in tips
    assert not [t for t in tips if _english_left(t)]


def test_shortcuts_stay_the_same_in_japanese(ja_window: MainWindow) -> None:
    for spec in (*ACTIONS, *HELP_ACTIONS):
        if spec.shortcut is not None:
            assert ja_window.actions[spec.id].shortcut() == QKeySequence(spec.shortcut), spec.id
    assert ja_window.actions["save"].shortcut() == QKeySequence(QKeySequence.StandardKey.Save)


def test_f1_opens_the_guide_in_japanese(ja_window: MainWindow, qtbot) -> None:
    ja_window.activateWindow()
    ja_window.setFocus()
    qtbot.keyClick(ja_window, Qt.Key.Key_F1)
    guide = ja_window.findChild(GuideWindow, "guide")
    assert guide is not None and guide.isVisible()
    assert guide.windowTitle() == "Stockpile Planner ガイド"
    text = guide.browser.toPlainText()
    for term in ("用語集", "在庫日数", "発注残込み在庫日数", "安全在庫", "耐久日数（TTS）",
                 "復旧日数（TTR）", "影響売上高", "国別依存度（金額ベース）", "qty_per",
                 "SS = z × √(LT × σ_d² + d² × σ_LT²)", "26,676", "222,000"):
        assert term in text, term
    assert "Days of cover" not in text and "`" not in text and "##" not in text
    contents = [guide.contents.item(i).text().strip() for i in range(guide.contents.count())]
    assert contents[0] == "用語集" and "HHI（集中度指数）" in contents

    guide.search.setText("在庫日数")  # typed through an input method, not as key presses
    assert guide.browser.textCursor().selectedText() == "在庫日数"
    qtbot.keyClicks(guide.search, "zzz")
    assert guide.found.text() == "見つかりません"
    # a section is found by its English anchor too, and by the Japanese one its links use
    assert guide.section("days-of-cover")
    assert guide.browser.textCursor().block().text() == "在庫日数"
    assert guide.section("worked-example")
    assert guide.browser.textCursor().block().text() == "総合計算例"
    guide._follow(QUrl("#hhi集中度指数"))
    assert guide.browser.textCursor().block().text() == "HHI（集中度指数）"
    guide.close()


def test_the_english_window_shows_the_english_guide(window: MainWindow, qtbot) -> None:
    assert i18n.language() == "en"
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.findChild(GuideWindow, "guide")
    assert guide is not None
    text = guide.browser.toPlainText()
    assert "Days of cover" in text and "在庫日数" not in text
    guide.close()


def test_the_japanese_guide_follows_the_english_one() -> None:
    """Same sections in the same order (English anchors find Japanese sections), every
    link leads to a section, and the formulas' column names and figures are kept."""
    heading = re.compile(r"^(#{2,3}) (.+?)\s*$", re.MULTILINE)
    english, japanese = guide_text("en"), guide_text("ja")
    en_levels = [level for level, _title in heading.findall(english)]
    ja_sections = heading.findall(japanese)
    assert [level for level, _title in ja_sections[:len(en_levels)]] == en_levels
    anchors = {slug(title) for _level, title in ja_sections}
    links = re.findall(r"\]\(#([^)]+)\)", japanese)
    assert len(links) >= 20 and set(links) <= anchors
    for kept in ("qty_per × (1 + scrap_pct / 100)", "`service_level`", "`country:CN`",
                 "`more_concentrated`", "`--presets-file`",
                 "860.7", "35.87", "6,921.2", "238.8"):
        assert kept in japanese and kept.strip("`") in english, kept


# --- the catalogues ---------------------------------------------------------------------

def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    return [(ctx.findtext("name") or "", msg.findtext("source") or "", msg)
            for ctx in ET.parse(ts).getroot().iter("context") for msg in ctx.iter("message")]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_catalogue_is_finished_and_keeps_placeholders(lang: str) -> None:
    messages = _messages(TRANSLATIONS / f"stockpile_planner_{lang}.ts")
    if lang == "ja":
        assert len(messages) > 50
    for context, source, message in messages:
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None, (context, source)
        forms = [f.text or "" for f in translation.iter("numerusform")] or [
            translation.text or ""]
        for form in forms:
            assert form.strip(), (context, source)
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), (
                context, source, form)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_shipped_qm_is_compiled_from_the_catalogue(lang: str, tmp_path: Path) -> None:
    ts = TRANSLATIONS / f"stockpile_planner_{lang}.ts"
    compiled = tmp_path / "out.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(compiled)],
                   check=True, capture_output=True)
    assert compiled.read_bytes() == ts.with_suffix(".qm").read_bytes()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_translatable_string_of_the_window_is_in_the_catalogue(
        lang: str, tmp_path: Path) -> None:
    """lupdate over ui/ finds nothing new (English: its plural sentences only)."""
    shipped = TRANSLATIONS / f"stockpile_planner_{lang}.ts"
    copy = tmp_path / shipped.name
    shutil.copy(shipped, copy)
    only = ["-pluralonly"] if lang == "en" else []
    subprocess.run([str(BIN / "pyside6-lupdate"), "-silent", "-extensions", "py",
                    "-locations", "none", *only, "ui", "-ts", str(copy)],
                   check=True, capture_output=True, cwd=ROOT)
    before = {(c, s) for c, s, _m in _messages(shipped)}
    after = {(c, s) for c, s, _m in _messages(copy)}
    assert after - before == set()


def test_the_language_is_chosen_in_the_view_menu_for_the_next_start(
        qtbot: object, prefs: Preferences, recovery_dir: Path) -> None:
    """View → Language keeps the choice; the next window (the next start) speaks it, each
    language named in itself whatever the window's language."""
    window = _window(qtbot, prefs, recovery_dir)
    menu = window.findChild(QMenu, "menu_language")
    assert menu is not None and menu.title() == "&Language"
    assert [a.text() for a in menu.actions() if a.text()] == [
        "Follow the &Desktop", "English", "日本語"]
    assert window.language_actions["system"].isChecked()
    window.language_actions["ja"].trigger()
    assert prefs.language == "ja" and window.language_actions["ja"].isChecked()
    assert window.statusBar().currentMessage() == "次回の起動時から日本語で表示します。"
    assert language.chosen(prefs.language) == "ja"
    window.language_actions["en"].trigger()
    assert prefs.language == "en"
    assert window.statusBar().currentMessage().endswith("in English from its next start.")


def test_a_charts_export_menu_is_in_japanese(japanese: None, qtbot: object) -> None:
    """pyqtgraph's right-click "Export..." goes through Qt with words of its own, which our
    catalogue carries (ui/common/chart_words.py)."""
    import pyqtgraph as pg

    plot = pg.PlotWidget()
    qtbot.addWidget(plot)  # type: ignore[attr-defined]
    assert [a.text() for a in plot.scene().contextMenu] == ["グラフを書き出し..."]
