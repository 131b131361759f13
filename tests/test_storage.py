"""The project file and the way out: round trips, atomic saves, files that are refused."""

from __future__ import annotations

import copy
import errno
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from conftest import BASE, Sheets

import planner
from planner.core.errors import InputError, ProjectFileError
from planner.inputs import storage

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture
def tricky() -> Sheets:
    """BASE with values that break careless writers: formula-like text, quotes, unicode,
    long fractions, blanks in optional columns."""
    sheets = copy.deepcopy(BASE)
    sheets["Items"][1][1] = "=HYPERLINK(\"http://x\")"
    sheets["Items"][2][1] = "+Wind generator, 15 MW"
    sheets["Items"][3][1] = "-40 °C grade magnet"
    sheets["Items"][4][1] = "@rotor \"A\"; 'B'\nsecond line"
    sheets["Items"][5][1] = "'=quoted"
    sheets["Items"][6][5] = "Seltene Erden – 稀土"
    sheets["Suppliers"][1][1] = "Baotou, Inner Mongolia"
    sheets["BOM"][4][2] = 1 / 3
    sheets["Items"][3][4] = 1e-7  # written as "1e-07" in CSV
    sheets["Items"][4][4] = 1.5e16  # beyond 2**53: stays a float
    for row, share in zip(sheets["Sources"][1:4], ("33.3%", "33.3%", "33.4%"), strict=True):
        row[2] = share  # 33.3 / 100 would need 17 digits
    sheets["Sources"][1][3] = 60.123456789012345
    sheets["Settings"][7][1] = "Testwerk GmbH & Co. KG"
    return sheets


def test_round_trip_workbook_project_file_workbook_csv(
        tricky: Sheets, load_rows: Callable[..., planner.Project], tmp_path: Path) -> None:
    original = load_rows(tricky)
    assert original.sources["share"].iloc[0] == 0.333
    original.tables["Stock"].loc[0, "on_hand"] = 0.1 + 0.2  # as computed in the program
    planner.export(original, tmp_path / "p.stockpile")
    from_file = planner.load(tmp_path / "p.stockpile")
    assert from_file.equals(original)
    planner.export(from_file, tmp_path / "back.xlsx")
    from_book = planner.load(tmp_path / "back.xlsx")
    assert from_book.equals(original)
    planner.export(from_book, tmp_path / "csv")
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "BOM.csv", "Demand.csv", "Items.csv", "Orders.csv", "Settings.csv", "Sources.csv",
        "Stock.csv", "Suppliers.csv"]
    from_csv = planner.load(tmp_path / "csv")
    assert from_csv.equals(original)
    assert from_csv.items["name"].iloc[0] == "=HYPERLINK(\"http://x\")"
    assert from_csv.items["name"].iloc[4] == "'=quoted"
    assert from_csv.stock["on_hand"].iloc[0] == 0.1 + 0.2
    assert from_csv.settings == original.settings
    assert planner.compute(from_csv).materials.equals(planner.compute(original).materials)


def test_equals_sees_a_changed_value(load_rows: Callable[..., planner.Project]) -> None:
    a = load_rows(copy.deepcopy(BASE))
    b = a.copy()
    assert a.equals(b)
    b.tables["Stock"].loc[0, "on_hand"] = 2001.0
    assert not a.equals(b)
    assert not a.equals(planner.Project(a.copy().tables,
                                        a.settings.with_changes(horizon_days=30.0)))


def test_formula_like_text_stays_text(tricky: Sheets, load_rows: Callable[..., planner.Project],
                                      tmp_path: Path) -> None:
    planner.export(load_rows(tricky), tmp_path / "out.xlsx")
    planner.export(load_rows(tricky), tmp_path / "csv")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["Items"]
    assert ws["B2"].value == "=HYPERLINK(\"http://x\")"
    assert ws["B2"].data_type == "s"  # a string, never a formula
    lines = (tmp_path / "csv" / "Items.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("P1,\"'=HYPERLINK(")
    assert lines[2].startswith("P2,\"'+Wind generator")


def test_the_written_workbook_is_formatted_as_the_template(
        load_rows: Callable[..., planner.Project], tmp_path: Path) -> None:
    planner.export(load_rows(copy.deepcopy(BASE)), tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert wb.sheetnames == ["Items", "BOM", "Demand", "Stock", "Suppliers", "Sources",
                             "Orders", "Settings"]
    assert [c.value for c in wb["Sources"][1]] == [
        "item_id", "supplier_id", "share", "unit_price", "lead_time_days",
        "capacity_per_month", "moq", "origin_country", "time_to_recover_days"]
    assert wb["Sources"]["C2"].number_format == "0.0%"
    assert wb["Orders"]["D2"].number_format == "yyyy-mm-dd"
    assert wb["Settings"]["B2"].number_format == "yyyy-mm-dd"


# --- the project file --------------------------------------------------------------------

def test_the_project_file_is_marked_as_ours(load_rows: Callable[..., planner.Project],
                                            tmp_path: Path) -> None:
    path = tmp_path / "p.stockpile"
    storage.save(load_rows(copy.deepcopy(BASE)), path)
    assert storage.is_project_file(path)
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == storage.SCHEMA_VERSION
        assert con.execute("PRAGMA application_id").fetchone()[0] == storage.APPLICATION_ID
        meta = dict(con.execute("SELECT key, value FROM meta"))
        assert meta["schema_version"] == str(storage.SCHEMA_VERSION)
        assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 10
    finally:
        con.close()
    assert [p.name for p in tmp_path.iterdir()] == ["input.xlsx", "p.stockpile"]


def test_saving_again_replaces_the_file(load_rows: Callable[..., planner.Project],
                                        tmp_path: Path) -> None:
    path = tmp_path / "p.stockpile"
    project = load_rows(copy.deepcopy(BASE))
    storage.save(project, path)
    project.tables["Stock"].loc[0, "on_hand"] = 1234.0
    storage.save(project, path)
    assert storage.load(path).stock["on_hand"].iloc[0] == 1234.0
    storage.save(project, tmp_path / "copy.stockpile")  # Save As
    assert storage.load(tmp_path / "copy.stockpile").equals(storage.load(path))


def _saved(load_rows: Callable[..., planner.Project], path: Path) -> planner.Project:
    project = load_rows(copy.deepcopy(BASE))
    storage.save(project, path)
    project.tables["Stock"].loc[0, "on_hand"] = 1.0  # an unsaved edit
    return project


@pytest.mark.parametrize(("error", "why"), [
    (OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
    (PermissionError(errno.EACCES, "Permission denied"), "the folder or file is read-only"),
    (OSError(errno.EIO, "Input/output error"), "[Errno 5] Input/output error"),
])
def test_a_failed_rename_leaves_the_previous_file(
        load_rows: Callable[..., planner.Project], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, error: OSError, why: str) -> None:
    path = tmp_path / "p.stockpile"
    edited = _saved(load_rows, path)
    before = path.read_bytes()

    def fail(*args: object) -> None:
        raise error
    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ProjectFileError) as info:
        storage.save(edited, path)
    assert str(info.value) == f"could not save p.stockpile: {why}; the file on disk was not " \
                              "changed"
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert storage.load(path).stock["on_hand"].iloc[0] == 2000.0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input.xlsx", "p.stockpile"]


@pytest.mark.parametrize("error", [sqlite3.OperationalError("database or disk is full"),
                                   MemoryError(), ValueError("a bug")])
def test_a_failure_while_writing_leaves_the_previous_file_and_no_debris(
        load_rows: Callable[..., planner.Project], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    path = tmp_path / "p.stockpile"
    edited = _saved(load_rows, path)
    before = path.read_bytes()
    calls = []

    def fail(frame: object) -> object:
        calls.append(frame)
        if len(calls) == 3:  # in the middle of writing the tables
            raise error
        return real(frame)
    real = storage._to_sql_values
    monkeypatch.setattr(storage, "_to_sql_values", fail)
    with pytest.raises((ProjectFileError, type(error))):
        storage.save(edited, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert storage.load(path).equals(load_rows(copy.deepcopy(BASE)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input.xlsx", "p.stockpile"]


def test_a_disk_full_while_writing_is_explained(load_rows: Callable[..., planner.Project],
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.stockpile"
    edited = _saved(load_rows, path)

    def full(frame: object) -> object:
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(storage, "_to_sql_values", full)
    with pytest.raises(ProjectFileError, match=r"^could not save p\.stockpile: the disk is "
                                                r"full; the file on disk was not changed$"):
        storage.save(edited, path)


def test_saving_into_a_missing_folder(load_rows: Callable[..., planner.Project],
                                      tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError) as info:
        storage.save(load_rows(copy.deepcopy(BASE)), tmp_path / "nowhere" / "p.stockpile")
    assert str(info.value) == ("could not save p.stockpile: the folder does not exist; the "
                               "file on disk was not changed")
    assert not (tmp_path / "nowhere").exists()


def test_a_newer_schema_version_is_refused(load_rows: Callable[..., planner.Project],
                                           tmp_path: Path) -> None:
    path = tmp_path / "future.stockpile"
    storage.save(load_rows(copy.deepcopy(BASE)), path)
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    message = ("future.stockpile was saved by a newer version of Stockpile Planner (project "
               "file format 2; this version reads up to 1). Update the program to open it.")
    for load in (storage.load, planner.load):
        with pytest.raises(ProjectFileError) as info:
            load(path)
        assert str(info.value) == message


@pytest.mark.parametrize("load", [storage.load, planner.load])
def test_a_text_file_is_not_a_project_file(tmp_path: Path,
                                           load: Callable[[Path], object]) -> None:
    path = tmp_path / "notes.stockpile"
    path.write_text("item_id,name\nM1,NdPr\n")
    with pytest.raises(ProjectFileError) as info:
        load(path)
    assert str(info.value) == "notes.stockpile: not a Stockpile Planner project file"


@pytest.mark.parametrize("load", [storage.load, planner.load])
def test_another_programs_database_is_not_a_project_file(
        tmp_path: Path, load: Callable[[Path], object]) -> None:
    path = tmp_path / "other.stockpile"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(ProjectFileError) as info:
        load(path)
    assert str(info.value) == "other.stockpile: not a Stockpile Planner project file"


def test_a_damaged_project_file(load_rows: Callable[..., planner.Project],
                                tmp_path: Path) -> None:
    path = tmp_path / "p.stockpile"
    storage.save(load_rows(copy.deepcopy(BASE)), path)
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * 4000)
    with pytest.raises(ProjectFileError, match=r"^p\.stockpile: "):
        planner.load(path)


def test_a_missing_project_file(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match=r"^gone\.stockpile: no such file$"):
        storage.load(tmp_path / "gone.stockpile")


def test_a_project_file_with_cross_sheet_errors(load_rows: Callable[..., planner.Project],
                                               tmp_path: Path) -> None:
    """Edited in the window and saved: strict loading refuses it, the window gets it
    back with the problems located in the template's own layout."""
    project = load_rows(copy.deepcopy(BASE))
    project.tables["Sources"].loc[3, "share"] = 0.5  # M2: sum 0.5, on table row 4
    project.forget_layouts()
    path = tmp_path / "p.stockpile"
    storage.save(project, path)
    with pytest.raises(InputError) as info:
        planner.load(path)
    message = "Sources!C5: the shares of item M2 sum to 0.5, not 1 (allowed: 1 ± 0.005)"
    assert [str(p) for p in info.value.problems] == [message]
    loose = planner.load(path, strict=False)
    assert [str(p) for p in loose.warnings] == [message]
    assert loose.equals(project)


@pytest.mark.parametrize("sample", sorted(
    [p for p in SAMPLES.glob("*.xlsx")] + [p for p in SAMPLES.glob("*_csv") if p.is_dir()]),
    ids=lambda p: p.name)
def test_samples_round_trip(sample: Path, tmp_path: Path) -> None:
    project = planner.load(sample)
    planner.export(project, tmp_path / "s.stockpile")
    assert planner.load(tmp_path / "s.stockpile").equals(project)
    planner.export(project, tmp_path / "s.xlsx")
    assert planner.load(tmp_path / "s.xlsx").equals(project)
