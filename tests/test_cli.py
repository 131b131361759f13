"""The command line: exit codes 0 / 1 / 2, the JSON keys docs/command-line.md promises, no
traceback for any bad input. A few runs go through `python -m planner` in a subprocess; the
rest call planner.cli.main in-process (fast, and monkeypatch can shrink the limits)."""

from __future__ import annotations

import copy
import json
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import BASE, Sheets

import planner
from planner import cli
from planner.inputs import reading

MATERIAL_KEYS = {
    "item_id", "name", "unit", "daily_use", "on_hand", "days_of_cover",
    "days_of_cover_with_orders", "target_days", "status", "top_supplier",
    "top_supplier_share", "top_country", "top_country_share", "supplier_hhi",
    "country_hhi", "suppliers", "over_supplier_cap", "over_country_cap"}


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planner", *map(str, args)],
                          capture_output=True, text=True, timeout=60, check=False)


def main(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def good(make_book: Callable[..., Path]) -> Path:
    return make_book(copy.deepcopy(BASE), "good.xlsx")


@pytest.fixture
def bad(make_book: Callable[..., Path]) -> Path:
    sheets: Sheets = copy.deepcopy(BASE)
    sheets["BOM"][3][2] = "abc"
    sheets["Suppliers"][1][2] = "China"
    return make_book(sheets, "bad.xlsx")


# --- through `python -m planner` ---------------------------------------------------------

def test_check_a_valid_workbook(good: Path) -> None:
    result = run("check", good)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "good.xlsx: valid (9 items, 8 bom, 10 sources, 4 orders)\n"
    assert result.stderr == ""


def test_report_json_has_the_keys_design_lists(good: Path) -> None:
    result = run("report", good, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"as_of", "materials", "items", "country_dependence_by_value"} <= set(data)
    assert data["as_of"] == "2026-11-02"
    assert [m["item_id"] for m in data["materials"]] == ["M1", "M2", "M3", "M4", "M5"]
    for m in data["materials"]:
        assert set(m) >= MATERIAL_KEYS
    m4 = data["materials"][3]
    assert m4["days_of_cover"] is None and m4["days_of_cover_with_orders"] is None
    assert all(set(i) >= {"item_id", "daily_use"} for i in data["items"])
    shares = data["country_dependence_by_value"]
    assert set(shares) == {"CN", "DE", "CL", "MY", "JP"}
    assert sum(shares.values()) == pytest.approx(1.0, rel=1e-9)
    assert 0 < data["materials"][0]["top_country_share"] <= 1  # a fraction, not percent


def test_check_an_invalid_workbook_lists_located_problems(bad: Path) -> None:
    result = run("check", bad)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        'BOM!C4: qty_per must be a positive number, got "abc"\n'
        'Suppliers!C2: country must be an ISO 3166 alpha-2 country code such as CN '
        '(did you mean CN?), got "China"\n'
        "2 problems found; nothing was changed.\n")


def test_a_text_file_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    path.write_text("item_id,name\nM1,NdPr oxide\n")
    result = run("report", path)
    assert result.returncode == 1
    assert result.stderr == ("planner: report.xlsx: not an Excel workbook (.xlsx); save it "
                             "from Excel as .xlsx, or export the sheets as CSV files into a "
                             "folder\n")
    assert result.stdout == ""


def test_writing_into_a_missing_folder_prints_one_line(good: Path, tmp_path: Path) -> None:
    result = run("convert", good, "-o", tmp_path / "nowhere" / "out.xlsx")
    assert result.returncode == 1
    assert result.stderr == "planner: could not write out.xlsx: the folder does not exist\n"


def test_usage_errors_exit_2() -> None:
    result = run()
    assert result.returncode == 2
    assert "usage: planner" in result.stderr and "Traceback" not in result.stderr


# --- through planner.cli.main ------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["frobnicate", "x.xlsx"], ["report"], ["convert", "x.xlsx"], ["report", "x", "--bogus"],
    ["check", "a.xlsx", "b.xlsx"]])
def test_usage(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(args)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: planner") and "error:" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("planner ")


def test_report_text(capsys: pytest.CaptureFixture[str], good: Path) -> None:
    code, out, err = main(capsys, "report", good)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == ("Testwerk GmbH — as of 2026-11-02, horizon 90 days, caps: supplier "
                        "60%, country 60%")
    rows = {line.split()[0]: line for line in lines[4:9]}
    assert set(rows) == {"M1", "M2", "M3", "M4", "M5"}
    assert "no demand" in rows["M4"]
    assert "CRITICAL" in rows["M1"] and "CRITICAL" in rows["M2"] and "SHORT" in rows["M3"]
    assert "supplier/country" in rows["M2"]
    # supplier cap: M2, M4 (single source, no demand), M5; country cap: M1, M2, M4
    assert lines[-2] == ("5 materials: 2 critical, 1 short, 2 ok; 3 over the supplier cap, "
                         "3 over the country cap.")
    assert lines[-1].startswith("Country dependence by value (EUR): CN 69%, DE 15%")


def test_report_prints_warnings_to_stderr(capsys: pytest.CaptureFixture[str],
                                          make_book: Callable[..., Path]) -> None:
    sheets = copy.deepcopy(BASE)
    sheets["Items"][0].append("Notes")
    code, out, err = main(capsys, "report", make_book(sheets))
    assert code == 0
    assert err == 'warning: Items!G1: unknown column "Notes" ignored\n'
    code, out, err = main(capsys, "report", make_book(sheets), "--json")
    assert code == 0 and err == ""
    json.loads(out)


def test_report_of_an_invalid_workbook(capsys: pytest.CaptureFixture[str], bad: Path) -> None:
    code, out, err = main(capsys, "report", bad, "--json")
    assert code == 1 and out == ""
    assert err.endswith("2 problems found; nothing was changed.\n")


def test_convert_between_all_three_forms(capsys: pytest.CaptureFixture[str], good: Path,
                                         tmp_path: Path) -> None:
    steps = [(good, tmp_path / "p.stockpile"), (tmp_path / "p.stockpile", tmp_path / "b.xlsx"),
             (tmp_path / "b.xlsx", tmp_path / "csv"), (tmp_path / "csv", tmp_path / "c.xlsx")]
    for source, target in steps:
        code, out, _ = main(capsys, "convert", source, "-o", target)
        assert code == 0
        assert out == f"wrote {target}\n"
        code, _, _ = main(capsys, "check", target)
        assert code == 0
    original = planner.load(good)
    for _, target in steps:
        assert planner.load(target).equals(original)


def test_convert_an_invalid_input_writes_nothing(capsys: pytest.CaptureFixture[str],
                                                bad: Path, tmp_path: Path) -> None:
    code, _, _ = main(capsys, "convert", bad, "-o", tmp_path / "p.stockpile")
    assert code == 1
    assert not (tmp_path / "p.stockpile").exists()


def test_convert_onto_itself_is_a_usage_error(capsys: pytest.CaptureFixture[str], good: Path
                                             ) -> None:
    before = good.read_bytes()
    code, _, err = main(capsys, "convert", good, "-o", good)
    assert code == 2
    # the words every writing command uses (tests/test_hardening.py: links, all commands)
    assert err == f"planner convert: the output would overwrite the input {good}\n"
    assert good.read_bytes() == before


def test_convert_to_a_folder_where_a_file_is(capsys: pytest.CaptureFixture[str], good: Path,
                                            tmp_path: Path) -> None:
    (tmp_path / "out").write_text("keep me")
    code, _, err = main(capsys, "convert", good, "-o", tmp_path / "out")
    assert code == 1
    assert err == ("planner: could not write out: it is a file; CSV files are written into a "
                   "folder\n")
    assert (tmp_path / "out").read_text() == "keep me"


def test_check_a_project_file_with_problems(capsys: pytest.CaptureFixture[str], good: Path,
                                            tmp_path: Path) -> None:
    project = planner.load(good)
    project.tables["Sources"].loc[0, "share"] = 0.4
    project.forget_layouts()
    planner.export(project, tmp_path / "p.stockpile")
    code, out, err = main(capsys, "check", tmp_path / "p.stockpile")
    assert code == 1 and out == ""
    assert err == ("Sources!C2: the shares of item M1 sum to 0.9, not 1 (allowed: 1 ± 0.005)\n"
                   "1 problem found; nothing was changed.\n")


# --- hostile and broken files ------------------------------------------------------------

def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def refused(capsys: pytest.CaptureFixture[str], path: Path, command: str = "check") -> str:
    code, out, err = main(capsys, command, path)
    assert code == 1
    assert out == ""
    assert err.startswith("planner: ") and err.count("\n") == 1
    return err.removeprefix("planner: ").rstrip("\n")


def test_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert refused(capsys, tmp_path / "nothing.xlsx") == "nothing.xlsx: no such file or folder"
    assert refused(capsys, tmp_path / "gone.stockpile") == "gone.stockpile: no such file"


def test_an_encrypted_workbook(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"  # Excel saves a password-protected .xlsx as OLE
    path.write_bytes(reading.OLE_MAGIC + bytes(4096))
    assert refused(capsys, path, "report") == (
        "locked.xlsx: this is an encrypted workbook or an old .xls file; open it in Excel "
        "and save it as .xlsx without a password")


def test_an_empty_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert refused(capsys, path).startswith("empty.xlsx: not an Excel workbook (.xlsx)")


def test_a_zip_that_is_not_a_workbook(capsys: pytest.CaptureFixture[str],
                                      tmp_path: Path) -> None:
    path = _zip(tmp_path / "photos.xlsx", {"a.jpg": b"\xff\xd8" * 100})
    assert refused(capsys, path) == "photos.xlsx: not an Excel workbook (.xlsx)"


def test_a_damaged_zip(capsys: pytest.CaptureFixture[str], good: Path, tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good.read_bytes()[:600])
    assert refused(capsys, path).startswith("cut.xlsx: the workbook is damaged (")


def test_a_workbook_with_broken_xml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types")
        z.writestr("xl/workbook.xml", "<workbook><sheets><sheet name='Items'")
    assert refused(capsys, path).startswith("broken.xlsx: the workbook cannot be read (")


def test_a_zip_bomb_by_ratio(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A member of 12 MB that compresses ~1000:1 is refused before any XML is parsed."""
    path = _zip(tmp_path / "bomb.xlsx", {
        "[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
        "xl/worksheets/sheet1.xml": b"<c>" + b"0" * (12 * 2**20) + b"</c>"})
    message = refused(capsys, path)
    assert message.startswith("bomb.xlsx: xl/worksheets/sheet1.xml inflates 12 MB from ")
    assert message.endswith(" KB; refused as a zip bomb")


def _rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            zout.writestr(name, change(name, zin.read(name)))
    return target


def test_a_member_inflating_past_its_declared_size(capsys: pytest.CaptureFixture[str],
                                                   good: Path, tmp_path: Path) -> None:
    """A forged header declares 1,000 bytes for a sheet of 12 MB: the size check passes,
    and reading stops at the declared size, where the checksum fails."""
    rows = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>M{i}</t></is></c></row>'
                   for i in range(2, 200_000))

    def grow(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        return data.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
    path = _rewrite(good, tmp_path / "forged.xlsx", grow)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    assert info.file_size > 10 * 2**20
    struct.pack_into("<I", raw, info.header_offset + 22, 1000)  # local header
    central = raw.index(b"PK\x01\x02")  # central directory entries, to ours
    while raw[central + 46:central + 46 + len(info.filename)] != info.filename.encode():
        central = raw.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", raw, central + 24, 1000)  # central directory
    path.write_bytes(bytes(raw))
    with zipfile.ZipFile(path) as z:
        assert z.getinfo("xl/worksheets/sheet1.xml").file_size == 1000
    assert refused(capsys, path) == ("forged.xlsx: the workbook is damaged (Bad CRC-32 for "
                                     "file 'xl/worksheets/sheet1.xml')")


def test_xml_entities_are_not_expanded(capsys: pytest.CaptureFixture[str], good: Path,
                                       tmp_path: Path) -> None:
    """A billion laughs in a sheet: refused at once, nothing expanded."""
    entities = "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    doctype = f'<!DOCTYPE x [<!ENTITY a0 "lol">{entities}]>'.encode()

    def laugh(name: str, data: bytes) -> bytes:
        if name not in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"):
            return data
        end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
        return data[:end] + doctype + data[end:].replace(b"Traction motor", b"&a9;")
    path = _rewrite(good, tmp_path / "laughs.xlsx", laugh)
    assert refused(capsys, path) == (
        "laughs.xlsx: xl/worksheets/sheet1.xml declares XML entities, which Excel never "
        "writes (a way to make a small file expand to gigabytes); refused")


def _with_cell(source: Path, target: Path, ref: str, sheet: str = "Items") -> Path:
    wb = openpyxl.load_workbook(source)
    wb[sheet][ref] = "x"
    wb.save(target)
    return target


@pytest.mark.parametrize(("ref", "corner"), [("XFD1048576", "XFD1048576"),
                                             ("A1048576", "F1048576"), ("XFD300", "XFD300")])
def test_a_stray_cell_far_from_the_data(capsys: pytest.CaptureFixture[str], good: Path,
                                        tmp_path: Path, ref: str, corner: str) -> None:
    """One cell at XFD1048576 in a 6 KB file would make the reader lay out 17 billion
    cells: refused at once, naming the cell."""
    path = _with_cell(good, tmp_path / "stray.xlsx", ref)
    started = time.perf_counter()
    message = refused(capsys, path)
    assert time.perf_counter() - started < 2
    assert message == (f"stray.xlsx: sheet Items reaches cell {corner} but holds 57 cells; "
                       "delete the cells beyond the data (Ctrl+End in Excel shows the last "
                       "one) and save again")


def test_cells_a_little_beyond_the_data_are_read(capsys: pytest.CaptureFixture[str],
                                                 good: Path, tmp_path: Path) -> None:
    path = _with_cell(good, tmp_path / "note.xlsx", "Z2000")  # a note far right and below
    code, _, err = main(capsys, "check", path)
    assert code == 1  # read, then refused for what it is: a row without its values
    assert "Items!A2000: item_id is required" in err


def test_a_row_height_set_far_below_the_data_is_fine(capsys: pytest.CaptureFixture[str],
                                                    good: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(good)
    wb["Items"].row_dimensions[1048576].height = 30
    wb.save(tmp_path / "tall.xlsx")
    with zipfile.ZipFile(tmp_path / "tall.xlsx") as z:
        assert b'<row r="1048576"' in z.read("xl/worksheets/sheet1.xml")
    code, _, err = main(capsys, "check", tmp_path / "tall.xlsx")
    assert (code, err) == (0, "")


@pytest.mark.parametrize("chunk", [64, 1000, 65536])
def test_the_extent_scan_across_chunk_boundaries(capsys: pytest.CaptureFixture[str],
                                                 good: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 chunk: int) -> None:
    monkeypatch.setattr(reading, "_SCAN_CHUNK", chunk)
    code, _, err = main(capsys, "check", good)
    assert (code, err) == (0, "")
    path = _with_cell(good, tmp_path / "stray.xlsx", "XFD1048576", "Sources")
    assert "reaches cell XFD1048576" in refused(capsys, path)


def test_cells_without_references_are_counted_per_row(capsys: pytest.CaptureFixture[str],
                                                      good: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Cells may omit r="A1": a reader places them side by side, so 3,000 of them in one
    row make the sheet 3,000 columns wide."""
    wide = b'<row r="20">' + b"<c><v>1</v></c>" * 3000 + b"</row>"

    def widen(name: str, data: bytes) -> bytes:
        return data.replace(b"</sheetData>", wide + b"</sheetData>") if (
            name == "xl/worksheets/sheet1.xml") else data
    path = _rewrite(good, tmp_path / "wide.xlsx", widen)
    monkeypatch.setattr(reading, "MAX_CELLS", 50_000)
    monkeypatch.setattr(reading, "_SCAN_CHUNK", 4096)  # the row spans several chunks
    assert refused(capsys, path) == (
        "wide.xlsx: sheet Items spans 20 rows × 3,000 columns (60,000 cells); the limit is "
        "50,000 cells")


@pytest.mark.parametrize("ref", [b"A0000000000001", b"AAAA1", b"A99999999999"])
def test_references_beyond_any_sheet(capsys: pytest.CaptureFixture[str], good: Path,
                                     tmp_path: Path, ref: bytes) -> None:
    def far(name: str, data: bytes) -> bytes:
        return data.replace(b'r="A2"', b'r="' + ref + b'"', 1) if (
            name == "xl/worksheets/sheet1.xml") else data
    message = refused(capsys, _rewrite(good, tmp_path / "far.xlsx", far))
    assert message.startswith("far.xlsx: sheet Items reaches ")


def test_a_workbook_inflating_beyond_the_limit(capsys: pytest.CaptureFixture[str], good: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_UNCOMPRESSED_BYTES", 4096)
    message = refused(capsys, good)
    assert message.startswith("good.xlsx: the workbook inflates to ")
    assert message.endswith(" MB; the limit is 0 MB")


def test_a_file_too_large(capsys: pytest.CaptureFixture[str], good: Path,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 1000)
    assert refused(capsys, good).startswith("good.xlsx: the file is ")


def test_a_sheet_with_too_many_rows(capsys: pytest.CaptureFixture[str], good: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_ROWS", 5)
    assert refused(capsys, good) == "good.xlsx: sheet Items has 10 rows; the limit is 5"
    monkeypatch.setattr(reading, "MAX_ROWS", 2_000_000)
    monkeypatch.setattr(reading, "MAX_CELLS", 59)  # Items: 10 rows × 6 columns
    assert refused(capsys, good) == ("good.xlsx: sheet Items spans 10 rows × 6 columns (60 "
                                     "cells); the limit is 59 cells")


def test_a_folder_without_csv_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert refused(capsys, tmp_path / "empty") == (
        "empty: the folder holds no CSV files (Items.csv, BOM.csv, ...)")


def test_a_binary_file_named_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "Items.csv").write_bytes(b"\x00\x01\x02PK" * 100)
    assert refused(capsys, folder) == "Items.csv: not a text CSV file"


def test_a_csv_line_of_millions_of_fields(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    """5 MB of commas would be 5 million strings in one row: refused before parsing."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "Items.csv").write_text("item_id,name,kind,unit\nM1,Nd,material,kg\n"
                                      + "," * 5_000_000 + "\nM2,Dy,material,kg\n")
    started = time.perf_counter()
    assert refused(capsys, folder) == ("Items.csv: line 3 has 5,000,001 fields; the limit is "
                                       "1,000 columns")
    assert time.perf_counter() - started < 3


def test_a_csv_file_of_millions_of_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "Items.csv").write_text("item_id,name,kind,unit\r" + "\r" * 2000)  # old Mac
    monkeypatch.setattr(reading, "MAX_ROWS", 1000)
    assert refused(capsys, folder) == "Items.csv: 2,001 lines; the limit is 1,000 rows"


def test_a_csv_file_with_many_fields_in_all_is_fine(capsys: pytest.CaptureFixture[str],
                                                    good: Path, tmp_path: Path) -> None:
    """Thousands of commas over many lines are no reason to refuse (only one long line)."""
    project = planner.load(good)
    items = project.tables["Items"]
    extra = items.iloc[[0] * 600].copy()
    extra["item_id"] = [f"X{i}" for i in range(600)]
    project.tables["Items"] = pd.concat([items, extra], ignore_index=True)
    planner.export(project, tmp_path / "csv")
    code, _, err = main(capsys, "check", tmp_path / "csv")
    assert (code, err) == (0, "")


def test_an_unexpected_error_is_one_line_not_a_traceback(
        capsys: pytest.CaptureFixture[str], good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")
    monkeypatch.setattr("planner.results.compute", boom)
    code, _, err = main(capsys, "report", good)
    assert code == 3
    assert err == ("planner: internal error: RuntimeError: boom\n"
                   "This is a bug in Stockpile Planner; please report it with the file.\n")


def test_a_long_plan_shows_its_progress_on_stderr(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan that takes longer than a second says how far it is, on stderr only (the
    JSON on stdout stays clean); a quick one says nothing."""
    import runpy

    from planner.inputs import storage

    bench = runpy.run_path(str(Path(__file__).resolve().parents[1] / "benchmarks" / "plan.py"),
                           run_name="plan_benchmark")
    path = tmp_path / "big.stockpile"
    storage.save(bench["build_project"](materials=300, seed=3), path)
    from planner.cli import ProgressLine

    # within its first second (here: an hour, so that a busy machine changes nothing) a
    # plan says nothing
    real_init = ProgressLine.__init__
    monkeypatch.setattr(ProgressLine, "__init__",
                        lambda self, sentence, after=1.0: real_init(self, sentence, 3600.0))
    code, out, err = main(capsys, "plan", path, "--json")
    assert code == 0 and "planning:" not in err
    monkeypatch.setattr(ProgressLine, "__init__", _reporting_at_once)
    code, out, err = main(capsys, "plan", path, "--json")
    assert code == 0 and json.loads(out)["lines"]
    lines = [line for line in err.splitlines() if line.startswith("planning:")]
    assert lines and lines[-1].endswith("materials solved")
    done, total = (int(n.replace(",", "")) for n in lines[0].split()[1::2][:2])
    assert 0 <= done <= total


def _reporting_at_once(self: object, sentence: str, after: float = 1.0) -> None:
    self.__dict__.update(sentence=sentence, after=0.0, started=-1e9, printed=False,
                         last=-float("inf"))
