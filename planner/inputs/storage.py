"""The project file: one SQLite database, written atomically.

All SQL of the program lives in this module, so that a PostgreSQL store for teams can
replace it. A save writes a complete new database beside the target and renames it over
the old one only once it is committed and flushed to disk: a crash at any moment leaves
either the old file or the new one, never a mixture. Because every save writes a fresh
file, Save As never copies an open database.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd

from planner.core import atomic
from planner.core.atomic import write_atomic
from planner.core.errors import ProjectFileError
from planner.inputs.project import Project, Settings
from planner.inputs.schema import SETTING_BY_KEY, SHEETS, TABLES, sheet

SCHEMA_VERSION = 1
SAVING = ".saving"  # the temporary file of a save in progress: .NAME.PID.saving
APPLICATION_ID = 0x53504C4E  # "SPLN" in the SQLite header, so `file` can tell ours
SUFFIX = ".stockpile"
SQLITE_MAGIC = b"SQLite format 3\x00"


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


def _to_sql_values(frame: pd.DataFrame) -> list[tuple[object, ...]]:
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
    write_atomic(path, lambda tmp: _write_database(project, tmp), verb="save",
                 tmp_suffix=SAVING, unchanged_note=True, full_reason=True)


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
            rows = _to_sql_values(frame)
            con.executemany(f"INSERT INTO {table} VALUES ({marks})",
                            [(i, *r) for i, r in enumerate(rows)])
        con.execute("COMMIT")
    finally:
        con.close()


def remove_stale_temporaries(folder: Path, name: str | None = None) -> None:
    """Delete the ``.NAME.PID.saving`` files of saves whose process was killed."""
    atomic.remove_stale_temporaries(folder, name, SAVING)


def load(path: Path) -> Project:
    """Read a project file; raises ProjectFileError with a reason a user can act on."""
    path = Path(path)
    if not path.exists():
        raise ProjectFileError(f"{path.name}: no such file")
    if not is_project_file(path):
        raise ProjectFileError(f"{path.name}: not a Stockpile Planner project file")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ProjectFileError(f"{path.name}: cannot be opened ({exc})") from None
    try:
        return _read(con, path)
    except (sqlite3.DatabaseError, ValueError, TypeError) as exc:  # a value that cannot be
        # ours: text in a REAL column, a date that is no date (edited outside the program)
        raise ProjectFileError(f"{path.name}: the project file is damaged ({exc})") from None
    finally:
        con.close()


def _read(con: sqlite3.Connection, path: Path) -> Project:
    try:
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.OperationalError:
        raise ProjectFileError(f"{path.name}: not a Stockpile Planner project file") from None
    try:
        version = int(meta.get("schema_version", "0") or 0)
    except (ValueError, TypeError):
        raise ProjectFileError(f"{path.name}: unknown project file format "
                               f"{meta['schema_version']!r}") from None
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            f"{path.name} was saved by a newer version of Stockpile Planner (project file "
            f"format {version}; this version reads up to {SCHEMA_VERSION}). Update the "
            "program to open it.")
    if version < 1:
        raise ProjectFileError(f"{path.name}: unknown project file format {version}")
    settings_rows = dict(con.execute("SELECT key, value FROM settings").fetchall())
    settings = _settings_from_rows(settings_rows)
    tables: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        spec = sheet(name)
        cols = ", ".join(spec.column_names)
        rows = con.execute(
            f"SELECT {cols} FROM {_table_name(name)} ORDER BY position").fetchall()
        data: list[tuple[object, ...]] = (list(zip(*rows, strict=True)) if rows
                                          else [() for _ in spec.columns])
        frame = {}
        for c, values in zip(spec.columns, data, strict=True):
            try:
                frame[c.name] = _column(c.dtype, values)
            except (ValueError, TypeError):
                bad = next((v for v in values if not _fits(c.dtype, v)), None)
                raise ValueError(f"{_table_name(name)}.{c.name} holds {bad!r}") from None
        tables[name] = pd.DataFrame(frame)
    return Project(tables, settings)


def _column(dtype: object, values: tuple[object, ...]) -> pd.Series:
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
        _column(dtype, (value,))
    except (ValueError, TypeError):
        return False
    return True


def _settings_from_rows(rows: dict[str, str]) -> Settings:
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
            raise ValueError(f"setting {key} holds {text!r}") from None
    return Settings(**values)  # type: ignore[arg-type]


__all__ = ["SCHEMA_VERSION", "SHEETS", "SUFFIX", "is_project_file", "load",
           "remove_stale_temporaries", "save"]
