"""The one way the program writes an .xlsx workbook: a thin layer over XlsxWriter.

The template workbook and the procurement plan are both written through here, so that a
text, a number or a date is stored the same way in both:

- every text is a text cell, never a formula: "=HYPERLINK(...)", "+1", "-2", "@SUM(A1)"
  and a text starting with a tab or a carriage return are written with ``write_string``,
  and the workbook converts nothing by itself (``strings_to_formulas``,
  ``strings_to_numbers`` and ``strings_to_urls`` are off);
- texts are escaped as Excel does; XlsxWriter already writes a control character as
  ``_x0007_``, a carriage return as ``_x000D_`` and a literal ``_x0041_`` as
  ``_x005F_x0041_``. What it lacks is added here: a text that looks like rich-text XML
  (``<r>...</r>``) would be copied into the file as XML, and a lone surrogate would stop
  the save;
- numbers keep every bit: XlsxWriter writes 16 significant digits, which changes about one
  float in ten (0.1 + 0.2 would read back as 0.3); a float is written in its shortest
  exact form instead;
- dates are numbers with a date format, as Excel stores them.

Sheets are written row by row (XlsxWriter's constant-memory mode: a row is on disk as soon
as the next one starts), so a write must go down the sheet. The file is written through
:func:`planner.core.atomic.write_atomic`: a failed or cancelled write leaves no
half-written workbook, and an older file of that name as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import numbers
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.core.atomic import remove_stale_temporaries, temporary_name, write_atomic
from planner.core.i18n import _, japanese

HEADER_FILL = "2F4858"  # the dark blue-grey of every header row
HEADER_BORDER = "B7C4CC"
DIGIT_WIDTH_PX = 7  # XlsxWriter's width of a digit of Calibri 11, in pixels
EXCEL_EPOCH_ORDINAL = dt.date(1899, 12, 30).toordinal()  # day 0 of the 1900 date system
FIRST_TRUE_DATE = 61  # 1900-03-01: before it Excel counts a 29 February 1900
HEADER_LIMIT = 255  # characters Excel allows in a page header or footer
MIN_PRINT_SCALE = 75  # percent: below it 11 pt text prints too small to read
SIDE_MARGIN = 0.5  # inches, left and right
# The cells' font of a workbook written in Japanese: Yu Gothic (游ゴシック), Office's own
# Japanese font since 2016 and on every Windows since 8.1. A workbook names one font per
# cell, with no list of fallbacks; where it is missing (LibreOffice on Linux, an older
# Mac) the program substitutes a font that has the glyphs (Noto Sans CJK JP, Meiryo,
# Hiragino), so the text still shows. English workbooks keep XlsxWriter's Calibri.
JAPANESE_FONT = "Yu Gothic"
SHIFT_JIS_CHARSET = 128  # tells Excel the font is for Japanese text

# What Excel writes for a text (see xlsx_text); XlsxWriter does the same.
_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def xlsx_text(text: str) -> str:
    """``text`` as a workbook stores it, Excel's way: a control character (from a CSV
    file) as ``_x000B_``, a carriage return as ``_x000D_`` (XML readers would turn a raw
    one into a line feed), and a literal ``_x0041_`` as ``_x005F_x0041_``, so that every
    reader shows the text as it was.

    This module's writer does it by itself (XlsxWriter does); this is for a writer that
    does not, such as openpyxl in the tests. tests/test_xlsx.py checks that both agree.
    """
    return _ESCAPED.sub(lambda m: "_x005F_" if m[0] == "_" else f"_x{ord(m[0]):04X}_", text)


class ExactFloat(float):
    """A float that XlsxWriter writes in its shortest exact form (``repr``).

    XlsxWriter formats a number with ``f"{number:.16G}"``; this class answers such a
    format with the digits that read back as the same float.
    """

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        if spec.endswith(("g", "G")):
            return float.__repr__(self)
        return float.__format__(self, spec)


def number_format(kind: str, *, label: str | None = None, decimals: int | None = None,
                  more: int = 0, pad: bool = False) -> str:
    """The Excel number format of a named kind of value.

    Kinds: ``number`` and ``money`` ("#,##0", ``decimals`` after the point), ``share``
    (a percentage, one decimal unless told), ``days`` ("#,##0", or "#,##0 "days"" with
    ``label="days"``), ``date`` (yyyy-mm-dd; in Japanese yyyy/mm/dd), ``month``
    (yyyy-mm; in Japanese yyyy年m月) and ``text``
    (General). ``label`` is shown after a number ("5,832 kg", "2,799 EUR") while the cell
    stays a number. ``more``: up to that many decimals after ``decimals`` where the value
    has them (a unit price of 0.0425 beside 0.48). ``pad``
    keeps the width of a bracket free on the right, so that a number in a table is not
    glued to the next column's text.
    """
    if kind in ("number", "money", "days"):
        code = "#,##0" + ("." + "0" * (decimals or 0) + "#" * more if decimals or more
                          else "")
        text = quoted_label(label)
        if text:
            code += f' "{text}"'
    elif kind == "share":
        places = 1 if decimals is None else decimals
        code = "0" + ("." + "0" * places if places else "") + "%"
    elif kind == "date":  # 2026/11/30 in Japanese tables
        code = "yyyy/mm/dd" if japanese() else "yyyy-mm-dd"
    elif kind == "month":
        code = 'yyyy"年"m"月"' if japanese() else "yyyy-mm"
    elif kind == "text":
        return "General"
    else:
        raise ValueError(f"unknown kind of number format: {kind}")
    return code + "_)" if pad else code


def quoted_label(label: str | None, limit: int = 12) -> str:
    """A unit or currency as it can stand in quotes in a number format: letters, digits
    and ``./ -`` only (a quote or a backslash would end or break the format)."""
    return re.sub(r"[^\w./ -]", "", label or "")[:limit].strip()


def header_literal(text: str, room: int = 100) -> str:
    """``text`` as it shows in a page header or footer: "&" doubled (a single one starts
    a code such as &P), shortened with "…" to at most ``room`` characters (Excel allows
    255 in all three parts of a header together)."""
    if len(text) > room:
        text = text[: room - 1].rstrip() + "…"
    return text.replace("&", "&&")


@dataclass(frozen=True)
class Series:
    """One series of a bar chart: its name's cell and its values' column (0-based)."""

    name_row: int
    column: int
    colour: str


class Sheet:
    """One worksheet, written down from the top (0-based rows and columns)."""

    def __init__(self, book: Book, worksheet: Any):
        self.book = book
        self._ws = worksheet
        self.name: str = worksheet.get_name()
        self._write_string = worksheet.write_string
        self._write_number = worksheet.write_number

    # --- cells ---------------------------------------------------------------------------

    def write(self, row: int, col: int, value: Any, style: Any = None) -> None:
        """A cell of the value's own type; None, an empty text or a number that is not
        finite (NaN, infinity) leave the cell empty. (The common types first, inline:
        a plan workbook writes half a million cells.)"""
        kind = value.__class__
        if kind is float:
            if value - value == 0 and self._write_number(  # finite
                    row, col, ExactFloat(value), style) == -1:
                self._outside()
        elif kind is str:
            if (not value or not value.isascii() or value[:3] == "<r>"
                    or self._write_string(row, col, value, style) == -1):
                self.text(row, col, value, style)
        elif kind is int:
            if self._write_number(row, col, value, style) == -1:
                self._outside()
        elif value is None:
            return
        elif isinstance(value, dt.date):
            self.date(row, col, value, style)
        elif isinstance(value, bool):
            self._check(self._ws.write_boolean(row, col, value, style))
        elif isinstance(value, numbers.Real):
            self.number(row, col, value, style)
        elif isinstance(value, str):
            self.text(row, col, str(value), style)
        else:
            raise TypeError(f"cannot write a {kind.__name__} to a workbook cell")

    def text(self, row: int, col: int, value: str, style: Any = None) -> None:
        """A text cell, whatever the text looks like (a formula, a number, a date); an
        empty text leaves the cell empty (with ``style``'s fill and borders, if any)."""
        if not value:
            if style is not None:
                self._check(self._ws.write_blank(row, col, None, style))
            return
        if not value.isascii() and _SURROGATE.search(value):
            value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        if value.startswith("<r>") and value.endswith("</r>"):
            # XlsxWriter copies such a text into the file as rich-text XML; as a rich
            # text of two runs it shows as typed
            run = style if style is not None else self.book.style()
            self._check(self._ws.write_rich_string(row, col, "<", run, value[1:], *(
                [style] if style is not None else [])))
            return
        self._check(self._write_string(row, col, value, style))

    def number(self, row: int, col: int, value: float | numbers.Real,
               style: Any = None) -> None:
        """A number cell (numpy's too) that reads back as exactly the same number; NaN
        and infinities (which a cell cannot hold) leave it empty."""
        if isinstance(value, numbers.Integral):
            self._check(self._write_number(row, col, int(value), style))
        elif math.isfinite(number := float(value)):
            self._check(self._write_number(row, col, ExactFloat(number), style))

    def date(self, row: int, col: int, value: dt.date, style: Any = None) -> None:
        """A date (the book's date format unless ``style`` has another)."""
        style = style if style is not None else self.book.date_style
        if isinstance(value, dt.datetime):
            self._check(self._ws.write_datetime(row, col, value, style))
            return
        serial = value.toordinal() - EXCEL_EPOCH_ORDINAL
        if serial < FIRST_TRUE_DATE:
            self._check(self._ws.write_datetime(row, col, value, style))
        else:
            self._check(self._write_number(row, col, serial, style))

    def row(self, row: int, values: Sequence[Any], styles: Sequence[Any] | Any = None,
            first_col: int = 0) -> None:
        """A row of cells; ``styles`` one per value, or one for all."""
        many = isinstance(styles, list | tuple)
        for j, value in enumerate(values):
            self.write(row, first_col + j, value, styles[j] if many else styles)

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int,
              value: Any, style: Any = None) -> None:
        """Cells merged into one that shows ``value``."""
        self._check(self._ws.merge_range(first_row, first_col, last_row, last_col, "",
                                          style))
        self.write(first_row, first_col, value, style)

    @classmethod
    def _check(cls, code: int | None) -> None:
        # -2 is a text cut to Excel's 32,767 characters; -1 a cell outside the sheet or
        # on a row already written: a bug, never silently dropped data
        if code == -1:
            cls._outside()

    @staticmethod
    def _outside() -> None:
        raise ValueError("internal error: a cell outside the sheet or on a row that was "
                         "already written")

    # --- layout --------------------------------------------------------------------------

    def width(self, col: int, chars: float, last_col: int | None = None) -> None:
        """A column's width as the file stores it (characters of the default font,
        padding included, as openpyxl and <col width> count them)."""
        self._ws.set_column_pixels(col, col if last_col is None else last_col,
                                   chars * DIGIT_WIDTH_PX)

    def widths(self, widths: Sequence[float], first_col: int = 0) -> None:
        for j, chars in enumerate(widths):
            self.width(first_col + j, chars)

    def height(self, row: int, points: float) -> None:
        """A row's height in points; set before the row's cells are written."""
        self._check(self._ws.set_row_pixels(row, points / 0.75))

    def freeze(self, row: int, col: int) -> None:
        """Keep the rows above ``row`` and the columns left of ``col`` in view."""
        self._ws.freeze_panes(row, col)

    def autofilter(self, last_row: int, last_col: int) -> None:
        """Filter buttons on the header row (row 0) of a table down to ``last_row``."""
        self._ws.autofilter(0, 0, last_row, last_col)

    def print_setup(self, *, landscape: bool, title_rows: int = 0,
                    header: tuple[str, str, str] = ("", "", ""), footer: str = "",
                    size: int = 9, table_chars: float | None = None,
                    title_cols: tuple[int, int] | None = None) -> None:
        """A4, one page wide and as many down as it takes; ``title_rows`` rows repeated
        at the top of every page; a page header (left, centre, right) and a centred
        footer, coded as Excel's headers are (&A sheet, &P page, &N pages; literal text
        through :func:`header_literal`).

        ``table_chars``: the width of the sheet's columns together (as :meth:`width`
        counts them). A table that would print below :data:`MIN_PRINT_SCALE` to fit one
        page wide prints at that scale instead, over as many pages across as it takes,
        left to right before going down, with the columns ``title_cols`` (first and
        last, 0-based: the item and its name) repeated on each."""
        ws = self._ws
        if landscape:
            ws.set_landscape()
        else:
            ws.set_portrait()
        ws.set_paper(9)  # A4; Letter users' printers scale it to the page
        paper = 11.69 if landscape else 8.27  # inches across an A4 page
        room = (paper - 2 * SIDE_MARGIN) * 96  # pixels across the printed area
        if table_chars and table_chars * DIGIT_WIDTH_PX * MIN_PRINT_SCALE / 100 > room:
            ws.set_print_scale(MIN_PRINT_SCALE)
            ws.print_across()
            if title_cols:
                ws.repeat_columns(*title_cols)
        else:
            ws.fit_to_pages(1, 0)
        edge = 0.35  # inches from the paper's edge to the page header and footer
        self.margins(SIDE_MARGIN, 0.85, edge)
        if title_rows:
            ws.repeat_rows(0, title_rows - 1)
        codes = "".join(f"&{where}&{size} {text}" for where, text in zip(
            "LCR", header, strict=True) if text)
        for text, setter in ((codes, ws.set_header),
                             (f"&C&{size} {footer}" if footer else "", ws.set_footer)):
            # XlsxWriter takes "&G" and "&[Picture]" for places of pictures and drops a
            # header without the pictures; in a literal "&&G" the font size code again
            # between "&&" and "G" keeps it a literal "&G" for XlsxWriter too
            text = text.replace("&G", f"&&{size}G").replace("&[", f"&&{size}[")
            if len(text.encode("utf-16-le")) // 2 > HEADER_LIMIT:
                raise ValueError(f"internal error: a page header of {len(text)} characters")
            if text:
                setter(text, {"margin": edge})

    def margins(self, sides: float, top: float, header: float) -> None:
        """Page margins in inches: left and right ``sides``, top and bottom ``top``, the
        page header and footer ``header`` from the edge."""
        ws = self._ws
        ws.set_margins(left=sides, right=sides, top=top, bottom=top)
        ws.set_header("", {"margin": header})
        ws.set_footer("", {"margin": header})

    def comment(self, row: int, col: int, text: str) -> None:
        """A note on a cell, shown when the pointer rests on it (a red corner marks it)."""
        self._check(self._ws.write_comment(row, col, text, {"x_scale": 2, "y_scale": 1.4}))

    def choices(self, first_row: int, col: int, last_row: int, source: Sequence[str] | str,
                *, strict: bool = True) -> None:
        """A drop-down list on the cells of column ``col`` from ``first_row`` to
        ``last_row``: the values ``source`` (255 characters in all at most) or the cells a
        range such as ``"=Lists!$A$2:$A$250"`` names. ``strict``: another value is refused;
        otherwise Excel warns and lets it stand."""
        options: dict[str, Any] = {
            "validate": "list", "source": source if isinstance(source, str) else list(source),
            "error_type": "stop" if strict else "warning",
            "error_title": _("Not in the list"),
            "error_message": _("Choose a value from the list.") if strict else
            _("This value is not in the list; keep it only if you are sure."),
        }
        self._check(self._ws.data_validation(first_row, col, last_row, col, options))

    def hide(self) -> None:
        """Hide the sheet (Excel's Unhide shows it again)."""
        self._ws.hide()

    def page_break(self, after_row: int) -> None:
        """Start a new printed page after 0-based row ``after_row - 1`` (Excel's break id
        ``after_row``: the rows above it stay on the page)."""
        self._ws.set_h_pagebreaks([after_row])

    def conditional(self, cells: str, formula: str, style: Any) -> None:
        """Colour the cells (an A1 range) where ``formula`` (relative to the range's first
        cell, without "=") is true."""
        self._ws.conditional_format(cells, {"type": "formula", "criteria": formula,
                                            "format": style})

    def bar_chart(self, row: int, col: int, *, categories: tuple[int, int, int],
                  series: Sequence[Series], width_cm: float, height_cm: float,
                  value_format: str = "0%", label_format: str | None = None,
                  gap: int = 60) -> None:
        """A horizontal bar chart placed at (``row``, ``col``): ``categories`` is
        (first row, column, last row) of this sheet, each series a column over the same
        rows with its name above. The first category on top, values labelled
        (``label_format``, else the axis' ``value_format``), no gridlines, the legend on
        top."""
        first, column, last = categories
        chart = self.book.workbook.add_chart({"type": "bar"})
        for s in series:
            chart.add_series({
                "name": [self.name, s.name_row, s.column],
                "categories": [self.name, first, column, last, column],
                "values": [self.name, first, s.column, last, s.column],
                "fill": {"color": f"#{s.colour}"},
                "border": {"color": f"#{s.colour}"},
                "gap": gap,
                "data_labels": {"value": True, "num_format": label_format or value_format},
            })
        # in a bar chart the x axis is the horizontal one: the values
        chart.set_x_axis({"num_format": value_format, "min": 0, "major_tick_mark": "none",
                          "major_gridlines": {"visible": False}})
        chart.set_y_axis({"reverse": True, "major_tick_mark": "none"})
        chart.set_legend({"position": "top"})
        chart.set_title({"none": True})
        chart.set_style(2)
        px_per_cm = 96 / 2.54
        chart.set_size({"width": round(width_cm * px_per_cm),
                        "height": round(height_cm * px_per_cm)})
        self._ws.insert_chart(row, col, chart, {"object_position": 2})

    def insert_chart(self, row: int, col: int, chart: Any) -> None:
        """Place a chart made with ``book.workbook.add_chart`` at (``row``, ``col``)."""
        self._ws.insert_chart(row, col, chart, {"object_position": 2})


class Book:
    """A workbook being written: its sheets and its styles (each made once)."""

    def __init__(self, path: Path, scratch: str):
        import xlsxwriter

        options: dict[str, Any] = {
            "constant_memory": True,  # rows go to disk as they are written
            "tmpdir": scratch,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        }
        self.font = JAPANESE_FONT if japanese() else None
        if self.font:  # every cell's font, the default style's too; not the theme's
            options["default_format_properties"] = {
                "font_name": self.font, "font_size": 11, "font_scheme": "none",
                "font_charset": SHIFT_JIS_CHARSET}
        self.workbook = xlsxwriter.Workbook(str(path), options)
        self._styles: dict[tuple[tuple[str, Any], ...], Any] = {}
        self.date_style = self.style(num_format=number_format("date"))

    def sheet(self, name: str) -> Sheet:
        return Sheet(self, self.workbook.add_worksheet(name))

    def style(self, **props: Any) -> Any:
        """The cell style with XlsxWriter's format properties ``props`` (bold, font_color,
        bg_color, num_format, align, valign, text_wrap, indent, ...); made once."""
        key = tuple(sorted(props.items()))
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = self.workbook.add_format(dict(props))
        return style

    def header_style(self, align: str | None = None, table: bool = True) -> Any:
        """A header cell: bold white on the header colour. ``table``: a table sheet's
        header, wrapped, centred vertically, with a thin rule below; ``align`` left,
        center or right."""
        props: dict[str, Any] = {"bold": True, "font_color": "#FFFFFF",
                                 "bg_color": f"#{HEADER_FILL}", "pattern": 1}
        if table:
            props.update(text_wrap=True, valign="vcenter", bottom=1,
                         bottom_color=f"#{HEADER_BORDER}")
        if align:
            props["align"] = align
        return self.style(**props)

    def close(self) -> None:
        """Write the file (XlsxWriter's errors about the disk as the OSError behind)."""
        from xlsxwriter.exceptions import FileCreateError

        try:
            self.workbook.close()
        except Exception as exc:
            _close_zip_files(exc)
            cause = exc.args[0] if isinstance(exc, FileCreateError) and exc.args else None
            if isinstance(cause, OSError):
                raise cause from None
            raise

    def abandon(self) -> None:
        """Release a failed write's open files (its rows on disk); the partial file it
        leaves is the temporary one that write_atomic removes."""
        try:
            self.workbook.close()
        except Exception as exc:
            _close_zip_files(exc)


def _close_zip_files(exc: BaseException) -> None:
    """Close the zip file a failed XlsxWriter save leaves open in its frames.

    XlsxWriter opens the zip in a local variable; when writing fails (a full disk) the
    file stays open in the traceback and is closed by the garbage collector later, which
    fails the same way again and prints a traceback after the user's one-line message.
    One close here, whatever it says, leaves nothing for the collector to do.
    """
    import zipfile

    seen: set[int] = set()
    chain: list[object] = [exc]
    while chain:  # the error, what it wraps (XlsxWriter re-raises), and their causes
        error = chain.pop()
        if not isinstance(error, BaseException) or id(error) in seen:
            continue
        seen.add(id(error))
        chain += [error.__cause__, error.__context__, *error.args]
        tb = error.__traceback__
        while tb is not None:
            for value in list(tb.tb_frame.f_locals.values()):
                if isinstance(value, zipfile.ZipFile):
                    with contextlib.suppress(Exception):
                        value.close()
            tb = tb.tb_next


SCRATCH_SUFFIX = ".xlsx-scratch"


def write_xlsx(path: Path | str, fill: Callable[[Book], object]) -> None:
    """Write the workbook ``fill(book)`` makes to ``path``, atomically.

    An exception in ``fill`` (a cancelled export, a bug) or in writing (a full disk:
    ProjectFileError "could not write NAME: the disk is full") leaves no file behind and
    an older file of that name as it was.
    """

    path = Path(path)
    # XlsxWriter keeps the rows of big sheets in files of its own until it zips them: a
    # hidden folder beside the target, named by this process, which the next write of
    # the same file removes if this process was killed before it could
    remove_stale_temporaries(path.parent, path.name, SCRATCH_SUFFIX)
    scratch = temporary_name(path, SCRATCH_SUFFIX)

    def write(tmp: Path) -> None:
        scratch.mkdir(exist_ok=True)
        try:
            book = Book(tmp, str(scratch))
            try:
                fill(book)
            except BaseException:
                book.abandon()
                raise
            try:
                book.close()
            except BaseException:
                book.abandon()
                raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    write_atomic(path, write)


__all__ = ["HEADER_FILL", "JAPANESE_FONT", "Book", "ExactFloat", "Series", "Sheet",
           "header_literal", "number_format", "quoted_label", "write_xlsx", "xlsx_text"]
