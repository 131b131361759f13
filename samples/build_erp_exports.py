"""Build the sample ERP exports and their mappings (docs/mapping.md) from the sample projects.

Run:  python samples/build_erp_exports.py
Writes next to this script:
  sap_export/ev_motors_wind_sap.xlsx + sap_export/mapping.json
      ev_motors_wind as an SAP system exports it: one sheet per list, SAP's column names,
      material types FERT/HALB/ROH, SAP units, quotas in percent, purchase prices per 1,000
      units (Price Unit 1000), a stock list with a title above its header, demand as
      planned independent requirements (PIR) per week or month.
  ja_erp_csv/<ファイル>.csv + ja_erp_csv/mapping.json
      motors_actuators_ja as a Japanese ERP (奉行 or SMILE style) exports it: one CSV file per
      list in CP932 with CRLF line ends and every field quoted, Japanese headers, item
      classes as codes 1/2/3 (製品/部品/材料), shares in percent, dates as yyyy/mm/dd.
Both come from the same rows as the template samples (build_samples.tables), so importing an
export through its mapping gives the template sample's figures (tests/test_erp_samples.py).
The mappings are written here too, from the same column lists, so that a renamed column
changes the export and its mapping together. Written with fixed timestamps: a rebuild gives
the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from build_samples import AS_OF, COLUMNS, FIXED_TIME, reproducible, tables
from ev_motors_wind_data import EV
from motors_actuators_ja_data import JA
from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
SAP_FOLDER = HERE / "sap_export"
SAP_BOOK = "ev_motors_wind_sap.xlsx"
JA_FOLDER = HERE / "ja_erp_csv"
MAPPING = "mapping.json"

Row = dict[str, object]


@dataclass(frozen=True)
class Column:
    """A column of an export: its header, its value from a template row, and the template
    column it feeds (None: a column the planner has no use for, as exports have many)."""

    header: str
    value: Callable[[Row], object]
    feeds: str | None = None


@dataclass(frozen=True)
class Export:
    """One sheet (or CSV file) of an export, made from the rows of one template table."""

    name: str
    table: str
    columns: tuple[Column, ...]
    rows: Callable[[list[Row]], list[Row]] = list
    title: tuple[str, ...] = ()  # lines above the header (a report's title)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    scale: dict[str, float] = field(default_factory=dict)

    @property
    def header_row(self) -> int:
        return len(self.title) + 1


def take(name: str) -> Callable[[Row], object]:
    """The template column's value as it is."""
    return lambda row: row[name]


def const(value: object) -> Callable[[Row], object]:
    return lambda _row: value


def number(row: Row, name: str) -> float:
    value = row[name]
    assert isinstance(value, int | float), (name, row)
    return float(value)


def whole(x: float) -> float | int:
    """A number as an export writes it: 72 rather than 72.0, rounded off float noise."""
    x = round(float(x), 6)
    return int(x) if x.is_integer() else x


def template_rows(project: dict[str, object]) -> dict[str, list[Row]]:
    """The template sample's tables as rows keyed by template column."""
    data = tables(project)
    return {sheet: [dict(zip(columns, row, strict=True)) for row in data[sheet]]
            for sheet, columns in COLUMNS.items()}


def mapping(exports: list[Export], settings: dict[str, object], source: str
            ) -> dict[str, object]:
    """The mapping file (docs/mapping.md) that reads ``exports`` back as template tables."""
    fed = {export.table: {
        "sheet": export.name,
        "header_row": export.header_row,
        "columns": {c.feeds: c.header for c in export.columns if c.feeds},
        "values": export.values,
        "scale": export.scale,
    } for export in exports}
    return {"description": source, "tables": fed, "settings": settings}


def settings_of(rows: list[Row]) -> dict[str, object]:
    """The sample's Settings as the mapping gives them (an ERP's export has no such sheet)."""
    return {str(r["key"]): (r["value"].isoformat() if isinstance(r["value"], dt.date)
                            else r["value"]) for r in rows}


# ---------------------------------------------------------------------------------------------
# SAP: ev_motors_wind
# ---------------------------------------------------------------------------------------------
SAP_TYPES = {"product": "FERT", "component": "HALB", "material": "ROH"}
SAP_UNITS = {"pcs": "PC", "set": "SET", "kg": "KG", "g": "G"}
SAP_PERIODS = {"week": "W", "month": "M"}
SAP_ACCOUNT_GROUPS = {"producer": "KRED", "trader": "ZTRD"}  # ZTRD: the company's own group
PRICE_UNIT = 1000  # purchase prices per 1,000 units of the base unit
PLANT = "1000"


def per_sap_period(rows: list[Row]) -> list[Row]:
    """Demand rates as PIR give them: per week or per month (a yearly rate as a monthly
    twelfth; SAP has no yearly period)."""
    out = []
    for row in rows:
        quantity, per = number(row, "quantity"), str(row["per"])
        if per == "year":
            quantity, per = quantity / 12, "month"
            assert quantity.is_integer(), row
        out.append({**row, "quantity": whole(quantity), "per": per})
    return out


def sap_exports(rows: dict[str, list[Row]]) -> list[Export]:
    project_currency = next(r["value"] for r in rows["Settings"] if r["key"] == "currency")
    documents = {id(r): 4500001200 + 10 * i for i, r in enumerate(rows["Orders"])}
    return [
        Export("MARA", "Items", (
            Column("Material", take("item_id"), "item_id"),
            Column("Material Description", take("name"), "name"),
            Column("Material Type", lambda r: SAP_TYPES[str(r["kind"])], "kind"),
            Column("Industry Sector", const("M")),
            Column("Base Unit of Measure", lambda r: SAP_UNITS[str(r["unit"])], "unit"),
            Column("Material Group", take("category"), "category"),
            Column("Standard Price", lambda r: whole(number(r, "unit_price")), "unit_price"),
            Column("Price Unit", const(1)),
            Column("Currency", const(project_currency)),
        ), values={"kind": {v: k for k, v in SAP_TYPES.items()},
                   "unit": {v: k for k, v in SAP_UNITS.items()}}),
        Export("STPO", "BOM", (
            Column("Material", take("parent_id"), "parent_id"),
            Column("Plant", const(PLANT)),
            Column("BOM Usage", const("1")),
            Column("Item", lambda r: f"{10 * (1 + rows['BOM'].index(r)):04d}"),
            Column("Item Category", const("L")),
            Column("Component", take("child_id"), "child_id"),
            Column("Component quantity", take("qty_per"), "qty_per"),
            Column("Component Scrap (%)", take("scrap_pct"), "scrap_pct"),
        )),
        Export("PIR", "Demand", (
            Column("Material", take("item_id"), "item_id"),
            Column("Plant", const(PLANT)),
            Column("Requirements Type", const("LSF")),
            Column("Version", const("00")),
            Column("Planned quantity", take("quantity"), "quantity"),
            Column("Period unit", lambda r: SAP_PERIODS[str(r["per"])], "per"),
        ), rows=per_sap_period, values={"per": {v: k for k, v in SAP_PERIODS.items()}}),
        Export("PBED", "Forecast", (
            Column("Material", take("item_id"), "item_id"),
            Column("Plant", const(PLANT)),
            Column("Requirements Date", take("month"), "month"),
            Column("Period unit", const("M")),
            Column("Planned quantity", take("quantity"), "quantity"),
        )),
        Export("MARD", "Stock", (
            Column("Material", take("item_id"), "item_id"),
            Column("Plant", const(PLANT)),
            Column("Storage Location", const("0001")),
            Column("Unrestricted", take("on_hand"), "on_hand"),
            Column("Safety Stock", take("safety_stock"), "safety_stock"),
            Column("Target Coverage (days)", take("target_days"), "target_days"),
        ), title=("Warehouse Stocks of Material", f"Plant {PLANT}, "
                  f"{AS_OF:%d.%m.%Y}")),
        Export("LFA1", "Suppliers", (
            Column("Vendor", take("supplier_id"), "supplier_id"),
            Column("Name 1", take("name"), "name"),
            Column("Country", take("country"), "country"),
            Column("Account Group", lambda r: SAP_ACCOUNT_GROUPS[str(r["kind"] or "producer")],
                   "kind"),
        ), values={"kind": {v: k for k, v in SAP_ACCOUNT_GROUPS.items()}}),
        Export("EORD", "Sources", (
            Column("Material", take("item_id"), "item_id"),
            Column("Vendor", take("supplier_id"), "supplier_id"),
            Column("Purch. Organization", const(PLANT)),
            Column("Quota (%)", lambda r: whole(100 * number(r, "share")), "share"),
            Column("Planned deliv. time", take("lead_time_days"), "lead_time_days"),
            Column("Net Price", lambda r: whole(PRICE_UNIT * number(r, "unit_price")),
                   "unit_price"),
            Column("Price Unit", const(PRICE_UNIT)),
            Column("Currency", lambda r: r["currency"] or project_currency, "currency"),
            Column("Minimum Quantity", take("moq"), "moq"),
            Column("Max. Quantity per Month", take("capacity_per_month"),
                   "capacity_per_month"),
            Column("Country of Origin", take("origin_country"), "origin_country"),
            Column("Recycled", lambda r: "X" if r["secondary"] == "yes" else None,
                   "secondary"),
        ), values={"secondary": {"X": "yes"}},
            scale={"share": 0.01, "unit_price": 1 / PRICE_UNIT}),
        Export("EKPO", "Orders", (
            Column("Purchasing Document", lambda r: str(documents[id(r)])),
            Column("Item", const("00010")),
            Column("Material", take("item_id"), "item_id"),
            Column("Vendor", take("supplier_id"), "supplier_id"),
            Column("Plant", const(PLANT)),
            Column("Quantity", take("quantity"), "quantity"),
            Column("Delivery Date", take("due_date"), "due_date"),
        )),
        Export("TCURR", "Rates", (
            Column("Exchange Rate Type", const("M")),
            Column("From currency", take("currency"), "currency"),
            Column("To-currency", const(project_currency)),
            Column("Valid From", const(AS_OF)),
            Column("Exchange Rate", take("rate"), "rate"),
        )),
    ]


SAP_FORMATS = {dt.date: "dd.mm.yyyy", float: "#,##0.000"}


def write_sap_workbook(path: Path, exports: list[Export], rows: dict[str, list[Row]]) -> None:
    """One sheet per list, as SAP's spreadsheet export writes it: a bold header, dates as
    date cells, blank cells where SAP shows nothing."""
    wb = Workbook()
    wb.remove(wb.active)
    for export in exports:
        ws = wb.create_sheet(export.name)
        for line in export.title:
            ws.append([line or None])
        if export.title:
            ws.cell(1, 1).font = Font(bold=True, size=12)
        ws.append([c.header for c in export.columns])
        for cell in ws[export.header_row]:
            cell.font = Font(bold=True)
        for row in export.rows(rows[export.table]):
            ws.append([c.value(row) for c in export.columns])
        for line in ws.iter_rows(min_row=export.header_row + 1):
            for cell in line:
                if isinstance(cell.value, dt.date):
                    cell.number_format = SAP_FORMATS[dt.date]
                elif isinstance(cell.value, float):
                    cell.number_format = SAP_FORMATS[float]
        for index, column in enumerate(export.columns):
            letter = ws.cell(export.header_row, index + 1).column_letter
            ws.column_dimensions[letter].width = max(12, len(column.header) + 2)
    wb.properties.created = dt.datetime(*FIXED_TIME)
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(reproducible(buffer.getvalue()))


# ---------------------------------------------------------------------------------------------
# A Japanese ERP: motors_actuators_ja
# ---------------------------------------------------------------------------------------------
JA_CLASSES = {"product": ("1", "製品"), "component": ("2", "部品"), "material": ("3", "材料")}
JA_SUPPLIER_KINDS = {"producer": "メーカー", "trader": "商社"}
JA_PERIODS = {"day": "日", "week": "週", "month": "月", "year": "年"}
REGISTERED = dt.date(2019, 4, 1)  # the master records' registration date (not imported)
# Names with a character CP932 lacks, as a Japanese ERP holds them: 份 is not in CP932, and
# Japanese firms write a Taiwanese 股份有限公司 as (股)公司, its usual short form
CP932_NAMES = {"台中漆包線股份有限公司": "台中漆包線(股)公司"}


def delivered(row: Row, index: int) -> float | int:
    """Part of every third open order already received (発注数量 = 入荷済 + 発注残)."""
    return whole(number(row, "quantity") / 2) if index % 3 == 1 else 0


def ja_exports(rows: dict[str, list[Row]]) -> list[Export]:
    project_currency = next(r["value"] for r in rows["Settings"] if r["key"] == "currency")
    orders = {id(r): i for i, r in enumerate(rows["Orders"])}
    return [
        Export("品目マスタ", "Items", (
            Column("品目コード", take("item_id"), "item_id"),
            Column("品名", take("name"), "name"),
            Column("品目区分", lambda r: JA_CLASSES[str(r["kind"])][0], "kind"),
            Column("品目区分名", lambda r: JA_CLASSES[str(r["kind"])][1]),
            Column("単位", take("unit"), "unit"),
            Column("標準単価", take("unit_price"), "unit_price"),
            Column("品目分類", take("category"), "category"),
            Column("鉱種", take("commodity"), "commodity"),
            Column("登録日", const(REGISTERED)),
        ), values={"kind": {code: kind for kind, (code, _) in JA_CLASSES.items()}}),
        Export("部品構成表", "BOM", (
            Column("親品目コード", take("parent_id"), "parent_id"),
            Column("構成No", lambda r: 10 * (1 + rows["BOM"].index(r))),
            Column("子品目コード", take("child_id"), "child_id"),
            Column("員数", take("qty_per"), "qty_per"),
            Column("ロス率(%)", take("scrap_pct"), "scrap_pct"),
        )),
        Export("基準需要", "Demand", (
            Column("品目コード", take("item_id"), "item_id"),
            Column("需要数量", take("quantity"), "quantity"),
            Column("期間", lambda r: JA_PERIODS[str(r["per"])], "per"),
        )),
        Export("販売計画", "Forecast", (
            Column("品目コード", take("item_id"), "item_id"),
            Column("計画年月", lambda r: f"{r['month']:%Y/%m}", "month"),
            Column("計画数量", take("quantity"), "quantity"),
        )),
        Export("在庫一覧", "Stock", (
            Column("倉庫コード", const("W01")),
            Column("品目コード", take("item_id"), "item_id"),
            Column("在庫数", take("on_hand"), "on_hand"),
            Column("安全在庫数", take("safety_stock"), "safety_stock"),
            Column("目標在庫日数", take("target_days"), "target_days"),
        )),
        Export("仕入先マスタ", "Suppliers", (
            Column("仕入先コード", take("supplier_id"), "supplier_id"),
            Column("仕入先名", take("name"), "name"),
            Column("国コード", take("country"), "country"),
            Column("仕入先区分", lambda r: JA_SUPPLIER_KINDS[str(r["kind"] or "producer")],
                   "kind"),
        )),
        Export("仕入単価マスタ", "Sources", (
            Column("品目コード", take("item_id"), "item_id"),
            Column("仕入先コード", take("supplier_id"), "supplier_id"),
            Column("比率(%)", lambda r: whole(100 * number(r, "share")), "share"),
            Column("単価", take("unit_price"), "unit_price"),
            Column("通貨", lambda r: r["currency"] or project_currency, "currency"),
            Column("リードタイム(日)", take("lead_time_days"), "lead_time_days"),
            Column("月間供給能力", take("capacity_per_month"), "capacity_per_month"),
            Column("最小発注数量", take("moq"), "moq"),
            Column("原産国", take("origin_country"), "origin_country"),
            Column("二次原料", lambda r: "○" if r["secondary"] == "yes" else None,
                   "secondary"),
        ), scale={"share": 0.01}),
        Export("発注残一覧", "Orders", (
            Column("発注番号", lambda r: f"PO{26110001 + orders[id(r)]}"),
            Column("行番号", const(1)),
            Column("品目コード", take("item_id"), "item_id"),
            Column("仕入先コード", take("supplier_id"), "supplier_id"),
            Column("発注数量",
                   lambda r: whole(number(r, "quantity") + delivered(r, orders[id(r)]))),
            Column("入荷済数量", lambda r: delivered(r, orders[id(r)])),
            Column("発注残数量", take("quantity"), "quantity"),
            Column("納期", take("due_date"), "due_date"),
        )),
        Export("代替品", "Alternates", (
            Column("品目コード", take("item_id"), "item_id"),
            Column("代替品目コード", take("alternate_id"), "alternate_id"),
            Column("代替比率", take("ratio"), "ratio"),
            Column("切替可能日数", take("qualification_days"), "qualification_days"),
            Column("代替上限比率(%)", lambda r: whole(100 * number(r, "max_share")),
                   "max_share"),
        ), scale={"max_share": 0.01}),
        Export("為替レート", "Rates", (
            Column("通貨コード", take("currency"), "currency"),
            Column("換算レート", take("rate"), "rate"),
        )),
    ]


def csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%Y/%m/%d}"
    if isinstance(value, float):
        return str(whole(value))
    return CP932_NAMES.get(str(value), str(value))


def write_ja_csv(folder: Path, exports: list[Export], rows: dict[str, list[Row]]) -> None:
    """One CSV file per list in CP932 (Shift_JIS as Windows writes it), CRLF, every field
    quoted, as the Japanese ERPs' CSV export does; a character CP932 lacks fails here."""
    for export in exports:
        buffer = io.StringIO()
        writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow([c.header for c in export.columns])
        for row in export.rows(rows[export.table]):
            writer.writerow([csv_text(c.value(row)) for c in export.columns])
        (folder / f"{export.name}.csv").write_bytes(buffer.getvalue().encode("cp932"))


# ---------------------------------------------------------------------------------------------
def write_mapping(path: Path, content: dict[str, object]) -> None:
    path.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def build_sap(folder: Path = SAP_FOLDER) -> list[Export]:
    rows = template_rows(EV)
    exports = sap_exports(rows)
    folder.mkdir(exist_ok=True)
    write_sap_workbook(folder / SAP_BOOK, exports, rows)
    write_mapping(folder / MAPPING, mapping(
        exports, settings_of(rows["Settings"]),
        "SAP lists (MARA, STPO, PIR, PBED, MARD, LFA1, EORD, EKPO, TCURR) as the "
        "spreadsheet export writes them: the sample ev_motors_wind"))
    return exports


def build_ja(folder: Path = JA_FOLDER) -> list[Export]:
    rows = template_rows(JA)
    exports = ja_exports(rows)
    folder.mkdir(exist_ok=True)
    write_ja_csv(folder, exports, rows)
    write_mapping(folder / MAPPING, mapping(
        exports, settings_of(rows["Settings"]),
        "A Japanese ERP's CSV export (CP932, Japanese headers): the sample "
        "motors_actuators_ja"))
    return exports


def main() -> None:
    for name, build, where in (("SAP", build_sap, SAP_FOLDER), ("Japanese ERP", build_ja,
                                                                  JA_FOLDER)):
        exports = build()
        print(f"wrote samples/{where.name}/ ({name}): "
              + ", ".join(f"{e.name} ({e.table})" for e in exports) + f", {MAPPING}")


if __name__ == "__main__":
    if sys.argv[1:]:
        sys.exit("usage: python samples/build_erp_exports.py")
    main()
