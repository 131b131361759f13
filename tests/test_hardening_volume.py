"""Inputs at the volume limits: millions of warnings of one kind are summarised after the
first few wherever they are printed, and a workbook's shared text is bounded before the
reader loads it (benchmarks/volume.py measures both at full size)."""

from __future__ import annotations

import copy
import datetime as dt
import runpy
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import AS_OF, BASE, Sheets

import planner
from planner import cli
from planner.core.errors import InputError
from planner.inputs import reading

VOLUME = runpy.run_path(str(Path(__file__).resolve().parents[1] / "benchmarks" / "volume.py"))
NO_SOURCES = "has no Sources rows; its supply exposure cannot be computed"


def check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str, str]:
    code = cli.main(["check", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def with_materials(count: int) -> Sheets:
    """The base project with ``count`` more materials, none with Sources rows (rows 11 on)."""
    sheets = copy.deepcopy(BASE)
    sheets["Items"] += [[f"X{i:02d}", f"Extra {i}", "material", "kg", None, None]
                        for i in range(1, count + 1)]
    return sheets


def test_many_warnings_of_one_kind_print_the_first_ten_and_a_count(
        capsys: pytest.CaptureFixture[str], make_book: Callable[..., Path]) -> None:
    code, out, err = check(capsys, make_book(with_materials(30)))
    assert code == 0
    assert out == "input.xlsx: valid (39 items, 8 bom, 10 sources, 4 orders)\n"
    assert err == "".join(
        f"warning: Items!A{10 + i}: material X{i:02d} {NO_SOURCES}\n" for i in range(1, 11)
    ) + "warning: Items: and 20 more like these in column item_id\n"


def test_two_kinds_are_summarised_separately_and_a_small_kind_is_listed_whole(
        capsys: pytest.CaptureFixture[str], make_book: Callable[..., Path]) -> None:
    """Orders without a Sources row (25, column supplier_id) are counted apart from the
    materials without Sources rows (13, column item_id); eleven of a kind are all listed,
    as a line counting the eleventh would say no less than the problem itself."""
    sheets = with_materials(13)
    sheets["Orders"] += [["M1", "S5", 10 + i, AS_OF + dt.timedelta(days=i)]
                         for i in range(1, 26)]
    sheets["Items"][0].append("note")  # an unknown column: one warning of its own kind
    code, _, err = check(capsys, make_book(sheets))
    assert code == 0
    assert err.splitlines() == [
        'warning: Items!G1: unknown column "note" ignored',
        *(f"warning: Items!A{10 + i}: material X{i:02d} {NO_SOURCES}" for i in range(1, 11)),
        "warning: Items: and 3 more like these in column item_id",
        *(f"warning: Orders!B{5 + i}: no Sources row for M1 from S5" for i in range(1, 11)),
        "warning: Orders: and 15 more like these in column supplier_id"]
    sheets["Items"] = sheets["Items"][:-2]  # 11 materials without Sources rows
    code, _, err = check(capsys, make_book(sheets, "eleven.xlsx"))
    assert [line for line in err.splitlines() if line.startswith("warning: Items")] == [
        'warning: Items!G1: unknown column "note" ignored',
        *(f"warning: Items!A{10 + i}: material X{i:02d} {NO_SOURCES}" for i in range(1, 12))]


def test_errors_are_summarised_and_the_count_line_counts_them_all(
        capsys: pytest.CaptureFixture[str], make_book: Callable[..., Path]) -> None:
    """Bad numbers with different values are of one kind; unknown items another; the count
    line and the error's own text give every error."""
    sheets = copy.deepcopy(BASE)
    sheets["Demand"] += [["P1", f"lots {i}", "week"] for i in range(1, 24)]
    sheets["Stock"] += [["Z1", 1, None, None], ["Z2", 1, None, None]]
    path = make_book(sheets)
    code, out, err = check(capsys, path)
    assert (code, out) == (1, "")
    expected = [
        *(f'Demand!B{4 + i}: quantity must be a number, got "lots {i}"' for i in range(1, 11)),
        "Demand: and 13 more like these in column quantity"]
    assert err.splitlines() == [*expected, "23 problems found; nothing was changed."]
    sheets["Demand"] = sheets["Demand"][:4]  # the bad numbers gone, the unknown items seen
    code, _, err = check(capsys, make_book(sheets, "unknown.xlsx"))
    assert err.splitlines() == ['Stock!A7: unknown item "Z1"', 'Stock!A8: unknown item "Z2"',
                                "2 problems found; nothing was changed."]
    sheets["Stock"] += [[f"Z{i}", 1, None, None] for i in range(3, 16)]
    with pytest.raises(InputError) as caught:
        planner.load(make_book(sheets, "more.xlsx"))
    assert len(caught.value.problems) == 15
    assert str(caught.value).splitlines() == [
        "15 problems in the input:",
        *(f'Stock!A{6 + i}: unknown item "Z{i}"' for i in range(1, 11)),
        "Stock: and 5 more like these in column item_id"]


# --- the shared text: bounded before the reader loads it -----------------------------------

def test_a_workbook_whose_shared_text_is_over_the_limit_is_refused_unread(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader loads the whole shared text when it opens a workbook, and every cell
    showing a text copies it (952 MB of it took 3.1 GB): at the limit the workbook is read,
    one byte over it is refused before anything is parsed, naming both sizes."""
    path = tmp_path / "materials.xlsx"
    VOLUME["materials_workbook"](path, 40)
    with zipfile.ZipFile(path) as z:
        size = z.getinfo("xl/sharedStrings.xml").file_size
    monkeypatch.setattr(reading, "MAX_SHARED_TEXT_BYTES", size)
    code, out, _ = check(capsys, path)
    assert (code, out) == (0, "materials.xlsx: valid (40 items, 0 bom, 0 sources, 0 orders)\n")
    monkeypatch.setattr(reading, "MAX_SHARED_TEXT_BYTES", size - 1)
    code, out, err = check(capsys, path)
    assert (code, out) == (1, "")
    assert err == (
        f"planner: materials.xlsx: the workbook's shared text (the texts of its cells, stored "
        f"once for all its sheets) is {size / 2**10:,.0f} KB, over the "
        f"{(size - 1) / 2**10:,.0f} KB this program reads; keep only the template's sheets "
        "and columns and save it again, or save each template sheet as a CSV file into a "
        "folder\n")


def test_the_shared_text_is_found_whatever_the_case_of_its_name(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader finds xl/SharedStrings.XML as well (its name is matched ignoring case), so
    the limit holds for it too: 3 MB of shared text against a limit of 1 MB."""
    path = tmp_path / "cased.xlsx"
    texts = (f"<si><t>Material {i:07d} {i * 7919 % 100_003:06d}</t></si>" for i in range(75_000))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/SharedStrings.XML", "<sst>" + "".join(texts) + "</sst>")
    monkeypatch.setattr(reading, "MAX_SHARED_TEXT_BYTES", 2**20)
    code, _, err = check(capsys, path)
    assert code == 1
    assert err.startswith("planner: cased.xlsx: the workbook's shared text (the texts of its "
                          "cells, stored once for all its sheets) is 3 MB, over the 1 MB "
                          "this program reads; ")
