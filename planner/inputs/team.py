"""A project kept on a PostgreSQL server, for a team working on it at several desks.

The SQLite project file (planner.inputs.storage) stays the form for one desk; a team keeps
its project on the PostgreSQL server its IT already runs. This module and
:mod:`planner.inputs.team_session` hold every SQL statement sent to the server, all of them
parameterised (identifiers come from the template's schema, never from a user), through
psycopg 3: a well-kept driver that speaks libpq's own addresses, password files and service
files, and copies whole tables in one go. SQLAlchemy Core could serve both stores, but the
two speak differently enough (SQLite file checks, PostgreSQL's COPY, LISTEN/NOTIFY, row
locks and grants) that one layer over both would hide what each does; the window and the
commands see one interface instead: :func:`planner.inputs.files.load` and
:func:`planner.inputs.files.export` take an address wherever they take a file.

On the server (schema ``stockpile``): one table per template table, each row with the
project it belongs to, a row id, its position in the table, a version and who changed it
last; the settings likewise; the projects; and a change log of every edit and import.
Several desks at once: every edit is one transaction that locks its rows and refuses the
change of a row whose version moved since it was read (:class:`EditConflict` says who
changed it, when and to what); each commit notifies the other desks, which pull what
changed (:meth:`Session.pull`). Who changed what is the server's ``current_user``: the
change log cannot be written in someone else's name. An edit made while the server is away
is kept (:attr:`Session.pending`) and sent when it is back (:meth:`Session.flush`).
docs/team.md says how a team's IT sets up the database and the roles.
"""

from __future__ import annotations

import datetime as dt
import io
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from planner.core.errors import PlannerError
from planner.core.i18n import _
from planner.inputs.parsing import normalise_ids
from planner.inputs.project import Project
from planner.inputs.schema import TABLES, sheet
from planner.inputs.storage import SCHEMA_VERSION, column_of, settings_from_rows, sql_values
from planner.inputs.team_schema import (
    SCHEMA,
    SERVER_FORMAT,
    check_columns,
    schema_statements,
    table_of,
)

if TYPE_CHECKING:
    from planner.inputs.team_session import Listener, PendingEdit, Pulled, Session

CHANNEL = "stockpile_changes"  # NOTIFY payload: the project id
KEYRING_SERVICE = "Stockpile Planner"
CONNECT_TIMEOUT = 10  # seconds, unless the address says otherwise
SCHEMES = ("postgresql://", "postgres://")
EDITORS = "stockpile_editor"
VIEWERS = "stockpile_viewer"
ROW_COLUMNS = ("project_id", "row_id", "position", "version", "changed_by", "changed_at")
LOG_COLUMNS = ("project_id", "action", "table_name", "row_id", "column_name", "old_value",
               "new_value")  # what a desk writes to the change log; the server adds who, when
# a server that vanishes from the network (no reset, no answer) is noticed within seconds,
# not after the system's quarter of an hour, unless the address sets these itself
LIBPQ_DEFAULTS = {"connect_timeout": str(CONNECT_TIMEOUT), "keepalives": "1",
                  "keepalives_idle": "30", "keepalives_interval": "10",
                  "keepalives_count": "3", "tcp_user_timeout": "30000"}


class TeamError(PlannerError):
    """A server or project that cannot be used; the message says why, never a password."""


class ServerUnavailable(TeamError):
    """The server went away or cannot be reached; nothing was changed on it."""


class NotAllowed(TeamError):
    """The server refused a change: the user may view the project, not change it."""


class Busy(TeamError):
    """The server rolled a transaction back to settle a deadlock with another desk: the
    same transaction may simply be sent again."""


@dataclass(frozen=True)
class Conflict:
    """A change refused because someone else changed the row since it was read."""

    table: str
    row_id: int
    column: str  # "" for a whole row (removed, or inserted next to)
    mine: object
    theirs: object  # None when they removed the row
    by: str
    at: dt.datetime | None

    def sentence(self) -> str:
        when = self.at.astimezone().strftime("%Y-%m-%d %H:%M") if self.at else "?"
        if self.theirs is None and not self.column:
            return _("{user} removed this row at {when}").format(user=self.by, when=when)
        return _("{user} changed {column} to {value} at {when}").format(
            user=self.by, column=self.column or self.table, value=_shown(self.theirs),
            when=when)


class EditConflict(TeamError):
    """An edit refused as a whole: rows someone else changed since they were read."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        super().__init__("; ".join(c.sentence() for c in conflicts[:3]))


def _shown(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return _("(blank)")
    if isinstance(value, float):
        return f"{value:,.10g}"
    return str(value)


# --- addresses -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Address:
    """``postgresql://[user@]host[:port]/database?project=NAME`` (libpq's URI form; its
    other parameters, such as sslmode, are passed on). Never holds a password."""

    uri: str  # without the project
    project: str | None
    user: str
    host: str
    port: str
    database: str

    @property
    def shown(self) -> str:
        """The address as a person reads it (and as the window remembers it)."""
        if self.project is None:
            return self.uri
        sep = "&" if "?" in self.uri else "?"
        return f"{self.uri}{sep}project={urllib.parse.quote(self.project, safe='')}"

    @property
    def server(self) -> str:
        """user@host:port/database, for messages and the keyring."""
        who = f"{self.user}@" if self.user else ""
        return f"{who}{self.host}:{self.port}/{self.database}"

    @property
    def name(self) -> str:
        """What messages call it, as they call a file by its name: the project, or the
        server when the address names none."""
        return self.project if self.project is not None else self.server

    def with_project(self, project: str | None) -> Address:
        return Address(self.uri, project, self.user, self.host, self.port, self.database)


def is_address(text: object) -> bool:
    return str(text).strip().lower().startswith(SCHEMES)


def parse_address(text: str) -> Address:
    """An address, or TeamError saying what is wrong with it."""
    from psycopg.conninfo import conninfo_to_dict

    text = text.strip()
    if not is_address(text):
        raise TeamError(_("{address}: a server address begins with postgresql://").format(
            address=text))
    parts = urllib.parse.urlsplit(text)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    projects = [v for k, v in query if k == "project"]
    rest = [(k, v) for k, v in query if k != "project"]
    if parts.password is not None or any(k == "password" for k, _v in rest):
        raise TeamError(_("The address holds a password; leave it out. The program asks for "
                          "it when the server wants one (or takes it from the password file "
                          "or PGPASSWORD), and never stores it in an address."))
    uri = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path,
                                   urllib.parse.urlencode(rest), ""))
    try:
        info = conninfo_to_dict(uri)
    except Exception as exc:  # psycopg.ProgrammingError: libpq's own words
        raise TeamError(_("{address}: not a server address ({error})").format(
            address=text, error=str(exc).strip())) from None
    database = str(info.get("dbname") or "")
    if not database:
        raise TeamError(_("{address}: the address names no database "
                          "(postgresql://host/DATABASE?project=NAME)").format(address=text))
    project = projects[-1].strip() if projects else None
    if project == "":
        raise TeamError(_("{address}: the project name is blank").format(address=text))
    return Address(uri, project, str(info.get("user") or ""), str(info.get("host") or
                                                                   "localhost"),
                   str(info.get("port") or "5432"), database)


# --- connecting ----------------------------------------------------------------------------

Ask = Callable[[Address, str], "str | None"]  # (address, why) -> a password, or None
ASKS = 3  # wrong passwords typed before giving up


def connect(address: Address, password: str | None = None, ask: Ask | None = None,
            autocommit: bool = False) -> Any:
    """A connection, with the password from libpq's own means (the password file, a service
    file, PGPASSWORD) first, then ``password``, then the system keyring, then ``ask``.
    Raises TeamError with a message that names the server, never the password."""
    return _connect(address, password, ask, autocommit)[0]


def _connect(address: Address, password: str | None, ask: Ask | None, autocommit: bool
             ) -> tuple[Any, str | None]:
    """The connection and the password it took (None: libpq found its own), which a
    :class:`Server` keeps in memory to connect again after losing the server."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    given = conninfo_to_dict(address.uri)
    extra: dict[str, Any] = {k: v for k, v in LIBPQ_DEFAULTS.items() if k not in given}
    last: list[Exception] = []

    def secrets() -> Iterator[str | None]:
        yield None  # libpq's own: PGPASSWORD, the password file, a service file
        if password:
            yield password
        stored = _keyring_password(address)
        if stored and stored != password:
            yield stored
        for _i in range(ASKS if ask is not None else 0):
            assert ask is not None
            typed = ask(address, _reason(last[-1], address))
            if not typed:
                return
            yield typed

    for secret in secrets():
        try:
            options = dict(extra) if secret is None else {**extra, "password": secret}
            con = psycopg.connect(address.uri, autocommit=autocommit,
                                  application_name="Stockpile Planner", **options)
            return con, secret
        except psycopg.Error as exc:
            last.append(exc)
            if not _wants_password(exc):
                break
    raise _failure(last[-1], address) from None


def _keyring_password(address: Address) -> str | None:
    try:
        import keyring

        secret = keyring.get_password(KEYRING_SERVICE, address.server)
    except Exception:  # no keyring on this machine (a server without a desktop)
        return None
    return secret or None


def remember_password(address: Address, password: str) -> bool:
    """Keep the password in the system keyring (never in a file of ours); False when the
    machine has no keyring."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, address.server, password)
    except Exception:
        return False
    return True


def forget_password(address: Address) -> None:
    """Take the server's password out of the system keyring (a password that changed)."""
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, address.server)
    except Exception:  # none kept, or no keyring
        pass


def _wants_password(exc: Exception) -> bool:
    text = str(exc).lower()
    return ("password authentication failed" in text or "no password supplied" in text
            or "password is required" in text or "fe_sendauth" in text)


def _reason(exc: Exception, address: Address) -> str:
    return str(_failure(exc, address))


def _failure(exc: Exception, address: Address) -> TeamError:
    """libpq's error as a sentence naming the server (libpq never echoes a password)."""
    text = str(exc).strip()
    low = text.lower()
    server = address.server
    user = address.user or _("(your login name)")
    if "no password supplied" in low or "password is required" in low:
        return TeamError(_("{server}: the server wants a password for {user}. Put it in "
                           "PGPASSWORD or in the password file (.pgpass; pgpass.conf on "
                           "Windows), or keep it in the system keyring; never in the "
                           "address.").format(server=server, user=user))
    if _wants_password(exc):
        return TeamError(_("{server}: the server refused the password of {user} (or has no "
                           "such user)").format(server=server, user=user))
    if "does not exist" in low and "database" in low:
        return TeamError(_("{server}: the server has no database {database}").format(
            server=server, database=address.database))
    if "does not exist" in low and "role" in low:
        return TeamError(_("{server}: the server has no user {user}").format(
            server=server, user=user))
    if ("could not translate host name" in low or "name or service not known" in low
            or "nodename nor servname" in low or "failed to resolve host" in low):
        return ServerUnavailable(_("{server}: no such host {host}").format(
            server=server, host=address.host))
    if any(word in low for word in ("timeout", "refused", "could not connect", "no route",
                                    "server closed", "connection is lost", "terminating",
                                    "connection is closed", "network is unreachable")):
        return ServerUnavailable(_("{server}: the server cannot be reached ({error})").format(
            server=server, error=_libpq_reason(text)))
    return TeamError(_("{server}: {error}").format(server=server, error=_libpq_reason(text)))


def _libpq_reason(text: str) -> str:
    """The gist of libpq's message: its first line, after "connection to server at ...
    failed:" ("Connection refused", "timeout expired")."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = lines[0] if lines else text
    gist = first.rsplit(" failed: ", 1)[-1].strip()
    return gist.removeprefix("FATAL:").strip() or first


def roles_sql(database: str = "planning", editors: str = EDITORS, viewers: str = VIEWERS
              ) -> str:
    """The SQL a team's IT runs once, as the database's owner: the schema, the two roles
    and their grants (the server itself then refuses a viewer's change), and how to add a
    person. Names are quoted as identifiers, and refused with a control character (a line
    break would end a comment and start a statement of its own)."""
    from psycopg import sql

    for name in (database, editors, viewers):
        if not name.strip() or any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
            raise TeamError(_("{name} cannot name a database or a role").format(
                name=repr(name)))

    def ident(name: str) -> str:
        return sql.Identifier(name).as_string(None)

    db, ed, vw = ident(database), ident(editors), ident(viewers)
    data = ", ".join([f"{SCHEMA}.settings", *(table_of(n) for n in TABLES)])
    logged = ", ".join(LOG_COLUMNS)
    lines = [
        "-- Stockpile Planner: a team's project on PostgreSQL. Run once as the owner of",
        f"-- the database {db} (psql -d {db} -f roles.sql); again after an update of the",
        "-- program, to add the columns it writes.",
        "SET client_min_messages = warning;  -- not a line for each table already there",
        "BEGIN;",
        *(f"{s};" for s in schema_statements()),
        f"DO $$ BEGIN CREATE ROLE {ed} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL;"
        " END $$;",
        f"DO $$ BEGIN CREATE ROLE {vw} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL;"
        " END $$;",
        f"GRANT CONNECT ON DATABASE {db} TO {ed}, {vw};",
        f"GRANT USAGE ON SCHEMA {SCHEMA} TO {ed}, {vw};",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {SCHEMA} TO {ed}, {vw};",
        f"GRANT INSERT, UPDATE, DELETE ON {data} TO {ed};",
        "-- editors add projects and replace their rows; removing a project (and its change",
        "-- log with it) is left to the owner",
        f"GRANT INSERT, UPDATE ON {SCHEMA}.projects TO {ed};",
        "-- the change log is kept: editors add to it, in their own name and at the present",
        "-- time (the columns by_user and at take their defaults), and nobody changes it",
        f"GRANT INSERT ({logged}) ON {SCHEMA}.change_log TO {ed};",
        "COMMIT;",
        "",
        "-- Each person logs in as their own user, in one of the two roles:",
        f"--   CREATE ROLE alice LOGIN PASSWORD '...' IN ROLE {ed};",
        f"--   CREATE ROLE bob LOGIN PASSWORD '...' IN ROLE {vw};",
    ]
    return "\n".join(lines) + "\n"


# --- values --------------------------------------------------------------------------------

def log_text(value: object) -> str | None:
    """A value as the change log keeps it."""
    if value is None or value is pd.NA or value is pd.NaT or (
            isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return pd.Timestamp(value).date().isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def sql_value(value: object, dtype: object) -> object:
    """A cell's value as its server column takes it."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if dtype == "float64":
        number = float(value)  # type: ignore[arg-type]
        return None if np.isnan(number) else number
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        return pd.Timestamp(value).date().isoformat()
    if isinstance(value, float) and np.isnan(value):
        return None
    return str(value)


def setting_text(value: object) -> str | None:
    """A setting's value as the server keeps it (as the project file does)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@dataclass
class RowKeys:
    """The server's row id, version and position of each row of a local table."""

    row_id: np.ndarray
    version: np.ndarray
    position: np.ndarray

    @classmethod
    def empty(cls) -> RowKeys:
        return cls(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))

    def at(self, positions: Sequence[int]) -> np.ndarray:
        return self.row_id[np.asarray(positions, dtype=np.int64)]


LOG_LOCK = 0x5B0C  # the first key of the advisory lock that orders a project's log


def lock_log(cur: Any, project_id: int) -> None:
    """Hold the project's log lock until the transaction ends. A log entry's number is
    taken when it is written, not when its transaction commits: without the lock, a desk
    that pulled after entry 12 had committed would never see an entry 11 committed just
    after. With it, entries commit in the order of their numbers."""
    cur.execute("SELECT pg_advisory_xact_lock(%s, %s)", (LOG_LOCK, int(project_id)))


# --- a server ------------------------------------------------------------------------------

class Server:
    """One connection to a team's server. It connects again by itself after losing the
    server (with the password it took, kept in memory only)."""

    def __init__(self, con: Any, address: Address, secret: str | None = None) -> None:
        self.con = con
        self.address = address
        self._secret = secret
        self.lost = False  # the last contact failed: the server is away

    @classmethod
    def open(cls, address: Address | str, password: str | None = None,
             ask: Ask | None = None) -> Server:
        if isinstance(address, str):
            address = parse_address(address)
        con, secret = _connect(address, password, ask, autocommit=False)
        return cls(con, address, secret)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def connect_again(self, autocommit: bool = False) -> Any:
        """Another connection to the same server as the same user (no asking)."""
        return _connect(self.address, self._secret, None, autocommit)[0]

    def _reconnect(self) -> None:
        """Connect again after losing the server. Any failure (the server still away, or
        back with the user's password changed) is ServerUnavailable, in its own words: an
        edit is kept until the server can be used again."""
        try:
            self.con = self.connect_again()
        except TeamError as exc:
            self.lost = True
            if isinstance(exc, ServerUnavailable):
                raise
            raise ServerUnavailable(str(exc)) from None
        self.lost = False

    @contextmanager
    def _transaction(self, reading: bool = False) -> Iterator[Any]:
        """One transaction (after connecting again if the connection was lost); the
        server's refusals as TeamError: NotAllowed for a right the user lacks (``reading``:
        to read the projects at all), ServerUnavailable for a lost server, Busy for a
        deadlock the server settled by rolling this transaction back."""
        import psycopg

        if self.con.closed or self.con.broken:
            self._reconnect()
        try:
            with self.con.transaction(), self.con.cursor() as cur:
                yield cur
        except psycopg.errors.InsufficientPrivilege:
            if reading:
                raise NotAllowed(_("{server}: your user may not read the Stockpile Planner "
                                   "projects there; ask whoever looks after the database "
                                   "to make you a viewer or an editor").format(
                    server=self.address.server)) from None
            raise NotAllowed(_("{server}: you may view this project but not change it (the "
                               "server gives your user no right to change it)").format(
                server=self.address.server)) from None
        except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure):
            raise Busy(_("{server}: the server is busy with other desks' changes; try "
                         "again").format(server=self.address.server)) from None
        except psycopg.Error as exc:
            if self.con.closed or self.con.broken or isinstance(exc, psycopg.OperationalError):
                self.lost = self.con.closed or self.con.broken
                failure = _failure(exc, self.address)
                if self.lost and not isinstance(failure, ServerUnavailable):
                    failure = ServerUnavailable(_(
                        "{server}: the connection to the server was lost ({error})").format(
                        server=self.address.server, error=_libpq_reason(str(exc))))
                raise failure from None
            raise TeamError(_("{server}: the server refused this ({error})").format(
                server=self.address.server, error=_libpq_reason(str(exc)))) from None
        self.lost = False

    def has_schema(self) -> bool:
        with self._transaction(reading=True) as cur:
            cur.execute("SELECT to_regclass(%s) IS NOT NULL", (f"{SCHEMA}.projects",))
            present = bool(cur.fetchone()[0])
            if present:
                cur.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'server_format'")
                row = cur.fetchone()
                if row and int(row[0]) > SERVER_FORMAT:
                    raise TeamError(_("{server}: the projects there were written by a newer "
                                      "version of Stockpile Planner; update the program")
                                    .format(server=self.address.server))
        return present

    def _missing_columns(self, cur: Any) -> list[str]:
        """The template's columns the server's tables lack (written by an older program)."""
        cur.execute("SELECT table_name, column_name FROM information_schema.columns "
                    "WHERE table_schema = %s", (SCHEMA,))
        present = {(t, c) for t, c in cur.fetchall()}
        return [f"{name}.{c}" for name in TABLES for c in sheet(name).column_names
                if (name.lower(), c) not in present]

    def _older_tables(self, missing: list[str]) -> TeamError:
        return TeamError(_("{server}: the tables there lack columns this version of the "
                           "program needs ({columns}); ask whoever looks after the database "
                           "to run the SQL of planner roles-sql again").format(
            server=self.address.server, columns=", ".join(missing[:5])))

    def ensure_schema(self) -> None:
        """Make the schema on first use, or add the columns a newer program writes (it needs
        the right to: otherwise the message says who can)."""
        if self.has_schema():
            with self._transaction(reading=True) as cur:
                missing = self._missing_columns(cur)
            if not missing:
                return
        else:
            missing = []
        try:
            with self._transaction() as cur:
                for statement in schema_statements():
                    cur.execute(statement)
        except NotAllowed:
            if missing:
                raise self._older_tables(missing) from None
            raise NotAllowed(_("{server}: the database has no Stockpile Planner tables yet, "
                               "and your user may not make them; ask whoever looks after "
                               "the database to run the SQL that planner roles-sql prints")
                             .format(server=self.address.server)) from None

    def projects(self) -> pd.DataFrame:
        """The projects on the server: name, items, created_by, created_at, changed_at,
        changed_by (the last change in the log)."""
        columns = ["name", "items", "created_by", "created_at", "changed_at", "changed_by"]
        if not self.has_schema():
            return pd.DataFrame(columns=columns)
        with self._transaction(reading=True) as cur:
            cur.execute(
                f"SELECT p.name, (SELECT count(*) FROM {SCHEMA}.items i "
                "WHERE i.project_id = p.project_id), p.created_by, p.created_at, "
                "l.at, l.by_user FROM "
                f"{SCHEMA}.projects p LEFT JOIN LATERAL (SELECT at, by_user FROM "
                f"{SCHEMA}.change_log c WHERE c.project_id = p.project_id ORDER BY seq DESC "
                "LIMIT 1) l ON true ORDER BY p.name")
            rows = cur.fetchall()
        return pd.DataFrame(rows, columns=columns)

    def _project_id(self, cur: Any, name: str) -> int | None:
        cur.execute(f"SELECT project_id, data_format FROM {SCHEMA}.projects WHERE name = %s",
                    (name,))
        row = cur.fetchone()
        if row is None:
            return None
        if int(row[1]) > SCHEMA_VERSION:
            raise TeamError(_("{project}: saved by a newer version of Stockpile Planner "
                              "(project format {format}; this version reads up to {newest})"
                              ).format(project=name, format=row[1], newest=SCHEMA_VERSION))
        return int(row[0])

    def put(self, project: Project, name: str, replace: bool = False) -> None:
        """Put a whole project on the server as ``name`` (one transaction; the change log
        records it as an import). Refuses to replace an existing project unless asked; a
        replaced project keeps its change log, and the desks that have it open are told to
        open it again."""
        if not name.strip():
            raise TeamError(_("{server}: the project name is blank").format(
                server=self.address.server))
        self.ensure_schema()
        with self._transaction() as cur:
            cur.execute(f"LOCK TABLE {SCHEMA}.projects IN SHARE ROW EXCLUSIVE MODE")
            pid = self._project_id(cur, name)
            if pid is not None and not replace:
                raise TeamError(_("{server}: there is already a project {project}; add "
                                  "--replace to replace it").format(
                    server=self.address.server, project=name))
            if pid is None:
                cur.execute(f"INSERT INTO {SCHEMA}.projects (name, data_format) VALUES "
                            "(%s, %s) RETURNING project_id", (name, SCHEMA_VERSION))
                pid = int(cur.fetchone()[0])
            else:
                cur.execute(f"UPDATE {SCHEMA}.projects SET data_format = %s "
                            "WHERE project_id = %s", (SCHEMA_VERSION, pid))
                for table in ("settings", *TABLES):
                    target = f"{SCHEMA}.settings" if table == "settings" else table_of(table)
                    cur.execute(f"DELETE FROM {target} WHERE project_id = %s", (pid,))
            cur.executemany(f"INSERT INTO {SCHEMA}.settings (project_id, key, value) "
                            "VALUES (%s, %s, %s)",
                            [(pid, k, setting_text(v)) for k, v in project.settings.as_rows()])
            lock_log(cur, pid)
            for table in TABLES:
                spec = sheet(table)
                frame = project.tables[table][spec.column_names]
                cols = ", ".join(("project_id", "position", *spec.column_names))
                with cur.copy(f"COPY {table_of(table)} ({cols}) FROM STDIN") as copy:
                    for i, row in enumerate(sql_values(frame)):
                        copy.write_row((pid, float(i), *row))
                cur.execute(f"INSERT INTO {SCHEMA}.change_log (project_id, action, "
                            "table_name, new_value) VALUES (%s, 'import', %s, %s)",
                            (pid, table, str(len(frame))))
            cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(pid)))

    def load(self, name: str) -> Session:
        """Open a project: its tables, settings and the keys of its rows."""
        from planner.inputs.team_session import Session

        if not self.has_schema():
            raise TeamError(_("{server}: no project {project} (the server has no Stockpile "
                              "Planner projects yet)").format(server=self.address.server,
                                                              project=name))
        with self._transaction(reading=True) as cur:
            missing = self._missing_columns(cur)
            if missing:
                raise self._older_tables(missing)
            pid = self._project_id(cur, name)
            if pid is None:
                cur.execute(f"SELECT name FROM {SCHEMA}.projects ORDER BY name")
                names = [r[0] for r in cur.fetchall()]
                raise TeamError(_("{server}: no project {project} (projects there: {names})")
                                .format(server=self.address.server, project=name,
                                        names=", ".join(names) or _("none")))
            cur.execute(f"SELECT coalesce(max(seq), 0) FROM {SCHEMA}.change_log "
                        "WHERE project_id = %s", (pid,))
            seq = int(cur.fetchone()[0])
            cur.execute(f"SELECT key, value, version FROM {SCHEMA}.settings "
                        "WHERE project_id = %s", (pid,))
            rows = cur.fetchall()
            settings = settings_of(rows, name)
            setting_versions = {k: int(n) for k, _v, n in rows}
            tables: dict[str, pd.DataFrame] = {}
            keys: dict[str, RowKeys] = {}
            for table in TABLES:
                tables[table], keys[table] = self._read_table(cur, table, pid)
        project = Project(tables, settings)
        return Session(self, name, pid, project, keys, setting_versions, seq)

    def _read_table(self, cur: Any, table: str, pid: int,
                    row_ids: np.ndarray | None = None) -> tuple[pd.DataFrame, RowKeys]:
        """A table of a project (or some of its rows), in position order, through COPY."""
        spec = sheet(table)
        cols = ", ".join(("row_id", "version", "position", *spec.column_names))
        where, params = "project_id = %s", [int(pid)]
        if row_ids is not None:
            where += " AND row_id = ANY(%s)"
            params.append([int(i) for i in row_ids])  # type: ignore[arg-type]
        buffer = io.BytesIO()
        with cur.copy(f"COPY (SELECT {cols} FROM {table_of(table)} WHERE {where} "
                      "ORDER BY position) TO STDOUT (FORMAT csv, HEADER true)",
                      params) as copy:
            for chunk in copy:
                buffer.write(chunk)
        buffer.seek(0)
        dtypes = {c.name: ("float64" if c.dtype == "float64" else "string")
                  for c in spec.columns}
        raw = pd.read_csv(buffer, dtype={"row_id": "int64", "version": "int64",
                                         "position": "float64", **dtypes},
                          keep_default_na=False, na_values={
                              **{c: [""] for c in dtypes}}, encoding="utf-8")
        frame = {}
        for c in spec.columns:
            values = raw[c.name]
            if c.dtype == "float64":
                frame[c.name] = values.astype("float64").reset_index(drop=True)
                continue
            cells = values.to_numpy(dtype=object)
            cells[values.isna().to_numpy()] = None
            objects: tuple[object, ...] = tuple(cells.tolist())
            if c.type == "id":
                objects = normalise_ids(objects)
            frame[c.name] = column_of(c.dtype, objects)
        keys = RowKeys(raw["row_id"].to_numpy(dtype=np.int64, copy=True),
                       raw["version"].to_numpy(dtype=np.int64, copy=True),
                       raw["position"].to_numpy(dtype=float, copy=True))
        return pd.DataFrame(frame, columns=spec.column_names), keys

    def remove(self, name: str) -> None:
        """Remove a project and its change log from the server (with the rights of the
        database's owner: roles_sql leaves it to them)."""
        with self._transaction() as cur:
            cur.execute(f"DELETE FROM {SCHEMA}.projects WHERE name = %s", (name,))


def settings_of(rows: Sequence[tuple[str, str | None, int]], project: str) -> Any:
    """The project's Settings from the server's rows; TeamError naming a value that is not
    a setting's (written there by hand)."""
    try:
        return settings_from_rows({k: v for k, v, _n in rows if v is not None})
    except ValueError as exc:
        raise TeamError(_("{project}: {error}").format(project=project, error=exc)) from None


def load(text: str, password: str | None = None, ask: Ask | None = None) -> Project:
    """The project at a server address (``...?project=NAME``)."""
    address = parse_address(text)
    if address.project is None:
        raise TeamError(_("{address}: name the project (?project=NAME)").format(
            address=address.shown))
    with Server.open(address, password, ask) as server:
        return server.load(address.project).project


def save(project: Project, text: str, replace: bool = False, password: str | None = None,
         ask: Ask | None = None) -> None:
    """Put a project at a server address (``planner convert FILE -o ADDRESS``)."""
    address = parse_address(text)
    if address.project is None:
        raise TeamError(_("{address}: name the project (?project=NAME)").format(
            address=address.shown))
    with Server.open(address, password, ask) as server:
        server.put(project, address.project, replace=replace)


def __getattr__(name: str) -> Any:
    """The session's names, for those who reach them through this module (team.Session):
    imported when asked, since planner.inputs.team_session imports this module."""
    if name in _SESSION_NAMES:
        from planner.inputs import team_session

        return getattr(team_session, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_SESSION_NAMES = ("Listener", "PendingEdit", "Pulled", "Session")

__all__ = ["CHANNEL", "EDITORS", "SCHEMA", "VIEWERS", "Address", "Busy", "Conflict",
           "EditConflict", "Listener", "NotAllowed", "PendingEdit", "Pulled", "RowKeys",
           "Server", "ServerUnavailable", "Session", "TeamError", "check_columns", "connect",
           "forget_password", "is_address", "load", "parse_address", "remember_password",
           "roles_sql", "save", "schema_statements"]
