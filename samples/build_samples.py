"""Build the sample projects in the import template (docs/template.md): workbooks and CSVs.

Run:  python samples/build_samples.py [NAME ...]   (no NAME: every project)
Writes next to this script:
  ev_motors_wind.xlsx           + ev_motors_wind_csv/<Sheet>.csv
  semiconductor_equipment.xlsx  + semiconductor_equipment_csv/<Sheet>.csv
  motors_actuators_ja.xlsx      + motors_actuators_ja_csv/<Sheet>.csv  (Japanese, in JPY)
with fixed timestamps, so that a rebuild gives the same bytes; then re-opens every output and
checks it (shares, references, BOM acyclic, intended stock situations and cap breaches) and
prints a short summary per project.

Companies, suppliers and all quantities are fictitious. Intensities, compositions, prices and
country mixes follow public figures (USGS Mineral Commodity Summaries 2026 and published reports):

NdFeB intensity and composition (published reports on material intensity and composition)
- Large direct-drive PM wind generator: 625-850 kg NdFeB per MW (Moss et al. 2013, JRC, cited
  by Heim & Vander Wal, Minerals 2023 13:1274); here 4 MW x 600 kg/MW = 2,400 kg finished
  magnet (192 pole modules x 12.5 kg).
- EV traction motor ~1-2 kg NdFeB per motor (secondary sources, low reliability); here 1.6 kg.
- Total rare-earth content of NdFeB ~30 wt% (Heim & Vander Wal 2023); Dy ~4 wt% in wind
  grades (same); typical ranges Nd 20-30, Pr 0.5-7, Dy 0.2-6, B 0.3-1 wt% (review quoted on
  wungiel.pl). EV grade here: Nd 23.5 / Pr 6.0 / Dy 2.0 / Tb 0.6 (grain-boundary diffused);
  wind grade: Nd 21.0 / Pr 5.5 / Dy 4.0 / Tb 0.5; boron as ferro-boron (~18% B), rest iron.
- Magnet machining loss 20-25% (scrap_pct on the magnet BOM lines): industry rule of thumb,
  not from a published source.
Country mixes (USGS Mineral Commodity Summaries 2026, world production tables, 2025 estimates)
- Rare earths mine production: China 270 of 390 kt (69%), Burma 22 kt, US 51 kt, Australia
  29 kt; China ~90% of separation/refining (industry estimate; IEA projects 77% in 2030,
  IEA); US imports of Tb compounds/metals 100% China
  (USGS MCS 2026, import sources); EU HREE supply 100% China (EC CRM 2023 study).
- Gallium primary production: China 900 of ~909 t (~99%); Ge: China largest refiner,
  US metal imports China 41 / Belgium 27 / Germany 25% (2021-24).
- Tungsten: China 67 of 85 kt (79%), Vietnam 3 kt, Austria 0.84 kt, Portugal 0.7 kt.
- Antimony: China 40, Russia 32, Tajikistan 22, Turkey 3 of 110 kt (2025).
- Natural graphite: China 1,400 of 1,800 kt (78%), Madagascar 80, Tanzania 75, Brazil 65,
  Mozambique 60 kt; China ~90% of battery-grade graphite (IEA).
- Cobalt: DR Congo 230 of 310 kt mined (74%); China >75% of refining (IEA WEO 2024); refined
  here in FI / CN / BE (origin_country = refining country, the choke point, docs/definitions.md).
Prices (USGS MCS 2026, 2025 averages, converted at an assumed ~0.87 EUR/USD and rounded; metal
and high-purity premiums over oxide/cathode are assumptions): NdPr oxide 69, Nd oxide 73,
Pr oxide 74, Dy oxide 239, Tb oxide 1,010 USD/kg; gallium 580 USD/kg; germanium metal
4,100 USD/kg; antimony 25 USD/lb; cobalt cathode 21 USD/lb.
Forecasts (fictitious, like the companies): the EV traction motor line ramps up from 1,600
motors a month in November 2026 to 5,000 a month from September 2027; the wind generator
order book ends in June 2027 (three a month until then, none after, through 2028). The Demand
sheet keeps the flat rates, which is what cover said before the Forecast sheet existed.
Currencies: some Chinese sources are priced in CNY, some traders and Malaysian, Singaporean and
US sources in USD, a few in EUR written out; the projects' currency is EUR. The Rates sheet
(0.87 EUR per USD, 0.12 EUR per CNY) is illustrative, not a quotation of any published rate;
each price in USD or CNY is the EUR price above converted at it and rounded.
Stockpile targets: 60 days (JOGMEC national 42 + private 18), up to 180 days for high-risk
metals (IEA policies DB 16639) -> target_days 180 on Dy, Tb, Ga2O3, Ge and 90 on Ga, Sb;
supplier and country caps 60% (G7, June 2026).
The Japanese project (motors_actuators_ja_data.py) is priced in JPY with its own Rates sheet
and says in its docstring how its prices follow from the ones above.
The projects' data: ev_motors_wind_data.py, semiconductor_data.py and
motors_actuators_ja_data.py (their dates from sample_dates.py); this script builds the tables,
writes them and checks them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import sys
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

from ev_motors_wind_data import EV
from motors_actuators_ja_data import JA
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sample_dates import AS_OF
from semiconductor_data import SEMI

HERE = Path(__file__).resolve().parent
HORIZON_DAYS = 90
TARGET_DAYS = 60
CAP = 0.6
DAYS_PER = {"day": 1.0, "week": 7.0, "month": 365.0 / 12.0, "year": 365.0}

# Column names exactly as in docs/template.md, in template order.
COLUMNS = {
    "Items": ["item_id", "name", "kind", "unit", "unit_price", "category", "commodity"],
    "BOM": ["parent_id", "child_id", "qty_per", "scrap_pct"],
    "Demand": ["item_id", "quantity", "per"],
    "Forecast": ["item_id", "month", "quantity"],
    "Stock": ["item_id", "on_hand", "safety_stock", "target_days"],
    "Suppliers": ["supplier_id", "name", "country", "kind"],
    "Sources": ["item_id", "supplier_id", "share", "unit_price", "lead_time_days",
                "capacity_per_month", "moq", "origin_country", "currency", "secondary"],
    "Orders": ["item_id", "supplier_id", "quantity", "due_date"],
    "Alternates": ["item_id", "alternate_id", "ratio", "qualification_days", "max_share"],
    "Rates": ["currency", "rate"],
    "Settings": ["key", "value"],
}

# Number formats per column (Excel display only; values stay plain numbers).
FORMATS = {
    "unit_price": "#,##0.00",
    "qty_per": "#,##0.###",
    "scrap_pct": "0",
    "quantity": "#,##0.###",
    "on_hand": "#,##0.###",
    "safety_stock": "#,##0.###",
    "target_days": "0",
    "share": "0%",
    "max_share": "0%",
    "ratio": "0.0##",
    "qualification_days": "0",
    "lead_time_days": "0",
    "capacity_per_month": "#,##0",
    "moq": "#,##0",
    "due_date": "yyyy-mm-dd",
    "month": "yyyy-mm",
    "rate": "0.0###",
}
RATES = [("USD", 0.87), ("CNY", 0.12)]  # EUR for one unit: illustrative (see above)
# The workbooks' creation time and their zip members' dates: the as-of date, so that a
# rebuild writes the same bytes.
FIXED_TIME = (AS_OF.year, AS_OF.month, AS_OF.day, 0, 0, 0)


PROJECTS = (EV, SEMI, JA)


def currency(project: dict) -> str:
    """The project's currency: EUR unless the project names its own (with its own Rates)."""
    return str(project.get("currency", "EUR"))


def rates(project: dict) -> list[tuple[str, float]]:
    """The Rates sheet: units of the project's currency for one unit of each other one."""
    return list(project.get("rates", RATES))


# ---------------------------------------------------------------------------------------------
# Computation (docs/definitions.md), used to derive stock and to check the outputs
# ---------------------------------------------------------------------------------------------
def topo_order(items: list[str], bom: list[tuple]) -> list[str]:
    """Parents before children; raises ValueError naming a cycle."""
    children = defaultdict(list)
    for parent, child, *_ in bom:
        children[parent].append(child)
    state: dict[str, int] = {}
    order: list[str] = []

    def visit(node: str, path: list[str]) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:
            raise ValueError("BOM cycle: " + " -> ".join([*path, node]))
        state[node] = 1
        for child in children[node]:
            visit(child, [*path, node])
        state[node] = 2
        order.append(node)

    for item in items:
        visit(item, [])
    return order[::-1]


def daily_requirements(items: list[str], bom: list[tuple], demand: list[tuple]
                       ) -> dict[str, float]:
    req = dict.fromkeys(items, 0.0)
    for item, quantity, per in demand:
        req[item] += float(quantity) / DAYS_PER[str(per).lower()]
    lines = defaultdict(list)
    for parent, child, qty, scrap in bom:
        lines[parent].append((child, float(qty) * (1 + float(scrap or 0) / 100)))
    for parent in topo_order(items, bom):
        for child, eff in lines[parent]:
            req[child] += req[parent] * eff
    return req


def nice(x: float) -> float:
    """Round to two significant figures (three from 10,000 up), as a planner would."""
    if x <= 0:
        return 0
    digits = 3 if x >= 10_000 else 2
    step = 10 ** (math.floor(math.log10(x)) - digits + 1)
    value = round(x / step) * step
    return int(value) if value >= 1 else round(value, 3)


def stock_rows(project: dict) -> list[tuple]:
    ids = [row[0] for row in project["items"]]
    req = daily_requirements(ids, project["bom"], project["demand"])
    rows = []
    for item, (cover, safety, target, _status) in project["stock_intent"].items():
        rows.append((item, nice(req[item] * cover), nice(req[item] * safety), target))
    rows.extend(project["stock_fixed"])
    order = {item: i for i, item in enumerate(ids)}
    return sorted(rows, key=lambda r: order[r[0]])


def tables(project: dict) -> dict[str, list[tuple]]:
    settings = [
        ("company", project["company"]),
        ("as_of_date", AS_OF),
        ("horizon_days", HORIZON_DAYS),
        ("target_days", TARGET_DAYS),
        ("max_supplier_share", CAP),
        ("max_country_share", CAP),
        ("currency", currency(project)),
    ]
    return {
        "Items": padded(project["items"], "Items"),
        "BOM": project["bom"],
        "Demand": project["demand"],
        "Forecast": project["forecast"],
        "Stock": stock_rows(project),
        "Suppliers": padded(project["suppliers"], "Suppliers"),
        "Sources": source_rows(project),
        "Orders": project["orders"],
        "Alternates": project.get("alternates", []),
        "Rates": rates(project),
        "Settings": settings,
    }


def padded(rows: list[tuple], sheet: str) -> list[tuple]:
    """``rows`` with their optional last columns blank where a data file leaves them out
    (Items commodity, Suppliers kind)."""
    width = len(COLUMNS[sheet])
    return [(*row, *(None,) * (width - len(row))) for row in rows]


def source_rows(project: dict) -> list[tuple]:
    """The Sources rows with each quoted price in its currency (blank: the project's), and
    secondary "yes" for a recycler's rows (blank: no)."""
    rows = []
    secondary = project.get("secondary", set())
    for row in project["sources"]:
        price, quoted_in = project["quoted"].get((row[0], row[1]), (row[3], None))
        if quoted_in is not None:
            converted = price * dict(rates(project)).get(quoted_in, 1.0)
            assert abs(converted - row[3]) <= 0.005 * row[3], (row[:2], converted, row[3])
        rows.append((*row[:3], price, *row[4:], quoted_in,
                     "yes" if (row[0], row[1]) in secondary else None))
    return rows


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", start_color="305496")


def display_width(value: object, fmt: str | None) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float | int) and not isinstance(value, bool):
        if fmt == "0%":
            return 4
        return len(f"{value:,}") + 1
    # a Japanese character takes two columns' width
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(value))


def write_workbook(path: Path, data: dict[str, list[tuple]]) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for sheet, columns in COLUMNS.items():
        ws = wb.create_sheet(sheet)
        ws.append(columns)
        for cell in ws[1]:
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(vertical="center")
        for row in data[sheet]:
            ws.append(list(row))
        widths = [len(c) + 2 for c in columns]
        for col_idx, name in enumerate(columns, start=1):
            fmt = FORMATS.get(name)
            for (cell,) in ws.iter_rows(min_row=2, min_col=col_idx, max_col=col_idx):
                if sheet == "Settings" and isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                elif fmt and isinstance(cell.value, int | float | dt.date):
                    whole = isinstance(cell.value, int | float) and float(cell.value).is_integer()
                    # "#,##0.###" would show a trailing "." on whole numbers in Excel
                    cell.number_format = fmt.split(".")[0] if whole and "#" in fmt else fmt
                widths[col_idx - 1] = max(widths[col_idx - 1],
                                          display_width(cell.value, fmt) + 2)
        for col_idx, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col_idx)].width = min(width, 60)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    wb.properties.created = dt.datetime(*FIXED_TIME)
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(reproducible(buffer.getvalue()))


def reproducible(data: bytes) -> bytes:
    """The workbook with fixed dates (openpyxl stamps the save time into docProps/core.xml
    and every zip member)."""
    stamp = "{:04d}-{:02d}-{:02d}T00:00:00Z".format(*FIXED_TIME[:3]).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            member = zin.read(name)
            if name == "docProps/core.xml":
                member = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp, member)
            zout.writestr(zipfile.ZipInfo(name, FIXED_TIME), member, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv_folder(folder: Path, data: dict[str, list[tuple]], bom: bool = False) -> None:
    """One UTF-8 file per sheet; with ``bom``, a byte order mark, without which Excel on a
    Japanese desktop reads the file as Shift_JIS."""
    folder.mkdir(exist_ok=True)
    encoding = "utf-8-sig" if bom else "utf-8"
    for sheet, columns in COLUMNS.items():
        with open(folder / f"{sheet}.csv", "w", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            for row in data[sheet]:
                writer.writerow([value.strftime("%Y-%m") if name == "month" else csv_value(value)
                                 for name, value in zip(columns, row, strict=True)])


# ---------------------------------------------------------------------------------------------
# Checking the written files
# ---------------------------------------------------------------------------------------------
def read_workbook(path: Path) -> dict[str, list[dict]]:
    wb = load_workbook(path)
    assert wb.sheetnames == list(COLUMNS), wb.sheetnames
    out = {}
    for sheet, columns in COLUMNS.items():
        rows = list(wb[sheet].iter_rows(values_only=True))
        assert list(rows[0]) == columns, (path.name, sheet, rows[0])
        out[sheet] = [dict(zip(columns, r, strict=True)) for r in rows[1:]
                      if any(v is not None for v in r)]
    return out


def read_csv_folder(folder: Path) -> dict[str, list[dict]]:
    out = {}
    for sheet, columns in COLUMNS.items():
        with open(folder / f"{sheet}.csv", encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = list(reader)
        assert reader.fieldnames == columns, (folder.name, sheet)
        out[sheet] = rows
    return out


def check(project: dict, wb: dict[str, list[dict]], csv_data: dict[str, list[dict]]) -> str:
    name = project["name"]
    for sheet in COLUMNS:
        assert len(wb[sheet]) == len(csv_data[sheet]), (name, sheet, "xlsx/csv row count")

    items = {r["item_id"]: r for r in wb["Items"]}
    assert len(items) == len(wb["Items"]), "duplicate item_id"
    assert {r["kind"] for r in items.values()} <= {"product", "component", "material"}
    for r in items.values():
        if r["kind"] == "material":
            assert r["category"] and r["category"] == r["category"].lower(), r
    suppliers = {r["supplier_id"]: r for r in wb["Suppliers"]}
    assert len(suppliers) == len(wb["Suppliers"]), "duplicate supplier_id"
    for r in suppliers.values():
        assert len(r["country"]) == 2 and r["country"].isupper(), r
        assert r["kind"] in (None, "producer", "trader"), r

    bom = [(r["parent_id"], r["child_id"], r["qty_per"], r["scrap_pct"]) for r in wb["BOM"]]
    assert len({(p, c) for p, c, *_ in bom}) == len(bom), "duplicate BOM line"
    for parent, child, qty, scrap in bom:
        assert parent in items and child in items, (parent, child)
        assert qty > 0 and (scrap is None or scrap >= 0), (parent, child)
    order = topo_order(list(items), bom)  # raises on a cycle
    depth = dict.fromkeys(items, 1)
    for node in reversed(order):
        for parent, child, *_ in bom:
            if parent == node:
                depth[node] = max(depth[node], depth[child] + 1)
    assert max(depth.values()) >= 3, "want at least 3 BOM levels"
    parents_of = defaultdict(set)
    for parent, child, *_ in bom:
        parents_of[child].add(parent)
    assert any(len(p) >= 2 and items[c]["kind"] == "component" for c, p in parents_of.items())

    for sheet in ("Demand", "Forecast", "Stock"):
        for r in wb[sheet]:
            assert r["item_id"] in items, (sheet, r)
    months_given = [(r["item_id"], r["month"]) for r in wb["Forecast"]]
    assert len(set(months_given)) == len(months_given), "a month given twice"
    assert all(r["month"].day == 1 for r in wb["Forecast"])
    rated = {r["currency"] for r in wb["Rates"]} | {currency(project)}
    assert all(r["currency"] in rated for r in wb["Sources"] if r["currency"]), "rate missing"
    demand = [(r["item_id"], r["quantity"], r["per"]) for r in wb["Demand"]]
    req = daily_requirements(list(items), bom, demand)

    share_sum = defaultdict(float)
    by_item = defaultdict(list)
    for r in wb["Sources"]:
        assert r["item_id"] in items and r["supplier_id"] in suppliers, r
        assert 0 < r["share"] <= 1 and 14 <= r["lead_time_days"] <= 120, r
        # declared origin: blank or "unknown" is the supplier's country (look-through,
        # docs/definitions.md, spreads an unknown one over world production)
        written = r["origin_country"] if r["origin_country"] != "unknown" else None
        origin = written or suppliers[r["supplier_id"]]["country"]
        share_sum[r["item_id"]] += r["share"]
        by_item[r["item_id"]].append((r["supplier_id"], origin, r["share"],
                                      r["lead_time_days"]))
    for item, total in share_sum.items():
        assert abs(total - 1) <= 0.005, (name, item, total)
    assert any(r["origin_country"] is None for r in wb["Sources"]), "want blank origins"
    assert any(r["origin_country"] and r["origin_country"] != suppliers[r["supplier_id"]][
        "country"] for r in wb["Sources"]), "want a trader selling foreign-origin material"
    assert any(suppliers[r["supplier_id"]]["kind"] == "trader" for r in wb["Sources"]), \
        "want a trading house (Suppliers kind)"
    for r in csv_data["Sources"]:
        assert r["share"] and 0 < float(r["share"]) <= 1, r
    recycled = {(r["item_id"], r["supplier_id"]) for r in wb["Sources"] if r["secondary"]}
    assert recycled == project.get("secondary", set()), (name, recycled)
    assert {r["secondary"] for r in wb["Sources"]} <= {None, "yes"}, name

    pairs = {(r["item_id"], r["supplier_id"]) for r in wb["Sources"]}
    limit = dt.datetime.combine(AS_OF, dt.time()) + dt.timedelta(days=HORIZON_DAYS)
    due_in = defaultdict(float)
    soon = later = 0
    for r in wb["Orders"]:
        assert (r["item_id"], r["supplier_id"]) in pairs, r
        assert isinstance(r["due_date"], dt.datetime), r
        if r["due_date"] <= limit:
            due_in[r["item_id"]] += r["quantity"]
            soon += 1
        else:
            later += 1
    assert soon and later, "want orders both inside and beyond the horizon"

    settings = {r["key"]: r["value"] for r in wb["Settings"]}
    assert settings["as_of_date"] == dt.datetime(2026, 11, 2), settings
    assert settings["currency"] == currency(project) and settings["company"]

    stock = {r["item_id"]: r for r in wb["Stock"]}
    lines = [f"{name}: {len(items)} items "
             f"({sum(r['kind'] == 'product' for r in items.values())} products, "
             f"{sum(r['kind'] == 'component' for r in items.values())} components, "
             f"{sum(r['kind'] == 'material' for r in items.values())} materials), "
             f"{len(suppliers)} suppliers, {len(wb['Sources'])} sources, "
             f"{len(wb['Orders'])} orders ({soon} due within {HORIZON_DAYS} days)",
             f"  {'item':<10} {'daily':>10} {'on_hand':>9} {'cover':>6} {'w/ord':>6} "
             f"{'target':>6}  status    sup  cty  top-country"]
    sourced = [i for i in items if i in share_sum]
    for item in sourced:
        assert req[item] > 0, (item, "sourced item without demand")
        s = stock[item]
        cover = s["on_hand"] / req[item]
        cover_orders = (s["on_hand"] + due_in[item]) / req[item]
        target = s["target_days"] if s["target_days"] is not None else TARGET_DAYS
        fastest = min(lead for *_, lead in by_item[item])
        # Status rule as in planner/compute.py (work in progress): critical when at or below
        # safety stock or when cover is shorter than the fastest lead time; short below target.
        if s["on_hand"] <= (s["safety_stock"] or 0) or cover < fastest:
            status = "critical"
        elif cover < target:
            status = "short"
        else:
            status = "ok"
        sup_top = max(share for _, _, share, _ in by_item[item])
        country = defaultdict(float)
        for _, origin, share, _ in by_item[item]:
            country[origin] += share
        cty, cty_top = max(country.items(), key=lambda kv: kv[1])
        over = (sup_top > CAP + 1e-9, cty_top > CAP + 1e-9)
        expected_status = project["stock_intent"][item][3]
        assert status == expected_status, (name, item, status, expected_status, cover)
        assert over == project["expect_caps"][item], (name, item, over)
        flags = ("SUP" if over[0] else "-", "CTY" if over[1] else "-")
        lines.append(f"  {item:<10} {req[item]:>10.2f} {s['on_hand']:>9,} {cover:>6.0f} "
                     f"{cover_orders:>6.0f} {target:>6}  {status:<9} {flags[0]:<4} "
                     f"{flags[1]:<4} {cty} {cty_top:.0%}")
    assert set(project["stock_intent"]) == set(sourced), "every sourced item needs an intent"
    return "\n".join(lines)


def build(project: dict, where: Path = HERE) -> str:
    """Write the project's workbook and CSV folder into ``where``, check them, and return
    the check's summary."""
    data = tables(project)
    xlsx = where / f"{project['name']}.xlsx"
    folder = where / f"{project['name']}_csv"
    write_workbook(xlsx, data)
    write_csv_folder(folder, data, bom=bool(project.get("csv_bom")))
    return check(project, read_workbook(xlsx), read_csv_folder(folder))


def main(names: list[str]) -> None:
    known = {project["name"]: project for project in PROJECTS}
    unknown = [name for name in names if name not in known]
    if unknown:
        sys.exit(f"no sample {', '.join(unknown)}; samples: {', '.join(known)}")
    for name in names or list(known):
        summary = build(known[name])
        print(f"wrote samples/{name}.xlsx and samples/{name}_csv/")
        print(summary)


if __name__ == "__main__":
    main(sys.argv[1:])
