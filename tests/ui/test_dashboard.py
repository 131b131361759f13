"""The dashboard shows the engine's figures, one chart entry per material, follows and
makes selections, and redraws after an edit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import planner
from planner.inputs import editing
from ui.editing.document import Document
from ui.pages.charts import CoverChart, axis_limit, country_colour
from ui.pages.dashboard import DashboardPage
from ui.qt import QPoint, Qt

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
EV = SAMPLES / "ev_motors_wind.xlsx"
SEMI = SAMPLES / "semiconductor_equipment.xlsx"


@pytest.fixture(params=[EV, SEMI], ids=["ev", "semi"])
def sample(request: pytest.FixtureRequest) -> Path:
    return request.param


def open_page(qtbot: object, path: Path) -> tuple[Document, DashboardPage]:
    doc = Document(planner.load(path), path)
    page = DashboardPage(doc)
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.resize(1400, 900)
    page.show()
    qtbot.waitExposed(page)  # type: ignore[attr-defined]
    return doc, page


def expected_figures(doc: Document) -> dict[str, object]:
    """The headline figures counted straight from the engine's report."""
    m = doc.report.materials
    dep = doc.report.country_dependence
    return {
        "materials": len(m),
        "below_target": int(m["status"].isin(["critical", "short"]).sum()),
        "critical": int((m["status"] == "critical").sum()),
        "single_sourced": int((m["suppliers"] == 1).sum()),
        "over_supplier_cap": int(m["over_supplier_cap"].sum()),
        "over_country_cap": int(m["over_country_cap"].sum()),
        "largest_country": str(dep.idxmax()),
        "largest_country_share": float(dep.max()),
    }


def click_scene(qtbot: object, chart: object, scene_pos: object) -> None:
    view = chart.view
    p = view.mapFromScene(scene_pos)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                     pos=QPoint(p.x(), p.y()))


def test_headline_figures_equal_the_engine(qtbot: object, sample: Path) -> None:
    doc, page = open_page(qtbot, sample)
    want = expected_figures(doc)
    got = page.figures()
    assert got == pytest.approx(want)
    n = want["materials"]
    assert page.card_text("below_target") == f"{want['below_target']} of {n}"
    assert page.card_text("single_sourced") == f"{want['single_sourced']} of {n}"
    assert page.card_text("over_supplier_cap") == f"{want['over_supplier_cap']} of {n}"
    assert page.card_text("over_country_cap") == f"{want['over_country_cap']} of {n}"
    share = round(want["largest_country_share"] * 100)
    assert page.card_text("largest_country") == f"{want['largest_country']} {share}%"
    # and the engine run afresh agrees with the document's report
    fresh = planner.compute(doc.project)
    assert got["over_country_cap"] == int(fresh.materials["over_country_cap"].sum())


def test_largest_country_is_coloured_against_the_g7_marks(qtbot: object) -> None:
    _doc, page = open_page(qtbot, EV)  # DE 58%: above the 50% ambition, under the 60% limit
    assert page.figures()["largest_country"] == "DE"
    assert page.cards["largest_country"].value.property("level") == "warn"
    _doc, page = open_page(qtbot, SEMI)  # CN 32%
    assert page.cards["largest_country"].value.property("level") == ""


def test_charts_have_one_entry_per_material(qtbot: object, sample: Path) -> None:
    doc, page = open_page(qtbot, sample)
    m = doc.report.materials
    ids = set(m["item_id"])
    cover_rows = page.cover_chart.rows()
    assert [r.item_id for r in cover_rows] and len(cover_rows) == len(m)
    assert {r.item_id for r in cover_rows} == ids
    assert sorted(page.mix_chart.materials()) == sorted(ids)
    assert sorted(p[0] for p in page.exposure_map.points()) == sorted(ids)

    # the cover bars are the engine's days of cover (cut off only at the axis end)
    widths = dict(zip([r.item_id for r in cover_rows], page.cover_chart.bar_widths(),
                      strict=True))
    for row in m.itertuples():
        assert widths[row.item_id] == pytest.approx(min(row.days_of_cover,
                                                        page.cover_chart._limit))
    # the map places each material at its top-country share and its cover
    by_id = m.set_index("item_id")
    for item_id, x, y in page.exposure_map.points():
        assert x == pytest.approx(by_id.loc[item_id, "top_country_share"] * 100)
        assert y == pytest.approx(by_id.loc[item_id, "days_of_cover"])


def test_country_mix_sums_the_sources_by_origin(qtbot: object, sample: Path) -> None:
    doc, page = open_page(qtbot, sample)
    grouped = doc.report.sources.groupby(["item_id", "origin_country"])["share"].sum()
    want = {(str(i), str(c)): float(v) for (i, c), v in grouped.items()}
    got = {(s.item_id, s.country): s.share for s in page.mix_chart.segments()}
    assert got.keys() == want.keys()
    assert got == pytest.approx(want)
    for item_id in page.mix_chart.materials():
        shares = [s.share for s in page.mix_chart.segments() if s.item_id == item_id]
        assert shares == sorted(shares, reverse=True)  # the largest country first
        assert sum(shares) == pytest.approx(1.0, abs=0.005)


def test_china_keeps_its_colour() -> None:
    assert country_colour("CN") == country_colour("CN") == "#2b2d6e"
    assert country_colour("ZZ") == country_colour("ZZ")  # an unlisted code is stable too
    assert country_colour("DE") != country_colour("CN")


def test_clicking_a_cover_bar_selects_its_material(qtbot: object) -> None:
    doc, page = open_page(qtbot, EV)
    chart = page.cover_chart
    target = chart.rows()[2].item_id
    with qtbot.waitSignal(doc.itemSelected, timeout=2000) as blocker:  # type: ignore[attr-defined]
        click_scene(qtbot, chart, chart.row_scene_pos(target, 5.0))
    assert blocker.args == [target]
    assert doc.selected_item == target


def test_clicking_a_material_name_selects_it(qtbot: object) -> None:
    doc, page = open_page(qtbot, SEMI)
    chart = page.mix_chart
    target = chart.materials()[3]
    axis = chart.plot.getAxis("left").sceneBoundingRect()
    pos = chart.row_scene_pos(target, 0.0)
    pos.setX(axis.center().x())
    with qtbot.waitSignal(doc.itemSelected, timeout=2000) as blocker:  # type: ignore[attr-defined]
        click_scene(qtbot, chart, pos)
    assert blocker.args == [target]


def test_clicking_a_point_on_the_map_selects_its_material(qtbot: object) -> None:
    doc, page = open_page(qtbot, EV)
    target = "M-TB"
    with qtbot.waitSignal(doc.itemSelected, timeout=2000) as blocker:  # type: ignore[attr-defined]
        click_scene(qtbot, page.exposure_map, page.exposure_map.point_scene_pos(target))
    assert blocker.args == [target]


def test_hovering_a_point_names_the_material(qtbot: object) -> None:
    _doc, page = open_page(qtbot, EV)
    chart = page.exposure_map
    p = chart.view.mapFromScene(chart.point_scene_pos("M-TB"))
    for dx in (0, 1):  # pyqtgraph hovers on a move
        qtbot.mouseMove(chart.view.viewport(), QPoint(p.x() + dx, p.y()))  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: chart.vb.toolTip() != "", timeout=2000)  # type: ignore[attr-defined]
    tip = chart.vb.toolTip()
    assert tip == chart.tip_for("M-TB")
    assert tip.startswith("Terbium metal 99.9%")
    assert "23 d of cover, target 180 d (critical)" in tip  # forward, with the ramp-up
    assert "100% of supply from CN" in tip


def test_a_selection_elsewhere_is_highlighted(qtbot: object) -> None:
    doc, page = open_page(qtbot, SEMI)
    doc.select_item("M-SB")
    for chart in (page.cover_chart, page.mix_chart):
        assert chart.highlighted == "M-SB"
        assert chart.band.isVisible()
        low, high = chart.band.getRegion()
        assert (low + high) / 2 == chart.ids.index("M-SB")
    ring_x, ring_y = page.exposure_map.ring.getData()
    point = next(p for p in page.exposure_map.points() if p[0] == "M-SB")
    assert (ring_x[0], ring_y[0]) == pytest.approx(point[1:])


def test_an_edit_updates_the_dashboard(qtbot: object) -> None:
    doc, page = open_page(qtbot, EV)
    before = page.figures()
    m = doc.report.materials
    ok = m.loc[m["status"] == "ok", "item_id"].iloc[0]
    stock = doc.project.tables["Stock"]
    row = int(np.flatnonzero(stock["item_id"].to_numpy() == ok)[0])
    editing.set_value(doc.project, "Stock", row, "on_hand", 0.0)
    doc.recompute()
    after = page.figures()
    assert after == pytest.approx(expected_figures(doc))
    assert after["below_target"] == before["below_target"] + 1
    widths = dict(zip([r.item_id for r in page.cover_chart.rows()],
                      page.cover_chart.bar_widths(), strict=True))
    assert widths[ok] == 0.0
    assert page.cover_chart.rows()[0].status == "critical"


def test_a_hidden_dashboard_redraws_when_shown(qtbot: object) -> None:
    doc, page = open_page(qtbot, EV)
    page.hide()
    stock = doc.project.tables["Stock"]
    editing.set_value(doc.project, "Stock", 0, "on_hand", 0.0)
    doc.recompute()
    assert page._pending
    page.show()
    assert not page._pending
    assert page.figures() == pytest.approx(expected_figures(doc))
    assert stock is doc.project.tables["Stock"]


def test_very_long_cover_is_cut_off_with_its_figure(qtbot: object) -> None:
    doc, page = open_page(qtbot, EV)
    stock = doc.project.tables["Stock"]
    row = int(np.flatnonzero(stock["item_id"].to_numpy() == "M-FEB")[0])
    # about 35,000 days against the forecast's later rate (1,000,000 would pass the
    # 36,500 days beyond which cover reads as unlimited)
    editing.set_value(doc.project, "Stock", row, "on_hand", 900_000.0)
    doc.recompute()
    chart = page.cover_chart
    assert chart.clipped() == ["M-FEB"]
    assert any(text.endswith("▸") for text in chart.value_labels())
    assert chart.bar_widths().max() <= chart._limit
    assert chart._limit < 1000  # the other bars keep their room


def test_material_without_demand_has_no_bar(qtbot: object) -> None:
    doc, page = open_page(qtbot, SEMI)
    bom = doc.project.tables["BOM"]
    editing.remove_rows(doc.project, "BOM",
                        list(np.flatnonzero(bom["child_id"].to_numpy() == "M-CO")))
    doc.recompute()
    assert np.isnan(doc.report.materials.set_index("item_id").loc["M-CO", "days_of_cover"])
    rows = page.cover_chart.rows()
    assert rows[-1].item_id == "M-CO" and rows[-1].cover is None
    assert page.cover_chart.bar_widths()[-1] == 0.0
    assert "no demand" in page.cover_chart.value_labels()
    assert "M-CO" not in [p[0] for p in page.exposure_map.points()]
    assert "without demand" in page.exposure_map.footer.text()


def test_a_clear_message_when_there_are_no_figures(qtbot: object) -> None:
    doc, page = open_page(qtbot, EV)
    doc.report_error = "BOM: the BOM has a cycle through 3 items"
    doc.reportChanged.emit()
    assert page.showing_message()
    assert "cycle" in page.message.text()
    assert page.figures() == {}
    doc.recompute()
    assert not page.showing_message()


def test_axis_limit_keeps_one_long_cover_from_squashing_the_rest() -> None:
    covers = [20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 900]
    assert axis_limit(covers, 120) == 120  # the 900 is cut off
    assert axis_limit([*covers[:-1], 150, 900], 120) == 150
    assert axis_limit([20, 30, 200], 120) == 200  # not far out: shown whole
    assert axis_limit([None, float("nan")], 120) == 120
    many = np.r_[np.arange(1000.0), np.full(10, 1e5)]
    assert axis_limit(many, 10) == 959  # the top 5 % set aside
    assert axis_limit(np.arange(1000.0), 10) == 999


def test_charts_reuse_their_plot_items(qtbot: object) -> None:
    doc, page = open_page(qtbot, EV)
    chart: CoverChart = page.cover_chart
    items = list(chart.plot.items)
    doc.recompute()
    doc.recompute()
    assert list(chart.plot.items) == items
