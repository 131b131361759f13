"""planner.core.xlsx, the one layer that writes workbooks: files written and read back.

Texts (formula-like, control characters, Excel's own escapes, rich-text look-alikes, lone
surrogates), exact floats, dates, styles and layout, the atomic write (a failure or a
full disk leaves the old file and no temporary one), and one LibreOffice render of what
only a spreadsheet program decides (escapes decoded, a page header's "&").
"""

from __future__ import annotations

import datetime as dt
import errno
import html
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from planner.core.errors import ProjectFileError
from planner.core.xlsx import (
    Book,
    Series,
    header_literal,
    number_format,
    write_xlsx,
    xlsx_text,
)

FORMULA_LIKE = ["=1+2", '=HYPERLINK("http://example.com","click")', "+49 30 1234", "-2",
                "@SUM(A1)", "\t=1+2", "\r=1+2", "=cmd|' /C calc'!A0"]
ESCAPES = ["bell\x07", "a\x0bb", "cr\rlf\r\nend", "_x0041_ stays", "_x005F_", "_X00e9_",
           "tab\there", "line\nbreak", "nonchar\ufffe\uffff", "  spaced  ", "稀土 Erden 𝔘"]
NUMBERS = [0.1 + 0.2, 1 / 3, 2 / 3 * 1e-7, 5e-324, 1.7976931348623157e308, -0.0,
           123456789.12345679, 1e16 + 2, 2.5, 90.0, 7, -12, 2**53 - 1]
# writes a formula cell if copied into the file as XML (XlsxWriter's rich-text shortcut)
INJECTION = ('<r><t>a</t></r></is></c><c r="Z1"><f>1+1</f></c>'
             '<c r="Z2" t="inlineStr"><is><r><t>b</t></r>')


def sheet_xml(path: Path, number: int = 1) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(f"xl/worksheets/sheet{number}.xml").decode("utf-8")


def stored_texts(xml: str) -> list[str]:
    """The text of each inline-string cell as the file holds it (XML entities decoded,
    Excel's _xHHHH_ escapes not)."""
    cells = re.findall(r'<c [^>]*t="inlineStr"[^>]*><is>(.*?)</is></c>', xml, re.S)
    return [html.unescape("".join(re.findall(r"<t[^>]*>(.*?)</t>", c, re.S))) for c in cells]


def excel_reads(text: str) -> str:
    """A stored text as Excel shows it: each _xHHHH_ decoded once, left to right."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m[1], 16)), text)


def test_texts_are_text_cells_escaped_as_excel_does(tmp_path: Path) -> None:
    path = tmp_path / "texts.xlsx"
    texts = FORMULA_LIKE + ESCAPES
    write_xlsx(path, lambda book: book.sheet("Texts").row(0, texts))
    xml = sheet_xml(path)
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere
    stored = stored_texts(xml)
    assert stored == [xlsx_text(t) for t in texts]  # what XlsxWriter writes, and ours
    assert [excel_reads(s) for s in stored] == texts  # every text shows as it was
    ws = openpyxl.load_workbook(path)["Texts"]
    assert all(c.data_type == "s" for c in ws[1])
    assert ws["A1"].value == "=1+2"


def test_xlsx_text_is_the_escaping_of_the_writer() -> None:
    """xlsx_text (for writers other than this layer) is Excel's escaping: literal escapes
    guarded, control characters and carriage returns escaped, tab and line feed kept."""
    assert xlsx_text("_x0041_") == "_x005F_x0041_"
    assert xlsx_text("a\x07\rb\t\n") == "a_x0007__x000D_b\t\n"
    assert xlsx_text("\uffff") == "_xFFFF_"
    assert xlsx_text("plain _x41_ text") == "plain _x41_ text"


def test_a_text_that_looks_like_rich_text_xml_stays_text(tmp_path: Path) -> None:
    """XlsxWriter copies a text "<r>...</r>" into the file as XML: the layer writes it as
    a rich text of two runs, which shows as typed and cannot inject a cell."""
    path = tmp_path / "rich.xlsx"
    texts = ["<r><t>x</t></r>", INJECTION, "<r>plain</r>"]

    def fill(book: Book) -> None:
        ws = book.sheet("Rich")
        ws.row(0, texts)
        ws.write(1, 0, "<r>bold</r>", book.style(bold=True))
    write_xlsx(path, fill)
    xml = sheet_xml(path)
    assert "<f>" not in xml and '<c r="Z1"' not in xml
    assert stored_texts(xml) == [*texts, "<r>bold</r>"]
    ws = openpyxl.load_workbook(path)["Rich"]
    assert [c.value for c in ws[1]] == texts
    assert ws["A2"].value == "<r>bold</r>" and ws["A2"].font.b
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Rich").to_python()
    assert rows[0] == texts


def test_numbers_read_back_exactly(tmp_path: Path) -> None:
    """XlsxWriter writes 16 digits (0.1 + 0.2 would come back as 0.3); the layer writes
    the shortest exact form."""
    path = tmp_path / "numbers.xlsx"
    write_xlsx(path, lambda book: book.sheet("N").row(0, NUMBERS))
    ws = openpyxl.load_workbook(path)["N"]
    back = [c.value for c in ws[1]]
    assert back == NUMBERS
    assert [type(v) for v in back[:6]] == [float] * 6
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("N").to_python()
    assert rows[0][:7] == NUMBERS[:7]
    assert "<v>0.30000000000000004</v>" in sheet_xml(path)


def test_empty_cells_dates_and_truth_values(tmp_path: Path) -> None:
    path = tmp_path / "values.xlsx"
    values = [None, "", float("nan"), float("inf"), dt.date(2026, 11, 2),
              dt.date(1900, 3, 1), dt.date(1900, 1, 5), dt.datetime(2026, 11, 2, 12, 0),
              True, "\ud800 lone"]
    write_xlsx(path, lambda book: book.sheet("V").row(0, values))
    xml = sheet_xml(path)
    assert re.findall(r'<c r="([A-Z]+)1"', xml) == ["E", "F", "G", "H", "I", "J"]
    assert '<c r="E1" s="1"><v>46328</v>' in xml  # Excel's day number, date format
    assert '<c r="F1" s="1"><v>61</v>' in xml and '<c r="G1" s="1"><v>5</v>' in xml
    ws = openpyxl.load_workbook(path)["V"]
    assert ws["E1"].is_date and ws["E1"].number_format == "yyyy-mm-dd"
    assert [ws[c].value for c in ("E1", "F1", "G1", "H1")] == [
        dt.datetime(2026, 11, 2), dt.datetime(1900, 3, 1), dt.datetime(1900, 1, 5),
        dt.datetime(2026, 11, 2, 12, 0)]
    assert ws["I1"].value is True
    assert ws["J1"].value == "\ufffd lone"  # a lone surrogate cannot be stored


def test_named_formats() -> None:
    assert number_format("number") == "#,##0"
    assert number_format("number", label="kg", decimals=1, pad=True) == '#,##0.0 "kg"_)'
    assert number_format("money", label="EUR", decimals=2) == '#,##0.00 "EUR"'
    assert number_format("money", label='E"U\\R') == '#,##0 "EUR"'  # nothing breaks out
    assert number_format("share") == "0.0%" and number_format("share", decimals=0) == "0%"
    assert number_format("days", label="days") == '#,##0 "days"'
    assert number_format("date") == "yyyy-mm-dd" and number_format("text") == "General"
    with pytest.raises(ValueError):
        number_format("colour")


def test_styles_layout_and_print_setup(tmp_path: Path) -> None:
    path = tmp_path / "layout.xlsx"

    def fill(book: Book) -> None:
        assert book.style(bold=True) is book.style(bold=True)  # each style made once
        ws = book.sheet("Table")
        ws.widths([16, 34.5, 9])
        ws.freeze(1, 2)
        ws.autofilter(3, 2)
        ws.print_setup(landscape=True, title_rows=1,
                       header=(header_literal("Smith & Sons A&G"), "Plan: &A", "as of x"),
                       footer="Page &P of &N")
        ws.conditional("A2:C4", '$B2="late"', book.style(bg_color="#F8CBAD"))
        ws.height(0, 49)
        ws.row(0, ["Item", "Late", "Cost"], book.header_style("center"))
        for r in range(1, 4):
            ws.row(r, [f"I{r}", "late" if r == 2 else None, r * 1.5],
                   [None, None, book.style(num_format=number_format("money", label="EUR"))])
        ws.page_break(2)
        summary = book.sheet("Summary")
        summary.print_setup(landscape=False)
        summary.merge(0, 1, 0, 4, "merged text", book.style(text_wrap=True))
    write_xlsx(path, fill)
    wb = openpyxl.load_workbook(path)
    ws = wb["Table"]
    assert [ws.column_dimensions[c].width for c in "ABC"] == [16, 34.5, 9]
    assert ws.row_dimensions[1].height == 49
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref == "A1:C4"
    assert ws.print_title_rows == "$1:$1" and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert [b.id for b in ws.row_breaks.brk] == [2]
    head = ws["A1"]
    assert head.font.b and head.fill.fgColor.rgb.endswith("2F4858")
    assert head.alignment.wrap_text and head.alignment.horizontal == "center"
    assert head.border.bottom.style == "thin"
    assert ws["C2"].number_format == '#,##0 "EUR"' and ws["C2"].value == 1.5
    assert [r.formula[0] for cf in ws.conditional_formatting for r in cf.rules] == [
        '$B2="late"']
    assert {r.coord for r in wb["Summary"].merged_cells.ranges} == {"B1:E1"}
    assert wb["Summary"].page_setup.orientation == "portrait"
    xml = sheet_xml(path)
    # "&" doubled; "&G" kept a literal for XlsxWriter (which takes it for a picture)
    assert ("<oddHeader>&amp;L&amp;9 Smith &amp;&amp; Sons A&amp;&amp;&amp;9G"
            "&amp;C&amp;9 Plan: &amp;A&amp;R&amp;9 as of x</oddHeader>") in xml
    assert "<oddFooter>&amp;C&amp;9 Page &amp;P of &amp;N</oddFooter>" in xml


def test_a_header_literal_is_shortened_to_its_room() -> None:
    text = header_literal("A & B " * 40, room=50)
    assert len(text.replace("&&", "&")) == 50 and text.endswith("…")
    assert "&" not in text.replace("&&", "")


def test_a_bar_chart_of_the_sheet_cells(tmp_path: Path) -> None:
    path = tmp_path / "chart.xlsx"

    def fill(book: Book) -> None:
        ws = book.sheet("Mix")
        ws.row(0, ["Country", "Before", "After"])
        for r, (name, before, after) in enumerate([("China", 0.6, 0.5), ("Chile", 0.4, 0.5)],
                                                  start=1):
            ws.row(r, [name, before, after])
        ws.bar_chart(4, 0, categories=(1, 0, 2), series=[Series(0, 1, "A5B4BE"),
                                                         Series(0, 2, "2F6F8F")],
                     width_cm=17.5, height_cm=8.0, label_format="0.0%")
    write_xlsx(path, fill)
    with zipfile.ZipFile(path) as z:
        chart = z.read("xl/charts/chart1.xml").decode()
        drawing = z.read("xl/drawings/drawing1.xml").decode()
    assert '<c:barDir val="bar"/>' in chart and len(re.findall(r"<c:ser>", chart)) == 2
    assert "<c:f>Mix!$A$2:$A$3</c:f>" in chart and "<c:f>Mix!$C$2:$C$3</c:f>" in chart
    assert '<c:orientation val="maxMin"/>' in chart  # the first country on top
    assert '<c:numFmt formatCode="0.0%" sourceLinked="0"/>' in chart
    assert "A5B4BE" in chart and "2F6F8F" in chart and "majorGridlines" not in chart
    assert "<xdr:row>4</xdr:row>" in drawing


def test_a_cell_above_the_rows_already_written_is_an_error(tmp_path: Path) -> None:
    """Rows go to disk as the next one starts: writing above them would be lost."""
    def fill(book: Book) -> None:
        ws = book.sheet("S")
        ws.write(5, 0, 1.0)
        ws.write(6, 0, 2.0)
        ws.write(2, 0, "lost")
    with pytest.raises(ValueError, match="internal error"):
        write_xlsx(tmp_path / "s.xlsx", fill)
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder for this test: where the rows are kept on disk."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_a_failed_write_leaves_the_old_file_and_nothing_else(tmp_path: Path,
                                                            scratch: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "book.xlsx"
    write_xlsx(path, lambda book: book.sheet("S").write(0, 0, "old"))
    before = path.read_bytes()

    class Stop(Exception):
        pass

    def fill(book: Book) -> None:
        ws = book.sheet("S")
        for r in range(5000):
            ws.row(r, [f"new {r}", r * 0.1])
        raise Stop
    with pytest.raises(Stop):
        write_xlsx(path, fill)
    assert path.read_bytes() == before
    assert [p.name for p in out.iterdir()] == ["book.xlsx"]
    assert list(scratch.iterdir()) == []  # the rows kept on disk are gone too


def test_a_full_disk_is_said_in_words(tmp_path: Path, scratch: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "book.xlsx"
    write_xlsx(path, lambda book: book.sheet("S").write(0, 0, "old"))
    before = path.read_bytes()

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(zipfile.ZipFile, "write", full)  # XlsxWriter's parts into the zip
    with pytest.raises(ProjectFileError, match=r"^could not write book\.xlsx: the disk is "
                                               r"full$"):
        write_xlsx(path, lambda book: book.sheet("S").write(0, 0, "new"))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p != scratch] == ["book.xlsx"]
    assert list(scratch.iterdir()) == []


def test_a_missing_folder_is_said_in_words(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match=r"^could not write b\.xlsx: the folder does "
                                               r"not exist$"):
        write_xlsx(tmp_path / "nowhere" / "b.xlsx", lambda book: book.sheet("S"))


def test_libreoffice_shows_the_texts_and_the_header_as_typed(tmp_path: Path) -> None:
    """What only a spreadsheet program decides: Calc decodes the escapes once, shows a
    rich-text look-alike as typed, and prints a header's "&" and "&G" literally."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe, "LibreOffice is needed (apt-get install libreoffice-calc-nogui)"
    path = tmp_path / "calc.xlsx"
    texts = ["=1+2", "@SUM(A1)", "_x0041_ stays", "bell\x07", "<r><t>x</t></r>"]

    def fill(book: Book) -> None:
        ws = book.sheet("Calc")
        ws.print_setup(landscape=False, header=(header_literal("Smith & Sons A&G"), "", ""))
        for r, text in enumerate(texts):
            ws.write(r, 0, text)
    write_xlsx(path, fill)
    profile = (tmp_path / "lo").as_uri()
    result = subprocess.run(
        [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=180, check=False)
    pdf = tmp_path / "calc.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    shown = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    for text in ("=1+2", "@SUM(A1)", "_x0041_ stays", "<r><t>x</t></r>",
                 "Smith & Sons A&G"):
        assert text in shown, text
