"""The tables of a team's project on the PostgreSQL server, as DDL (planner.inputs.team).

One schema, ``stockpile``: the meta table (its format), the projects, the settings, the
change log, and one table per template table whose columns are the template's, each row
with its project, row id, position, version and who changed it last. The statements make
the schema on first use and complete it after an update of the program (columns added,
nothing removed); ``planner roles-sql`` prints them for a team's IT. Only names from the
template's schema are ever written into a statement (:func:`check_columns`).
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.inputs.schema import TABLES, sheet

SCHEMA = "stockpile"
SERVER_FORMAT = 1  # the layout of the tables on the server (meta.server_format)


def _sql_type(dtype: object) -> str:
    return "double precision" if dtype == "float64" else "text"


def table_of(name: str) -> str:
    """The server's table of a template table (a name from the schema, never a user's)."""
    sheet(name)  # KeyError for a name that is not a template table
    return f"{SCHEMA}.{name.lower()}"


def check_columns(table: str, columns: Sequence[str]) -> None:
    """Refuse a column that is not one of the template table's: only the schema's names
    are ever written into a statement."""
    known = set(sheet(table).column_names)
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise ValueError(f"{table} has no column {unknown[0]!r}")


def schema_statements() -> list[str]:
    """The DDL that makes (or completes) the schema: run on first use by whoever may
    create it, and printed by ``planner roles-sql`` for a team's IT."""
    out = [
        f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}",
        f"CREATE TABLE IF NOT EXISTS {SCHEMA}.meta (key text PRIMARY KEY, value text)",
        f"CREATE TABLE IF NOT EXISTS {SCHEMA}.projects ("
        "project_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
        "name text NOT NULL UNIQUE, data_format integer NOT NULL, "
        "created_by text NOT NULL DEFAULT current_user, "
        "created_at timestamptz NOT NULL DEFAULT now())",
        f"CREATE TABLE IF NOT EXISTS {SCHEMA}.settings ("
        f"project_id integer NOT NULL REFERENCES {SCHEMA}.projects ON DELETE CASCADE, "
        "key text NOT NULL, value text, version integer NOT NULL DEFAULT 1, "
        "changed_by text NOT NULL DEFAULT current_user, "
        "changed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (project_id, key))",
        f"CREATE TABLE IF NOT EXISTS {SCHEMA}.change_log ("
        "seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
        f"project_id integer NOT NULL REFERENCES {SCHEMA}.projects ON DELETE CASCADE, "
        "at timestamptz NOT NULL DEFAULT now(), by_user text NOT NULL DEFAULT current_user, "
        "action text NOT NULL, table_name text, row_id bigint, column_name text, "
        "old_value text, new_value text)",
        f"CREATE INDEX IF NOT EXISTS change_log_project ON {SCHEMA}.change_log "
        "(project_id, seq)",
    ]
    for name in TABLES:
        spec = sheet(name)
        cols = ", ".join(f"{c.name} {_sql_type(c.dtype)}" for c in spec.columns)
        out.append(
            f"CREATE TABLE IF NOT EXISTS {table_of(name)} ("
            f"project_id integer NOT NULL REFERENCES {SCHEMA}.projects ON DELETE CASCADE, "
            "row_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
            "position double precision NOT NULL, version integer NOT NULL DEFAULT 1, "
            "changed_by text NOT NULL DEFAULT current_user, "
            f"changed_at timestamptz NOT NULL DEFAULT now(), {cols})")
        out.append(f"CREATE INDEX IF NOT EXISTS {name.lower()}_project ON {table_of(name)} "
                   "(project_id, position)")
        out += [f"ALTER TABLE {table_of(name)} ADD COLUMN IF NOT EXISTS {c.name} "
                f"{_sql_type(c.dtype)}" for c in spec.columns]
    out.append(f"INSERT INTO {SCHEMA}.meta VALUES ('server_format', '{SERVER_FORMAT}') "
               "ON CONFLICT (key) DO NOTHING")
    return out
