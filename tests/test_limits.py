"""Limits on what is read, and the memory the largest accepted input takes.

The limits (planner/reading.py) are shrunk here so that files of a few MB sit on them:
exactly at a limit is read, one over is refused with a message naming both numbers, before
anything is parsed. test_cli.py covers the hostile shapes (zip bombs by ratio, a stray
cell far away, a line of millions of fields).

Memory is measured as the peak resident size (VmHWM) of `planner check` in its own
process, against the same process checking a five-item workbook. The bound: 250 bytes per
cell of the input. Reading keeps each cell as a Python object in a list (a float is 24
bytes, a short str 50-60, the list slot 8) and then builds one typed column at a time; a
measurement on this 390,000-cell workbook gives about 90 bytes per cell, so 250 leaves
room for allocator slack, not for a second copy of the sheet. A file refused at a limit is
refused while streaming the archive in 1 MB parts, and takes less than 40 MB beyond the
baseline whatever its size.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from test_crash_safety import synthetic

from planner import cli
from planner.inputs import reading
from planner.inputs.template import write_csv_folder, write_workbook

ROWS = 12_000  # items; the largest sheet has ROWS + 1 rows with its header
DATA = Path(__file__).resolve().parent / "data"

PEAK = """
import sys
from planner import cli
from planner.inputs import reading
reading.MAX_ROWS = int(sys.argv[2])
code = cli.main(["check", sys.argv[1]])
peak = next(int(line.split()[1]) for line in open("/proc/self/status")
            if line.startswith("VmHWM:"))
print(f"PEAK {code} {peak}", file=sys.stderr)
"""


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    """A workbook and a CSV folder of ROWS items (ROWS + 1 rows in Items), and their
    number of cells."""
    folder = tmp_path_factory.mktemp("big")
    project = synthetic(ROWS, seed=10)
    write_workbook(project, folder / "big.xlsx")
    write_csv_folder(project, folder / "big_csv")
    cells = sum(frame.size + len(frame.columns) for frame in project.tables.values())
    return folder / "big.xlsx", folder / "big_csv", cells


def peak_kb(path: Path, max_rows: int) -> tuple[int, int]:
    """(exit code, peak resident KB) of `planner check path` with MAX_ROWS = max_rows."""
    done = subprocess.run([sys.executable, "-c", PEAK, str(path), str(max_rows)],
                          capture_output=True, text=True, timeout=120, check=False)
    last = done.stderr.strip().splitlines()[-1].split()
    assert last[0] == "PEAK" and "Traceback" not in done.stderr, done.stderr[-2000:]
    return int(last[1]), int(last[2])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("form", ["xlsx", "csv"])
def test_the_largest_accepted_input_takes_bounded_memory(big: tuple[Path, Path, int],
                                                         form: str) -> None:
    book, folder, cells = big
    path = book if form == "xlsx" else folder
    code, baseline = peak_kb(DATA / "good" / "title_rows.xlsx", ROWS + 1)
    assert code == 0
    code, accepted = peak_kb(path, ROWS + 1)  # Items sits exactly on the row limit
    assert code == 0
    per_cell = (accepted - baseline) * 1024 / cells
    assert per_cell < 250, f"{per_cell:.0f} bytes per cell ({accepted - baseline} KB)"
    code, refused = peak_kb(path, ROWS)  # one row over: refused before parsing
    assert code == 1
    assert refused - baseline < 40 * 1024, f"{refused - baseline} KB to refuse"


# --- each limit: at it, read; one over, refused with both numbers ---------------------------

def check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str]:
    code = cli.main(["check", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, err


def test_the_row_limit(capsys: pytest.CaptureFixture[str], big: tuple[Path, Path, int],
                       monkeypatch: pytest.MonkeyPatch) -> None:
    book, folder, _ = big
    monkeypatch.setattr(reading, "MAX_ROWS", ROWS + 1)
    assert check(capsys, book)[0] == 0
    assert check(capsys, folder)[0] == 0
    monkeypatch.setattr(reading, "MAX_ROWS", ROWS)
    assert check(capsys, book) == (
        1, f"planner: big.xlsx: sheet Items has {ROWS + 1:,} rows; the limit is {ROWS:,}\n")
    assert check(capsys, folder) == (
        1, f"planner: Items.csv: {ROWS + 1:,} lines; the limit is {ROWS:,} rows\n")


def test_the_file_size_limit(capsys: pytest.CaptureFixture[str], big: tuple[Path, Path, int],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    book, folder, _ = big
    size = book.stat().st_size
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", size)
    assert check(capsys, book)[0] == 0
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", size - 1)
    code, err = check(capsys, book)
    assert code == 1
    assert err == (f"planner: big.xlsx: the file is {size / 2**20:,.0f} MB; the limit is "
                   f"{(size - 1) / 2**20:,.0f} MB\n")
    items = (folder / "Items.csv").stat().st_size
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", items - 1)
    assert check(capsys, folder) == (
        1, f"planner: Items.csv: the file is {items / 2**20:,.0f} MB; the limit is "
           f"{(items - 1) / 2**20:,.0f} MB\n")


def test_the_uncompressed_size_limit(capsys: pytest.CaptureFixture[str],
                                     big: tuple[Path, Path, int],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    book, _, _ = big
    with zipfile.ZipFile(book) as z:
        total = sum(info.file_size for info in z.infolist())
    monkeypatch.setattr(reading, "MAX_UNCOMPRESSED_BYTES", total)
    assert check(capsys, book)[0] == 0
    monkeypatch.setattr(reading, "MAX_UNCOMPRESSED_BYTES", total - 1)
    assert check(capsys, book) == (
        1, f"planner: big.xlsx: the workbook inflates to {total / 2**20:,.0f} MB; the limit "
           f"is {(total - 1) / 2**20:,.0f} MB\n")


def test_unknown_sheets_are_not_read(tmp_path: Path, big: tuple[Path, Path, int]) -> None:
    """A big sheet of the user's own beside the template's is only warned about: its cells
    are never laid out in memory (the extent checks still apply to it)."""
    book, _, _ = big
    target = tmp_path / "with_data.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(target, "w",
                                                       zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b'name="Items"', b'name="Raw data"')
            out.writestr(item.filename, data)
    book_read = reading.read_book(target)
    assert book_read.sheets["Raw data"].rows == []
    assert len(book_read.sheets["Sources"].rows) > ROWS // 2
