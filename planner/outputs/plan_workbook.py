"""The procurement plan as an Excel workbook, made to be forwarded and printed.

Sheets: Summary (parameters, headline figures, the country mix before and after as a
table and a native bar chart, totals by supplier, the materials still over a cap), Order
lines (one row per order, by order-by date), Days of cover (before and after) and
Exposure (shares and HHI before and after). Table sheets have styled headers that stay in
view, filters, number/date/currency formats (quantities carry their unit: "5,832 kg"),
conditional colours for late orders, shortfalls and cap breaches, fitted column widths;
every sheet prints one page wide (tables landscape) with its header row on every page
and page numbers in the footer.

Written in openpyxl's write-only mode (rows streamed; each style made once and copied):
20,000 order lines in about a second. Every text is written as a text cell, so a name
such as ``=HYPERLINK(...)`` or ``+1`` stays text and is never a formula.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Callable, Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from planner.analysis.plan import Plan
from planner.core.errors import PlannerError
from planner.inputs.parsing import country_name

if TYPE_CHECKING:
    from planner.analysis.scenario import Ranking

HEADER_FILL = "2F4858"
RED_FILL, RED_FONT = "F8CBAD", "9C0006"
AMBER_FILL = "FFE699"
BEFORE_COLOUR, AFTER_COLOUR = "A5B4BE", "2F6F8F"
PROGRESS_EVERY = 2_000  # rows between progress calls
LINE_HEIGHT = 15.0  # points per line of 11 pt text

Progress = Callable[[int, int], object]


class ExportCancelled(PlannerError):
    """The progress callback asked to stop; no file was written."""


@dataclass(frozen=True)
class Col:
    """One column of a table sheet: header, values, format and width hints."""

    header: str
    values: Sequence[Any]
    kind: str = "text"  # text, number, quantity, money, price, share, date, days, hhi
    width: float | None = None  # None: fitted to the values
    wrap: bool = False
    units: Sequence[str | None] | None = None  # quantity: the unit shown after the number

    @property
    def numeric(self) -> bool:
        return self.kind not in ("text", "date")


def write_plan_workbook(plan: Plan, path: Path | str, progress: Progress | None = None,
                        ranking: Ranking | None = None) -> None:
    """Write ``plan`` to ``path`` (.xlsx) through a temporary file.

    ``progress(done, total)`` is called every 2,000 rows or so; returning False stops
    the export with ExportCancelled and leaves no file behind. With a ``ranking`` (the
    disruption scenarios), a "Disruption risk" sheet lists every supplier and origin
    country stopped for its time to recover.
    """
    from openpyxl import Workbook

    counter = _Counter(progress, len(plan.lines) + 2 * len(plan.materials) + 100 + (
        len(ranking.stops) if ranking is not None else 0))
    wb = Workbook(write_only=True)
    summary = wb.create_sheet("Summary")
    styles = _Styles(summary, plan.currency)
    # the long part first, before any sheet has started streaming: a cancel leaves
    # nothing half-written behind
    tables = []
    sheets = [("Order lines", _line_columns(plan), "D2", _late_rules),
              ("Days of cover", _cover_columns(plan), "C2", _cover_rules),
              ("Exposure", _exposure_columns(plan), "C2", _exposure_rules)]
    if ranking is not None:
        sheets.append(("Disruption risk", _ranking_columns(ranking), "D2", _ranking_rules))
    for title, columns, freeze, rules in sheets:
        ws = wb.create_sheet(title)
        tables.append((ws, *_table(ws, columns, styles, counter, plan, freeze, rules)))

    def write(tmp: Path) -> None:
        try:
            _summary(summary, plan, styles)
            for ws, header, _ in tables:
                ws.append(header)
            wb.save(tmp)  # numbers the sheets: their parts' names are known from here on
        except BaseException:
            _discard(wb)
            raise
        _insert_rows(tmp, {ws.path.lstrip("/"): xml for ws, _, xml in tables})

    _atomic(Path(path), write)
    counter.add(100)
    counter.finish()


def _discard(wb: Any) -> None:
    """Close the sheets a failed save left streaming, and remove their temporary files
    (else they are written to after their files closed, when collected)."""
    for ws in wb.worksheets:
        try:
            if not ws.closed:
                ws.close()
            os.unlink(ws._writer.out)
        except Exception:  # best effort: the export failed already
            pass


def _atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file and rename: a failed or cancelled export leaves
    no half-written workbook (and an older one with that name as it was)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise PlannerError(f"could not write {path.name}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)


def _insert_rows(path: Path, rows: dict[str, str]) -> None:
    """Put each sheet's data rows after its header row, in the saved file."""
    import zipfile

    tmp = path.with_name(path.name + ".rows")
    try:
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(
                tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=5) as out:
            for item in src.infolist():
                data = src.read(item.filename)
                extra = rows.pop(item.filename, None)
                if extra:
                    text = data.decode("utf-8")
                    at = text.rindex("</sheetData>")
                    data = (text[:at] + extra + text[at:]).encode("utf-8")
                out.writestr(item.filename, data)
        if rows:  # cannot happen: every table sheet is in the file
            raise PlannerError(f"internal error: no sheet part {', '.join(rows)}")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


class _Counter:
    def __init__(self, progress: Progress | None, total: int):
        self.progress, self.total, self.done, self.next = progress, total, 0, 0

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)

    def add(self, rows: int) -> None:
        self.done += rows
        if self.progress is not None and self.done >= self.next:
            self.next = self.done + PROGRESS_EVERY
            if self.progress(min(self.done, self.total), self.total) is False:
                raise ExportCancelled("the export was cancelled")


# --- cells and styles ----------------------------------------------------------------

# characters XML cannot hold, and an underscore that starts what reads as an escape
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]|_(?=x[0-9A-Fa-f]{4}_)")


def _clean(text: str) -> str:
    """Text as a workbook stores it: a control character as Excel's escape _x000B_, and a
    literal "_x0041_" as "_x005F_x0041_", so that every reader shows the text as it is."""
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub(lambda m: "_x005F_" if m[0] == "_" else f"_x{ord(m[0]):04X}_", text)


class _Styles:
    """Each cell style made once; a cell copies its style array (cheap).

    A style array holds indexes into its workbook's lists of fonts, fills and formats,
    so the prototypes are cells of a sheet of the workbook being written.
    """

    def __init__(self, ws: Any, currency: str):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self._ws, self._cell, self._alignment = ws, WriteOnlyCell, Alignment
        code = re.sub(r"[^A-Za-z]", "", currency or "")[:3].upper()
        self.currency = code
        suffix = f' "{code}"' if code else ""
        self.formats = {
            "text": "General", "number": "#,##0", "money": f"#,##0{suffix}",
            "price": f"#,##0.00{suffix}", "share": "0.0%", "date": "yyyy-mm-dd",
            "days": "#,##0", "hhi": "#,##0", "quantity": "#,##0",
        }
        self._protos: dict[tuple[str, bool, str, bool, bool], Any] = {}
        self._quantities: dict[tuple[int, str | None], Any] = {}
        self._ids: dict[int, str] = {}
        head = {"font": Font(bold=True, color="FFFFFF"),
                "fill": PatternFill("solid", fgColor=HEADER_FILL),
                "border": Border(bottom=Side(style="thin", color="B7C4CC"))}
        self.header = self._make(alignment=Alignment(wrap_text=True, vertical="center"),
                                 **head)
        self.header_centre = self._make(alignment=Alignment(
            wrap_text=True, vertical="center", horizontal="center"), **head)
        self.header_right = self._make(alignment=Alignment(
            wrap_text=True, vertical="center", horizontal="right"), **head)
        self.title = self._make(font=Font(bold=True, size=15, color=HEADER_FILL))
        self.subtitle = self._make(font=Font(bold=True, size=12, color=HEADER_FILL))
        self.note = self._make(font=Font(italic=True, color="595959"))
        self.strong = self._make(font=Font(bold=True))

    def _make(self, **attrs: Any) -> Any:
        cell = self._cell(self._ws, value=None)
        for name, value in attrs.items():
            setattr(cell, name, value)
        return cell

    def proto(self, kind: str, wrap: bool = False, fmt: str | None = None,
              bold: bool = False, pad: bool = False) -> Any:
        """The prototype cell of a style. ``pad``: in a table, numbers and dates keep the
        width of a character free on their right (format "_)") and texts start one
        indent in, so that a number is never glued to the next column's text."""
        key = (kind, wrap, fmt or "", bold, pad)
        cell = self._protos.get(key)
        if cell is None:
            number_format = fmt or self.formats.get(kind, "General")
            numeric = kind != "text"
            if pad and numeric:
                number_format += "_)"
            cell = self._make(number_format=number_format, alignment=self._alignment(
                vertical="top", wrap_text=wrap, indent=int(pad and not numeric)))
            if bold:
                cell.font = copy(self.strong.font)
            self._protos[key] = cell
        return cell

    def quantity(self, value: Any, unit: str | None) -> Any:
        """Big quantities in whole units, small ones with the digits that matter; the
        unit after the number ("5,832 kg") while the cell stays a number."""
        size = abs(value) if isinstance(value, float | int) else 100
        whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
        digits = 0 if size >= 100 or whole else 1 if size >= 1 else 3
        key = (digits, unit)
        proto = self._quantities.get(key)
        if proto is None:
            number = "#,##0" + ("." + "0" * digits if digits else "")
            label = re.sub(r"[^\w./ -]", "", unit or "")[:12].strip()
            proto = self.proto("quantity", fmt=f'{number} "{label}"' if label else number,
                               pad=True)
            self._quantities[key] = proto
        return proto

    def style_id(self, proto: Any) -> str:
        """' s="N"': the workbook's id of ``proto``'s style, as a cell attribute."""
        sid = self._ids.get(id(proto))
        if sid is None:
            number = self._ws.parent._cell_styles.add(copy(proto._style))
            sid = self._ids[id(proto)] = f' s="{number}"' if number else ""
        return sid

    def cell(self, ws: Any, value: Any, proto: Any) -> Any:
        """A cell with ``proto``'s style (None: the default style)."""
        if isinstance(value, str):
            c = self._cell(ws, value=_clean(value))
            c.data_type = "s"  # text, even "=HYPERLINK(...)": never a formula
        else:
            c = self._cell(ws, value=value)
        if proto is not None:
            c._style = copy(proto._style)
        return c

    def text(self, ws: Any, value: str, proto: Any = None) -> Any:
        return self.cell(ws, value, proto if proto is not None else self.proto("text"))


def _wrapped_lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a wrapping cell ``width`` characters wide (word wrap)."""
    chars = max(int(width * 1.15) - 1, 4)  # proportional text: ~1.2 characters per unit
    lines = 0
    for paragraph in str(text).split("\n"):
        line = 0
        lines += 1
        for word in paragraph.split():
            need = len(word) if line == 0 else line + 1 + len(word)
            if need > chars and line > 0:
                lines += 1 + (len(word) - 1) // chars
                line = len(word) % chars or chars
            else:
                line = need
    return lines


# --- values --------------------------------------------------------------------------

def _texts(series: pd.Series) -> list[Any]:
    """Texts as cells take them; missing and empty ones are empty cells."""
    return [None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))
            or v == "" else _clean(str(v)) for v in series.tolist()]


def _numbers(series: pd.Series | np.ndarray) -> list[Any]:
    arr = np.asarray(series, dtype=float)
    return [v if math.isfinite(v) else None for v in arr.tolist()]


def _dates(series: pd.Series) -> list[Any]:
    return [None if pd.isna(v) else v.date() for v in pd.to_datetime(series)]


def _days(series: pd.Series | np.ndarray) -> list[Any]:
    """Days of cover: a number, or "no demand" (docs/definitions.md: never a division error)."""
    return [("no demand" if math.isnan(v) else v)
            for v in np.asarray(series, dtype=float).tolist()]


def _flag(series: pd.Series | np.ndarray, word: str) -> list[str | None]:
    return [word if v else None for v in np.asarray(series, dtype=bool).tolist()]


def _line_columns(plan: Plan) -> list[Col]:
    lines = plan.lines
    units = _texts(lines["unit"])
    return [
        Col("Order by", _dates(lines["order_by"]), "date"),
        Col("Late", _flag(lines["late"], "late")),
        Col("Item", _texts(lines["item_id"])),
        Col("Name", _texts(lines["name"]), width=34),
        Col("Supplier", _texts(lines["supplier_id"])),
        Col("Supplier name", _texts(lines["supplier_name"]), width=34),
        Col("Origin", _texts(lines["origin_country"])),
        Col("Quantity", _numbers(lines["quantity"]), "quantity", units=units),
        Col("Unit price", _numbers(lines["unit_price"]), "price"),
        Col("Cost", _numbers(lines["cost"]), "money"),
        Col("Lead time (days)", _numbers(lines["lead_time_days"]), "number"),
        Col("Needed by", _dates(lines["needed_by"]), "date"),
        Col("Arrival", _dates(lines["arrival"]), "date"),
        Col("MOQ", _numbers(lines["moq"].where(lines["moq"] > 0)), "quantity", units=units),
    ]


def _ranking_columns(ranking: Ranking) -> list[Col]:
    r = ranking.stops
    first = pd.to_numeric(r["first_stockout_days"], errors="coerce")
    return [
        Col("Rank", _numbers(r["rank"]), "number"),
        Col("Stop", _texts(r["by"])),
        Col("Who", _texts(r["key"])),
        Col("Name", _texts(r["name"]), width=34),
        Col("Stop for (days)", _numbers(r["days"]), "number"),
        Col("Materials hit", _numbers(r["materials_hit"]), "number"),
        Col("Materials out", _numbers(r["materials_out"]), "number"),
        Col("First stock-out (day)", _numbers(first), "days"),
        Col("Products stopped", _numbers(r["products_stopped"]), "number"),
        Col("Units lost", _numbers(r["units_lost"]), "number"),
        Col("Revenue at risk", _numbers(r["revenue_at_risk"]), "money"),
        Col("Risk exposure index", _numbers(r["risk_exposure_index"]), "share"),
        Col("Share of spend", _numbers(r["spend_share"]), "share"),
    ]


def _ranking_rules(ws: Any, columns: list[Col], n: int, plan: Plan) -> None:
    """Stops that would cost at least half of the worst one, in red."""
    from openpyxl.formatting.rule import FormulaRule

    if n:
        index = _letter(columns, "Risk exposure index")
        ws.conditional_formatting.add(f"A2:{index}{n + 1}", FormulaRule(
            formula=[f"${index}2>=0.5"], **_red()))


def _cover_columns(plan: Plan) -> list[Col]:
    m = plan.materials
    units = _texts(m["unit"])
    return [
        Col("Item", _texts(m["item_id"])),
        Col("Name", _texts(m["name"]), width=34),
        Col("Daily use", _numbers(m["daily_use"]), "quantity", units=units),
        Col("On hand", _numbers(m["on_hand"]), "quantity", units=units),
        Col("Safety stock", _numbers(m["safety_stock"]), "quantity", units=units),
        Col("Open orders", _numbers(m["open_orders"]), "quantity", units=units),
        Col("Net need", _numbers(m["net_need"]), "quantity", units=units),
        Col("Planned", _numbers(m["planned"]), "quantity", units=units),
        Col("Short", _numbers(m["shortfall"].where(m["shortfall"] > 0)), "quantity",
            units=units),
        Col("Target (days)", _numbers(m["target_days"]), "days"),
        Col("Cover before (days)", _days(m["days_of_cover_before"]), "days"),
        Col("Cover after (days)", _days(m["days_of_cover_after"]), "days"),
        Col("First order by", _dates(m["first_order_by"]), "date"),
        Col("Late", _flag(m["late"], "late")),
        Col("Cost", _numbers(m["cost"].where(m["planned"] > 0)), "money"),
    ]


def _breach_words(m: pd.DataFrame) -> list[str | None]:
    sup = m["over_supplier_cap_after"].to_numpy(dtype=bool).tolist()
    cty = m["over_country_cap_after"].to_numpy(dtype=bool).tolist()
    return [("supplier, country" if s and c else "supplier" if s else "country" if c
             else None) for s, c in zip(sup, cty, strict=True)]


def _exposure_columns(plan: Plan) -> list[Col]:
    m = plan.materials
    return [
        Col("Item", _texts(m["item_id"])),
        Col("Name", _texts(m["name"]), width=30),
        Col("Top supplier before", _texts(m["top_supplier_before"])),
        Col("Supplier share before", _numbers(m["top_supplier_share_before"]), "share"),
        Col("Top supplier after", _texts(m["top_supplier_after"])),
        Col("Supplier share after", _numbers(m["top_supplier_share_after"]), "share"),
        Col("Supplier HHI before", _numbers(m["supplier_hhi_before"]), "hhi"),
        Col("Supplier HHI after", _numbers(m["supplier_hhi_after"]), "hhi"),
        Col("Top country before", _texts(m["top_country_before"])),
        Col("Country share before", _numbers(m["top_country_share_before"]), "share"),
        Col("Top country after", _texts(m["top_country_after"])),
        Col("Country share after", _numbers(m["top_country_share_after"]), "share"),
        Col("Country HHI before", _numbers(m["country_hhi_before"]), "hhi"),
        Col("Country HHI after", _numbers(m["country_hhi_after"]), "hhi"),
        Col("Over cap after", _breach_words(m), width=11, wrap=True),
        Col("Reason", _texts(m["reason"]), width=56, wrap=True),
    ]


# --- table sheets --------------------------------------------------------------------

def _fitted_width(col: Col, styles: _Styles) -> float:
    """Wide enough for the header's longest word and the values as shown."""
    if col.width is not None:
        return col.width
    header = max(len(w) for w in col.header.split()) + 3
    if col.kind == "text":
        longest = max((len(v) for v in col.values if isinstance(v, str)), default=0) + 2
    elif col.kind == "date":
        longest = 10
    else:
        numbers = [abs(v) for v in col.values if isinstance(v, float | int)]
        longest = len(f"{max(numbers, default=0.0):,.0f}") + {"price": 3, "share": 2}.get(
            col.kind, 0)
        if col.kind in ("money", "price") and styles.currency:
            longest += 4
        if col.units is not None:
            longest += 2 + max((len(u) for u in col.units if u), default=0)
        longest = max(longest, max((len(v) for v in col.values if isinstance(v, str)),
                                   default=0))
    return float(min(max(header, longest + 2, 10 if col.numeric else 7), 60))


def _print_setup(ws: Any, plan: Plan, landscape: bool, title_rows: str | None) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = 9  # A4; Letter users' printers scale it to the page
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    margins = ws.page_margins
    margins.left = margins.right = 0.5
    margins.top = margins.bottom = 0.85
    margins.header = margins.footer = 0.35
    if title_rows:
        ws.print_title_rows = title_rows
    company = _clean(plan.company or "").replace("&", "&&")
    ws.oddHeader.left.text = company
    ws.oddHeader.left.size = 9
    ws.oddHeader.center.text = "Procurement plan: &A"
    ws.oddHeader.center.size = 9
    ws.oddHeader.right.text = f"as of {plan.as_of.isoformat()}"
    ws.oddHeader.right.size = 9
    ws.oddFooter.center.text = "Page &P of &N"
    ws.oddFooter.center.size = 9


def _table(ws: Any, columns: list[Col], styles: _Styles, counter: _Counter, plan: Plan,
           freeze: str, rules: Callable[[Any, list[Col], int, Plan], None]
           ) -> tuple[list[Any], str]:
    """Set up a table sheet; returns its header row's cells and its data rows as XML.

    openpyxl spends ~15 µs on each cell it writes (a cell object, its style, an XML
    element); 300,000 cells took 5-7 s. The data rows are therefore serialised here,
    ~1 µs a cell, with the style ids openpyxl gives the prototypes, and put into the
    saved file after the header row (_insert_rows). Text is an inline string cell, so it
    can never be read as a formula.
    """
    from openpyxl.utils import get_column_letter

    n = len(columns[0].values)
    widths = [_fitted_width(c, styles) for c in columns]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = freeze
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(n + 1, 2)}"
    rules(ws, columns, n, plan)
    _print_setup(ws, plan, True, "1:1")
    header_lines = max(_wrapped_lines(c.header, w - 2) for c, w in
                       zip(columns, widths, strict=True))
    ws.row_dimensions[1].height = LINE_HEIGHT * header_lines + 4
    header = [styles.text(ws, c.header, styles.header_centre) for c in columns]

    style_id = styles.style_id
    letters = [get_column_letter(j + 1) for j in range(len(columns))]
    plain = [style_id(styles.proto(c.kind, c.wrap, pad=not c.wrap)) for c in columns]
    words = style_id(styles.proto("text", pad=True))  # "no demand" among numbers
    wrapped = [(j, widths[j]) for j, c in enumerate(columns) if c.wrap]
    quantity = styles.quantity
    out: list[str] = []
    for r in range(n):
        at = r + 2
        cells = []
        for j, c in enumerate(columns):
            v = c.values[r]
            if v is None:
                continue
            if v.__class__ is str:
                sid = plain[j] if c.kind == "text" else words
                cells.append(f'<c r="{letters[j]}{at}"{sid} t="inlineStr"><is>'
                             f"{_xml_text(v)}</is></c>")
            else:
                sid = plain[j] if c.units is None else style_id(quantity(v, c.units[r]))
                if v.__class__ is dt.date:
                    v = (v - EXCEL_EPOCH).days
                cells.append(f'<c r="{letters[j]}{at}"{sid}><v>{v!r}</v></c>')
        height = ""
        if wrapped:
            lines = max(_wrapped_lines(columns[j].values[r], w) if columns[j].values[r]
                        else 1 for j, w in wrapped)
            if lines > 1:
                height = f' ht="{LINE_HEIGHT * lines + 2:g}" customHeight="1"'
        out.append(f'<row r="{at}"{height}>{"".join(cells)}</row>')
        if r % PROGRESS_EVERY == PROGRESS_EVERY - 1:
            counter.add(PROGRESS_EVERY)
    counter.add(n % PROGRESS_EVERY)
    return header, "".join(out)


EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's 1900 date system (after 1900-03-01)


def _xml_text(text: str) -> str:
    """An inline string's <t> element; spaces at either end kept."""
    body = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text[:1].isspace() or text[-1:].isspace():
        return f'<t xml:space="preserve">{body}</t>'
    return f"<t>{body}</t>"


def _fill(color: str) -> Any:
    from openpyxl.styles import PatternFill

    return PatternFill("solid", start_color=color, end_color=color, bgColor=color)


def _red() -> dict[str, Any]:
    from openpyxl.styles import Font

    return {"fill": _fill(RED_FILL), "font": Font(color=RED_FONT, bold=True)}


def _letter(columns: list[Col], header: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter([c.header for c in columns].index(header) + 1)


def _late_rules(ws: Any, columns: list[Col], n: int, plan: Plan) -> None:
    """Late orders: their order-by date and the word "late" in red."""
    from openpyxl.formatting.rule import FormulaRule

    if n:
        late = _letter(columns, "Late")
        ws.conditional_formatting.add(f"A2:{late}{n + 1}", FormulaRule(
            formula=[f'${late}2="late"'], **_red()))


def _cover_rules(ws: Any, columns: list[Col], n: int, plan: Plan) -> None:
    """Shortfalls red; cover after the plan still below target amber; late red."""
    from openpyxl.formatting.rule import FormulaRule

    if not n:
        return
    short = _letter(columns, "Short")
    after = _letter(columns, "Cover after (days)")
    target = _letter(columns, "Target (days)")
    late = _letter(columns, "Late")
    first = _letter(columns, "First order by")
    ws.conditional_formatting.add(f"{short}2:{short}{n + 1}", FormulaRule(
        formula=[f"AND(ISNUMBER({short}2),{short}2>0)"], **_red()))
    ws.conditional_formatting.add(f"{after}2:{after}{n + 1}", FormulaRule(
        formula=[f"AND(ISNUMBER({after}2),{after}2<{target}2)"], fill=_fill(AMBER_FILL)))
    ws.conditional_formatting.add(f"{first}2:{late}{n + 1}", FormulaRule(
        formula=[f'${late}2="late"'], **_red()))


def _exposure_rules(ws: Any, columns: list[Col], n: int, plan: Plan) -> None:
    """Shares over their cap, and the materials still over a cap, in red."""
    from openpyxl.formatting.rule import FormulaRule

    if not n:
        return
    p = plan.parameters
    for header, cap in (("Supplier share before", p.max_supplier_share),
                        ("Supplier share after", p.max_supplier_share),
                        ("Country share before", p.max_country_share),
                        ("Country share after", p.max_country_share)):
        c = _letter(columns, header)
        ws.conditional_formatting.add(f"{c}2:{c}{n + 1}", FormulaRule(
            formula=[f"AND(ISNUMBER({c}2),{c}2>{cap + 1e-6:.8f})"], **_red()))
    over = _letter(columns, "Over cap after")
    ws.conditional_formatting.add(f"{over}2:{over}{n + 1}", FormulaRule(
        formula=[f"LEN({over}2)>0"], **_red()))


# --- summary -------------------------------------------------------------------------

SUMMARY_WIDTHS = {"A": 16, "B": 36, "C": 12, "D": 12, "E": 9, "F": 16, "G": 12}


def _summary(ws: Any, plan: Plan, styles: _Styles) -> None:
    """A printable first page for management (figures, the country mix and its chart),
    then the materials still over a cap and the totals by supplier."""
    from openpyxl.worksheet.pagebreak import Break

    for letter, width in SUMMARY_WIDTHS.items():
        ws.column_dimensions[letter].width = width
    _print_setup(ws, plan, False, None)
    p = plan.parameters
    m = plan.materials
    text, cell, proto = styles.text, styles.cell, styles.proto
    rows: list[list[Any]] = []

    def put(*cells: Any, height: float | None = None) -> int:
        rows.append(list(cells))
        if height:
            ws.row_dimensions[len(rows)].height = height
        return len(rows)

    def header(names: list[str], numeric_from: int) -> None:
        put(*[text(ws, h, styles.header_right if i >= numeric_from else styles.header)
              for i, h in enumerate(names)], height=2 * LINE_HEIGHT + 4)

    title = "Procurement plan" + (f" — {plan.company}" if plan.company else "")
    put(text(ws, title, styles.title), height=22)
    put(text(ws, f"As of {plan.as_of.isoformat()}: what to buy, from whom and by when to "
                 f"reach the stockpile target within the concentration caps.", styles.note))
    put()
    figures = [
        ("Horizon", p.horizon_days, "days"),
        ("Stockpile target (unless an item has its own)", p.target_days, "days"),
        ("Max share of one supplier", p.max_supplier_share, "share"),
        ("Max share of one origin country", p.max_country_share, "share"),
        (None, None, None),
        ("Materials to order", int((m["planned"] > 0).sum()), "number"),
        ("Order lines", len(plan.lines), "number"),
        ("Order lines already late (order-by date passed)", plan.late_lines, "number"),
        ("Total cost", plan.total_cost, "money"),
        ("Materials still over a cap after the plan", len(plan.breaches), "number"),
        ("Materials the sources cannot fully cover", int((m["shortfall"] > 0).sum()),
         "number"),
    ]
    formats = {"days": '#,##0 "days"', "share": "0%"}
    for name, value, kind in figures:
        if name is None:
            put()
            continue
        strong = kind == "money" or (kind == "number" and "late" in name and bool(value))
        put(text(ws, name), None, None, None, None,
            cell(ws, value, proto(kind, fmt=formats.get(kind), bold=strong)))
    put()

    # country mix before and after, the chart beside it
    put(text(ws, "Country mix by value, before and after the plan", styles.subtitle),
        height=20)
    header(["Origin", "Country", "Before", "After", "Lines", "Plan cost", "Plan share"], 2)
    first = len(rows) + 1
    for r in plan.countries.itertuples(index=False):
        code = str(r.origin_country)
        put(text(ws, code), text(ws, country_name(code)),
            cell(ws, float(r.dependence_before), proto("share")),
            cell(ws, float(r.dependence_after), proto("share")),
            cell(ws, int(r.lines), proto("number")),
            cell(ws, float(r.cost), proto("money")),
            cell(ws, float(r.cost_share), proto("share")))
    last = len(rows)
    put(text(ws, "Before: shares of purchases by value with today's supply mix (country "
                 "dependence); after: with each planned material's new mix.", styles.note))
    if last >= first:
        chart_rows = _chart(ws, first, last)
        for _ in range(chart_rows):
            put()
    put()

    # page 2 for the details: the materials still over a cap, then the suppliers
    ws.row_breaks.append(Break(id=len(rows)))
    put(text(ws, "Materials still over a cap after the plan", styles.subtitle), height=20)
    breaches = plan.breaches
    if not len(breaches):
        put(text(ws, "None: every material's mix is within the caps.", styles.note))
    else:
        header(["Item", "Why", "", "", "", "Supplier share", "Country share"], 5)
        wrap = proto("text", wrap=True)
        width = sum(SUMMARY_WIDTHS[c] for c in "BCDE")
        for r in breaches.itertuples(index=False):
            why = f"{r.name}: {r.reason}" if r.reason else str(r.name)
            at = put(text(ws, str(r.item_id), wrap), text(ws, why, wrap), None, None, None,
                     cell(ws, _float(r.top_supplier_share_after), proto("share")),
                     cell(ws, _float(r.top_country_share_after), proto("share")),
                     height=LINE_HEIGHT * _wrapped_lines(why, width) + 3)
            ws.merged_cells.add(f"B{at}:E{at}")
    put()

    put(text(ws, "Totals by supplier", styles.subtitle), height=20)
    header(["Supplier", "Name", "Country", "Materials", "Lines", "Cost", "Plan share"], 3)
    for r in plan.suppliers.itertuples(index=False):
        put(text(ws, str(r.supplier_id)), text(ws, "" if pd.isna(r.name) else str(r.name)),
            text(ws, "" if pd.isna(r.country) else str(r.country)),
            cell(ws, int(r.materials), proto("number")),
            cell(ws, int(r.lines), proto("number")),
            cell(ws, _float(r.cost), proto("money")),
            cell(ws, _float(r.cost_share), proto("share")))
    put(text(ws, "Total", styles.strong), None, None,
        cell(ws, int(plan.lines["item_id"].nunique()), proto("number")),
        cell(ws, len(plan.lines), proto("number")),
        cell(ws, plan.total_cost, proto("money", bold=True)))
    for row in rows:
        ws.append(row)


def _chart(ws: Any, first: int, last: int) -> int:
    """A clustered bar chart of the before/after columns; returns the rows it covers."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.label import DataLabelList

    chart = BarChart()
    chart.type = "bar"  # horizontal bars: country names stay readable
    chart.grouping = "clustered"
    chart.gapWidth = 60
    chart.title = None
    chart.style = 2
    data = Reference(ws, min_col=3, max_col=4, min_row=first - 1, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=first, max_row=last))
    for series, colour in zip(chart.series, (BEFORE_COLOUR, AFTER_COLOUR), strict=True):
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
    chart.dataLabels = DataLabelList(showVal=True, showSerName=False, showCatName=False,
                                     showLegendKey=False, showPercent=False)
    chart.dataLabels.numFmt = "0%"
    chart.x_axis.scaling.orientation = "maxMin"  # the largest country on top
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.numFmt = "0%"
    chart.y_axis.majorGridlines = None
    chart.y_axis.scaling.min = 0
    chart.legend.position = "t"
    countries = last - first + 1
    chart.height = min(max(6.0, 0.9 * countries + 2.0), 16.0)  # cm
    chart.width = 17.5
    ws.add_chart(chart, f"A{last + 3}")
    return int(chart.height / 0.53) + 2  # rows of ~15 pt (0.53 cm)


def _float(value: Any) -> float | None:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


__all__ = ["ExportCancelled", "write_plan_workbook"]
