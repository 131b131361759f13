"""Importing another program's export through a mapping (planner.inputs.mapping): an
SAP-like workbook and a Japanese ERP's CSV folder in CP932 read as the template's
project, every problem located in the source's own sheets and cells, the guess, the
monthly refresh of some tables (`planner import --into`), and the command line."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import AS_OF, BASE, Rows, Sheets, write_book

import planner
from planner import cli
from planner.core.errors import InputError
from planner.core.resources import resource
from planner.inputs.mapping import (
    MAPPED_TABLES,
    SCALED_TYPES,
    Mapping,
    MappingError,
    apply_mapping,
    guess_mapping,
    layout_key,
)
from planner.inputs.schema import SETTINGS, SHEETS

KIND_CODES = {"product": "FERT", "component": "HALB", "material": "ROH"}
PER_CODES = {"week": "W", "year": "Y", "month": "M"}
SETTINGS_GIVEN = {"as_of_date": AS_OF.isoformat(), "horizon_days": 90, "target_days": 60,
                  "max_supplier_share": 0.6, "max_country_share": 0.6, "currency": "EUR",
                  "company": "Testwerk GmbH"}


def rows_of(table: str) -> list[dict[str, object]]:
    header, *rows = BASE[table]
    return [dict(zip(header, row, strict=False)) for row in rows]


def sap_sheets() -> Sheets:
    """The tests' project (conftest.BASE) as an SAP-like export: other sheet and column
    names, columns the template has not, a title above the material master, codes for
    kinds and periods, quotas in percent and prices per 1,000 units."""
    mara: Rows = [["Material master, plant 1000"], [],
                  ["Material", "Material Description", "Material Type", "Plant",
                   "Base Unit of Measure", "Standard Price", "Material Group"]]
    mara += [[r["item_id"], r["name"], KIND_CODES[str(r["kind"])], "1000", r["unit"],
              r["unit_price"], r["category"]] for r in rows_of("Items")]
    stpo: Rows = [["Material", "Item", "Component", "Component quantity",
                   "Component Scrap (%)"]]
    stpo += [[r["parent_id"], f"{10 * (i + 1):04d}", r["child_id"], r["qty_per"],
              r["scrap_pct"]] for i, r in enumerate(rows_of("BOM"))]
    pir: Rows = [["Material", "Planned quantity", "Period unit"]]
    pir += [[r["item_id"], r["quantity"], PER_CODES[str(r["per"])]] for r in rows_of("Demand")]
    mard: Rows = [["Material", "Plant", "Storage Location", "Unrestricted", "Safety Stock",
                   "Target Coverage (days)"]]
    mard += [[r["item_id"], "1000", "0001", r["on_hand"], r["safety_stock"],
              r.get("target_days")] for r in rows_of("Stock")]
    lfa1: Rows = [["Vendor", "Name 1", "Country"], *BASE["Suppliers"][1:]]
    eord: Rows = [["Material", "Vendor", "Quota (%)", "Net Price", "Price Unit",
                   "Planned deliv. time", "Country of Origin"]]
    eord += [[r["item_id"], r["supplier_id"], round(float(r["share"]) * 100, 6),  # type: ignore[arg-type]
              float(r["unit_price"]) * 1000, 1000, r["lead_time_days"],  # type: ignore[arg-type]
              r.get("origin_country")] for r in rows_of("Sources")]
    ekpo: Rows = [["Purchasing Document", "Item", "Material", "Vendor", "Quantity",
                   "Delivery Date"]]
    ekpo += [[f"45000{i:05d}", "00010", r["item_id"], r["supplier_id"], r["quantity"],
              r["due_date"]] for i, r in enumerate(rows_of("Orders"))]
    return {"MARA": mara, "STPO": stpo, "PIR": pir, "MARD": mard, "LFA1": lfa1,
            "EORD": eord, "EKPO": ekpo}


def sap_mapping() -> dict[str, object]:
    return {"tables": {
        "Items": {"sheet": "MARA", "header_row": 3, "columns": {
            "item_id": "Material", "name": "Material Description", "kind": "Material Type",
            "unit": "Base Unit of Measure", "unit_price": "Standard Price",
            "category": "Material Group"},
            "values": {"kind": {"FERT": "product", "HALB": "component", "ROH": "material"}}},
        "BOM": {"sheet": "STPO", "columns": {
            "parent_id": "Material", "child_id": "Component", "qty_per": "Component quantity",
            "scrap_pct": "Component Scrap (%)"}},
        "Demand": {"sheet": "PIR", "columns": {
            "item_id": "Material", "quantity": "Planned quantity", "per": "Period unit"},
            "values": {"per": {"W": "week", "M": "month", "Y": "year"}}},
        "Stock": {"sheet": "MARD", "columns": {
            "item_id": "Material", "on_hand": "Unrestricted", "safety_stock": "Safety Stock",
            "target_days": "Target Coverage (days)"}},
        "Suppliers": {"sheet": "LFA1", "columns": {
            "supplier_id": "Vendor", "name": "Name 1", "country": "Country"}},
        "Sources": {"sheet": "EORD", "columns": {
            "item_id": "Material", "supplier_id": "Vendor", "share": "Quota (%)",
            "unit_price": "Net Price", "lead_time_days": "Planned deliv. time",
            "origin_country": "Country of Origin"},
            "scale": {"share": 0.01, "unit_price": 0.001}},
        "Orders": {"sheet": "EKPO", "columns": {
            "item_id": "Material", "supplier_id": "Vendor", "quantity": "Quantity",
            "due_date": "Delivery Date"}},
    }, "settings": dict(SETTINGS_GIVEN)}


def write_mapping(path: Path, data: dict[str, object]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def template(tmp_path: Path) -> planner.Project:
    """The same project read from the template workbook."""
    return planner.load(write_book(tmp_path / "template.xlsx", BASE))


def problems_of(source: Path, mapping: dict[str, object]) -> list[str]:
    with pytest.raises(InputError) as info:
        apply_mapping(source, Mapping.from_json(copy.deepcopy(mapping)))
    return [str(p) for p in info.value.problems]


# ---------------------------------------------------------------- SAP-like workbook


def test_an_sap_like_export_reads_as_the_template(tmp_path: Path,
                                                  template: planner.Project) -> None:
    source = write_book(tmp_path / "sap.xlsx", sap_sheets())
    project = apply_mapping(source, Mapping.from_json(sap_mapping()))
    assert project.equals(template)
    assert not [p for p in project.warnings if p.severity == "error"]
    # quotas in percent and prices per 1,000 units, scaled exactly: 30 % is 0.3
    assert project.sources["share"].tolist()[:3] == [0.5, 0.3, 0.2]
    assert project.sources["unit_price"].tolist()[:2] == [60.0, 70.0]
    # the layouts are the source's: Items' header on row 3 (a title above it), and a
    # column the template has not (Plant, D) between the mapped ones
    items = project.layouts["Items"]
    assert items.header_row == 3 and items.rows[0] == 4
    assert items.letters["unit"] == "E" and items.letters["kind"] == "C"
    assert project.layouts["Orders"].letters["item_id"] == "C"


def test_settings_may_come_from_a_sheet_of_the_export(tmp_path: Path,
                                                      template: planner.Project) -> None:
    sheets = sap_sheets()
    sheets["Parameters"] = [["Parameter", "Value"], *BASE["Settings"][1:]]
    mapping = sap_mapping()
    del mapping["settings"]
    mapping["tables"]["Settings"] = {  # type: ignore[index]
        "sheet": "Parameters", "columns": {"key": "Parameter", "value": "Value"}}
    source = write_book(tmp_path / "sap.xlsx", sheets)
    assert apply_mapping(source, Mapping.from_json(mapping)).equals(template)
    guess = guess_mapping(source)  # a sheet so named, with such headers
    assert guess.mapping.tables["Settings"].columns == {"key": "Parameter", "value": "Value"}
    # into a project, the settings are kept unless Settings is named
    into = planner.Project(template.tables, template.settings.with_changes(company="Old"))
    kept = apply_mapping(source, Mapping.from_json(mapping), ["Stock"], into=into)
    assert kept.settings.company == "Old"
    assert apply_mapping(source, Mapping.from_json(mapping), ["Stock", "Settings"],
                         into=into).settings == template.settings


def test_a_number_is_scaled_as_written_and_rounded_once(tmp_path: Path) -> None:
    sheets = sap_sheets()
    sheets["EORD"][1][2] = 33.3  # M1/S1: 33.3 % and 20 % of the three (not a sum of 1)
    sheets["EORD"][2][2] = 46.7
    sheets["EORD"][1][3] = 1234.5  # per 1,000: 1.2345, not 1.2345000000000002
    project = apply_mapping(write_book(tmp_path / "sap.xlsx", sheets),
                            Mapping.from_json(sap_mapping()))
    assert project.sources["share"].tolist()[:2] == [0.333, 0.467]
    assert project.sources["unit_price"].tolist()[0] == 1.2345


def test_one_source_column_may_feed_two_template_columns(tmp_path: Path) -> None:
    mapping = sap_mapping()
    items = mapping["tables"]["Items"]  # type: ignore[index]
    items["columns"]["name"] = "Material"  # no description: the id as the name
    project = apply_mapping(write_book(tmp_path / "sap.xlsx", sap_sheets()),
                            Mapping.from_json(mapping))
    assert project.items["name"].tolist() == project.items["item_id"].tolist()
    assert project.layouts["Items"].letters["name"] == "A"


# ---------------------------------------------------------------- problems, located


def test_every_gap_of_the_mapping_is_located(tmp_path: Path) -> None:
    source = write_book(tmp_path / "sap.xlsx", sap_sheets())
    mapping = sap_mapping()
    items = mapping["tables"]["Items"]  # type: ignore[index]
    del items["columns"]["name"]
    items["columns"]["unit"] = "Base Unit"
    mapping["tables"]["Stock"]["sheet"] = "MARD2"  # type: ignore[index]
    assert problems_of(source, mapping) == [
        "Items: name has no source column in the mapping",
        "MARA!3: no column 'Base Unit' (did you mean 'Base Unit of Measure'?)",
        "sap.xlsx: no sheet MARD2 (its sheets: MARA, STPO, PIR, MARD, LFA1, EORD, EKPO)"]
    items["columns"]["name"] = "Material Description"
    items["columns"]["unit"] = "UoM"  # nothing like it
    mapping["tables"]["Stock"]["sheet"] = "mard"  # type: ignore[index]  # case is folded
    assert problems_of(source, mapping) == ["MARA!3: no column 'UoM'"]


def test_a_header_row_that_is_not_one_is_located(tmp_path: Path) -> None:
    sheets = sap_sheets()
    sheets["EKPO"][0][1] = "Quantity"  # two columns of that name: B and E
    mapping = sap_mapping()
    mapping["tables"]["Items"]["header_row"] = 2  # type: ignore[index]  # the blank row
    assert problems_of(write_book(tmp_path / "sap.xlsx", sheets), mapping) == [
        "MARA!2: row 2, the header row the mapping gives, is empty",
        "EKPO!E1: two columns are named 'Quantity' (B and E); give one another name in the "
        "export"]


def test_a_code_without_a_translation_is_located_at_its_cell(tmp_path: Path) -> None:
    sheets = sap_sheets()
    sheets["MARA"][6][2] = "FERX"  # row 7 of the sheet: C2, a component
    sheets["PIR"][3][2] = "Q"
    problems = problems_of(write_book(tmp_path / "sap.xlsx", sheets), sap_mapping())
    assert problems == [
        "MARA!C7: FERX is not a code the mapping translates for kind (codes it translates: "
        "FERT, HALB, ROH); give it a meaning in the mapping",
        "PIR!C4: Q is not a code the mapping translates for per (codes it translates: W, M, "
        "Y); give it a meaning in the mapping"]


def test_problems_are_told_in_japanese_at_the_same_cells(tmp_path: Path,
                                                         japanese: None) -> None:
    sheets = sap_sheets()
    sheets["MARA"][6][2] = "FERX"
    assert problems_of(write_book(tmp_path / "sap.xlsx", sheets), sap_mapping()) == [
        "MARA!C7: FERX は、マッピングで区分（kind）の変換先が指定されていないコードです"
        "（指定済みのコード: FERT、HALB、ROH）。マッピングで変換先を指定してください"]


def test_the_templates_checks_are_located_in_the_source(tmp_path: Path) -> None:
    sheets = sap_sheets()
    sheets["EORD"][2][2] = -5  # M1/S3's quota: row 3, column C
    sheets["EORD"][4][1] = "S9"  # M2 from a vendor LFA1 has not: row 5, column B
    sheets["STPO"][3][3] = 0  # a BOM line of no quantity: row 4, column D
    sheets["MARA"].append(sheets["MARA"][4])  # P2 (row 5) twice, on row 13
    problems = problems_of(write_book(tmp_path / "sap.xlsx", sheets), sap_mapping())
    assert "STPO!D4: qty_per must be greater than zero, got \"0\"" in problems
    assert ('EORD!C3: share must be between 0 and 1, got "-0.05" (in the source: "-5", '
            "times 0.01)") in problems
    assert len(problems) == 2  # the row checks stop the import before the cross checks
    sheets["EORD"][2][2] = 30
    sheets["STPO"][3][3] = 3
    problems = problems_of(write_book(tmp_path / "sap2.xlsx", sheets), sap_mapping())
    assert problems == ["MARA!A13: duplicate item_id P2 (first on row 5)",
                        'EORD!B5: unknown supplier "S9"']


def test_a_problem_in_a_csv_export_is_located_in_its_file(tmp_path: Path) -> None:
    folder = write_japanese_csv(tmp_path / "erp", japanese_sheets())
    rows = (folder / "在庫.csv").read_text("cp932").splitlines()
    rows[2] = rows[2].replace(",100,", ",百,", 1)  # M2's stock, row 3, column C
    (folder / "在庫.csv").write_text("\n".join(rows) + "\n", encoding="cp932")
    assert problems_of(folder, japanese_mapping()) == [
        '在庫!C3: on_hand must be a number, got "百"']


def test_problems_leave_nothing_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                        ) -> None:
    sheets = sap_sheets()
    sheets["MARD"].append(["M9", "1000", "0001", 10, 0, None])  # no such material
    source = write_book(tmp_path / "sap.xlsx", sheets)
    mapping = write_mapping(tmp_path / "map.json", sap_mapping())
    code, _out, err = run(capsys, "import", source, "--mapping", mapping, "-o",
                          tmp_path / "out.stockpile")
    assert code == 1
    assert 'MARD!A7: unknown item "M9"' in err
    assert "1 problem found; nothing was changed." in err
    assert not (tmp_path / "out.stockpile").exists()
    project = tmp_path / "project.stockpile"
    planner.export(apply_mapping(write_book(tmp_path / "good.xlsx", sap_sheets()),
                                 Mapping.load(mapping)), project)
    before = project.read_bytes()
    code, _out, err = run(capsys, "import", source, "--mapping", mapping, "--into", project,
                          "--tables", "Stock")
    assert code == 1 and 'MARD!A7: unknown item "M9"' in err
    assert project.read_bytes() == before


# ---------------------------------------------------------------- the mapping file


def test_a_wrong_mapping_is_told_where(tmp_path: Path) -> None:
    mapping = sap_mapping()
    tables = mapping["tables"]
    tables["Sources"]["scale"]["share"] = "1%"  # type: ignore[index]
    tables["Sources"]["scale"]["supplier_id"] = 2  # type: ignore[index]
    tables["Items"]["values"]["kind"]["HIBE"] = "supply"  # type: ignore[index]
    tables["Items"]["columns"]["colour"] = "Colour"  # type: ignore[index]
    tables["Stok"] = {"sheet": "MARD", "columns": {}}  # type: ignore[index]
    tables["BOM"]["header_row"] = 0  # type: ignore[index]
    mapping["settings"] = {"horizon_days": -1, "mood": "good"}
    path = write_mapping(tmp_path / "MAP.json", mapping)
    with pytest.raises(InputError) as info:
        Mapping.load(path)
    assert [str(p) for p in info.value.problems] == [
        "MAP.json: tables.Items.columns.colour: not a column of Items (item_id, name, kind, "
        "unit, unit_price, category, currency, commodity)",
        'MAP.json: tables.Items.values.kind.HIBE: kind must be one of product, component, '
        'material, got "supply"',
        "MAP.json: tables.BOM.header_row: must be a whole number of at least 1",
        "MAP.json: tables.Sources.scale.share: must be a number",
        "MAP.json: tables.Sources.scale.supplier_id: supplier_id is not a number column; "
        "only numbers and shares are scaled",
        "MAP.json: tables.Stok: not a table of the template (Items, BOM, Demand, Forecast, "
        "Stock, Suppliers, Sources, Orders, Alternates, Rates, Settings)",
        'MAP.json: settings.horizon_days: horizon_days must be greater than zero, got "-1"',
        "MAP.json: settings.mood: not a setting (" + ", ".join(s.key for s in SETTINGS) + ")"]
    path.write_text('{"tables": {"Items": {"sheet": "MARA",}}}', encoding="utf-8")
    with pytest.raises(InputError) as info:
        Mapping.load(path)
    assert str(info.value.problems[0]).startswith(
        "MAP.json: line 1, column 39: not valid JSON (")


def test_a_mapping_saved_reads_back_the_same(tmp_path: Path) -> None:
    mapping = Mapping.from_json(sap_mapping())
    mapping.layout = "sha256:0123"
    mapping.save(tmp_path / "map.json")
    again = Mapping.load(tmp_path / "map.json")
    assert again == mapping
    assert json.loads((tmp_path / "map.json").read_text("utf-8")) == mapping.to_json()


def test_the_shipped_schema_describes_the_template() -> None:
    schema = json.loads(resource("mapping.schema.json").read_text(encoding="utf-8"))
    assert list(schema["properties"]["tables"]["properties"]) == list(MAPPED_TABLES)
    assert list(schema["properties"]["settings"]["properties"]) == [s.key for s in SETTINGS]
    for spec in SHEETS:
        table = schema["$defs"][f"table_{spec.name}"]["properties"]
        assert table["columns"]["propertyNames"]["enum"] == spec.column_names
        assert table["scale"]["propertyNames"]["enum"] == [
            c.name for c in spec.columns if c.type in SCALED_TYPES]


def test_tables_the_mapping_does_not_map_are_refused() -> None:
    mapping = Mapping.from_json(sap_mapping())
    assert mapping.imported(["Orders", "Stock"]) == ["Stock", "Orders"]
    with pytest.raises(MappingError, match="Rates is not in the mapping"):
        mapping.imported(["Stock", "Rates"])
    with pytest.raises(MappingError, match="Stok is not a table of the template"):
        mapping.imported(["Stok"])


# ---------------------------------------------------------------- Japanese CSV export


def japanese_sheets() -> Sheets:
    """The tests' project as a Japanese ERP writes it: Japanese file and column names,
    item kinds numbered 1 to 3, shares in percent, dates as yyyy/mm/dd."""
    kinds = {"product": "1", "component": "2", "material": "3"}
    periods = {"week": "週", "year": "年", "month": "月"}
    return {
        "品目マスタ": [["品目コード", "品名", "品目区分", "単位", "単価", "品目分類"],
                   *[[r["item_id"], r["name"], kinds[str(r["kind"])], r["unit"],
                      r["unit_price"], r["category"]] for r in rows_of("Items")]],
        "部品構成": [["親品目", "子品目", "員数", "ロス率(%)"], *BASE["BOM"][1:]],
        "需要": [["品目コード", "需要数量", "期間"],
               *[[r["item_id"], r["quantity"], periods[str(r["per"])]]
                 for r in rows_of("Demand")]],
        "在庫": [["倉庫", "品目コード", "在庫数", "安全在庫数", "目標在庫日数"],
               *[["本社", r["item_id"], r["on_hand"], r["safety_stock"], r.get("target_days")]
                 for r in rows_of("Stock")]],
        "仕入先マスタ": [["仕入先コード", "仕入先名", "国"], *BASE["Suppliers"][1:]],
        "購買情報": [["品目コード", "仕入先コード", "比率(%)", "単価", "リードタイム(日)",
                  "原産国"],
                 *[[r["item_id"], r["supplier_id"], round(float(r["share"]) * 100, 6),  # type: ignore[arg-type]
                    r["unit_price"], r["lead_time_days"], r.get("origin_country")]
                   for r in rows_of("Sources")]],
        "発注残": [["発注番号", "品目コード", "仕入先コード", "発注残数量", "納期"],
                *[[f"PO{i:04d}", r["item_id"], r["supplier_id"], r["quantity"],
                   r["due_date"]] for i, r in enumerate(rows_of("Orders"))]],
    }


def csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%Y/%m/%d")
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"  # as a Japanese ERP writes 22,126
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def write_japanese_csv(folder: Path, sheets: Sheets) -> Path:
    folder.mkdir()
    for name, rows in sheets.items():
        with (folder / f"{name}.csv").open("w", encoding="cp932", newline="") as f:
            csv.writer(f, lineterminator="\r\n").writerows(
                [[csv_value(v) for v in row] for row in rows])
    return folder


def japanese_mapping() -> dict[str, object]:
    return {"tables": {
        "Items": {"sheet": "品目マスタ", "columns": {
            "item_id": "品目コード", "name": "品名", "kind": "品目区分", "unit": "単位",
            "unit_price": "単価", "category": "品目分類"},
            "values": {"kind": {"1": "product", "2": "component", "3": "material"}}},
        "BOM": {"sheet": "部品構成", "columns": {
            "parent_id": "親品目", "child_id": "子品目", "qty_per": "員数",
            "scrap_pct": "ロス率(%)"}},
        "Demand": {"sheet": "需要.csv", "columns": {
            "item_id": "品目コード", "quantity": "需要数量", "per": "期間"}},
        "Stock": {"sheet": "在庫", "columns": {
            "item_id": "品目コード", "on_hand": "在庫数", "safety_stock": "安全在庫数",
            "target_days": "目標在庫日数"}},
        "Suppliers": {"sheet": "仕入先マスタ", "columns": {
            "supplier_id": "仕入先コード", "name": "仕入先名", "country": "国"}},
        "Sources": {"sheet": "購買情報", "columns": {
            "item_id": "品目コード", "supplier_id": "仕入先コード", "share": "比率(%)",
            "unit_price": "単価", "lead_time_days": "リードタイム(日)",
            "origin_country": "原産国"}, "scale": {"share": 0.01}},
        "Orders": {"sheet": "発注残", "columns": {
            "item_id": "品目コード", "supplier_id": "仕入先コード", "quantity": "発注残数量",
            "due_date": "納期"}},
    }, "settings": dict(SETTINGS_GIVEN)}


def test_a_japanese_csv_export_in_cp932_reads_as_the_template(
        tmp_path: Path, template: planner.Project) -> None:
    folder = write_japanese_csv(tmp_path / "erp", japanese_sheets())
    assert (folder / "在庫.csv").read_bytes().startswith("倉庫".encode("cp932"))
    project = apply_mapping(folder, Mapping.from_json(japanese_mapping()))
    assert project.equals(template)
    assert project.layouts["Stock"].letters["on_hand"] == "C"


# ---------------------------------------------------------------- the guess


def test_the_guess_on_sap_headers(tmp_path: Path) -> None:
    source = write_book(tmp_path / "sap.xlsx", sap_sheets())
    guess = guess_mapping(source)
    expected = Mapping.from_json(sap_mapping())
    assert list(guess.mapping.tables) == list(expected.tables)
    for name, table in expected.tables.items():
        found = guess.mapping.tables[name]
        assert (found.sheet, found.header_row) == (table.sheet, table.header_row), name
        assert found.columns == table.columns, name
        assert found.values == table.values, name
        assert found.scale == table.scale, name  # Quota (%) and a Price Unit of 1,000
    kinds = guess.codes["Items"]["kind"]
    assert [(c.code, c.count, c.translation) for c in kinds] == [
        ("ROH", 5, "material"), ("FERT", 2, "product"), ("HALB", 2, "component")]
    assert guess.matches["Orders"]["item_id"].header == "Material"  # not the PO's Item
    text = guess.text()
    assert "Sources ← sheet EORD (header on row 1)" in text
    assert "share *" in text and "← Quota (%) (C, 1.00)  × 0.01" in text
    # the guess, completed with the settings the export lacks, imports the project
    guess.mapping.settings = dict(SETTINGS_GIVEN)
    assert apply_mapping(source, guess.mapping).equals(
        apply_mapping(source, expected))


def test_the_guess_on_japanese_headers(tmp_path: Path) -> None:
    folder = write_japanese_csv(tmp_path / "erp", japanese_sheets())
    guess = guess_mapping(folder)
    expected = Mapping.from_json(japanese_mapping())
    for name, table in expected.tables.items():
        found = guess.mapping.tables[name]
        assert found.sheet == table.sheet.removesuffix(".csv"), name
        assert found.columns == table.columns, name
        assert found.values == table.values, name
        assert found.scale == table.scale, name
    assert [(c.code, c.translation) for c in guess.codes["Demand"]["per"]] == [
        ("週", "week"), ("年", "year"), ("月", "month")]  # read as they are: no values


def test_codes_without_a_guess_are_left_to_the_buyer(tmp_path: Path) -> None:
    sheets = sap_sheets()
    sheets["MARA"][4][2] = "ZMAT"  # a company's own material type
    guess = guess_mapping(write_book(tmp_path / "sap.xlsx", sheets))
    assert ("ZMAT", 1, None) in [(c.code, c.count, c.translation)
                                 for c in guess.codes["Items"]["kind"]]
    assert "ZMAT" not in guess.mapping.tables["Items"].values["kind"]
    assert "ZMAT → ? (1 cell): no guess; give its translation" in guess.text()


def test_the_layout_key_follows_sheets_and_headers_not_data(tmp_path: Path) -> None:
    first = layout_key(write_book(tmp_path / "a.xlsx", sap_sheets()))
    sheets = sap_sheets()
    sheets["MARD"][1][3] = 1  # next month's stock
    assert layout_key(write_book(tmp_path / "b.xlsx", sheets)) == first
    sheets["MARD"][0][3] = "Unrestricted stock"
    assert layout_key(write_book(tmp_path / "c.xlsx", sheets)) != first


# ---------------------------------------------------------------- the command line


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_writes_a_new_project(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     template: planner.Project) -> None:
    source = write_book(tmp_path / "sap.xlsx", sap_sheets())
    mapping = write_mapping(tmp_path / "map.json", sap_mapping())
    for out in (tmp_path / "out.stockpile", tmp_path / "out.xlsx", tmp_path / "out_csv"):
        code, stdout, err = run(capsys, "import", source, "--mapping", mapping, "-o", out)
        assert (code, stdout, err) == (0, f"wrote {out}\n", "")
        assert planner.load(out).equals(template)


def test_import_guess_prints_json_and_a_table(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    source = write_book(tmp_path / "sap.xlsx", sap_sheets())
    code, out, err = run(capsys, "import", source, "--guess")
    assert code == 0
    guessed = Mapping.from_json(json.loads(out))
    assert guessed.tables["Items"].columns["kind"] == "Material Type"
    assert "kind *" in err and "← Material Type (C, 1.00)" in err
    assert "FERT → product (2 cells)" in err
    code, out, err = run(capsys, "import", source, "--guess", "-o", tmp_path / "map.json")
    assert code == 0 and out.endswith(f"wrote {tmp_path / 'map.json'}\n") and err == ""
    assert Mapping.load(tmp_path / "map.json") == guessed
    code, _out, err = run(capsys, "import", source, "--guess", "-o", tmp_path / "x.stockpile")
    assert code == 2 and "with --guess, -o names the mapping to write" in err


def test_the_monthly_refresh_replaces_only_the_tables_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mapping = write_mapping(tmp_path / "map.json", sap_mapping())
    last_month = write_book(tmp_path / "october.xlsx", sap_sheets())
    folder, file = tmp_path / "project_csv", tmp_path / "project.stockpile"
    shift_jis = tmp_path / "project_cp932"  # a folder in Shift_JIS stays in it
    for target in (folder, file):
        assert run(capsys, "import", last_month, "--mapping", mapping, "-o", target)[0] == 0
    assert run(capsys, "import", last_month, "--mapping", mapping, "-o", shift_jis,
               "--encoding", "cp932")[0] == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    before_cp932 = {p.name: p.read_bytes() for p in shift_jis.iterdir()}
    old = planner.load(file)
    sheets = sap_sheets()
    sheets["MARD"][1][3] = 1500  # M1's stock this month
    sheets["EKPO"].pop()  # an order delivered
    sheets["MARA"][4][1] = "Renamed in the ERP"  # not refreshed: Items is not named
    this_month = write_book(tmp_path / "november.xlsx", sheets)
    for target in (folder, file, shift_jis):
        code, out, err = run(capsys, "import", this_month, "--mapping", mapping,
                             "--into", target, "--tables", "stock,Orders")
        assert (code, out, err) == (0, f"replaced Stock, Orders in {target}\n", "")
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert set(after) == set(before)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"Stock.csv", "Orders.csv"}
    after = {p.name: p.read_bytes() for p in shift_jis.iterdir()}
    assert {n for n in before_cp932 if before_cp932[n] != after[n]} == changed
    new = planner.load(file)
    assert planner.load(folder).equals(new)
    assert new.stock["on_hand"].iloc[0] == 1500 and len(new.orders) == len(old.orders) - 1
    for name in old.tables:
        if name not in ("Stock", "Orders"):
            assert new.tables[name].equals(old.tables[name]), name
    assert new.settings == old.settings
    # a table the mapping does not map is refused, before anything is read or written
    code, _out, err = run(capsys, "import", this_month, "--mapping", mapping, "--into", file,
                          "--tables", "Stock,Rates")
    assert code == 2
    assert "planner import: Rates is not in the mapping (it maps Items, BOM, Demand, Stock" in err
    assert planner.load(file).equals(new)


def test_import_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_book(tmp_path / "sap.xlsx", sap_sheets())
    mapping = write_mapping(tmp_path / "map.json", sap_mapping())
    for args, message in (
            ((), "give --mapping MAP.json"),
            (("--mapping", mapping), "give -o OUT for a new project, or --into PROJECT"),
            (("--mapping", mapping, "-o", tmp_path / "o.xlsx", "--tables", "Stock"),
             "--tables applies to --into"),
            (("--mapping", mapping, "-o", source), "the output would overwrite the input")):
        code, _out, err = run(capsys, "import", source, *args)
        assert code == 2 and message in err, args
