"""How much text the reader would copy out of a workbook's shared strings, bounded before
it reads a sheet.

A workbook stores each text once (xl/sharedStrings.xml) and a cell showing it holds its
index; the reader gives every such cell a copy of the text. So 20,000 cells of a 443 KB
workbook showing one text of 30,000 characters took 1.2 GB. The shared text itself is
bounded (reading.MAX_SHARED_TEXT_BYTES); here, the copies: what the template sheets' cells
show of long texts (beyond LONG_TEXT bytes each, more than any value of the template
holds) must stay within the same amount, counted once per cell. Short texts (an id, a
kind, a unit repeated on a million rows) cost what a cell costs, which the limits on
cells bound already.

Both the shared strings and the sheets are streamed and scanned with numpy, a megabyte at
a time; the sheets only when the shared strings hold long texts that could add up.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import numpy as np

from planner.core.errors import FileRefused
from planner.core.i18n import _
from planner.inputs import reading

LONG_TEXT = 64  # bytes of a shared string's XML beyond which its copies are counted
_MIN_CELL_BYTES = 20  # the least XML a cell showing a shared string takes: <c t="s"><v>0
_DIGITS = 10  # of a shared string's index: more than any workbook holds
_FIRST_STRING = re.compile(rb"<(?:\w+:)?si[\s>]")


def check_shared_text(path: Path, sizes: dict[str, int]) -> None:
    """Refuse a workbook whose template sheets show long shared texts in so many cells
    that their copies would exceed reading.MAX_SHARED_TEXT_BYTES. ``sizes``: the inflated
    size of each sheet's XML by its name, as the archive's scan found them."""
    from planner.inputs.schema import SHEET_BY_KEY, normalise

    with zipfile.ZipFile(path) as archive:
        member = next((info for info in archive.infolist() if info.filename.replace(
            "\\", "/").lower() == reading.SHARED_STRINGS), None)
        if member is None:
            return
        with archive.open(member) as f:
            excess = np.maximum(_string_sizes(f) - LONG_TEXT, 0)
        if not excess.any():
            return
        budget = reading.MAX_SHARED_TEXT_BYTES
        sheets = {m: name for m, name in reading._sheet_names(archive).items()
                  if normalise(name) in SHEET_BY_KEY}
        cells = sum(sizes.get(name, 0) for name in sheets.values()) // _MIN_CELL_BYTES
        if cells * int(excess.max()) <= budget:  # even if every cell showed the longest
            return
        total = 0
        for m, name in sheets.items():
            with archive.open(m) as f:
                total += _copied(f, excess)
            if total > budget:  # named: the sheet that crossed the limit
                raise FileRefused(_(
                    "{name}: sheet {sheet} repeats long texts in many cells, which the "
                    "reader copies into each cell: the template's sheets would take "
                    "{amount} of text to read, over the {limit} this program reads; keep "
                    "long texts out of the template's sheets").format(
                        name=path.name, sheet=name, amount=reading._amount(total),
                        limit=reading._amount(budget)))


def _parts(f: IO[bytes]) -> Iterator[tuple[np.ndarray, int]]:
    """A member's XML a megabyte at a time, cut before a "<" so that no tag is split, as
    a zero-padded array and the length of the part in it."""
    rest = b""
    while True:
        chunk = f.read(reading._SCAN_CHUNK)
        buf = rest + chunk
        cut = buf.rfind(b"<") if chunk else len(buf)
        if cut <= 0 and chunk:
            rest = buf
            continue
        part, rest = buf[:cut], buf[cut:]
        a = np.zeros(len(part) + 32, dtype=np.uint8)
        a[:len(part)] = np.frombuffer(part, dtype=np.uint8)
        yield a, len(part)
        if not chunk:
            return


def _string_sizes(f: IO[bytes]) -> np.ndarray:
    """The bytes of each shared string (<si> ... </si>, and what separates it from the
    one before): an upper bound of the characters of its text."""
    ends: list[np.ndarray] = []
    offset = 0
    first = -1  # where the first string starts: the header before it is no text
    for a, n in _parts(f):
        if first < 0 and (start := _FIRST_STRING.search(a[:n].tobytes())) is not None:
            first = offset + start.start()
        plain = reading._find(a, n, b"/si>")
        plain = plain[(plain >= 1) & (a[np.maximum(plain - 1, 0)] == ord("<"))]
        prefixed = reading._find(a, n, b":si>")  # </x:si>, not <x:si>
        ends.append(np.sort(np.concatenate((plain, prefixed[_after_prefix(a, prefixed - 1)
                                                             == ord("/")]))) + 4 + offset)
        offset += n
    found = np.concatenate(ends) if ends else np.zeros(0, np.int64)
    return np.diff(found, prepend=max(first, 0))


def _after_prefix(a: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The byte before each namespace prefix ending at ``ends`` (the "x" of <x:v>): "<"
    for a start tag, "/" for an end tag."""
    at = ends.copy()
    for _step in range(16):
        letter = ((a[at] | 32) >= ord("a")) & ((a[at] | 32) <= ord("z")) & (at > 0)
        if not letter.any():
            break
        at = np.where(letter, at - 1, at)
    before: np.ndarray = a[at]
    return before


def _copied(f: IO[bytes], excess: np.ndarray) -> int:
    """The bytes of long text the cells of a sheet copy: for each cell showing a shared
    string (t="s"), the excess of that string over LONG_TEXT."""
    total = 0
    pending = False  # a string cell at the end of the last part, its value in this one
    for a, n in _parts(f):
        eq = np.flatnonzero(a[:n] == ord("="))
        eq = eq[eq >= 2]
        quoted = ((a[eq + 1] == ord('"')) | (a[eq + 1] == ord("'"))) & (a[eq + 3] == a[eq + 1])
        strings = eq[quoted & (a[eq - 1] == ord("t")) & (a[eq + 2] == ord("s"))
                     & np.isin(a[eq - 2], (32, 9, 10, 13))]
        values = reading._find(a, n, b"v>")
        values = values[values >= 2]
        start = a[values - 1] == ord("<")
        colon = np.flatnonzero(a[values - 1] == ord(":"))
        start[colon] = _after_prefix(a, values[colon] - 2) == ord("<")  # <x:v>, not </x:v>
        values = values[start] + 2  # where a value's digits start
        if pending:
            strings = np.concatenate(([-1], strings))
        which = np.searchsorted(values, strings)
        pending = bool(len(which)) and which[-1] == len(values)
        digits = values[which[which < len(values)]]
        index = np.zeros(len(digits), np.int64)
        going = np.ones(len(digits), bool)
        for k in range(_DIGITS):
            digit = a[np.minimum(digits + k, len(a) - 1)] - np.uint8(48)
            going &= digit <= 9
            if not going.any():
                break
            index = np.where(going, index * 10 + digit, index)
        index = index[index < len(excess)]  # an index beyond them: the reader says so
        total += int(excess[index].sum())
    return total
