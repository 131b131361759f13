"""Notes on the cells of a workbook that its reader gives as blank, or as a value that
must not be trusted: formulas without a saved result, errors (#N/A, #SPILL!), and formulas
that link to another workbook or ask another program for their value (DDE), directly or
through a defined name (=price_list, where price_list is [1]Prices!$B$2).

A sheet's XML is streamed in parts cut after a cell's end, so no cell is split. The reader
(python-calamine) refuses a whole sheet that shows an error newer than it (#SPILL!,
#CALC!); such a sheet is read from a copy of the workbook in which those errors read as
#N/A, and each such cell's note says what it really shows. The scan's part size and
limits are planner.inputs.reading's, read when a workbook is read.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO

from planner.core.i18n import _
from planner.inputs import reading
from planner.inputs.schema import SHEET_BY_KEY, normalise

Notes = dict[tuple[int, int], str]  # (sheet row, 0-based column) -> note
# a defined name, as formulas use it: (name in lower case, the sheet it is local to or None)
NameKey = tuple[str, str | None]

_CELL = re.compile(rb"<((?:\w+:)?)c\b([^>]*?)(?<!/)>(.*?)</\1c>", re.S)
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
_CELL_REF = re.compile(rb"\sr=[\"']([A-Z]{1,3})([0-9]{1,7})[\"']")
_CELL_TYPE = re.compile(rb"\st=[\"']([a-zA-Z]+)[\"']")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_SHARED_INDEX = re.compile(rb"\ssi=[\"'](\d+)[\"']")  # a formula shared by a range of cells
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)", re.S)
_EXTERNAL = re.compile(r"\[\d+\]")  # a link to another workbook, as the file stores it
# a name in a formula: not a function (followed by "("), nor a part of a longer name
_NAME = re.compile(r"(?<![\w.\\$])(?:[^\W\d]|\\)[\w.\\]*(?![\w.\\(])")
_DEFINED_NAME = re.compile(r"<(?:\w+:)?definedName\b([^>]*)>(.*?)</(?:\w+:)?definedName>",
                           re.S)
_SHEET_TAG = re.compile(r"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"")
_MAX_WORKBOOK_XML = 16 * 2**20  # of xl/workbook.xml read for its defined names
# the errors the reader knows; any other (#SPILL!, #CALC!, #BUSY!) makes it refuse the sheet
READER_ERRORS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!",
                           "#VALUE!"})


def notes_by_sheet(path: Path, members: set[str]) -> tuple[dict[str, Notes], set[str]]:
    """Notes on the formula and error cells of the template sheets in ``members``, by
    sheet name; and the sheets showing an error the reader does not know, to be read from
    :func:`readable_copy`."""
    notes: dict[str, Notes] = {}
    unknown: set[str] = set()
    with zipfile.ZipFile(path) as archive:
        names = reading._sheet_names(archive)
        links = defined_links(archive)
        if not any(links.values()):  # no name links outside: none to look for in formulas
            links = {}
        for member in sorted(members):
            sheet = names.get(member)
            if sheet is None or normalise(sheet) not in SHEET_BY_KEY:
                continue
            notes[sheet], errors = _member_notes(archive, member, sheet, links)
            if errors - READER_ERRORS:
                unknown.add(sheet)
    return notes, unknown


def defined_links(archive: zipfile.ZipFile) -> dict[NameKey, tuple[str, str] | None]:
    """The workbook's defined names: NameKey -> for a name that links to another workbook
    or asks another program for its value, itself or through other names, (the name as
    written, the linking formula); None for another name (which may hide a linking name
    of the same spelling on its sheet)."""
    try:
        with archive.open("xl/workbook.xml") as f:
            book = f.read(_MAX_WORKBOOK_XML).decode("utf-8", "replace")
    except (KeyError, OSError, zipfile.BadZipFile):
        return {}
    if "definedName" not in book:
        return {}
    sheets = [html.unescape(name) for name in _SHEET_TAG.findall(book)]
    defined: dict[NameKey, tuple[str, str]] = {}
    for attributes, text in _DEFINED_NAME.findall(book):
        name = re.search(r'\bname="([^"]*)"', attributes)
        local = re.search(r'\blocalSheetId="(\d+)"', attributes)
        if name is None:
            continue
        scope = sheets[int(local[1])] if local and int(local[1]) < len(sheets) else None
        written = html.unescape(name[1])
        defined[(written.lower(), scope)] = (written, html.unescape(text))
    links: dict[NameKey, tuple[str, str] | None] = {
        key: (name, text) if _link(text) else None for key, (name, text) in defined.items()}
    users: dict[NameKey, list[NameKey]] = {}
    for key, (_name, text) in defined.items():
        for used in _names_used(text, key[1], defined):
            users.setdefault(used, []).append(key)
    waiting = [(key, link[1]) for key, link in links.items() if link]
    while waiting:  # a name using a linking name links too
        key, target = waiting.pop()
        for user in users.get(key, []):
            if links[user] is None:
                links[user] = (defined[user][0], target)
                waiting.append((user, target))
    return links


def _link(formula: str) -> str:
    """"DDE" for a formula asking another program for its value, "workbook" for one
    linking to another workbook, else ""."""
    outside_strings = re.sub(r'"[^"]*"', "", formula)
    if "|" in outside_strings:  # =cmd|'/c calc'!A0: no Excel operator has a "|"
        return "DDE"
    if _EXTERNAL.search(outside_strings):  # =[1]Prices!B2
        return "workbook"
    return ""


def _names_used(formula: str, sheet: str | None, names: Mapping[NameKey, object]
                ) -> Iterator[NameKey]:
    """The defined names among ``names`` that a formula on ``sheet`` uses: a name local
    to the sheet before a name of the whole workbook."""
    if not names:
        return
    outside = re.sub(r"'[^']*'", "", re.sub(r'"[^"]*"', "", formula))
    for token in _NAME.findall(outside):
        lower = token.lower()
        for key in ((lower, sheet), (lower, None)):
            if key in names:
                yield key
                break


def _parts(f: IO[bytes]) -> Iterator[bytes]:
    """A member's XML in parts of about a megabyte, each cut after a cell's end, so that
    no cell is split (a run of 64 MB without one is given as it is)."""
    rest = b""
    while True:
        chunk = f.read(reading._SCAN_CHUNK)
        buf = rest + chunk
        if not chunk:
            if buf:
                yield buf
            return
        cut = 0
        for end in _CELL_END.finditer(buf):
            cut = end.end()
        part, rest = buf[:cut], buf[cut:]
        if len(rest) > reading._MAX_RUN:
            part, rest = buf, b""
        yield part


def _member_notes(archive: zipfile.ZipFile, member: str, sheet: str,
                  links: dict[NameKey, tuple[str, str] | None]) -> tuple[Notes, set[str]]:
    """(sheet row, 0-based column) -> note, for the cells the reader gives as blank
    although the user sees something in Excel (a formula without a saved result, written
    by a program that does not calculate such as openpyxl; an error such as #DIV/0!) or
    whose saved value comes from outside the workbook; and the errors the sheet shows.

    A formula with a saved result is otherwise read as that result, as Excel shows it.
    """
    notes: Notes = {}
    errors: set[str] = set()
    shared: dict[bytes, str] = {}  # a shared formula's index -> its text, in its first cell
    with archive.open(member) as f:
        for part in _parts(f):
            if not reading._FORMULA_OR_ERROR.search(part):
                continue
            for cell in _CELL.finditer(part):
                note = _cell_note(cell[2], cell[3], sheet, links, shared, errors)
                ref = _CELL_REF.search(cell[2]) if note else None
                if ref:
                    column = 0
                    for ch in ref[1]:
                        column = column * 26 + ch - 64
                    notes[(int(ref[2]), column - 1)] = note
    return notes, errors


def _cell_note(attributes: bytes, body: bytes, sheet: str,
               links: dict[NameKey, tuple[str, str] | None], shared: dict[bytes, str],
               errors: set[str]) -> str:
    """The note on one cell ("" for none); an error it shows is added to ``errors``, the
    text of a shared formula it starts to ``shared``."""
    kind = _CELL_TYPE.search(attributes)
    kind_text = kind[1].decode() if kind else "n"
    formula = _FORMULA.search(body)
    value = _VALUE.search(body)
    if kind_text == "e":
        error = html.unescape((value[1] or b"").decode("utf-8", "replace")) if value else ""
        errors.add(error)
        return _("shows the error {error}; correct the formula or type the value").format(
            error=error or "#VALUE!")
    if formula is None or b"<is>" in body:
        return ""  # a value
    text = html.unescape((formula[2] or b"").decode("utf-8", "replace")).strip()
    index = _SHARED_INDEX.search(formula[1])
    if index and text:
        shared[index[1]] = text
    # a cell sharing the formula of the range's first cell: its links are that cell's
    tested = text or (shared.get(index[1], "") if index else "")
    shown = f"={_short(text)}" if text else ""
    link = _link(tested)
    if link == "DDE":
        return (_("is a formula ({formula}) that asks another program for its value (DDE); "
                  "type the value") if text else
                _("is a formula that asks another program for its value (DDE); type the "
                  "value")).format(formula=shown)
    if link:  # =[1]Prices!B2: the saved value may be stale
        return (_("is a formula ({formula}) linking to another workbook, whose saved value "
                  "may be out of date; type the value") if text else
                _("is a formula linking to another workbook, whose saved value may be out of "
                  "date; type the value")).format(formula=shown)
    for key in _names_used(tested, sheet, links):
        if (found := links[key]) is None:
            continue
        name, target = found
        if _link(target) == "DDE":
            return (_("is a formula ({formula}) using the name {name}, which asks another "
                      "program for its value (DDE: {target}); type the value") if text else
                    _("is a formula using the name {name}, which asks another program for "
                      "its value (DDE: {target}); type the value")).format(
                formula=shown, name=name, target=f"={_short(target)}")
        return (_("is a formula ({formula}) using the name {name}, which links to another "
                  "workbook ({target}), whose saved value may be out of date; type the value")
                if text else
                _("is a formula using the name {name}, which links to another workbook "
                  "({target}), whose saved value may be out of date; type the value")).format(
            formula=shown, name=name, target=f"={_short(target)}")
    if value and (value[1] or kind_text == "str"):
        return ""  # a formula with its saved result ("" for a blank text)
    return (_("is a formula ({formula}) without a saved result; open the workbook in Excel, "
              "save it and import it again, or type the value") if text else
            _("is a formula without a saved result; open the workbook in Excel, save it and "
              "import it again, or type the value")).format(formula=shown)


def _short(formula: str) -> str:
    """A formula as a message quotes it: at most 40 characters."""
    return formula[:37] + "..." if len(formula) > 40 else formula


def readable_copy(path: Path, sheets: set[str]) -> io.BytesIO:
    """The workbook, in memory, for the reader to read ``sheets`` from: in them, an error
    the reader does not know (#SPILL!) reads as #N/A, which it knows (the cell's note says
    what it shows); the workbook's other sheets are left out of the copy."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(
            buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as copy:
        names = reading._sheet_names(source)
        for info in source.infolist():
            sheet = names.get(info.filename)
            if info.is_dir() or (sheet is not None and sheet not in sheets):
                continue
            with source.open(info) as f, copy.open(info.filename, "w") as out:
                if sheet is None:
                    shutil.copyfileobj(f, out, reading._SCAN_CHUNK)
                    continue
                for part in _parts(f):
                    out.write(_CELL.sub(_known_error, part))
    buffer.seek(0)
    return buffer


def _known_error(cell: re.Match[bytes]) -> bytes:
    """An error cell showing an error the reader does not know, as one showing #N/A."""
    kind = _CELL_TYPE.search(cell[2])
    value = _VALUE.search(cell[3])
    if kind is None or kind[1] != b"e" or value is None or value[1] is None or html.unescape(
            value[1].decode("utf-8", "replace")) in READER_ERRORS:
        return cell[0]
    body = cell[3][:value.start(1)] + b"#N/A" + cell[3][value.end(1):]
    return b"<" + cell[1] + b"c" + cell[2] + b">" + body + b"</" + cell[1] + b"c>"
