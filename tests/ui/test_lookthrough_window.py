"""Look-through in the window: the exposure map and the largest-origin card switch between
declared and effective origins, the materials table shows both top countries, a product
shows its origin content with its flag, a Suppliers kind cell takes trader or 商社, and a
country stop says what look-through added to the hit."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtGui import QInputMethodEvent

import planner
from planner.inputs.project import Project
from tests.ui.test_table_editing import click_cell, column_of, press, show_page
from ui.editing.document import Document
from ui.editing.table_page import TablePage
from ui.pages.bom_page import BomPage
from ui.pages.dashboard import DashboardPage
from ui.pages.scenario_controls import MODES
from ui.pages.scenario_page import ScenarioPage
from ui.pages.tables import MaterialsPage
from ui.qt import QApplication, QComboBox, Qt
from ui.shell.main_window import MainWindow

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
EV = SAMPLES / "ev_motors_wind.xlsx"


def traded() -> Project:
    """The EV sample with Elbmark (SUP-ELB, a German metal trader) marked a trader and its
    origins left blank: its rare earths have an unknown origin, looked through."""
    p = planner.load(EV)
    p.suppliers.loc[p.suppliers["supplier_id"] == "SUP-ELB", "kind"] = "trader"
    p.sources.loc[p.sources["supplier_id"] == "SUP-ELB", "origin_country"] = pd.NA
    return p


def shown(qtbot: object, page: object, size: tuple[int, int] = (1366, 768)) -> None:
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.resize(*size)  # type: ignore[attr-defined]
    page.show()  # type: ignore[attr-defined]
    qtbot.waitExposed(page)  # type: ignore[attr-defined]


def x_of(page: DashboardPage, item_id: str) -> float:
    return next(x for i, x, _y in page.exposure_map.points() if i == item_id)


def test_the_map_and_the_card_switch_to_effective_origins(qtbot: object) -> None:
    doc = Document(traded(), EV)
    page = DashboardPage(doc)
    shown(qtbot, page)
    m = doc.report.materials.set_index("item_id")
    # terbium: 70% declared from CN; Elbmark's 30% of unknown origin is mostly Chinese
    assert x_of(page, "M-TB") == pytest.approx(m.at["M-TB", "top_country_share"] * 100)
    declared_card = page.card_text("largest_country")
    assert "(largest origin)" in page.cards["largest_country"].caption.text()

    button = page.exposure_map.effective_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    effective = m.at["M-TB", "effective_top_share"]
    assert effective > m.at["M-TB", "top_country_share"] + 0.1
    assert x_of(page, "M-TB") == pytest.approx(effective * 100)
    assert "effective" in page.exposure_map.tip_for("M-TB")
    dep = doc.report.effective_dependence
    assert page.card_text("largest_country") == (
        f"{dep.index[0]} {round(float(dep.iloc[0]) * 100)}%")
    assert page.card_text("largest_country") != declared_card
    assert "effective" in page.cards["largest_country"].caption.text()
    assert "estimate" in button.toolTip()

    # back with the keyboard: the Declared button takes the focus, Space presses it
    declared = page.exposure_map.declared_button
    assert declared.focusPolicy() & Qt.FocusPolicy.TabFocus
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)  # type: ignore[attr-defined]
    declared.setFocus()
    assert declared.hasFocus()
    qtbot.keyClick(declared, Qt.Key.Key_Space)  # type: ignore[attr-defined]
    assert declared.isChecked() and not button.isChecked()
    assert x_of(page, "M-TB") == pytest.approx(m.at["M-TB", "top_country_share"] * 100)
    assert page.card_text("largest_country") == declared_card


def test_the_country_mix_follows_the_switch(qtbot: object) -> None:
    """Effective on: the mix beside the map shows the spread origins too, and says so."""
    doc = Document(traded(), EV)
    page = DashboardPage(doc)
    shown(qtbot, page)

    def terbium() -> dict[str | None, float]:
        return {s.country: s.share for s in page.mix_chart._segments
                if s.item_id == "M-TB"}

    declared = terbium()
    assert declared == pytest.approx({"CN": 0.7, "DE": 0.3})
    assert "effective" not in page.mix_chart.title.text()
    qtbot.mouseClick(page.exposure_map.effective_button,  # type: ignore[attr-defined]
                     Qt.MouseButton.LeftButton)
    effective = terbium()
    assert "DE" not in effective  # Elbmark's 30% is spread over the world's producers
    assert effective["CN"] == pytest.approx(
        doc.report.materials.set_index("item_id").at["M-TB", "effective_top_share"])
    assert sum(effective.values()) == pytest.approx(1.0)
    assert "effective" in page.mix_chart.title.text()
    qtbot.mouseClick(page.exposure_map.declared_button,  # type: ignore[attr-defined]
                     Qt.MouseButton.LeftButton)
    assert terbium() == pytest.approx(declared)


def test_the_materials_table_shows_declared_and_effective_top_countries(
        qtbot: object) -> None:
    doc = Document(traded(), EV)
    page = MaterialsPage(doc)
    shown(qtbot, page)
    model = page.figures.model
    keys = [c.key for c in model.columns]
    # side by side: declared, then effective, then the world's
    at = keys.index("top_country")
    assert keys[at:at + 4] == ["top_country", "top_country_share", "effective_top_country",
                               "effective_top_share"]
    row = next(r for r in range(model.rowCount()) if model.value(r, "item_id") == "M-TB")
    text = {k: model.index(row, keys.index(k)).data() for k in keys}
    assert text["top_country_share"] == "70.0%"
    assert text["effective_top_country"] == "CN"
    assert text["effective_top_share"] == "90.8%"
    assert text["commodity"] == "Rare Earths"
    assert text["world_top_country"] == "CN"
    tip = model.headerData(keys.index("effective_top_share"), Qt.Orientation.Horizontal,
                           Qt.ItemDataRole.ToolTipRole)
    assert "estimate" in tip
    assert model.headerData(keys.index("effective_top_country"),
                            Qt.Orientation.Horizontal) == "Effective top country"


def test_a_product_shows_its_origin_content_and_flag(qtbot: object) -> None:
    doc = Document(traded(), EV)
    page = BomPage(doc)
    shown(qtbot, page)
    page.tabs.setCurrentWidget(page.content)
    assert page.content.model.rowCount() == 0  # nothing chosen yet
    # the user clicks the first product of the tree
    tree = page.tree
    index = page.tree_model.index(0, 0)
    assert index.data() == "P-TM150"
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                     pos=tree.visualRect(index).center())
    panel = page.content
    assert panel.product_id == "P-TM150"
    model = panel.model
    rows = {(model.value(r, "material_id"), model.value(r, "country"))
            for r in range(model.rowCount())}
    assert ("M-ND", "CN") in rows and ("M-CU", "DE") in rows
    assert ("M-ND", "US") in rows  # reached only by look-through: Elbmark's neodymium
    expected = doc.report.content.detail(doc.report.product_materials, "P-TM150")
    assert model.rowCount() == int(((expected["quantity"] > 0)
                                    | (expected["value"] > 0)).sum())
    product = doc.report.products.set_index("item_id").loc["P-TM150"]
    assert bool(product["content_flag"])
    flag = panel.flag_text()
    share = f"{product['content_share'] * 100:.1f}%"
    assert flag.startswith("Flagged: CN content") and share in flag
    assert "not a legal determination" in panel.note.text()
    # the product list carries the share and the flag
    figures = page.products_figures.model
    keys = [c.key for c in figures.columns]
    row = next(r for r in range(figures.rowCount())
               if figures.value(r, "item_id") == "P-TM150")
    assert figures.index(row, keys.index("content_share")).data() == share
    assert figures.index(row, keys.index("content_flag")).data() == "yes"
    # a material is no product: the panel says to pick one
    doc.select_item("M-ND")
    assert panel.model.rowCount() == 0 and panel.product_id == ""


def type_into_kind(window: MainWindow, qtbot: object, text: str) -> TablePage:
    page = show_page(window, qtbot, "suppliers_page")
    assert isinstance(page, TablePage)
    row = next(r for r in range(page.model.rowCount())
               if page.model.value(r, "supplier_id") == "SUP-ELB")
    click_cell(qtbot, page, row, "kind")
    press(qtbot, Qt.Key.Key_F2)  # open the cell's editor
    editor = page.view.indexWidget(page.view.currentIndex())
    assert isinstance(editor, QComboBox)
    offered = [editor.itemText(i) for i in range(editor.count())]
    line = editor.lineEdit()
    line.selectAll()
    if text.isascii():
        qtbot.keyClicks(QApplication.focusWidget(), text)  # type: ignore[attr-defined]
    else:  # as a Japanese input method commits it: QTest cannot type kanji
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(line, event)
    assert line.text() == text
    press(qtbot, Qt.Key.Key_Return)
    if page.view.state() == page.view.State.EditingState:  # a completion shown: taken
        press(qtbot, Qt.Key.Key_Return)
    assert page.model.value(row, "kind") == "trader"
    shown_text = page.model.index(row, column_of(page, "kind")).data()
    page.offered = offered  # type: ignore[attr-defined]
    page.shown_text = shown_text  # type: ignore[attr-defined]
    return page


def test_a_suppliers_kind_cell_keeps_trader(window: MainWindow, qtbot: object,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window.files, "maybe_save", lambda: True)
    page = type_into_kind(window, qtbot, "trader")
    assert page.offered == ["producer", "trader"]  # type: ignore[attr-defined]
    assert page.shown_text == "trader"  # type: ignore[attr-defined]


def test_a_suppliers_kind_cell_keeps_shosha_in_japanese(
        japanese: None, qtbot: object, prefs: object, recovery_dir: Path) -> None:
    from ui.shell.recovery import Autosaver

    w = MainWindow(Document(planner.load(EV), EV), prefs=prefs,  # type: ignore[arg-type]
                   autosaver=Autosaver(recovery_dir))
    qtbot.addWidget(w)  # type: ignore[attr-defined]
    w.files.maybe_save = lambda: True  # type: ignore[method-assign]
    w.resize(1366, 768)
    w.show()
    page = type_into_kind(w, qtbot, "商社")
    assert page.offered == ["メーカー", "商社"]  # type: ignore[attr-defined]
    assert page.shown_text == "商社"  # type: ignore[attr-defined]
    w.doc.undo_stack.setClean()


def test_sources_and_items_offer_origins_and_commodities(window: MainWindow,
                                                         qtbot: object) -> None:
    sources = show_page(window, qtbot, "sourcing_page").sources  # type: ignore[attr-defined]
    origins = sources.view.itemDelegate().choices("origin_country")
    assert "CN" in origins and origins[-1] == "unknown"  # in the window's language
    items = show_page(window, qtbot, "bom_page").items_page  # type: ignore[attr-defined]
    commodities = items.view.itemDelegate().choices("commodity")
    assert "Rare Earths" in commodities and "Gallium" in commodities


def test_unknown_and_commodities_read_in_japanese(
        japanese: None, qtbot: object, prefs: object, recovery_dir: Path) -> None:
    """In a Japanese window "unknown" reads 不明 and a commodity its Japanese name, however
    it was written; either is offered and read back."""
    from ui.shell.recovery import Autosaver

    p = traded()
    p.sources.loc[p.sources["supplier_id"] == "SUP-ELB", "origin_country"] = "unknown"
    p.items.loc[p.items["item_id"] == "M-GA", "commodity"] = "gallium"
    w = MainWindow(Document(p, EV), prefs=prefs,  # type: ignore[arg-type]
                   autosaver=Autosaver(recovery_dir))
    qtbot.addWidget(w)  # type: ignore[attr-defined]
    w.files.maybe_save = lambda: True  # type: ignore[method-assign]
    w.resize(1366, 768)
    w.show()
    sources = show_page(w, qtbot, "sourcing_page").sources  # type: ignore[attr-defined]
    row = next(r for r in range(sources.model.rowCount())
               if sources.model.value(r, "supplier_id") == "SUP-ELB")
    at = sources.model.index(row, column_of(sources, "origin_country"))
    assert at.data() == "不明"
    assert sources.view.itemDelegate().choices("origin_country")[-1] == "不明"
    items = show_page(w, qtbot, "bom_page").items_page  # type: ignore[attr-defined]
    ga = next(r for r in range(items.model.rowCount())
              if items.model.value(r, "item_id") == "M-GA")
    assert items.model.index(ga, column_of(items, "commodity")).data() == "ガリウム"
    assert "レアアース" in items.view.itemDelegate().choices("commodity")
    # typed in Japanese, read as the release's commodity
    click_cell(qtbot, items, ga, "commodity")
    press(qtbot, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    event = QInputMethodEvent()
    event.setCommitString("タングステン")
    if hasattr(editor, "selectAll"):
        editor.selectAll()
    QApplication.sendEvent(editor, event)
    press(qtbot, Qt.Key.Key_Return)
    if items.view.state() == items.view.State.EditingState:  # a completion shown: taken
        press(qtbot, Qt.Key.Key_Return)
    assert items.model.value(ga, "commodity") == "タングステン"
    assert w.doc.report.materials.set_index("item_id").at["M-GA", "commodity"] == "Tungsten"
    w.doc.undo_stack.setClean()


def test_a_country_stop_says_what_look_through_added(qtbot: object) -> None:
    doc = Document(traded(), EV)
    page = ScenarioPage(doc)
    shown(qtbot, page, (1280, 760))
    box = page.controls.boxes["country"]
    # the United States produce rare earths: offered only through look-through
    assert "US" not in set(doc.report.sources["origin_country"].dropna())
    assert box.findData("US") >= 0
    page.controls.mode.setCurrentIndex([m for m, _ in MODES].index("country"))
    box.setCurrentIndex(box.findData("CN"))
    assert "look-through" in page.controls.hint.text()
    page.controls.days.setFocus()
    qtbot.keyClick(page.controls.days, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.result is not None)  # type: ignore[attr-defined]
    table = page.materials_table.table_model
    keys = [c.key for c in table.columns]
    at = keys.index("looked_through_share")
    assert table.headerData(at, Qt.Orientation.Horizontal) == "Of which via look-through"
    row = next(r for r in range(table.rowCount()) if table.value(r, "item_id") == "M-TB")
    assert table.index(row, at).data() == "20.8%"
    note = page.lookthrough_note
    assert note.isVisible()
    assert note.text().startswith("Look-through: part of the hit on 3 of the 5 materials")
    # a stop look-through adds nothing to: no note
    page.controls.mode.setCurrentIndex([m for m, _ in MODES].index("supplier"))
    supplier = page.controls.boxes["supplier"]
    supplier.setCurrentIndex(supplier.findData("SUP-QRM"))
    page.run()
    qtbot.waitUntil(lambda: page.result is not None  # type: ignore[attr-defined]
                    and page.result.stop.key == "SUP-QRM")
    assert not note.isVisible()
