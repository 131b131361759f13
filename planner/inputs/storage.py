"""The project file: one SQLite database, written atomically, read as untrusted.

The SQL of the project file lives in this module; the PostgreSQL store for teams
(planner.inputs.team and team_session) holds the server's, and planner.inputs.files
chooses between them by the name given. A save writes a complete new database beside the
target and renames it over the old one only once it is committed and flushed to disk: a
crash at any moment leaves either the old file or the new one, never a mixture. Because
every save writes a fresh file, Save As never copies an open database.

Other SQLite programs may leave a ``-wal``, ``-shm`` or ``-journal`` file beside a project
file. SQLite would replay such a file onto whatever database bears the name, so a save
removes them before its rename, and reading opens the file ``immutable``: it never
replays, creates or changes anything beside the file.

A project file may come from anywhere, so it is read with limits: only real tables with
stored columns (a view or a computed column could run forever or make gigabytes), rows
counted before they are read, no value over 1 MB, and a time budget for every query.
Ids are read in their composed form (NFC), as from a workbook; what else is wrong with a
value (an id with a line break, a negative quantity) is for validation.check_cells to say.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from planner.core import atomic
from planner.core.atomic import write_atomic
from planner.core.errors import ProjectFileError
from planner.core.i18n import _
from planner.inputs.parsing import normalise_ids
from planner.inputs.project import Project, Settings
from planner.inputs.schema import SETTING_BY_KEY, SHEETS, TABLES, sheet

# 1: the first template; 2: Forecast and Rates, currencies, service levels; 3: Items
# commodity, Suppliers kind; 4: Sources secondary; 5: Alternates. A file of an older
# format opens with what it lacks (Column.since, Sheet.since) blank or empty.
SCHEMA_VERSION = 5
SAVING = ".saving"  # the temporary file of a save in progress: .NAME.PID.saving
APPLICATION_ID = 0x53504C4E  # "SPLN" in the SQLite header, so `file` can tell ours
SUFFIX = ".stockpile"
SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_HEADER = 100  # bytes of the database header
SIDECARS = ("-wal", "-shm", "-journal")  # what SQLite keeps beside a database
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")  # the start of a rollback journal
WAL_MODE = 2  # header bytes 18 and 19 of a database in WAL mode (1: rollback journal)

# Limits of reading a project file (a hostile one must not hang or exhaust the machine)
FILE_LIMIT = 2**30  # bytes on disk
ROW_LIMIT = 2_000_000  # rows in one table: what one sheet of the template may hold
SMALL_ROW_LIMIT = 10_000  # rows in meta or settings, which hold a handful
VALUE_LIMIT = 2**20  # bytes in one stored value (a name is at most 1,000 characters)
READ_SECONDS = 60.0  # for reading the whole file
PROGRESS_STEPS = 10_000  # SQLite instructions between two looks at the clock


def _sql_type(dtype: object) -> str:
    return "REAL" if dtype == "float64" else "TEXT"


def _table_name(sheet_name: str) -> str:
    return sheet_name.lower()


def is_project_file(path: Path) -> bool:
    try:
        with Path(path).open("rb") as f:
            return f.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def sql_values(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    columns: list[list[object]] = []
    for name in frame.columns:
        col = frame[name]
        values: list[object]
        if col.dtype.kind == "M":
            values = [None if pd.isna(v) else pd.Timestamp(v).date().isoformat() for v in col]
        elif col.dtype == "float64":
            arr = col.to_numpy(dtype=float)
            values = [None if np.isnan(v) else float(v) for v in arr]
        else:
            values = [None if pd.isna(v) else str(v) for v in col]
        columns.append(values)
    return list(zip(*columns, strict=True)) if columns else []


def save(project: Project, path: Path) -> None:
    """Write the project to ``path`` atomically; raises ProjectFileError, losing nothing."""
    path = Path(path)
    remove_stale_temporaries(path.parent, path.name)

    def write(tmp: Path) -> None:
        _remove_sidecars(tmp)  # a dead process of the same number left them
        _write_database(project, tmp)
        # Another program's -wal beside the target would be replayed onto the new file
        # (SQLite does not check whose it is): gone before the rename puts the file there.
        _remove_sidecars(path)

    write_atomic(path, write, verb="save", tmp_suffix=SAVING, unchanged_note=True,
                 full_reason=True)


def _remove_sidecars(path: Path) -> None:
    for end in SIDECARS:
        Path(f"{path}{end}").unlink(missing_ok=True)


def _write_database(project: Project, tmp: Path) -> None:
    con = sqlite3.connect(tmp, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=OFF")  # the rename is our journal
        con.execute(f"PRAGMA application_id={APPLICATION_ID}")
        con.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        con.execute("BEGIN")
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        con.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("schema_version", str(SCHEMA_VERSION)),
            ("application", "Stockpile Planner"),
            ("saved_at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))])
        con.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")
        con.executemany("INSERT INTO settings VALUES (?, ?)", [
            (k, v.isoformat() if isinstance(v, dt.date) else str(v))
            for k, v in project.settings.as_rows()])
        for name in TABLES:
            spec = sheet(name)
            cols = ", ".join(f"{c.name} {_sql_type(c.dtype)}" for c in spec.columns)
            table = _table_name(name)
            con.execute(f"CREATE TABLE {table} (position INTEGER PRIMARY KEY, {cols})")
            frame = project.tables[name][spec.column_names]
            marks = ", ".join("?" * (len(spec.columns) + 1))
            rows = sql_values(frame)
            con.executemany(f"INSERT INTO {table} VALUES ({marks})",
                            [(i, *r) for i, r in enumerate(rows)])
        con.execute("COMMIT")
    finally:
        con.close()


def remove_stale_temporaries(folder: Path, name: str | None = None) -> None:
    """Delete the ``.NAME.PID.saving`` files of saves whose process was killed (and the
    ``-journal`` or ``-wal`` SQLite may have left beside them)."""
    atomic.remove_stale_temporaries(folder, name,
                                    (SAVING, *(SAVING + end for end in SIDECARS)))


class _Budget:
    """SQLite's progress handler: stops any query once the time for reading is over."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.exceeded = False

    def __call__(self) -> int:
        if time.monotonic() > self.deadline:
            self.exceeded = True
            return 1  # SQLite stops the query: sqlite3.OperationalError "interrupted"
        return 0


def load(path: Path) -> Project:
    """Read a project file; raises ProjectFileError with a reason a user can act on."""
    path = Path(path)
    if not path.exists():
        raise ProjectFileError(_("{name}: no such file").format(name=path.name))
    header = _header(path)
    _check_neighbours(path, header)
    try:
        con = _connect(path)
    except sqlite3.Error as exc:
        raise ProjectFileError(_("{name}: cannot be opened ({error})").format(
            name=path.name, error=exc)) from None
    budget = _Budget(READ_SECONDS)
    con.set_progress_handler(budget, PROGRESS_STEPS)
    try:
        return _read(con, path)
    except (ProjectFileError, sqlite3.DatabaseError, ValueError, TypeError) as exc:
        if budget.exceeded:  # whatever a stopped query was taken for
            raise ProjectFileError(_("{name}: reading took longer than {seconds} seconds")
                                   .format(name=path.name, seconds=f"{READ_SECONDS:,g}")
                                   ) from None
        if isinstance(exc, ProjectFileError):
            raise
        # a value that cannot be ours: text in a REAL column, a date that is no date
        # (edited outside the program)
        raise ProjectFileError(_("{name}: the project file is damaged ({error})").format(
            name=path.name, error=exc)) from None
    finally:
        con.close()


def _header(path: Path) -> bytes:
    """The database header, once the file is known to be readable, ours in kind, whole
    and within the size limit."""
    name = path.name
    if path.is_dir():
        raise ProjectFileError(_("{name}: is a folder, not a project file").format(name=name))
    if not path.is_file():  # a pipe or a device would be read forever
        raise ProjectFileError(_("{name}: not a Stockpile Planner project file").format(
            name=name))
    try:
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            header = f.read(SQLITE_HEADER)
    except OSError as exc:
        reason = (_("permission denied") if exc.errno in (errno.EACCES, errno.EPERM)
                  else (exc.strerror or str(exc)).lower())
        # in the words of planner.inputs.files.check_readable, which usually comes first
        raise ProjectFileError(_("cannot read {name}: {reason}").format(
            name=name, reason=reason)) from None
    short = _("{name}: the file is cut short ({size}); it may have been copied or downloaded "
              "incompletely")
    if size == 0:
        raise ProjectFileError(_("{name}: the file is empty").format(name=name))
    if not header.startswith(SQLITE_MAGIC):
        if len(header) < len(SQLITE_MAGIC) and SQLITE_MAGIC.startswith(header):
            raise ProjectFileError(short.format(
                name=name, size=_("{bytes} bytes").format(bytes=f"{size:,}")))
        raise ProjectFileError(_("{name}: not a Stockpile Planner project file").format(
            name=name))
    if len(header) < SQLITE_HEADER:
        raise ProjectFileError(short.format(
                name=name, size=_("{bytes} bytes").format(bytes=f"{size:,}")))
    if size > FILE_LIMIT:
        raise ProjectFileError(_("{name}: the file is {size} MB; the limit is {limit} MB").format(
            name=name, size=f"{size / 2**20:,.0f}", limit=f"{FILE_LIMIT / 2**20:,.0f}"))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if header[24:28] == header[92:96] and pages > 0:  # SQLite's test that `pages` is valid
        expected = pages * page_size
        if size < expected:
            raise ProjectFileError(short.format(name=name, size=_(
                "{bytes} of its {expected} bytes").format(bytes=f"{size:,}",
                                                           expected=f"{expected:,}")))
    return header


def _check_neighbours(path: Path, header: bytes) -> None:
    """Refuse a file that another program is changing or stopped changing half-way.

    A file in WAL mode (only another program puts one there) with a -wal beside it has
    changes that are not in the file yet; a rollback journal beside the file means a
    change was under way and the file may hold half of it. A -wal beside a file not in WAL
    mode is not the file's own (a save leaves none) and is ignored.
    """
    wal, journal = Path(f"{path}-wal"), Path(f"{path}-journal")
    if WAL_MODE in header[18:20] and _size(wal) > 0:
        raise ProjectFileError(_(
            "{name}: another program has the file open, or stopped while changing it "
            "({sidecar} is beside it); close that program and try again").format(
                name=path.name, sidecar=wal.name))
    if _size(journal) >= len(JOURNAL_MAGIC):
        try:
            with journal.open("rb") as f:
                hot = f.read(len(JOURNAL_MAGIC)) == JOURNAL_MAGIC
        except OSError:
            hot = True  # cannot tell: assume the worst
        if hot:
            raise ProjectFileError(_(
                "{name}: another program is changing the file, or stopped half-way "
                "({sidecar} is beside it); close that program, or open the file in it "
                "once so that it undoes the change, and try again").format(
                    name=path.name, sidecar=journal.name))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _connect(path: Path) -> sqlite3.Connection:
    """A connection that reads the file as it is and trusts nothing in it.

    ``immutable``: SQLite neither replays nor creates a -wal, -shm or -journal file, and
    takes no lock (a save never changes a file in place: it renames a new one over it).
    """
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        con.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, VALUE_LIMIT)
        for pragma in ("trusted_schema=OFF", "cell_size_check=ON", "query_only=ON"):
            con.execute(f"PRAGMA {pragma}")
        if hasattr(con, "enable_load_extension"):  # only where Python was built with it
            con.enable_load_extension(False)
    except BaseException:
        con.close()
        raise
    return con


def _damaged(path: Path, why: str) -> ProjectFileError:
    return ProjectFileError(_("{name}: damaged or not a project file: {reason}").format(
        name=path.name, reason=why))


def _check_tables(con: sqlite3.Connection, path: Path,
                  tables: list[tuple[str, str, int]]) -> None:
    """Each (table, label, row limit) that exists is a real table whose columns are all
    stored, with no more rows than its limit: checked before any row is read."""
    kinds = {str(n).lower(): (str(t), str(sql or "")) for t, n, sql in con.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view')")}
    for table, label, _limit in tables:
        kind, sql = kinds.get(table, ("table", ""))
        if kind != "table":
            raise _damaged(path, _("the table {table} is a {kind}").format(
                table=label, kind=kind))
        if sql.upper().startswith("CREATE VIRTUAL"):
            raise _damaged(path, _("the table {table} is a virtual table").format(table=label))
    for table, label, _limit in tables:
        if table not in kinds:
            continue  # reading it says "no such table", as it always has
        for row in con.execute(f'PRAGMA table_xinfo("{table}")'):
            if row[6] != 0:  # 1: hidden, 2 and 3: generated (computed from other columns)
                raise _damaged(path, _("the column {column} is computed, not stored").format(
                    column=f"{label}.{row[1]}"))
    for table, label, limit in tables:
        if table not in kinds:
            continue
        (rows,) = con.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} "
                              f"LIMIT {limit + 1})").fetchone()
        if rows > limit:
            raise ProjectFileError(_("{name}: more than {limit} rows in {table}").format(
                name=path.name, limit=f"{limit:,}", table=label))


def _fetch(con: sqlite3.Connection, path: Path, label: str, sql: str) -> list[Any]:
    try:
        return con.execute(sql).fetchall()
    except sqlite3.DataError:  # SQLITE_TOOBIG: over VALUE_LIMIT
        raise _damaged(path, _("a value in {table} is larger than {limit} MB").format(
            table=label, limit=f"{VALUE_LIMIT / 2**20:,g}")) from None


def _read(con: sqlite3.Connection, path: Path) -> Project:
    exists = {str(n).lower() for (n,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    if "meta" not in exists:
        raise ProjectFileError(_("{name}: not a Stockpile Planner project file").format(
            name=path.name))
    _check_tables(con, path, [("meta", "meta", SMALL_ROW_LIMIT)])
    try:
        meta = dict(_fetch(con, path, "meta", "SELECT key, value FROM meta"))
    except sqlite3.OperationalError:
        raise ProjectFileError(_("{name}: not a Stockpile Planner project file").format(
            name=path.name)) from None
    if meta.get("schema_version") in (None, ""):
        raise ProjectFileError(_("{name}: the project file does not say its format (the meta "
                                 "table has no schema_version); it is damaged or was not "
                                 "written by Stockpile Planner").format(name=path.name))
    try:
        version = int(meta["schema_version"])
    except (ValueError, TypeError):
        raise ProjectFileError(_("{name}: unknown project file format {format}").format(
            name=path.name, format=repr(meta["schema_version"]))) from None
    if version > SCHEMA_VERSION:
        raise ProjectFileError(_(
            "{name} was saved by a newer version of Stockpile Planner (project file "
            "format {format}; this version reads up to {newest}). Update the "
            "program to open it.").format(name=path.name, format=version,
                                          newest=SCHEMA_VERSION))
    if version < 1:
        raise ProjectFileError(_("{name}: unknown project file format {format}").format(
            name=path.name, format=version))
    stored = [name for name in TABLES if sheet(name).since <= version]
    _check_tables(con, path, [("settings", "Settings", SMALL_ROW_LIMIT)] + [
        (_table_name(name), name, ROW_LIMIT) for name in stored])
    settings_rows = dict(_fetch(con, path, "Settings", "SELECT key, value FROM settings"))
    settings = settings_from_rows(settings_rows)
    tables: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        spec = sheet(name)
        if name not in stored:  # a part of the template newer than the file
            tables[name] = spec.empty_frame()
            continue
        columns = [c for c in spec.columns if c.since <= version]
        cols = ", ".join(c.name for c in columns)
        if _table_name(name) in exists:  # else reading it says "no such table"
            _check_columns(con, path, _table_name(name), [c.name for c in columns])
        rows = _fetch(con, path, name,
                      f"SELECT {cols} FROM {_table_name(name)} ORDER BY position")
        data: list[tuple[object, ...]] = (list(zip(*rows, strict=True)) if rows
                                          else [() for _ in columns])
        frame = {}
        by_name = dict(zip((c.name for c in columns), data, strict=True))
        blanks = (None,) * len(rows)
        for c in spec.columns:
            values = by_name.get(c.name, blanks)
            if c.type == "id":  # "Cafe\u0301" is "Café", as in a workbook
                values = normalise_ids(values)
            try:
                frame[c.name] = column_of(c.dtype, values)
            except (ValueError, TypeError):
                bad = next((v for v in values if not _fits(c.dtype, v)), None)
                raise ValueError(_("{column} holds {value}").format(
                    column=f"{_table_name(name)}.{c.name}", value=repr(bad))) from None
        tables[name] = pd.DataFrame(frame)
    return Project(tables, settings)


def _check_columns(con: sqlite3.Connection, path: Path, table: str, names: list[str]
                   ) -> None:
    """Refuse a table without one of the columns its format stores, naming both (SQLite
    would say "no such column: item_id", naming neither the table nor the file)."""
    present = {str(row[1]).lower() for row in con.execute(f'PRAGMA table_xinfo("{table}")')}
    for name in names:
        if name.lower() not in present:
            raise ProjectFileError(_("{name}: the project file is damaged (the table {table} "
                                     "has no column {column})").format(
                name=path.name, table=table, column=name))


def column_of(dtype: object, values: tuple[object, ...]) -> pd.Series:
    if dtype == "float64":
        return pd.Series(np.array([np.nan if v is None else v for v in values], dtype=float))
    kind = pd.api.types.pandas_dtype(dtype)  # the schema's dtype, as a type pandas names
    if str(dtype).startswith("datetime"):
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object), format="ISO8601"),
                         dtype=kind)
    return pd.Series(list(values), dtype=kind)


def _fits(dtype: object, value: object) -> bool:
    """Whether one stored value converts to the column's type (to name the one that
    does not)."""
    try:
        column_of(dtype, (value,))
    except (ValueError, TypeError):
        return False
    return True


def settings_from_rows(rows: dict[str, str]) -> Settings:
    values: dict[str, object] = {}
    for key, text in rows.items():
        spec = SETTING_BY_KEY.get(key)
        if spec is None or text is None:
            continue
        try:
            if spec.type == "date":
                values[key] = dt.date.fromisoformat(text)
            elif spec.type in ("number", "share"):
                values[key] = float(text)
            else:
                values[key] = str(text)
        except (ValueError, TypeError):
            raise ValueError(_("setting {key} holds {value}").format(
                key=key, value=repr(text))) from None
    return Settings(**values)  # type: ignore[arg-type]


__all__ = ["SCHEMA_VERSION", "SHEETS", "SUFFIX", "column_of", "is_project_file", "load",
           "remove_stale_temporaries", "save", "settings_from_rows", "sql_values"]
