"""`planner compare` and planner.analysis.compare: a hand-made pair of months whose every
difference is worked out below, the same project against itself, the command's text and
JSON, and the cells the window highlights (docs/definitions.md: What changed between two
months).

The months (conftest's model, as of 2026-11-02, caps 60% / 60%):

- October: M1 5,000 kg on hand (cover 5000 / 103.83498 = 48.2 d, ok) bought 40% from S1,
  30% from S3 and 30% from S4 (top supplier 40%, China 70%), with an order of 1,000 due on
  day 20; M2 2,000 kg (117.9 d, ok); M4 half from Codelco (S6, CL), half from Umicore (S7,
  BE). Both products are short (M3: 40 d against 60).
- November: the model itself. M1 2,000 kg (19.3 d, below the 20 days of its fastest lead
  time: critical), 50/30/20 (top supplier 50%, China 80%), the order delivered; M2 100 kg
  (its safety stock: critical); Umicore gone, so M4 is all Codelco (100%: over both caps);
  Gallium's S2 row now of unknown origin, so M5's effective origin is China 0.4 + 0.3 x
  China's world share; an item M6 bought from S6 added; target_days 60 -> 45.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import AS_OF, BASE, Sheets
from pytest import approx

import planner
from planner import cli
from planner.analysis.compare import changed_cells, compare, table_diff
from planner.analysis.lookthrough import world_shares
from planner.inputs import editing

M1_USE, M2_USE = 103.83498, 16.9665  # kg a day (test_compute.py works them out)


def october() -> Sheets:
    sheets = copy.deepcopy(BASE)
    sheets["Stock"][1][1] = 5000  # M1
    sheets["Stock"][2][1] = 2000  # M2
    sheets["Suppliers"].append(["S7", "Umicore", "BE"])
    sheets["Sources"][1][2] = 0.4  # M1 from S1
    sheets["Sources"][3][2] = 0.3  # M1 from S4
    sheets["Sources"][7][2] = 0.5  # M4 from S6
    sheets["Sources"].insert(8, ["M4", "S7", 0.5, 1400, 40, None])
    sheets["Orders"].append(["M1", "S1", 1000, AS_OF + dt.timedelta(days=20)])
    return sheets


def november() -> Sheets:
    sheets = copy.deepcopy(BASE)
    sheets["Items"].append(["M6", "Cobalt metal", "material", "kg", 30, "minor metals"])
    sheets["Sources"].append(["M6", "S6", 1.0, 30, 20, None])
    assert sheets["Sources"][10][:2] == ["M5", "S2"]
    sheets["Sources"][10][5] = "unknown"
    assert sheets["Settings"][3][0] == "target_days"
    sheets["Settings"][3][1] = 45
    return sheets


@pytest.fixture
def months(make_book: Callable[..., Path]) -> tuple[Path, Path]:
    return make_book(october(), "october.xlsx"), make_book(november(), "november.xlsx")


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def gallium_effective() -> float:
    """M5 in November: China's 40% declared, and the unknown 30% spread as the world mines
    gallium."""
    table = world_shares()["Gallium"].table
    assert table.top_country == "CN"
    return 0.4 + 0.3 * table.top_share


EXPECTED_MATERIALS: list[tuple[Any, ...]] = [
    ("M1", "status", "ok", "critical", "newly critical"),
    ("M1", "days_of_cover", approx(5000 / M1_USE), approx(2000 / M1_USE), "fell"),
    ("M1", "top_supplier_share", approx(0.4), approx(0.5), "rose"),
    ("M1", "top_country_share", approx(0.7), approx(0.8), "rose"),
    ("M2", "status", "ok", "critical", "newly critical"),
    ("M2", "days_of_cover", approx(2000 / M2_USE), approx(100 / M2_USE), "fell"),
    ("M4", "over_supplier_cap", False, True, "newly over cap"),
    ("M4", "over_country_cap", False, True, "newly over cap"),
    ("M4", "top_supplier_share", approx(0.5), approx(1.0), "rose"),
    ("M4", "top_country_share", approx(0.5), approx(1.0), "rose"),
]


def expected_materials() -> list[tuple[Any, ...]]:
    return [*EXPECTED_MATERIALS,
            ("M5", "effective_top_share", approx(0.6), approx(gallium_effective()), "rose")]


EXPECTED_PRODUCTS = [("P1", "Traction motor", "short", "critical", "M1"),
                     ("P2", "Wind generator", "short", "critical", "M1")]
ADDED = {"items": ["M6"], "suppliers": [], "sources": [["M6", "S6"]]}
REMOVED = {"items": [], "suppliers": ["S7"], "sources": [["M4", "S7"]]}


# --- the figures -----------------------------------------------------------------------------

def test_hand_made_months_give_exactly_the_rows_worked_out(months: tuple[Path, Path]) -> None:
    old, new = (planner.load(p) for p in months)
    c = compare(old, new)
    rows = [tuple(r) for r in c.materials[["item_id", "field", "old", "new", "what"]]
            .itertuples(index=False)]
    assert rows == expected_materials()
    assert [tuple(r) for r in c.products.itertuples(index=False)] == EXPECTED_PRODUCTS
    assert (c.added, c.removed) == (ADDED, REMOVED)
    # M1 and M2 fell; M1's order of 1,000 was delivered
    assert (c.on_hand.rose, c.on_hand.fell) == (0, 2)
    assert (c.open_orders.rose, c.open_orders.fell) == (0, 1)
    assert c.settings == [("target_days", 60.0, 45.0)]
    # whose share each share row gives: M4's top country was Belgium (a tie, A-Z), now Chile
    m4 = c.materials[(c.materials["item_id"] == "M4")
                     & (c.materials["field"] == "top_country_share")]
    assert (m4["old_top"].item(), m4["new_top"].item()) == ("BE", "CL")
    assert c.names == {"M1": "NdPr oxide", "M2": "Dysprosium metal", "M4": "Germanium metal",
                       "M5": "Gallium metal"}
    assert not c.empty


def test_rows_that_differ_sheet_by_sheet(months: tuple[Path, Path]) -> None:
    old, new = (planner.load(p) for p in months)
    counts = {t: (len(d.added), len(d.removed), len(d.changed))
              for t, d in compare(old, new).tables.items() if not d.same}
    # Sources: M6-S6 and M5-S2 (unknown) only in November, M4-S7 and M5-S2 (blank) only in
    # October, M1-S1, M1-S4 and M4-S6 with another share
    assert counts == {"Items": (1, 0, 0), "Stock": (0, 0, 2), "Suppliers": (0, 1, 0),
                      "Sources": (2, 2, 3), "Orders": (0, 1, 0)}


def test_thresholds_are_strict_and_given_by_the_caller(months: tuple[Path, Path]) -> None:
    old, new = (planner.load(p) for p in months)
    c = compare(old, new, cover_days=100, share_points=0.1)
    fields = set(zip(c.materials["item_id"], c.materials["field"], strict=True))
    # M1's cover fell 29 days, M2's 112; M1's shares moved by 10 points exactly (0.8 - 0.7
    # is 0.1000000000000001 in floating point: still not more than 0.1)
    assert ("M1", "days_of_cover") not in fields
    assert ("M2", "days_of_cover") in fields
    assert ("M1", "top_supplier_share") not in fields
    assert ("M1", "top_country_share") not in fields
    assert ("M4", "top_country_share") in fields


def test_a_status_that_improved_or_a_cap_left_is_not_listed(months: tuple[Path, Path]) -> None:
    old, new = (planner.load(p) for p in months)
    c = compare(new, old)  # backwards: November to October
    assert not (c.materials["field"].isin(["status", "over_supplier_cap", "over_country_cap"])
                .any())
    assert c.products.empty
    assert (c.added, c.removed) == (REMOVED, ADDED)
    fell = c.materials[c.materials["field"] == "days_of_cover"]["what"].tolist()
    assert fell == ["rose", "rose"]


def test_the_same_project_against_itself_gives_nothing(tmp_path: Path) -> None:
    sample = Path(__file__).parent.parent / "samples" / "ev_motors_wind.xlsx"
    project = planner.load(sample)
    planner.export(project, tmp_path / "csv")
    c = compare(project, planner.load(tmp_path / "csv"))  # another form, the same data
    assert c.empty
    assert c.to_json() == {"materials": [], "added": {"items": [], "suppliers": [],
                                                      "sources": []},
                           "removed": {"items": [], "suppliers": [], "sources": []},
                           "products": []}


def test_reports_given_are_used_as_they_are(months: tuple[Path, Path]) -> None:
    old, new = (planner.load(p) for p in months)
    before, after = planner.compute(old), planner.compute(new)
    given = compare(old, new, old_report=before, new_report=after)
    assert given.materials.equals(compare(old, new).materials)
    # a report decides the figures: the same one on both sides, nothing moved
    assert compare(old, new, old_report=after, new_report=after).materials.empty


# --- the cells the window highlights --------------------------------------------------------

def test_changed_cells_name_the_new_tables_cells(months: tuple[Path, Path]) -> None:
    old, new = (planner.load(p) for p in months)
    positions, columns = changed_cells(old, new, "Stock")
    assert list(zip(positions.tolist(), columns.tolist(), strict=True)) == [
        (0, "on_hand"), (1, "on_hand")]
    positions, columns = changed_cells(old, new, "Items")
    assert set(positions.tolist()) == {9}  # M6, every cell
    assert columns.tolist() == list(new.items.columns)
    diff = table_diff(old, new, "Sources")
    assert diff.removed.tolist() == [7, 10]  # M4-S7, M5-S2 of blank origin (October rows)
    assert diff.added.tolist() == [9, 10]  # M5-S2 unknown, M6-S6 (November rows)
    cells = set(zip(*(a.tolist() for a in diff.cells()), strict=True))
    assert {(0, "share"), (2, "share"), (6, "share"), (10, "origin_country")} <= cells
    assert table_diff(old, new, "Orders").removed.tolist() == [4]


def test_repeated_and_blank_keys_pair_in_order(months: tuple[Path, Path]) -> None:
    old = planner.load(months[1])
    new = old.copy()
    due = old.orders["due_date"].iloc[0]
    # two lines of M3 from S5 due the same day: the second one's quantity changes
    for project in (old, new):
        editing.insert_rows(project, "Orders", 4, count=2)
        for row in (4, 5):
            for column, value in (("item_id", "M3"), ("supplier_id", "S5"),
                                  ("quantity", 10.0), ("due_date", due)):
                editing.set_value(project, "Orders", row, column, value)
    editing.set_value(new, "Orders", 5, "quantity", 11.0)
    positions, columns = changed_cells(old, new, "Orders")
    assert list(zip(positions.tolist(), columns.tolist(), strict=True)) == [(5, "quantity")]
    # M3's sources leave origin_country blank: blank keys match, and a price is a cell
    editing.set_value(new, "Sources", 4, "unit_price", 9.5)
    assert new.sources["origin_country"].isna().iloc[4]
    positions, columns = changed_cells(old, new, "Sources")
    assert list(zip(positions.tolist(), columns.tolist(), strict=True)) == [(4, "unit_price")]


# --- the command ------------------------------------------------------------------------------

def test_cli_json_is_the_comparison(months: tuple[Path, Path],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "compare", *months, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["materials", "added", "removed", "products"]
    assert [tuple(r.values()) for r in data["materials"]] == expected_materials()
    assert all(list(r) == ["item_id", "field", "old", "new", "what"] for r in data["materials"])
    assert [tuple(r.values()) for r in data["products"]] == EXPECTED_PRODUCTS
    assert (data["added"], data["removed"]) == (ADDED, REMOVED)


def test_cli_text_groups_the_differences(months: tuple[Path, Path],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "compare", *months, "--lang", "en")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (f"What changed from {months[0]} (as of 2026-11-02) to {months[1]} "
                        "(as of 2026-11-02)")

    def block(title: str) -> list[str]:
        """The rows of the table under ``title`` (after its header and rule)."""
        start = lines.index(title) + 3
        end = lines.index("", start) if "" in lines[start:] else len(lines)
        return [" ".join(line.split()) for line in lines[start:end]]

    assert block("Materials newly below target or critical") == [
        "M1 NdPr oxide ok CRITICAL", "M2 Dysprosium metal ok CRITICAL"]
    assert block("Materials newly over a cap") == [
        "M4 Germanium metal supplier cap", "M4 Germanium metal country cap"]
    assert block("Days of cover that moved by more than 7 days") == [
        "M1 NdPr oxide 48 19 -29", "M2 Dysprosium metal 118 6 -112"]
    assert block("Shares that moved by more than 5 percentage points") == [
        "M1 NdPr oxide top supplier S1 40.0% S1 50.0% +10.0 pt",
        "M1 NdPr oxide top country CN 70.0% CN 80.0% +10.0 pt",
        "M4 Germanium metal top supplier S6 50.0% S6 100.0% +50.0 pt",
        "M4 Germanium metal top country BE 50.0% CL 100.0% +50.0 pt",
        f"M5 Gallium metal effective top country JP 60.0% CN {gallium_effective():.1%} "
        f"+{(gallium_effective() - 0.6) * 100:.1f} pt"]
    assert block("Products whose worst status worsened") == [
        "P1 Traction motor SHORT CRITICAL M1", "P2 Wind generator SHORT CRITICAL M1"]
    for line in ("1 item added: M6.", "1 source added: M6 from S6.", "1 supplier removed: S7.",
                 "1 source removed: M4 from S7.",
                 "On hand rose for 0 and fell for 2 of the materials in both.",
                 "Open orders due within the horizon rose for 0 and fell for 1 of the "
                 "materials in both."):
        assert line in lines
    assert block("Rows that differ, sheet by sheet") == [
        "Items 1 0 0", "Stock 0 0 2", "Suppliers 0 1 0", "Sources 2 2 3", "Orders 0 1 0"]
    assert block("Settings that differ") == ["target_days 60 45"]


def test_cli_thresholds_and_their_errors(months: tuple[Path, Path],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "compare", *months, "--json", "--cover-days", "100",
                          "--share-points", "60%")
    assert code == 0
    fields = [(r["item_id"], r["field"]) for r in json.loads(out)["materials"]]
    assert ("M2", "days_of_cover") in fields
    assert not any(f.endswith("_share") for _item, f in fields)  # M4 moved 50 points
    for option, value in (("--cover-days", "-1"), ("--cover-days", "a week"),
                          ("--share-points", "1.5"), ("--share-points", "nan")):
        with pytest.raises(SystemExit) as exited:  # argparse's way out, with exit 2
            cli.main(["compare", *map(str, months), option, value])
        out, err = capsys.readouterr()
        assert (exited.value.code, out) == (2, "")
        assert f"argument {option}: expected" in err


def test_cli_the_same_file_twice_says_nothing_changed(months: tuple[Path, Path],
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    code, out, err = run(capsys, "compare", months[0], months[0])
    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == [
        "", "Nothing changed: the two projects have the same data and settings."]


def test_cli_names_the_file_with_problems(months: tuple[Path, Path],
                                          make_book: Callable[..., Path],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    sheets = november()
    sheets["Suppliers"][1][2] = "China"
    bad = make_book(sheets, "bad.xlsx")
    code, out, err = run(capsys, "compare", months[0], bad)
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == f"planner compare: {bad} has problems:"
    assert lines[1].startswith("Suppliers!C2: ")
    assert lines[-1] == "1 problem found; nothing was changed."


def test_cli_in_japanese(months: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--lang", "ja", "compare", *months)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].endswith("（2026年11月2日 時点）への変更点")
    for title in ("新たに目標未達または危険となった材料", "新たに上限比率を超えた材料",
                  "7 日を超えて変動した在庫日数", "5 ポイントを超えて変動した比率",
                  "最も悪いステータスが悪化した製品", "品目が 1 件追加されました：M6",
                  "調達先が 1 件削除されました：M4（S7）"):
        assert title in lines
    code, out, _err = run(capsys, "--lang", "ja", "compare", *months, "--json")
    assert [r["what"] for r in json.loads(out)["materials"]][:2] == ["newly critical", "fell"]


def test_cli_compares_a_file_with_a_project_on_a_server(
        months: tuple[Path, Path], pg_server: Any, capsys: pytest.CaptureFixture[str]) -> None:
    address = pg_server.address(pg_server.create_database("t_compare"), "November")
    planner.export(planner.load(months[1]), address)
    code, out, err = run(capsys, "compare", months[0], address, "--json")
    assert (code, err) == (0, "")
    assert [tuple(r.values()) for r in json.loads(out)["materials"]] == expected_materials()
    code, out, _err = run(capsys, "compare", months[0], address)
    assert out.splitlines()[0].endswith("to November (as of 2026-11-02)")
