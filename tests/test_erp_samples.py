"""The sample ERP exports (samples/sap_export, samples/ja_erp_csv): imported through its
mapping, each is its template sample again, with the same figures; the guess finds nearly
all of its mapping; `planner import` reads both from the command line; and
samples/build_erp_exports.py writes them again byte for byte."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import openpyxl
import pandas as pd
import pytest

import planner
from planner.inputs.mapping import Mapping, apply_mapping, guess_mapping
from planner.inputs.project import Project
from planner.inputs.schema import DAYS_PER

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@dataclass(frozen=True)
class Export:
    source: Path  # the export: a workbook or a folder of CSV files
    template: Path  # the template sample it was made from

    @property
    def mapping(self) -> Path:
        folder = self.source if self.source.is_dir() else self.source.parent
        return folder / "mapping.json"


SAP = Export(SAMPLES / "sap_export" / "ev_motors_wind_sap.xlsx",
             SAMPLES / "ev_motors_wind.xlsx")
JA = Export(SAMPLES / "ja_erp_csv", SAMPLES / "motors_actuators_ja.xlsx")
EXPORTS = pytest.mark.parametrize("export", [SAP, JA], ids=["sap", "ja"])


@pytest.fixture(scope="module")
def builder() -> Iterator[ModuleType]:
    """samples/build_erp_exports.py, which imports its data modules from its own folder."""
    sys.path.insert(0, str(SAMPLES))
    try:
        yield importlib.import_module("build_erp_exports")
    finally:
        sys.path.remove(str(SAMPLES))


def imported(export: Export) -> Project:
    return apply_mapping(export.source, Mapping.load(export.mapping))


def daily(demand: pd.DataFrame) -> pd.Series:
    """Each item's demand per day, whatever period it is given per."""
    rate = demand["quantity"] / demand["per"].map(DAYS_PER).astype(float)
    return rate.set_axis(demand["item_id"].to_numpy()).sort_index()


def spelled_out(project: Project, builder: ModuleType) -> Project:
    """The project with what a blank stands for written out, as an ERP writes it: a
    producer's supplier kind, the project's currency on a source; and names in the
    characters of CP932 (the Japanese ERP's)."""
    out = project.copy()
    suppliers, sources = out.tables["Suppliers"], out.tables["Sources"]
    suppliers["kind"] = suppliers["kind"].fillna("producer")
    sources["currency"] = sources["currency"].fillna(out.settings.currency)
    suppliers["name"] = suppliers["name"].replace(builder.CP932_NAMES)
    return out


# --- the exports as the builder writes them ---------------------------------------------

def test_the_builder_writes_the_exports_again_byte_for_byte(builder: ModuleType,
                                                             tmp_path: Path) -> None:
    for build, folder in ((builder.build_sap, SAP.source.parent), (builder.build_ja,
                                                                   JA.source)):
        rebuilt = tmp_path / folder.name
        rebuilt.mkdir()
        build(rebuilt)
        names = sorted(p.name for p in folder.iterdir())
        assert sorted(p.name for p in rebuilt.iterdir()) == names
        stale = [name for name in names
                 if (rebuilt / name).read_bytes() != (folder / name).read_bytes()]
        assert not stale, f"{stale}: run python samples/build_erp_exports.py"


def test_the_japanese_export_is_cp932_as_a_japanese_erp_writes_it() -> None:
    files = sorted(JA.source.glob("*.csv"))
    assert len(files) == 10
    for file in files:
        data = file.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf")
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        text = data.decode("cp932")
        assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
        assert text.startswith('"')  # every field quoted, the header too
    items = (JA.source / "品目マスタ.csv").read_bytes().decode("cp932")
    assert items.startswith('"品目コード","品名","品目区分","品目区分名","単位"')
    assert '"M-DY","ジスプロシウム (Dyメタル 99.5%)","3","材料","kg"' in items


def test_the_sap_export_has_sap_lists_and_codes() -> None:
    book = openpyxl.load_workbook(SAP.source, read_only=True)
    assert book.sheetnames == ["MARA", "STPO", "PIR", "PBED", "MARD", "LFA1", "EORD", "EKPO",
                               "TCURR"]
    mara = pd.read_excel(SAP.source, sheet_name="MARA", engine="openpyxl")
    assert set(mara["Material Type"]) == {"FERT", "HALB", "ROH"}
    eord = pd.read_excel(SAP.source, sheet_name="EORD", engine="openpyxl")
    quota = eord[(eord["Material"] == "M-ND") & (eord["Vendor"] == "SUP-QRM")]
    assert quota["Quota (%)"].tolist() == [40]
    assert quota["Net Price"].tolist() == [600_000]  # CNY per 1,000 kg
    assert set(eord["Price Unit"]) == {1000}
    assert book["MARD"]["A3"].value == "Material"  # a report title above the header
    book.close()


# --- imported through their mappings ----------------------------------------------------

@EXPORTS
def test_imported_through_its_mapping_it_is_the_template_sample(
        export: Export, builder: ModuleType) -> None:
    project, template = imported(export), planner.load(export.template)
    assert project.warnings == []
    assert project.settings == template.settings
    assert not project.equals(template)  # the ERP writes what the template leaves blank
    # SAP plans per week or month: the yearly rates come as a monthly twelfth
    pd.testing.assert_series_equal(daily(project.demand), daily(template.demand),
                                   check_exact=False, rtol=1e-12)
    project.tables["Demand"] = template.tables["Demand"].copy()
    assert spelled_out(project, builder).equals(spelled_out(template, builder))


@EXPORTS
def test_imported_it_gives_the_template_samples_figures(export: Export) -> None:
    got, want = planner.compute(imported(export)), planner.compute(planner.load(export.template))
    assert len(want.materials) >= 10 and len(want.products) >= 4
    for name in ("items", "materials", "sources", "products", "product_materials"):
        pd.testing.assert_frame_equal(getattr(got, name), getattr(want, name),
                                      check_exact=False, rtol=1e-9, obj=name)
    for name in ("country_dependence", "effective_dependence"):
        pd.testing.assert_series_equal(getattr(got, name), getattr(want, name),
                                       check_exact=False, rtol=1e-9, obj=name)
    assert set(want.materials["status"]) == {"critical", "short", "ok"}


# --- the guess ----------------------------------------------------------------------------

def guess_score(guess: Mapping, shipped: Mapping) -> tuple[int, int]:
    """Columns of the shipped mapping the guess feeds from the same sheet, header row and
    header; of how many."""
    right = total = 0
    for table, want in shipped.tables.items():
        got = guess.tables.get(table)
        for column, header in want.columns.items():
            total += 1
            right += (got is not None and (got.sheet, got.header_row) == (
                want.sheet, want.header_row) and got.columns.get(column) == header)
    return right, total


@EXPORTS
def test_the_guess_finds_nearly_all_of_the_mapping(export: Export) -> None:
    shipped, guess = Mapping.load(export.mapping), guess_mapping(export.source).mapping
    right, total = guess_score(guess, shipped)
    assert total >= 40 and right >= 0.9 * total, (right, total)
    assert set(guess.tables) == set(shipped.tables)  # every sheet to its table
    for table, want in shipped.tables.items():
        assert guess.tables[table].scale == want.scale, table  # percent, per 1,000 units
        for column, codes in want.values.items():  # a code guessed is guessed right
            guessed = guess.tables[table].values.get(column, {})
            assert {c: t for c, t in guessed.items() if c in codes} == {
                c: t for c, t in codes.items() if c in guessed}, (table, column)


def test_the_guess_misses_only_the_sap_account_group_of_a_trader() -> None:
    shipped = Mapping.load(SAP.mapping)
    guessed = guess_mapping(SAP.source).mapping
    missing = {(t, column, code) for t, table in shipped.tables.items()
               for column, codes in table.values.items() for code in codes
               if code not in guessed.tables[t].values.get(column, {})}
    assert missing == {("Suppliers", "kind", "ZTRD")}


def test_the_guess_finds_the_header_under_a_report_title() -> None:
    stock = guess_mapping(SAP.source).mapping.tables["Stock"]
    assert (stock.sheet, stock.header_row) == ("MARD", 3)
    assert stock.columns["on_hand"] == "Unrestricted"


# --- from the command line ----------------------------------------------------------------

def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planner", *map(str, args)],
                          capture_output=True, text=True, timeout=120, check=False)


@EXPORTS
def test_planner_import_reads_the_export_from_the_command_line(export: Export,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "imported.stockpile"
    done = run("import", export.source, "--mapping", export.mapping, "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote {out}"
    got, want = planner.compute(planner.load(out)), planner.compute(planner.load(export.template))
    pd.testing.assert_frame_equal(got.materials, want.materials, check_exact=False,
                                  rtol=1e-9)
    guessed = run("import", export.source, "--guess")
    assert guessed.returncode == 0, guessed.stderr
    mapping = Mapping.from_json(json.loads(guessed.stdout))
    assert "Sources" in mapping.tables and "← " in guessed.stderr
