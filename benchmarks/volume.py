"""Volume benchmark: `planner check` on inputs at the reading limits (issue 11).

    python benchmarks/volume.py [--rows N] [--shared-mb N] [--keep DIR] [--only rows|shared]

1. **Warnings on every row.** A template workbook whose Items sheet sits on the row limit
   (``MAX_ROWS`` rows with its header: 1,999,999 items), every item a material without
   Sources rows, so each row gives one warning of the same kind. ``planner check`` runs as a
   process with its output sent to files, and the benchmark prints its time, its peak
   memory and how many lines it printed.
2. **A large shared text.** A workbook with few cells (one Items row per shared string of
   4,000 characters, in a column the template does not have), whose shared text
   (``xl/sharedStrings.xml``: every text a cell shows, stored once) is ``--shared-mb`` MB
   inflated (952 by default, under the 1 GB the whole workbook may inflate to) and about 50
   times less on disk; then one whose shared text is just within the limit. The reader
   loads all of it as soon as it opens a workbook. The benchmark prints the time, the peak
   memory and the first line printed.

Both files are written by hand with zipfile (a few seconds, not the minutes of a
general-purpose writer) and kept in the system's temporary folder, or in ``--keep DIR``.

Targets: warnings of one kind are summarised after the first few, so that the 2 million
warnings print a handful of lines; a workbook whose shared text is over the limit
(``MAX_SHARED_TEXT_BYTES``) is refused before the reader opens it, in about the memory of
the start-up.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))  # engine.py, also when imported by the tests

from engine import PEAK  # noqa: E402 - the peak-memory wrapper of the engine benchmark

from planner.core.errors import column_letter  # noqa: E402
from planner.inputs import reading  # noqa: E402

TARGET_LINES = 20  # lines `planner check` may print for 2 million warnings of one kind
SHARED_STRING_CHARS = 4_000  # each shared text: 3,900 repeated letters, 100 random ones


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}"
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>")
SHEET_TYPE = ('<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
              'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def write_workbook(path: Path, sheets: dict[str, list[list[object]]],
                   shared: Iterable[str] = (), shared_count: int = 0) -> None:
    """A minimal .xlsx as Excel lays it out: every text a shared string, numbers as
    numbers, every cell with its reference. ``shared``: ``shared_count`` texts streamed
    first into the shared strings, shown by cells given as ``(n,)``; the sheets' own texts
    follow them."""
    strings: dict[str, int] = {}

    def index(text: str) -> int:
        return strings.setdefault(text, shared_count + len(strings))

    def sheet_xml(rows: list[list[object]]) -> Iterator[str]:
        yield (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<worksheet xmlns="{MAIN}"><sheetData>')
        letters = [column_letter(j) for j in range(max(map(len, rows), default=0))]
        for r, row in enumerate(rows, start=1):
            cells = []
            for j, value in enumerate(row):
                ref = f"{letters[j]}{r}"
                if isinstance(value, tuple):
                    cells.append(f'<c r="{ref}" t="s"><v>{value[0]}</v></c>')
                elif isinstance(value, str):
                    cells.append(f'<c r="{ref}" t="s"><v>{index(value)}</v></c>')
                elif value is not None:
                    cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            yield f'<row r="{r}">{"".join(cells)}</row>'
        yield "</sheetData></worksheet>"

    names = list(sheets)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.format(
            sheets="".join(SHEET_TYPE.format(n=n) for n in range(1, len(names) + 1))))
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook '
            f'xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>' + "".join(
                f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>'
                for n, name in enumerate(names, start=1)) + "</sheets></workbook>"))
        z.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(
                f'<Relationship Id="rId{n}" Type="{RELS}/worksheet" '
                f'Target="worksheets/sheet{n}.xml"/>' for n in range(1, len(names) + 1))
            + f'<Relationship Id="rId{len(names) + 1}" Type="{RELS}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>'))
        for n, name in enumerate(names, start=1):
            with z.open(f"xl/worksheets/sheet{n}.xml", "w", force_zip64=True) as f:
                for part in _chunks(sheet_xml(sheets[name])):
                    f.write(part)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            total = shared_count + len(strings)
            f.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst '
                    f'xmlns="{MAIN}" count="{total}" uniqueCount="{total}">'.encode())
            texts = itertools.chain(shared, strings)  # a dict keeps the order of insertion
            for part in _chunks(f"<si><t>{escape(t)}</t></si>" for t in texts):
                f.write(part)
            f.write(b"</sst>")


def _chunks(parts: Iterable[str], size: int = 2**22) -> Iterator[bytes]:
    """The texts joined and encoded, about ``size`` characters at a time."""
    buffer: list[str] = []
    length = 0
    for part in parts:
        buffer.append(part)
        length += len(part)
        if length >= size:
            yield "".join(buffer).encode()
            buffer, length = [], 0
    yield "".join(buffer).encode()


HEADERS = {"Items": ["item_id", "name", "kind", "unit"], "Demand": ["item_id", "quantity", "per"],
           "Stock": ["item_id", "on_hand"], "Suppliers": ["supplier_id", "name", "country"],
           "Sources": ["item_id", "supplier_id", "share"]}
SETTINGS = [["key", "value"], ["as_of_date", "2026-07-01"]]


def materials_workbook(path: Path, items: int) -> None:
    """``items`` materials, none with Sources rows: a warning each."""
    rows: list[list[object]] = [HEADERS["Items"]]
    rows += [[f"M{i:07d}", f"Material {i:07d}", "material", "kg"] for i in range(1, items + 1)]
    sheets = {name: [header] for name, header in HEADERS.items()}
    sheets["Items"] = rows
    sheets["Settings"] = SETTINGS
    write_workbook(path, sheets)


def shared_text_workbook(path: Path, megabytes: int) -> int:
    """A workbook whose shared strings inflate to about ``megabytes`` MB, each shown once,
    in a column of Items the template does not have (read, then ignored with a warning);
    returns the size of the shared strings part."""
    count = megabytes * 2**20 // (SHARED_STRING_CHARS + len("<si><t></t></si>"))
    filler = "x" * (SHARED_STRING_CHARS - 100)

    def texts() -> Iterator[str]:
        random = b""
        for i in range(count):
            if i % 4096 == 0:
                random = os.urandom(50 * 4096)
            at = (i % 4096) * 50
            yield filler + random[at:at + 50].hex()

    rows: list[list[object]] = [[*HEADERS["Items"], "notes"]]
    rows += [[i, "Material", "material", "kg", (i - 1,)] for i in range(1, count + 1)]
    sheets = {name: [header] for name, header in HEADERS.items()}
    sheets["Items"] = rows
    sheets["Settings"] = SETTINGS
    write_workbook(path, sheets, texts(), count)
    with zipfile.ZipFile(path) as z:
        return z.getinfo("xl/sharedStrings.xml").file_size


def check(path: Path, folder: Path) -> tuple[float, int, int, list[str], int]:
    """(seconds, exit code, peak resident MB, the first three and the last two lines of
    stderr, the number of its lines) of `planner check path` in a fresh process, its output
    in files."""
    err_path = folder / "stderr.txt"
    with err_path.open("wb") as err, (folder / "stdout.txt").open("wb") as out:
        t0 = time.perf_counter()
        code = subprocess.run([sys.executable, "-c", PEAK, "module", "planner", "check",
                               str(path)], stdout=out, stderr=err, check=False,
                              cwd=ROOT).returncode
        seconds = time.perf_counter() - t0
    head: list[str] = []
    tail: list[str] = []
    lines = 0
    peak = 0
    with err_path.open(encoding="utf-8", errors="replace") as err:
        for text in err:
            if text.startswith("PEAK_KB "):
                peak = int(text.split()[1]) // 1024
                continue
            if not text.strip():  # the blank line PEAK writes before its figure
                continue
            lines += 1
            (head if len(head) < 3 else tail).append(text.rstrip("\n"))
            del tail[:-2]
    return seconds, code, peak, head + (["..."] if lines > 5 else []) + tail, lines


def line(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<44} {value:>12}  {note}".rstrip())


def run_rows(folder: Path, rows: int) -> bool:
    path = folder / f"materials-{rows}.xlsx"
    if not path.exists():
        t0 = time.perf_counter()
        materials_workbook(path, rows - 1)
        print(f"  (wrote {path.name}, {path.stat().st_size / 2**20:.0f} MB, in "
              f"{time.perf_counter() - t0:.0f} s)")
    seconds, code, peak, head, lines = check(path, folder)
    print(f"planner check on {rows - 1:,} materials without Sources rows "
          f"({rows:,} rows in Items with its header)")
    line("time, Python start-up included", f"{seconds:.1f} s", f"exit {code}")
    line("peak resident memory", f"{peak:,} MB")
    ok = code == 0 and lines <= TARGET_LINES
    line("lines on stderr", f"{lines:,}", f"target <= {TARGET_LINES}: "
         + ("meets target" if ok else "MISSES TARGET"))
    for text in head:
        print(f"    {text[:120]}")
    return ok


def run_shared(folder: Path, megabytes: int) -> bool:
    """`planner check` on a workbook of ``megabytes`` MB of shared text, then on one just
    within the limit."""
    limit = reading.MAX_SHARED_TEXT_BYTES
    ok = True
    for size_mb in (megabytes, limit // 2**20 - 1):
        path = folder / f"shared-{size_mb}.xlsx"
        if not path.exists():
            t0 = time.perf_counter()
            shared_text_workbook(path, size_mb)
            print(f"  (wrote {path.name}, {path.stat().st_size / 2**20:.0f} MB, in "
                  f"{time.perf_counter() - t0:.0f} s)")
        with zipfile.ZipFile(path) as z:
            size = z.getinfo("xl/sharedStrings.xml").file_size
        seconds, code, peak, head, _ = check(path, folder)
        over = size > limit
        print(f"planner check on a workbook of {size / 2**20:,.0f} MB of shared text "
              f"({path.stat().st_size / 2**20:,.0f} MB on disk)")
        line("time, Python start-up included", f"{seconds:.1f} s", f"exit {code}")
        line("peak resident memory", f"{peak:,} MB",
             "over the limit: refused before it is read" if over else
             f"{peak * 2**20 / size:.1f} bytes per byte of shared text")
        for text in head[:1]:
            print(f"    {text[:160]}")
        ok &= code == 1 if over else code == 0
        print()
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=reading.MAX_ROWS,
                        help="rows of the Items sheet, its header included")
    parser.add_argument("--shared-mb", type=int, default=952)
    parser.add_argument("--keep", help="keep the workbooks in this folder")
    parser.add_argument("--only", choices=("rows", "shared"))
    args = parser.parse_args(argv)
    folder = Path(args.keep) if args.keep else Path(tempfile.gettempdir()) / "planner-volume"
    folder.mkdir(parents=True, exist_ok=True)
    ok = True
    if args.only in (None, "rows"):
        ok &= run_rows(folder, args.rows)
    if args.only in (None, "shared"):
        print()
        ok &= run_shared(folder, args.shared_mb)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
