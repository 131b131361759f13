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
        "Alternates.csv", "BOM.csv", "Demand.csv", "Forecast.csv", "Items.csv", "Orders.csv",
        "Rates.csv", "Settings.csv", "Sources.csv", "Stock.csv", "Suppliers.csv"]
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
    assert wb.sheetnames == ["Items", "BOM", "Demand", "Forecast", "Stock", "Suppliers",
                             "Sources", "Orders", "Alternates", "Rates", "Settings"]
    assert [c.value for c in wb["Sources"][1]] == [
        "item_id", "supplier_id", "share", "unit_price", "lead_time_days",
        "capacity_per_month", "moq", "origin_country", "time_to_recover_days", "currency",
        "lead_time_sd_days", "order_multiple", "secondary"]
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
    real = storage.sql_values
    monkeypatch.setattr(storage, "sql_values", fail)
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
    monkeypatch.setattr(storage, "sql_values", full)
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
    con.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    message = ("future.stockpile was saved by a newer version of Stockpile Planner (project "
               "file format 6; this version reads up to 5). Update the program to open it.")
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
    [p for p in SAMPLES.glob("*.xlsx")] + [  # the template CSV folders, not an ERP's export
        p for p in SAMPLES.glob("*_csv") if (SAMPLES / f"{p.name[:-4]}.xlsx").exists()]),
    ids=lambda p: p.name)
def test_samples_round_trip(sample: Path, tmp_path: Path) -> None:
    project = planner.load(sample)
    planner.export(project, tmp_path / "s.stockpile")
    assert planner.load(tmp_path / "s.stockpile").equals(project)
    planner.export(project, tmp_path / "s.xlsx")
    assert planner.load(tmp_path / "s.xlsx").equals(project)


# --- what other SQLite programs leave beside a project file ------------------------------

def _wal_pair(project_file: Path, keep: Path) -> tuple[Path, Path]:
    """Open ``project_file`` as an SQLite tool would in WAL mode, change its Stock, and keep
    the -wal and -shm files as a crash would leave them (copied while still open)."""
    con = sqlite3.connect(project_file)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("UPDATE stock SET on_hand = 987654")
    con.execute("UPDATE items SET name = 'from the other project'")
    con.commit()
    wal, shm = keep.with_name(keep.name + "-wal"), keep.with_name(keep.name + "-shm")
    wal.write_bytes(Path(f"{project_file}-wal").read_bytes())
    shm.write_bytes(Path(f"{project_file}-shm").read_bytes())
    con.close()
    assert wal.stat().st_size > 0
    return wal, shm


def _sidecars(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir()
                  if p.name.startswith(path.name) and p.name != path.name)


@pytest.mark.parametrize("whose", ["the file's own", "another project's"])
def test_a_stale_wal_beside_the_target_is_not_replayed_onto_a_save(
        load_rows: Callable[..., planner.Project], tmp_path: Path, whose: str) -> None:
    """A tool opened the project file in WAL mode and crashed, leaving p.stockpile-wal and
    -shm (or they came from another project): a save is read back as saved, by us and by
    any SQLite program, and nothing is left beside it."""
    path = tmp_path / "p.stockpile"
    project = load_rows(copy.deepcopy(BASE))
    other = project.copy()
    other.tables["Stock"].loc[:, "on_hand"] = 5.0
    storage.save(other, path)
    source = path if whose == "the file's own" else tmp_path / "other.stockpile"
    if source != path:
        storage.save(other, source)
    wal, shm = _wal_pair(source, tmp_path / "kept")
    for kept, end in ((wal, "-wal"), (shm, "-shm")):
        Path(f"{path}{end}").write_bytes(kept.read_bytes())
    project.tables["Stock"].loc[0, "on_hand"] = 1234.5
    storage.save(project, path)
    assert storage.load(path).equals(project)
    assert _sidecars(path) == []
    con = sqlite3.connect(path)  # what any other SQLite program reads
    try:
        assert con.execute("SELECT on_hand FROM stock ORDER BY position").fetchone() == (
            1234.5,)
        assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    finally:
        con.close()


def test_a_foreign_wal_appearing_beside_a_project_file_is_ignored(
        load_rows: Callable[..., planner.Project], tmp_path: Path) -> None:
    """Opening never replays a WAL that is not the file's own (the file is not in WAL
    mode) and never changes the file or leaves anything beside it."""
    path = tmp_path / "p.stockpile"
    project = load_rows(copy.deepcopy(BASE))
    storage.save(project, path)
    before = path.read_bytes()
    other = tmp_path / "other.stockpile"
    storage.save(project.copy(), other)
    wal, shm = _wal_pair(other, tmp_path / "kept")
    Path(f"{path}-wal").write_bytes(wal.read_bytes())
    Path(f"{path}-shm").write_bytes(shm.read_bytes())
    assert storage.load(path).equals(project)
    assert planner.load(path).equals(project)
    assert path.read_bytes() == before
    assert path.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL mode
    assert Path(f"{path}-wal").read_bytes() == wal.read_bytes()


def test_a_file_another_program_holds_in_wal_mode_is_refused_until_it_is_closed(
        load_rows: Callable[..., planner.Project], tmp_path: Path) -> None:
    """The file itself is in WAL mode with changes in its -wal: another program has it open
    (or crashed): refused, saying so, rather than read without or with those changes."""
    path = tmp_path / "p.stockpile"
    project = load_rows(copy.deepcopy(BASE))
    storage.save(project, path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("UPDATE stock SET on_hand = 42")
    con.commit()
    try:
        with pytest.raises(ProjectFileError) as info:
            storage.load(path)
        assert str(info.value) == (
            "p.stockpile: another program has the file open, or stopped while changing it "
            "(p.stockpile-wal is beside it); close that program and try again")
    finally:
        con.close()  # the program closes: its changes are in the file, the -wal is gone
    assert _sidecars(path) == []
    loaded = storage.load(path)
    assert list(loaded.stock["on_hand"]) == [42.0] * len(loaded.stock)
    assert _sidecars(path) == []


HALF_CHANGED = """
import os, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA cache_size=1")  # spill changed pages into the file before the commit
con.execute("BEGIN")
con.execute("UPDATE items SET name = printf('%.3000c', 'x')")
os._exit(0)  # killed in the middle of the transaction
"""


def test_a_file_another_program_stopped_changing_half_way_is_refused(
        load_rows: Callable[..., planner.Project], tmp_path: Path) -> None:
    """A hot rollback journal beside the file: the file may hold half a change."""
    import subprocess
    import sys

    path = tmp_path / "p.stockpile"
    project = load_rows(copy.deepcopy(BASE))
    storage.save(project, path)
    subprocess.run([sys.executable, "-c", HALF_CHANGED, str(path)], check=True)
    assert _sidecars(path) == ["p.stockpile-journal"]
    with pytest.raises(ProjectFileError) as info:
        storage.load(path)
    assert str(info.value) == (
        "p.stockpile: another program is changing the file, or stopped half-way "
        "(p.stockpile-journal is beside it); close that program, or open the file in it "
        "once so that it undoes the change, and try again")
    project.tables["Stock"].loc[0, "on_hand"] = 7.0
    storage.save(project, path)  # saving over it replaces the file and the journal
    assert _sidecars(path) == []
    assert storage.load(path).equals(project)


# --- hostile project files ----------------------------------------------------------------

def _altered(load_rows: Callable[..., planner.Project], path: Path, *sql: str) -> Path:
    storage.save(load_rows(copy.deepcopy(BASE)), path)
    con = sqlite3.connect(path)
    for statement in sql:
        con.execute(statement)
    con.commit()
    con.close()
    return path


STOCK_COLUMNS = "position, item_id, on_hand, safety_stock, target_days"
ENDLESS = ("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
           "SELECT n AS position, 'M1' AS item_id, 1.0 AS on_hand, NULL AS safety_stock, "
           "NULL AS target_days FROM r")


@pytest.mark.parametrize(("sql", "why"), [
    pytest.param(["ALTER TABLE stock RENAME TO stock_rows",
                  f"CREATE VIEW stock AS SELECT {STOCK_COLUMNS} FROM stock_rows"],
                 "the table Stock is a view", id="view"),
    pytest.param(["DROP TABLE stock", f"CREATE VIEW stock AS {ENDLESS}"],
                 "the table Stock is a view", id="endless view"),
    pytest.param(["ALTER TABLE meta RENAME TO meta_rows",
                  "CREATE VIEW meta AS SELECT * FROM meta_rows"],
                 "the table meta is a view", id="meta view"),
    pytest.param(["DROP TABLE stock",
                  "CREATE VIRTUAL TABLE stock USING fts5(position, item_id, on_hand, "
                  "safety_stock, target_days)"],
                 "the table Stock is a virtual table", id="virtual table"),
    pytest.param(["ALTER TABLE items RENAME TO items_old",
                  "CREATE TABLE items (position INTEGER PRIMARY KEY, item_id TEXT, name TEXT "
                  "GENERATED ALWAYS AS (printf('%.*c', 2000000, 'x')) VIRTUAL, kind TEXT, "
                  "unit TEXT, unit_price REAL, category TEXT)",
                  "INSERT INTO items (position, item_id, kind, unit, unit_price, category) "
                  "SELECT position, item_id, kind, unit, unit_price, category FROM items_old"],
                 "the column Items.name is computed, not stored", id="computed column"),
    pytest.param(["ALTER TABLE bom ADD COLUMN huge TEXT AS (printf('%.*c', 400000000, 'x'))"],
                 "the column BOM.huge is computed, not stored", id="400 MB column"),
    pytest.param(["UPDATE items SET category = printf('%.*c', 2000000, 'x') "
                  "WHERE position = 1"],
                 "a value in Items is larger than 1 MB", id="2 MB value"),
])
def test_a_hostile_project_file_is_refused_before_it_is_read(
        load_rows: Callable[..., planner.Project], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, sql: list[str], why: str) -> None:
    """Views, virtual tables and computed columns in place of the tables (a query that never
    ends, 50 million rows, a value of 400 MB) are refused as such, at once."""
    monkeypatch.setattr(storage, "READ_SECONDS", 10.0, raising=False)  # were it missed
    path = _altered(load_rows, tmp_path / "p.stockpile", *sql)
    for load in (storage.load, planner.load):
        with pytest.raises(ProjectFileError) as info:
            load(path)
        assert str(info.value) == f"p.stockpile: damaged or not a project file: {why}"


def test_too_many_rows_are_refused_before_they_are_read(
        load_rows: Callable[..., planner.Project], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = _altered(load_rows, tmp_path / "p.stockpile")
    most = max(len(rows) - 1 for name, rows in BASE.items() if name != "Settings")
    monkeypatch.setattr(storage, "ROW_LIMIT", most, raising=False)  # Sources: 10 rows
    assert storage.load(path).sources.shape[0] == most
    monkeypatch.setattr(storage, "ROW_LIMIT", 8)  # Items has 9 rows
    with pytest.raises(ProjectFileError) as info:
        storage.load(path)
    assert str(info.value) == "p.stockpile: more than 8 rows in Items"


def test_a_file_over_the_size_limit_is_refused(load_rows: Callable[..., planner.Project],
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = _altered(load_rows, tmp_path / "p.stockpile")
    with path.open("r+b") as f:
        f.truncate(3 * 2**20)  # the tables as they were, and 3 MB of nothing after them
    assert storage.load(path).equals(load_rows(copy.deepcopy(BASE)))
    monkeypatch.setattr(storage, "FILE_LIMIT", 2**20, raising=False)
    with pytest.raises(ProjectFileError) as info:
        storage.load(path)
    assert str(info.value) == "p.stockpile: the file is 3 MB; the limit is 1 MB"


def test_reading_that_takes_too_long_is_stopped(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from test_crash_safety import synthetic

    path = tmp_path / "p.stockpile"
    storage.save(synthetic(2000, seed=9), path)
    monkeypatch.setattr(storage, "READ_SECONDS", 0.0, raising=False)
    with pytest.raises(ProjectFileError) as info:
        storage.load(path)
    assert str(info.value) == "p.stockpile: reading took longer than 0 seconds"


def test_the_connection_trusts_nothing_in_the_file(load_rows: Callable[..., planner.Project],
                                                   tmp_path: Path) -> None:
    path = _altered(load_rows, tmp_path / "p.stockpile")
    connect = getattr(storage, "_connect", None)
    assert connect is not None
    con = connect(path)
    try:
        assert con.execute("PRAGMA trusted_schema").fetchone() == (0,)
        assert con.execute("PRAGMA cell_size_check").fetchone() == (1,)
        assert con.execute("PRAGMA query_only").fetchone() == (1,)
        with pytest.raises(sqlite3.OperationalError):
            con.execute("CREATE TABLE x (y)")
        with pytest.raises(sqlite3.OperationalError):  # no extension is loaded
            con.execute("SELECT load_extension('libc.so.6')")
    finally:
        con.close()


@pytest.mark.parametrize(("keep", "message"), [
    (0, "p.stockpile: the file is empty"),
    (10, "p.stockpile: the file is cut short (10 bytes); it may have been copied or "
         "downloaded incompletely"),
    (50, "p.stockpile: the file is cut short (50 bytes); it may have been copied or "
         "downloaded incompletely"),
    (4096, "p.stockpile: the file is cut short (4,096 of its {size:,} bytes); it may have "
           "been copied or downloaded incompletely"),
    (-4096, "p.stockpile: the file is cut short ({cut:,} of its {size:,} bytes); it may "
            "have been copied or downloaded incompletely"),
])
def test_a_truncated_project_file_says_so(load_rows: Callable[..., planner.Project],
                                          tmp_path: Path, keep: int, message: str) -> None:
    path = _altered(load_rows, tmp_path / "p.stockpile")
    data = path.read_bytes()
    path.write_bytes(data[:keep])
    for load in (storage.load, planner.load):
        with pytest.raises(ProjectFileError) as info:
            load(path)
        assert str(info.value) == message.format(size=len(data), cut=len(data) - 4096)


def test_a_project_file_that_cannot_be_read_says_so(load_rows: Callable[..., planner.Project],
                                                    tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = _altered(load_rows, tmp_path / "p.stockpile")
    path.chmod(0)
    if os.name == "posix" and os.geteuid() == 0:  # root reads it anyway: refuse as the
        import builtins  # system refuses other users
        import io

        real_open = io.open

        def refuse(file: object, *args: object, **kwargs: object) -> object:
            if isinstance(file, (str, Path)) and Path(file) == path:
                raise PermissionError(errno.EACCES, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)  # type: ignore[call-overload]
        monkeypatch.setattr(io, "open", refuse)
        monkeypatch.setattr(builtins, "open", refuse)
    try:
        with pytest.raises(ProjectFileError) as info:
            storage.load(path)
        assert str(info.value) == "cannot read p.stockpile: permission denied"
    finally:
        monkeypatch.undo()
        path.chmod(0o644)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_or_a_folder_named_like_a_project_file_is_refused_at_once(
        tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.stockpile")  # opening it to read would wait for a writer
    (tmp_path / "folder.stockpile").mkdir()
    for name, why in (("folder", "is a folder, not a project file"),
                      ("pipe", "not a Stockpile Planner project file")):
        with pytest.raises(ProjectFileError) as info:
            storage.load(tmp_path / f"{name}.stockpile")
        assert str(info.value) == f"{name}.stockpile: {why}"
