"""Ids that look alike but are not the same text: each is refused, warned about or read as
the id it looks like, wherever it is typed (a workbook, a folder of CSV files, a project
file) and whichever column holds it (an item or supplier id, or a reference to one).

- a line break or a bidirectional control (a right-to-left override, a left-to-right mark)
  in an id is an error: the id would not read the same from one program to the next;
- another invisible character (a zero-width space, a soft hyphen) is kept, with a warning,
  so that a reference that does not match can be understood;
- an id typed with a separate accent ("Cafe" and U+0301) is the id typed with an accented
  letter ("Café"): one id, so it matches, and twice in Items it is a duplicate.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from conftest import BASE, Sheets, write_book

import planner
from planner import cli
from planner.core.errors import InputError
from planner.inputs import storage
from planner.inputs.editing import parse_value

NFC = "G\u00e9"  # "Gé", the accented letter
NFD = "Ge\u0301"  # "Gé", an e and a combining acute accent
VALID = "(9 items, 8 bom, 10 sources, 4 orders)"
REFUSED_TAIL = "an id must be on one line, retype it"
BIDI_TAIL = "ids must read the same everywhere, retype it"


def _sheets() -> Sheets:
    return copy.deepcopy(BASE)


def _csv_folder(folder: Path, sheets: Sheets) -> Path:
    """Every sheet as a UTF-8 CSV file, as a user's export writes it."""
    folder.mkdir()
    for name, rows in sheets.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([[v.isoformat() if isinstance(v, dt.date) else v
                                      for v in row] for row in rows])
    return folder


def _check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str, str]:
    code = cli.main(["check", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def _refused(*lines: str) -> str:
    """What `planner check` prints on stderr for these problems (errors and warnings)."""
    errors = sum(not line.startswith("warning: ") for line in lines)
    return "".join(line + "\n" for line in lines) + (
        f"{errors} problem{'s' if errors != 1 else ''} found; nothing was changed.\n")


def _replace_id(sheets: Sheets, old: str, new: str, where: tuple[str, ...]) -> None:
    """Every cell holding the id ``old`` in the sheets named, typed as ``new``."""
    for name in where:
        for row in sheets[name][1:]:
            row[:] = [new if v == old else v for v in row]


# --- line breaks -----------------------------------------------------------------------

@pytest.mark.parametrize(("char", "named"), [
    ("\n", "U+000A"), ("\r", "U+000D"), ("\x0b", "U+000B"), ("\x0c", "U+000C"),
    ("\x85", "U+0085"), ("\u2028", "U+2028 line separator"),
    ("\u2029", "U+2029 paragraph separator")])
def test_a_line_break_in_an_id_of_a_csv_folder_is_refused(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, char: str, named: str) -> None:
    sheets = _sheets()
    sheets["Suppliers"].append([f"S7{char}b", "Umicore", "BE"])
    folder = _csv_folder(tmp_path / "breaks", sheets)
    code, out, err = _check(capsys, folder)
    spelled = f"\\u{ord(char):04x}"
    assert (code, out) == (1, "")
    assert err == _refused(f'Suppliers!A8: supplier_id "S7{spelled}b" contains a line break '
                           f"({named}); {REFUSED_TAIL}")


def test_a_line_break_in_a_reference_of_a_workbook_is_refused(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheets = _sheets()
    sheets["BOM"][1][1] = "C\n2"  # BOM!B2, P1 -> C2 typed over two lines
    sheets["Orders"][2][1] = "S\u20286"  # Orders!B3
    code, out, err = _check(capsys, write_book(tmp_path / "breaks.xlsx", sheets))
    assert (code, out) == (1, "")
    assert err == _refused(
        f'BOM!B2: child_id "C\\u000a2" contains a line break (U+000A); {REFUSED_TAIL}',
        f'Orders!B3: supplier_id "S\\u20286" contains a line break (U+2028 line '
        f"separator); {REFUSED_TAIL}")


# --- bidirectional controls -------------------------------------------------------------

@pytest.mark.parametrize(("char", "named"), [
    ("\u202e", "U+202E right-to-left override"), ("\u200e", "U+200E left-to-right mark"),
    ("\u200f", "U+200F right-to-left mark"), ("\u061c", "U+061C arabic letter mark"),
    ("\u2067", "U+2067 right-to-left isolate")])
def test_a_bidirectional_control_in_an_id_is_refused(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, char: str, named: str) -> None:
    """"NdPr\u202eedixo" shows as "NdProxide": the same id would look like another."""
    sheets = _sheets()
    sheets["Items"].append([f"NdPr{char}edixo", "NdPr oxide, bis", "material", "kg", 60,
                            None])
    sheets["Stock"][1][0] = f"M1{char}"  # Stock!A2, a reference
    code, out, err = _check(capsys, write_book(tmp_path / "bidi.xlsx", sheets))
    spelled = f"\\u{ord(char):04x}"
    assert (code, out) == (1, "")
    assert err == _refused(
        f'Items!A11: item_id "NdPr{spelled}edixo" contains a bidirectional control character '
        f"({named}); {BIDI_TAIL}",
        f'Stock!A2: item_id "M1{spelled}" contains a bidirectional control character '
        f"({named}); {BIDI_TAIL}")


# --- other invisible characters: kept, with a warning -----------------------------------

def test_a_zero_width_space_in_a_reference_is_named_beside_the_unknown_item(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Before, only 'unknown item "P1\\u200b"' was said, for an id that looks like P1."""
    sheets = _sheets()
    sheets["Demand"][1][0] = "P1\u200b"
    code, out, err = _check(capsys, write_book(tmp_path / "zwsp.xlsx", sheets))
    assert (code, out) == (1, "")
    assert err == _refused(
        'warning: Demand!A2: item_id "P1\\u200b" contains an invisible character (U+200B '
        "zero width space); the id is kept as typed and matches only an id with the same "
        "character",
        'Demand!A2: unknown item "P1\\u200b"')


def test_invisible_characters_typed_alike_everywhere_load_with_warnings(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheets = _sheets()
    odd = "M4\u00ad\u2060"  # a soft hyphen and a word joiner after M4
    _replace_id(sheets, "M4", odd, ("Items", "Stock", "Sources"))
    folder = _csv_folder(tmp_path / "hidden", sheets)
    code, out, err = _check(capsys, folder)
    said = ('item_id "M4\\u00ad\\u2060" contains invisible characters (U+00AD soft hyphen, '
            "U+2060 word joiner); the id is kept as typed and matches only an id with the "
            "same characters")
    assert (code, out) == (0, f"hidden: valid {VALID}\n")
    assert err == "".join(f"warning: {where}: {said}\n"
                          for where in ("Items!A9", "Stock!A5", "Sources!A8"))
    assert odd in planner.load(folder).items["item_id"].tolist()


# --- composed and decomposed accents: one id --------------------------------------------

def test_a_decomposed_reference_matches_the_composed_id(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheets = _sheets()
    _replace_id(sheets, "M4", NFC, ("Items",))
    _replace_id(sheets, "M4", NFD, ("Stock", "Sources"))
    path = write_book(tmp_path / "accents.xlsx", sheets)
    code, out, err = _check(capsys, path)
    assert (code, out, err) == (0, f"accents.xlsx: valid {VALID}\n", "")
    project = planner.load(path)
    assert project.stock["item_id"].iloc[3] == NFC == project.items["item_id"].iloc[7]


def test_the_same_id_composed_and_decomposed_is_a_duplicate(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheets = _sheets()
    _replace_id(sheets, "M4", NFC, ("Items", "Stock", "Sources"))
    _replace_id(sheets, "M5", NFD, ("Items",))
    _replace_id(sheets, "M5", NFC, ("Stock", "BOM", "Sources"))
    folder = _csv_folder(tmp_path / "twice", sheets)
    code, out, err = _check(capsys, folder)
    assert (code, out) == (1, "")
    assert err == _refused(f"Items!A10: duplicate item_id {NFC} (first on row 9)",
                           f"Stock!A6: duplicate stock row for item {NFC} (first on row 5)",
                           f"Sources!C8: the shares of item {NFC} sum to 2, not 1 "
                           "(allowed: 1 ± 0.005)")


# --- project files ----------------------------------------------------------------------

def _project_file(tmp_path: Path, *updates: tuple[str, str, str, str]) -> Path:
    """The base project saved as a project file, then each (table, column, old id, new id)
    changed there by another SQLite program."""
    path = tmp_path / "edited.stockpile"
    storage.save(planner.load(write_book(tmp_path / "base.xlsx", _sheets())), path)
    con = sqlite3.connect(path)
    with con:
        for table, column, old, new in updates:
            con.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (new, old))
    con.close()
    return path


def test_a_project_file_with_a_bidirectional_control_in_an_id_is_refused(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _project_file(tmp_path, ("items", "item_id", "M1", "M1\u202e"),
                         ("stock", "item_id", "M1", "M1\u202e"),
                         ("bom", "child_id", "M1", "M1\u202e"),
                         ("sources", "item_id", "M1", "M1\u202e"),
                         ("suppliers", "supplier_id", "S2", "S\n2"),
                         ("sources", "supplier_id", "S2", "S\n2"))
    code, out, err = _check(capsys, path)
    bidi = ('item_id "M1\\u202e" contains a bidirectional control character (U+202E '
            f"right-to-left override); {BIDI_TAIL}")
    assert (code, out) == (1, "")
    assert err == _refused(
        f"Items!A6: {bidi}",
        f'BOM!B5: child_id "M1\\u202e" contains a bidirectional control character (U+202E '
        f"right-to-left override); {BIDI_TAIL}",
        f"Stock!A2: {bidi}",
        f'Suppliers!A3: supplier_id "S\\u000a2" contains a line break (U+000A); '
        f"{REFUSED_TAIL}",
        f"Sources!A2: {bidi}", f"Sources!A3: {bidi}", f"Sources!A4: {bidi}",
        f'Sources!B11: supplier_id "S\\u000a2" contains a line break (U+000A); '
        f"{REFUSED_TAIL}")


def test_a_project_file_reads_ids_composed_and_warns_of_invisible_ones(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _project_file(tmp_path, ("items", "item_id", "M4", NFD),
                         ("stock", "item_id", "M4", NFC), ("sources", "item_id", "M4", NFD),
                         ("suppliers", "supplier_id", "S5", "S5\ufeff"),
                         ("sources", "supplier_id", "S5", "S5\ufeff"),
                         ("orders", "supplier_id", "S5", "S5\ufeff"))
    code, out, err = _check(capsys, path)
    said = ('supplier_id "S5\\ufeff" contains an invisible character (U+FEFF zero width '
            "no-break space); the id is kept as typed and matches only an id with the same "
            "character")
    assert (code, out) == (0, f"edited.stockpile: valid {VALID}\n")
    assert err == "".join(f"warning: {where}: {said}\n" for where in (
        "Suppliers!A6", "Sources!B6", "Orders!B2", "Orders!B4", "Orders!B5"))
    project = planner.load(path)
    assert project.items["item_id"].iloc[7] == NFC == project.sources["item_id"].iloc[6]


def test_a_project_file_with_an_id_composed_and_decomposed_has_a_duplicate(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _project_file(tmp_path, ("items", "item_id", "M4", NFC),
                         ("items", "item_id", "M5", NFD))
    code, out, err = _check(capsys, path)
    assert (code, out) == (1, "")
    assert err.startswith(f"Items!A10: duplicate item_id {NFC} (first on row 9)\n")


# --- typed into the window --------------------------------------------------------------

def test_an_id_typed_into_the_window_is_composed_refused_or_kept() -> None:
    assert parse_value("Items", "item_id", NFD) == NFC
    assert parse_value("Sources", "supplier_id", " S1\u200b ") == "S1\u200b"
    with pytest.raises(InputError) as caught:
        parse_value("BOM", "parent_id", "P\u200f1", "A4")
    assert [str(p) for p in caught.value.problems] == [
        'BOM!A4: parent_id "P\\u200f1" contains a bidirectional control character (U+200F '
        f"right-to-left mark); {BIDI_TAIL}"]
