"""A project opened from a team's server: its edits, the other desks' changes, the queue of
edits made while the server was away, and the listener for the other desks' commits.

Every edit reaches this module after the local project already has it (the window's undo
commands apply it through :mod:`planner.inputs.editing` first), and is sent as one
transaction that refuses the change of a row someone else changed since it was read
(:class:`~planner.inputs.team.EditConflict`). While the server cannot be reached an edit is
kept in :attr:`Session.pending`, in order, with the row ids and versions it read (inserted
rows get temporary negative ids), and :class:`~planner.inputs.team.ServerUnavailable` says
so; :meth:`Session.flush` sends them once the server is back (a later edit or a pull sends
them first too). The SQL here, as in :mod:`planner.inputs.team`, is parameterised, with
identifiers only from the template's schema.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from planner.core.i18n import _, ngettext
from planner.inputs import editing
from planner.inputs.project import Project
from planner.inputs.schema import SETTINGS, sheet
from planner.inputs.storage import sql_values
from planner.inputs.team import (
    CHANNEL,
    Address,
    Busy,
    Conflict,
    EditConflict,
    NotAllowed,
    RowKeys,
    Server,
    ServerUnavailable,
    TeamError,
    lock_log,
    log_text,
    setting_text,
    settings_of,
    sql_value,
)
from planner.inputs.team_schema import SCHEMA, check_columns, table_of

RETRIES = 5  # sends of one edit the server rolled back to settle a deadlock
LISTEN_RETRY = 5.0  # seconds between two tries of a lost listener to connect again
SETTING_KEYS = frozenset(s.key for s in SETTINGS)


@dataclass
class Pulled:
    """What :meth:`Session.pull` brought in from the other desks."""

    cells: dict[str, tuple[list[int], list[str]]] = field(default_factory=dict)
    tables: set[str] = field(default_factory=set)  # rows inserted or removed
    settings: bool = False
    changes: list[dict[str, Any]] = field(default_factory=list)  # the log's entries

    def __bool__(self) -> bool:
        return bool(self.cells or self.tables or self.settings)


@dataclass
class PendingEdit:
    """An edit not yet on the server (:attr:`Session.pending`): what it changes, with the
    row ids and versions it read."""

    action: str  # "cells", "insert", "remove" or "setting"
    table: str  # "Settings" for a setting
    row_ids: list[int] = field(default_factory=list)  # cells: one a cell; insert: temporary
    versions: list[int] = field(default_factory=list)  # of row_ids (setting: [] or one)
    columns: list[str] = field(default_factory=list)  # cells: one a cell; setting: [key]
    values: list[object] = field(default_factory=list)  # cells: one a cell; setting: [value]
    rows: list[tuple[object, ...]] = field(default_factory=list)  # insert: the new rows
    positions: list[float] = field(default_factory=list)  # insert: their places
    renumber: list[tuple[int, float]] = field(default_factory=list)  # insert: rows spread
    # out again first, (row id, place)

    def sentence(self) -> str:
        """What the edit changes, for the list of changes waiting for the server."""
        if self.action == "setting":
            return _("Settings: {key} set to {value}").format(
                key=self.columns[0], value=setting_text(self.values[0]) or _("(blank)"))
        count = len(self.row_ids)
        if self.action == "cells":
            return ngettext("{table}: {count} cell changed", "{table}: {count} cells changed",
                            count).format(table=self.table, count=count)
        if self.action == "insert":
            return ngettext("{table}: {count} row inserted", "{table}: {count} rows inserted",
                            count).format(table=self.table, count=count)
        return ngettext("{table}: {count} row removed", "{table}: {count} rows removed",
                        count).format(table=self.table, count=count)


class Session:
    """A project opened from a server: the local project, the server's keys of its rows,
    and the edits that keep the two in step, each one transaction.

    ``pending`` holds the edits made while the server was away, ``refused`` the conflicts
    of those that were refused when sent on the way by a later edit or a pull (the window
    shows them, to redo or discard, and empties the list)."""

    def __init__(self, server: Server, name: str, project_id: int, project: Project,
                 keys: dict[str, RowKeys], setting_versions: dict[str, int], seq: int
                 ) -> None:
        self.server = server
        self.name = name
        self.project_id = project_id
        self.project = project
        self.keys = keys
        self.setting_versions = setting_versions
        self.seq = seq  # the last change of the log applied here
        self.pending: list[PendingEdit] = []
        self.refused: list[Conflict] = []
        self._real: dict[int, int] = {}  # a temporary row id -> the server's
        self._latest: dict[tuple[str, int], int] = {}  # versions this desk's edits made
        self._next_temp = -1

    @property
    def address(self) -> Address:
        return self.server.address.with_project(self.name)

    @property
    def online(self) -> bool:
        """Whether the last contact with the server succeeded."""
        return not self.server.lost

    def close(self) -> None:
        self.server.close()

    def can_edit(self) -> bool:
        """Whether the server's own grants let this user change the project (False for a
        viewer), so that the window can say so before the first edit is refused."""
        tables = [f"{SCHEMA}.settings", *(table_of(t) for t in self.keys)]
        with self.server._transaction(reading=True) as cur:
            cur.execute("SELECT bool_and(has_table_privilege(t, 'INSERT') AND "
                        "has_table_privilege(t, 'UPDATE') AND has_table_privilege(t, 'DELETE'))"
                        " AND has_any_column_privilege(%s, 'INSERT') FROM unnest(%s::text[]) t",
                        (f"{SCHEMA}.change_log", tables))
            return bool(cur.fetchone()[0])

    # --- the edits -----------------------------------------------------------------------

    def set_cells(self, table: str, positions: Sequence[int], columns: Sequence[str],
                  values: Sequence[object]) -> None:
        """Cells (position, column, new value) as one transaction. Refused as a whole with
        EditConflict when a row changed since it was read (then nothing is changed on
        the server and the local versions stay)."""
        check_columns(table, columns)
        if not (len(positions) == len(columns) == len(values)):
            raise ValueError("positions, columns and values differ in length")
        keys = self.keys[table]
        at = np.asarray(positions, dtype=np.int64)
        self._submit(PendingEdit("cells", table, keys.row_id[at].tolist(),
                                 keys.version[at].tolist(), list(columns), list(values)),
                     None)

    def insert_rows(self, table: str, at: int, rows: pd.DataFrame) -> None:
        """Rows inserted at ``at`` (the local project already has them there)."""
        spec = sheet(table)
        keys = self.keys[table]
        n = len(rows)
        if n == 0:
            return
        base = keys.position
        places = _places(base, at, n)
        renumber: list[tuple[int, float]] = []
        if places is None:  # no room left between two rows: spread the table out again
            base = np.arange(len(base), dtype=float)
            renumber = list(zip(keys.row_id.tolist(), base.tolist(), strict=True))
            places = _places(base, at, n)
            assert places is not None
        temp = list(range(self._next_temp, self._next_temp - n, -1))
        self._next_temp -= n
        edit = PendingEdit("insert", table, temp, [1] * n,
                           rows=sql_values(rows[spec.column_names]),
                           positions=places.tolist(), renumber=renumber)
        self.keys[table] = RowKeys(np.insert(keys.row_id, at, temp),
                                   np.insert(keys.version, at, np.ones(n, np.int64)),
                                   np.insert(base, at, places))
        self._submit(edit, keys)

    def remove_rows(self, table: str, positions: Sequence[int]) -> None:
        """Rows removed: call it before the local project removes them (their keys are read
        at ``positions``). Refused when one of them changed since it was read; while the
        server is away the removal is kept, so remove them locally then too."""
        keys = self.keys[table]
        at = np.asarray(sorted(set(map(int, positions))), dtype=np.int64)
        edit = PendingEdit("remove", table, keys.row_id[at].tolist(),
                           keys.version[at].tolist())
        keep = np.ones(len(keys.row_id), dtype=bool)
        keep[at] = False
        self.keys[table] = RowKeys(keys.row_id[keep], keys.version[keep], keys.position[keep])
        self._submit(edit, keys)

    def set_setting(self, key: str, value: object) -> None:
        if key not in SETTING_KEYS:
            raise ValueError(f"no setting {key!r}")
        version = self.setting_versions.get(key)
        self._submit(PendingEdit("setting", "Settings", [], [] if version is None else
                                 [version], [key], [value]), None)

    def _submit(self, edit: PendingEdit, before: RowKeys | None) -> None:
        """Send an edit after those waiting; keep it when the server is away. ``before``:
        the table's keys as they were, put back when the edit is refused."""
        try:
            if self.pending:
                self.refused += self._flush()
            self._send(edit)
        except (ServerUnavailable, Busy) as exc:
            self.pending.append(edit)
            raise self._kept(exc) from None
        except TeamError:
            if before is not None:
                self.keys[edit.table] = before
            raise

    def flush(self) -> list[Conflict]:
        """Send the edits kept while the server was away, in order, each one transaction
        (connecting again first). An edit refused by a conflict leaves the queue and its
        conflicts are returned, to redo or discard; ServerUnavailable, with the rest kept,
        while the server is still away; NotAllowed (the queue emptied) for a user who may
        not change the project."""
        try:
            return self._flush()
        except (ServerUnavailable, Busy) as exc:
            raise self._kept(exc) from None

    def _flush(self) -> list[Conflict]:
        conflicts: list[Conflict] = []
        while self.pending:
            edit = self.pending[0]
            try:
                self._send(edit)
            except EditConflict as exc:
                conflicts += exc.conflicts
            except (ServerUnavailable, Busy):
                raise
            except NotAllowed:
                self.pending.clear()
                raise
            except TeamError:  # refused by the server (not a conflict): sending it again
                self.pending.pop(0)  # would not help
                raise
            self.pending.pop(0)
        return conflicts

    def _kept(self, exc: TeamError) -> ServerUnavailable:
        """ServerUnavailable saying that the edits are kept, and how many."""
        return ServerUnavailable(_("{error}. Your changes are kept here ({count} waiting) and "
                                   "will be saved when the server is back.").format(
            error=str(exc).rstrip(".。"), count=len(self.pending)))

    def _send(self, edit: PendingEdit) -> None:
        """One edit as one transaction, sent again when the server rolled it back to settle
        a deadlock with another desk."""
        send: dict[str, Callable[[PendingEdit], None]] = {
            "cells": self._send_cells, "insert": self._send_insert,
            "remove": self._send_remove, "setting": self._send_setting}
        for attempt in range(RETRIES):
            try:
                send[edit.action](edit)
                return
            except Busy:
                if attempt == RETRIES - 1:
                    raise
                time.sleep(0.02 * (attempt + 1) * (1 + np.random.random()))

    def _expected(self, table: str, row_id: int, read: int) -> int:
        """The version a row must still have: the one read, or the one this desk's own
        later edits gave it."""
        return max(int(read), self._latest.get((table, row_id), 0))

    def _send_cells(self, edit: PendingEdit) -> None:
        table = edit.table
        spec = sheet(table)
        by_row: dict[int, dict[str, object]] = {}
        expected: dict[int, int] = {}
        for rid, read, col, value in zip(edit.row_ids, edit.versions, edit.columns,
                                         edit.values, strict=True):
            rid = self._real.get(rid, rid)
            by_row.setdefault(rid, {})[col] = value
            expected[rid] = self._expected(table, rid, read)
        touched = sorted({c for cells in by_row.values() for c in cells})
        versions: dict[int, int] = {}
        with self.server._transaction() as cur:
            now = self._current(cur, table, list(by_row), touched)
            conflicts = []
            for rid, cells in by_row.items():
                found = now.get(rid)
                if found is None:
                    by, at = self._removed_by(cur, table, rid)
                    conflicts.append(Conflict(table, rid, "", next(iter(cells.values())),
                                              None, by, at))
                elif found[0] != expected[rid]:
                    _version, by, at, theirs = found
                    conflicts += [Conflict(table, rid, col, mine, theirs[touched.index(col)],
                                           by, at) for col, mine in cells.items()]
            if conflicts:
                raise EditConflict(conflicts)
            log = []
            for rid, cells in by_row.items():
                sets = ", ".join(f"{c} = %s" for c in cells)
                cur.execute(f"UPDATE {table_of(table)} SET {sets}, version = version + 1, "
                            "changed_by = current_user, changed_at = now() "
                            "WHERE project_id = %s AND row_id = %s RETURNING version",
                            (*(sql_value(v, spec.column(c).dtype) for c, v in cells.items()),
                             self.project_id, rid))
                versions[rid] = int(cur.fetchone()[0])
                old = now[rid][3]
                log += [("edit", table, rid, c, log_text(old[touched.index(c)]), log_text(v))
                        for c, v in cells.items()]
            self._log(cur, log)
        for rid, version in versions.items():
            self._latest[(table, rid)] = version
        keys = self.keys[table]
        where = pd.Index(keys.row_id).get_indexer(list(versions))
        found = where >= 0
        keys.version[where[found]] = np.asarray(list(versions.values()), np.int64)[found]

    def _send_insert(self, edit: PendingEdit) -> None:
        table = edit.table
        spec = sheet(table)
        cols = ", ".join(("project_id", "position", *spec.column_names))
        marks = ", ".join(["%s"] * (len(spec.columns) + 2))
        with self.server._transaction() as cur:
            moved = [(place, self._real.get(rid, rid)) for rid, place in edit.renumber]
            moved = [(place, rid) for place, rid in moved if rid >= 0]
            if moved:  # the order of rows is not a change of them: no version moves
                cur.executemany(f"UPDATE {table_of(table)} SET position = %s "
                                "WHERE project_id = %s AND row_id = %s",
                                [(place, self.project_id, rid) for place, rid in moved])
            cur.executemany(f"INSERT INTO {table_of(table)} ({cols}) VALUES ({marks}) "
                            "RETURNING row_id",
                            [(self.project_id, float(p), *row)
                             for p, row in zip(edit.positions, edit.rows, strict=True)],
                            returning=True)
            ids = []
            while True:
                ids.append(int(cur.fetchone()[0]))
                if not cur.nextset():
                    break
            self._log(cur, [("insert", table, rid, None, None,
                             _row_text(spec.column_names, row))
                            for rid, row in zip(ids, edit.rows, strict=True)])
        for temp, rid in zip(edit.row_ids, ids, strict=True):
            self._real[temp] = rid
            self._latest[(table, rid)] = 1
        keys = self.keys[table]
        where = pd.Index(keys.row_id).get_indexer(edit.row_ids)
        found = where >= 0
        keys.row_id[where[found]] = np.asarray(ids, np.int64)[found]

    def _send_remove(self, edit: PendingEdit) -> None:
        table = edit.table
        spec = sheet(table)
        row_ids = [self._real.get(rid, rid) for rid in edit.row_ids]
        expected = {rid: self._expected(table, rid, read)
                    for rid, read in zip(row_ids, edit.versions, strict=True)}
        with self.server._transaction() as cur:
            now = self._current(cur, table, row_ids, spec.column_names)
            conflicts = [Conflict(table, rid, "", None, _row_text(spec.column_names, found[3]),
                                  found[1], found[2])
                         for rid in row_ids if (found := now.get(rid)) is not None
                         and found[0] != expected[rid]]
            if conflicts:
                raise EditConflict(conflicts)
            gone = [rid for rid in row_ids if rid in now]  # the others: removed already
            if gone:
                cur.execute(f"DELETE FROM {table_of(table)} WHERE project_id = %s AND "
                            "row_id = ANY(%s)", (self.project_id, gone))
                self._log(cur, [("delete", table, rid, None,
                                 _row_text(spec.column_names, now[rid][3]), None)
                                for rid in gone])

    def _send_setting(self, edit: PendingEdit) -> None:
        key, value = edit.columns[0], edit.values[0]
        text = setting_text(value)
        current = self.setting_versions.get(key, 0)
        expected = max(edit.versions[0], current) if edit.versions else None
        with self.server._transaction() as cur:
            cur.execute(f"SELECT value, version, changed_by, changed_at FROM {SCHEMA}.settings "
                        "WHERE project_id = %s AND key = %s FOR UPDATE", (self.project_id, key))
            row = cur.fetchone()
            if row is not None and expected is not None and int(row[1]) != expected:
                raise EditConflict([Conflict("Settings", 0, key, value, row[0], row[2],
                                             row[3])])
            cur.execute(f"INSERT INTO {SCHEMA}.settings (project_id, key, value) VALUES "
                        "(%s, %s, %s) ON CONFLICT (project_id, key) DO UPDATE SET value = "
                        "excluded.value, version = settings.version + 1, changed_by = "
                        "current_user, changed_at = now() RETURNING version",
                        (self.project_id, key, text))
            version = int(cur.fetchone()[0])
            self._log(cur, [("setting", "Settings", None, key,
                             None if row is None else row[0], text)])
        self.setting_versions[key] = version

    def _log(self, cur: Any, rows: Sequence[tuple[object, ...]]) -> None:
        """Entries of the change log (action, table, row_id, column, old, new) and the
        notification the other desks listen for, in the edit's transaction (under the
        project's log lock: entries commit in the order of their numbers)."""
        lock_log(cur, self.project_id)
        cur.executemany(f"INSERT INTO {SCHEMA}.change_log (project_id, action, table_name, "
                        "row_id, column_name, old_value, new_value) VALUES "
                        "(%s, %s, %s, %s, %s, %s, %s)", [(self.project_id, *r) for r in rows])
        cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(self.project_id)))

    def _current(self, cur: Any, table: str, row_ids: Sequence[int], columns: Sequence[str]
                 ) -> dict[int, tuple[int, str, dt.datetime, tuple[object, ...]]]:
        """The rows as the server has them now, locked until the transaction ends (in the
        order of their ids, as every desk locks them: no deadlock between two edits)."""
        check_columns(table, columns)
        cols = "".join(f", {c}" for c in columns)
        cur.execute(f"SELECT row_id, version, changed_by, changed_at{cols} FROM "
                    f"{table_of(table)} WHERE project_id = %s AND row_id = ANY(%s) "
                    "ORDER BY row_id FOR UPDATE", (self.project_id, list(map(int, row_ids))))
        return {int(r[0]): (int(r[1]), str(r[2]), r[3], tuple(r[4:]))
                for r in cur.fetchall()}

    def _removed_by(self, cur: Any, table: str, row_id: int
                    ) -> tuple[str, dt.datetime | None]:
        """Who removed a row and when, from the change log."""
        cur.execute(f"SELECT by_user, at FROM {SCHEMA}.change_log WHERE project_id = %s AND "
                    "table_name = %s AND row_id = %s AND action = 'delete' "
                    "ORDER BY seq DESC LIMIT 1", (self.project_id, table, row_id))
        row = cur.fetchone()
        return (str(row[0]), row[1]) if row else (_("someone"), None)

    # --- the other desks' changes --------------------------------------------------------

    def pull(self) -> Pulled:
        """Bring in what the other desks changed since the last pull (or the open), after
        sending the edits waiting for the server (their conflicts go to ``refused``)."""
        if self.pending:
            self.refused += self.flush()
        pulled = Pulled()
        with self.server._transaction(reading=True) as cur:
            cur.execute(f"SELECT 1 FROM {SCHEMA}.projects WHERE project_id = %s",
                        (self.project_id,))
            if cur.fetchone() is None:
                raise TeamError(_("{project} was removed from the server").format(
                    project=self.name))
            cur.execute(f"SELECT seq, action, table_name, row_id, column_name, by_user, at, "
                        f"new_value FROM {SCHEMA}.change_log WHERE project_id = %s AND "
                        "seq > %s ORDER BY seq", (self.project_id, self.seq))
            entries = cur.fetchall()
            if not entries:
                return pulled
            if any(e[1] == "import" for e in entries):
                raise TeamError(_("{project} was replaced on the server; open it again")
                                .format(project=self.name))
            self.seq = int(entries[-1][0])
            pulled.changes = [dict(zip(("seq", "action", "table", "row_id", "column", "by",
                                        "at", "new_value"), e, strict=True)) for e in entries]
            touched: dict[str, set[int]] = {}
            for e in entries:
                if e[2] in self.keys and e[3] is not None:
                    touched.setdefault(str(e[2]), set()).add(int(e[3]))
            if any(e[1] == "setting" for e in entries):
                cur.execute(f"SELECT key, value, version FROM {SCHEMA}.settings "
                            "WHERE project_id = %s", (self.project_id,))
                rows = cur.fetchall()
                versions = {k: int(n) for k, _v, n in rows}
                if versions != self.setting_versions:  # not only this desk's own
                    self.project.settings = settings_of(rows, self.name)
                    self.setting_versions = versions
                    pulled.settings = True
            for table, ids in touched.items():
                asked = np.array(sorted(ids), dtype=np.int64)
                frame, keys = self.server._read_table(cur, table, self.project_id, asked)
                self._apply(table, frame, keys, asked, pulled)
        return pulled

    def _apply(self, table: str, frame: pd.DataFrame, fresh: RowKeys, asked: np.ndarray,
               pulled: Pulled) -> None:
        """Rows as the server has them now, applied to the local table: changed, added
        (at their place by position) or removed."""
        keys = self.keys[table]
        local = pd.Index(keys.row_id)
        gone = np.setdiff1d(asked, fresh.row_id)
        at_gone = local.get_indexer(gone)
        at_gone = at_gone[at_gone >= 0]
        if len(at_gone):
            editing.remove_rows(self.project, table, at_gone.tolist())
            keep = np.ones(len(keys.row_id), dtype=bool)
            keep[at_gone] = False
            keys = self.keys[table] = RowKeys(keys.row_id[keep], keys.version[keep],
                                              keys.position[keep])
            local = pd.Index(keys.row_id)
            pulled.tables.add(table)
        spec = sheet(table)
        where = local.get_indexer(fresh.row_id)
        for i in range(len(fresh.row_id)):
            p = int(where[i])
            if p >= 0:
                if fresh.version[i] <= keys.version[p]:
                    continue
                cols = [c for c in spec.column_names
                        if not _same(self.project.tables[table][c].iloc[p],
                                     frame[c].iloc[i])]
                for c in cols:
                    editing.set_value(self.project, table, p, c, frame[c].iloc[i])
                keys.version[p] = fresh.version[i]
                cells = pulled.cells.setdefault(table, ([], []))
                cells[0].extend([p] * len(cols))
                cells[1].extend(cols)
            else:
                at = int(np.searchsorted(keys.position, fresh.position[i]))
                editing.insert_rows(self.project, table, at, frame.iloc[[i]])
                keys = self.keys[table] = RowKeys(
                    np.insert(keys.row_id, at, fresh.row_id[i]),
                    np.insert(keys.version, at, fresh.version[i]),
                    np.insert(keys.position, at, fresh.position[i]))
                local = pd.Index(keys.row_id)
                where = local.get_indexer(fresh.row_id)
                pulled.tables.add(table)

    def change_log(self, table: str | None = None, user: str | None = None,
                   since: dt.datetime | None = None, limit: int = 10_000) -> pd.DataFrame:
        """The change log, newest first: seq, at, by, action, table, row_id, column, old,
        new; filtered by table, user and time."""
        conditions, params = ["project_id = %s"], [self.project_id]
        if table:
            conditions.append("table_name = %s")
            params.append(table)  # type: ignore[arg-type]
        if user:
            conditions.append("by_user = %s")
            params.append(user)  # type: ignore[arg-type]
        if since is not None:
            conditions.append("at >= %s")
            params.append(since)  # type: ignore[arg-type]
        with self.server._transaction(reading=True) as cur:
            cur.execute(f"SELECT seq, at, by_user, action, table_name, row_id, column_name, "
                        f"old_value, new_value FROM {SCHEMA}.change_log WHERE "
                        f"{' AND '.join(conditions)} ORDER BY seq DESC LIMIT %s",
                        (*params, int(limit)))
            rows = cur.fetchall()
        return pd.DataFrame(rows, columns=["seq", "at", "by", "action", "table", "row_id",
                                           "column", "old", "new"])

    def listener(self, retry: float = LISTEN_RETRY) -> Listener:
        """A listener for the other desks' commits to this project."""
        return Listener(self.server, self.project_id, retry)


def _places(positions: np.ndarray, at: int, n: int) -> np.ndarray | None:
    """Places for ``n`` rows inserted before ``at``, evenly between its neighbours; None
    when floating point leaves no room between them."""
    lo = float(positions[at - 1]) if at > 0 else (
        float(positions[0]) - n - 1 if len(positions) else 0.0)
    hi = float(positions[at]) if at < len(positions) else lo + n + 1
    step = (hi - lo) / (n + 1)
    if not step > max(abs(lo), abs(hi), 1.0) * 1e-9:
        return None
    return lo + step * np.arange(1, n + 1)


def _same(a: object, b: object) -> bool:
    if pd.isna(a) and pd.isna(b):  # type: ignore[call-overload]
        return True
    return bool(a == b)


def _row_text(columns: Sequence[str], values: Sequence[object]) -> str:
    return "; ".join(f"{c}={t}" for c, v in zip(columns, values, strict=True)
                     if (t := log_text(v)) is not None)


class Listener:
    """A second connection that listens for the other desks' commits (LISTEN/NOTIFY). A
    lost one connects again by itself, at most every few seconds, from :meth:`poll`."""

    def __init__(self, server: Server, project_id: int, retry: float = LISTEN_RETRY
                 ) -> None:
        self.server = server
        self.project_id = project_id
        self.retry = retry  # seconds between two tries to connect again
        self.con: Any = None
        self._next_try = 0.0
        self._open()

    def _open(self) -> None:
        con = self.server.connect_again(autocommit=True)
        con.execute(f"LISTEN {CHANNEL}")
        self.con = con

    def fileno(self) -> int:
        """The connection's socket (it changes after connecting again; -1 while lost)."""
        return -1 if self.con is None else int(self.con.fileno())

    def poll(self) -> bool:
        """Whether a commit to this project arrived since the last poll (never waits on
        the server's words). Also True once when the connection is lost and once when it
        is back, so that a pull tells the state and brings what changed meanwhile."""
        import psycopg

        if self.con is None:
            if time.monotonic() < self._next_try:
                return False
            try:
                self._open()
            except TeamError:
                self._next_try = time.monotonic() + self.retry
                return False
            return True
        try:
            notes = list(self.con.notifies(timeout=0.0, stop_after=None))
        except psycopg.Error:
            self.con.close()
            self.con = None
            self._next_try = time.monotonic() + self.retry
            return True
        return any(note.payload == str(self.project_id) for note in notes)

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None
