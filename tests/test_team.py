"""A team's project on a real PostgreSQL server (tests/pg_server.py): the round trip, the
figures, two desks at once, the roles the server itself enforces, a server that goes away,
wrong addresses on the command line, SQL injection, and passwords that never show.

Each test has its own database (and its own users: roles belong to the whole server).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import numpy as np
import pandas as pd
import psycopg
import pytest

import planner
from planner import cli
from planner.inputs import editing, files, team
from planner.inputs.schema import TABLES, sheet

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.xlsx"))
PASSWORD = "Pa55-w0rd-never-shown"
EVIL = [
    "x'); DROP TABLE stockpile.items; --",
    "Robert\"; DELETE FROM stockpile.projects; --",
    "$$; DROP SCHEMA stockpile CASCADE; $$",
    "a\\N,b\"c\nd\te'f",
    "1; UPDATE stockpile.stock SET on_hand = 0 WHERE true; --",
    "見積'); TRUNCATE stockpile.change_log; --",
]


class MemoryKeyring(keyring.backend.KeyringBackend):
    """The system keyring, in memory: a test never touches the machine's own."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def no_outside_passwords(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                         ) -> Iterator[MemoryKeyring]:
    """No password from this machine's environment, password file or keyring; no terminal
    to ask on."""
    for name in ("PGPASSWORD", "PGSERVICE", "PGUSER", "PGHOST", "PGDATABASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    monkeypatch.setenv("PGSERVICEFILE", str(tmp_path / "no-service-file"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


@pytest.fixture
def db(pg_server: Any, request: pytest.FixtureRequest) -> str:
    """A database of this test's own."""
    digest = hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:10]
    return str(pg_server.create_database(f"t_{digest}"))


@pytest.fixture
def server_up(pg_server: Any) -> Iterator[Any]:
    """The server, started again at the end if the test stopped it."""
    try:
        yield pg_server
    finally:
        pg_server.ensure_running()


def roles(pg_server: Any, db: str) -> tuple[str, str]:
    """The database set up as a team's IT does (planner roles-sql), with an editor and a
    viewer of its own; their names."""
    pg_server.run_sql(db, team.roles_sql(db))
    editor, viewer = f"ed_{db}", f"vw_{db}"
    pg_server.create_user(editor, PASSWORD, role=team.EDITORS)
    pg_server.create_user(viewer, PASSWORD, role=team.VIEWERS)
    return editor, viewer


def sample(name: str = "ev_motors_wind.xlsx") -> planner.Project:
    return planner.load(ROOT / "samples" / name)


def set_cells(session: team.Session, table: str, positions: list[int], columns: list[str],
              values: list[object]) -> None:
    """An edit as the window makes it: the local project first, then the server."""
    for position, column, value in zip(positions, columns, values, strict=True):
        editing.set_value(session.project, table, position, column, value)
    session.set_cells(table, positions, columns, values)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


# --- round trip and figures ----------------------------------------------------------------

@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_round_trip_file_server_file(path: Path, pg_server: Any, db: str, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    address = pg_server.address(db, "Plan")
    code, out, err = run(["convert", str(path), "-o", address], capsys)
    assert (code, err) == (0, "")
    assert "Plan" in out
    back = tmp_path / "back.stockpile"
    code, _out, err = run(["convert", address, "-o", str(back)], capsys)
    assert (code, err) == (0, "")
    original = planner.load(path)
    assert planner.load(back).equals(original)
    assert team.load(address).equals(original)


def test_report_json_same_from_server_as_from_file(pg_server: Any, db: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = ROOT / "samples" / "semiconductor_equipment.xlsx"
    address = pg_server.address(db, "Fab tools")
    assert run(["convert", str(path), "-o", address], capsys)[0] == 0
    code, from_file, _err = run(["report", str(path), "--json"], capsys)
    assert code == 0
    code, from_server, err = run(["report", address, "--json"], capsys)
    assert (code, err) == (0, "")
    assert json.loads(from_server) == json.loads(from_file)
    code, out, _err = run(["check", address], capsys)
    assert code == 0
    assert out.startswith("Fab tools: valid (")


def test_files_export_to_address_refuses_and_replaces(pg_server: Any, db: str) -> None:
    address = pg_server.address(db, "EV")
    files.export(sample(), address)
    with pytest.raises(team.TeamError, match="already a project EV; add --replace"):
        files.export(sample(), address)
    other = sample("motors_actuators_ja.xlsx")
    files.export(other, address, replace=True)
    assert files.load(address).equals(other)
    assert files.export_targets(address) == [] and files.input_paths(address) == []
    assert not files.overwrites([], address)


# --- two desks ---------------------------------------------------------------------------

def test_two_desks_same_row_one_refused_nothing_lost(pg_server: Any, db: str) -> None:
    editor, _viewer = roles(pg_server, db)
    other = f"ed2_{db}"
    pg_server.create_user(other, PASSWORD, role=team.EDITORS)
    team.save(sample(), pg_server.address(db, "EV", editor), password=PASSWORD)
    with team.Server.open(pg_server.address(db, "EV", editor), PASSWORD) as s1, \
            team.Server.open(pg_server.address(db, "EV", other), PASSWORD) as s2:
        a, b = s1.load("EV"), s2.load("EV")
        assert a.can_edit() and b.can_edit()
        editing.set_value(a.project, "Stock", 0, "on_hand", 1200.0)
        a.set_cells("Stock", [0], ["on_hand"], [1200.0])
        editing.set_value(b.project, "Stock", 0, "on_hand", 999.0)
        with pytest.raises(team.EditConflict) as info:
            b.set_cells("Stock", [0], ["on_hand"], [999.0])
        (conflict,) = info.value.conflicts
        assert (conflict.table, conflict.column, conflict.by) == ("Stock", "on_hand", editor)
        assert conflict.theirs == 1200.0 and conflict.mine == 999.0  # the refused value
        assert conflict.at is not None
        assert re.fullmatch(rf"{editor} changed on_hand to 1,200 at \d{{4}}-\d\d-\d\d \d\d:\d\d",
                            conflict.sentence())
        assert b.project.stock["on_hand"].iloc[0] == 999.0  # still in hand locally
        assert team.load(pg_server.address(db, "EV")).stock["on_hand"].iloc[0] == 1200.0
        pulled = b.pull()  # the other's value comes in; b may redo its own now
        assert pulled.cells == {"Stock": ([0], ["on_hand"])}
        assert b.project.stock["on_hand"].iloc[0] == 1200.0
        b.set_cells("Stock", [0], ["on_hand"], [999.0])
        log = a.change_log(table="Stock")
        assert log[["by", "old", "new"]].head(2).values.tolist() == [
            [other, "1200.0", "999.0"], [editor, log["old"].iloc[1], "1200.0"]]


def test_two_desks_different_rows_both_kept(pg_server: Any, db: str) -> None:
    address = pg_server.address(db, "EV")
    team.save(sample(), address)
    with team.Server.open(address) as s1, team.Server.open(address) as s2:
        a, b = s1.load("EV"), s2.load("EV")
        listener = b.listener()
        try:
            set_cells(a, "Stock", [0, 0], ["on_hand", "safety_stock"], [11.0, 5.0])
            set_cells(b, "Stock", [1], ["on_hand"], [22.0])
            b.project.settings = b.project.settings.with_changes(company="Both desks GmbH")
            b.set_setting("company", "Both desks GmbH")
            assert listener.poll()  # a's commit was announced
        finally:
            listener.close()
        fresh = team.load(address)
        assert fresh.stock["on_hand"].iloc[:2].tolist() == [11.0, 22.0]
        assert fresh.stock["safety_stock"].iloc[0] == 5.0
        assert fresh.settings.company == "Both desks GmbH"
        assert a.pull().settings
        assert a.project.equals(fresh)
        b.pull()
        assert b.project.equals(fresh)


def test_pull_brings_inserted_and_removed_rows(pg_server: Any, db: str) -> None:
    address = pg_server.address(db, "EV")
    team.save(sample(), address)
    with team.Server.open(address) as s1, team.Server.open(address) as s2:
        a, b = s1.load("EV"), s2.load("EV")
        rows = a.project.suppliers.iloc[[0, 1]].copy()
        rows["supplier_id"] = ["NEW-1", "NEW-2"]
        editing.insert_rows(a.project, "Suppliers", 3, rows)
        a.insert_rows("Suppliers", 3, rows)
        a.remove_rows("Suppliers", [0])
        editing.remove_rows(a.project, "Suppliers", [0])
        pulled = b.pull()
        assert pulled.tables == {"Suppliers"}
        assert b.project.equals(a.project)
        assert b.project.suppliers["supplier_id"].iloc[2:4].tolist() == ["NEW-1", "NEW-2"]
        assert team.load(address).equals(a.project)
        actions = a.change_log()["action"].head(3).tolist()
        assert actions == ["delete", "insert", "insert"]


def test_a_replaced_project_tells_the_desks_that_have_it_open(pg_server: Any, db: str
                                                            ) -> None:
    address = pg_server.address(db, "EV")
    team.save(sample(), address)
    with team.Server.open(address) as server:
        session = server.load("EV")
        session.set_cells("Stock", [0], ["on_hand"], [1.0])
        team.save(sample("motors_actuators_ja.xlsx"), address, replace=True)
        with pytest.raises(team.TeamError, match="EV was replaced on the server; open it"):
            session.pull()
        log = server.load("EV").change_log()
        assert "edit" in set(log["action"])  # the log of the project before is kept


# --- roles ---------------------------------------------------------------------------------

def test_viewer_is_refused_by_the_server_itself(pg_server: Any, db: str) -> None:
    editor, viewer = roles(pg_server, db)
    team.save(sample(), pg_server.address(db, "EV", editor), password=PASSWORD)
    with team.Server.open(pg_server.address(db, "EV", viewer), PASSWORD) as server:
        session = server.load("EV")  # a viewer opens, reports, plans
        assert session.project.equals(sample())
        assert not session.can_edit()
        with pytest.raises(team.NotAllowed, match="may view this project but not change it"):
            session.set_cells("Stock", [0], ["on_hand"], [1.0])
        with pytest.raises(team.NotAllowed):
            session.set_setting("company", "Viewer Ltd")
        with pytest.raises(team.NotAllowed):
            server.put(sample(), "Mine")
        assert session.pending == []
    for sql in ("UPDATE stockpile.stock SET on_hand = 1",
                "INSERT INTO stockpile.change_log (project_id, action) VALUES (1, 'edit')",
                "DELETE FROM stockpile.projects"):
        with psycopg.connect(pg_server.address(db, user=viewer), password=PASSWORD) as con, \
                pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute(sql)
    for sql in ("UPDATE stockpile.change_log SET new_value = 'forged'",  # the log is kept
                "DELETE FROM stockpile.change_log",
                "INSERT INTO stockpile.change_log (project_id, action, by_user) "  # own name
                "VALUES (1, 'edit', 'someone else')",
                "DELETE FROM stockpile.projects"):  # nor removed with its project
        with psycopg.connect(pg_server.address(db, user=editor), password=PASSWORD) as con, \
                pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute(sql)
    assert team.load(pg_server.address(db, "EV")).stock["on_hand"].iloc[0] == \
        sample().stock["on_hand"].iloc[0]


def test_roles_sql_command_and_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["roles-sql", "--database", "plan ning", "--editors", "buyers"],
                          capsys)
    assert code == 0
    assert 'GRANT CONNECT ON DATABASE "plan ning" TO "buyers", "stockpile_viewer";' in out
    assert ('GRANT INSERT (project_id, action, table_name, row_id, column_name, old_value, '
            'new_value) ON stockpile.change_log TO "buyers";') in out
    code, _out, err = run(["roles-sql", "--database", "x\nDROP DATABASE y; --"], capsys)
    assert code == 1 and err.startswith("planner: ") and "DROP" not in _out


# --- a server that goes away ---------------------------------------------------------------

def test_server_away_mid_session_edits_kept_and_saved(server_up: Any, db: str) -> None:
    pg_server = server_up
    address = pg_server.address(db, "EV")
    team.save(sample(), address)
    with team.Server.open(address) as server:
        session = server.load("EV")
        listener = session.listener(retry=0.0)
        pg_server.stop()
        editing.set_value(session.project, "Stock", 0, "on_hand", 4321.0)
        with pytest.raises(team.ServerUnavailable) as info:
            session.set_cells("Stock", [0], ["on_hand"], [4321.0])
        message = str(info.value)
        assert "cannot be reached" in message or "was lost" in message
        assert "Your changes are kept here (1 waiting) and will be saved when the server is " \
               "back." in message
        assert not session.online
        # the loss is told (on the first or the second look), to pull and see the state
        assert listener.poll() or listener.poll()
        # more edits while away: each kept, in order
        rows = session.project.suppliers.iloc[[0]].copy()
        rows["supplier_id"] = ["OFFLINE-1"]
        editing.insert_rows(session.project, "Suppliers", 1, rows)
        with pytest.raises(team.ServerUnavailable) as info:
            session.insert_rows("Suppliers", 1, rows)
        assert str(info.value).count("Your changes are kept") == 1
        assert "(2 waiting)" in str(info.value)
        assert session.keys["Suppliers"].row_id[1] < 0  # a temporary id until saved
        editing.set_value(session.project, "Suppliers", 1, "name", "Typed while away")
        with pytest.raises(team.ServerUnavailable):
            session.set_cells("Suppliers", [1], ["name"], ["Typed while away"])
        with pytest.raises(team.ServerUnavailable):
            session.remove_rows("Stock", [2])
        editing.remove_rows(session.project, "Stock", [2])
        editing.set_value(session.project, "Stock", 0, "on_hand", 4400.0)
        with pytest.raises(team.ServerUnavailable):
            session.set_cells("Stock", [0], ["on_hand"], [4400.0])  # the same row again
        session.project.settings = session.project.settings.with_changes(company="Away Ltd")
        with pytest.raises(team.ServerUnavailable, match=r"\(6 waiting\)"):
            session.set_setting("company", "Away Ltd")
        assert [e.action for e in session.pending] == [
            "cells", "insert", "cells", "remove", "cells", "setting"]
        assert session.pending[1].sentence() == "Suppliers: 1 row inserted"
        with pytest.raises(team.ServerUnavailable):
            session.flush()  # still away: nothing lost
        assert len(session.pending) == 6
        pg_server.start()
        assert session.flush() == []
        assert session.pending == [] and session.online
        assert session.keys["Suppliers"].row_id[1] > 0
        fresh = team.load(address)
        assert fresh.equals(session.project)
        assert fresh.stock["on_hand"].iloc[0] == 4400.0
        assert "OFFLINE-1" in fresh.suppliers["supplier_id"].tolist()
        assert listener.poll()  # back: pull what changed meanwhile
        assert not session.pull()
        listener.close()
        # the kept edits are in the log, as any others
        edits = session.change_log(user=pg_server.address(db).split("//")[1].split("@")[0])
        assert edits["action"].head(6).tolist() == ["setting", "edit", "delete", "edit",
                                                    "insert", "edit"]


def test_kept_edit_refused_when_another_desk_changed_the_row(server_up: Any, db: str) -> None:
    pg_server = server_up
    address = pg_server.address(db, "EV")
    team.save(sample(), address)
    with team.Server.open(address) as server:
        away = server.load("EV")
        pg_server.stop()
        with pytest.raises(team.ServerUnavailable):
            away.set_cells("Stock", [0], ["on_hand"], [1.0])
        pg_server.start()
        with team.Server.open(address) as other:
            other.load("EV").set_cells("Stock", [0], ["on_hand"], [2.0])
        conflicts = away.flush()
        assert [(c.column, c.mine, c.theirs) for c in conflicts] == [("on_hand", 1.0, 2.0)]
        assert away.pending == []
        away.pull()
        assert away.project.stock["on_hand"].iloc[0] == 2.0


# --- wrong addresses on the command line ---------------------------------------------------

@pytest.mark.parametrize("what", ["host", "database", "password", "no password", "project",
                                  "password in the address", "user without a role"])
def test_wrong_address_one_clear_line(what: str, pg_server: Any, db: str,
                                      monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    user = f"u_{db}"
    pg_server.run_sql(db, team.roles_sql(db))
    pg_server.create_user(user, PASSWORD, None if what == "user without a role" else
                          team.VIEWERS)
    team.save(sample(), pg_server.address(db, "EV"))
    address = pg_server.address(db, "EV", user)
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    expected = {
        "host": "no such host no-such-host.invalid",
        "database": "the server has no database nodb",
        "password": f"the server refused the password of {user}",
        "no password": f"the server wants a password for {user}. Put it in PGPASSWORD",
        "project": "no project Nope (projects there: EV)",
        "password in the address": "The address holds a password; leave it out.",
        "user without a role": "your user may not read the Stockpile Planner projects",
    }[what]
    if what == "host":
        address = address.replace("127.0.0.1", "no-such-host.invalid")
    elif what == "database":
        address = address.replace(f"/{db}?", "/nodb?")
    elif what == "password":
        monkeypatch.setenv("PGPASSWORD", "wrong-" + PASSWORD)
    elif what == "no password":
        monkeypatch.delenv("PGPASSWORD")
    elif what == "project":
        address = address.replace("project=EV", "project=Nope")
    elif what == "password in the address":
        address = address.replace(f"{user}@", f"{user}:{PASSWORD}@")
    for command in (["check", address], ["report", address, "--json"],
                    ["convert", address, "-o", "out.xlsx"]):
        code, out, err = run(command, capsys)
        assert code == 1, (command, err)
        assert out == ""
        assert err.count("\n") == 1 and err.startswith("planner: "), err
        assert expected in err
        assert "Traceback" not in err and PASSWORD not in err


def test_password_asked_on_a_terminal_and_from_the_keyring(
        pg_server: Any, db: str, monkeypatch: pytest.MonkeyPatch,
        no_outside_passwords: MemoryKeyring, capsys: pytest.CaptureFixture[str]) -> None:
    user = f"u_{db}"
    pg_server.create_user(user, PASSWORD, role=None)
    team.save(sample(), pg_server.address(db, "EV"))
    with pg_server.admin(db) as con:
        con.execute(f'GRANT ALL ON SCHEMA stockpile TO "{user}"')
        con.execute(f'GRANT ALL ON ALL TABLES IN SCHEMA stockpile TO "{user}"')
    address = pg_server.address(db, "EV", user)
    asked: list[str] = []

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def typed(prompt: str) -> str:  # a typing error first
        asked.append(prompt)
        return PASSWORD if len(asked) > 1 else "typo-" + PASSWORD

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", typed)
    code, out, err = run(["check", address], capsys)
    assert code == 0 and out.startswith("EV: valid (22 items")
    assert asked == [f"Password for {user}@127.0.0.1:{pg_server.port}/{db}: "] * 2
    assert err == f"planner: {user}@127.0.0.1:{pg_server.port}/{db}: the server refused " \
        f"the password of {user} (or has no such user)\n"
    # the window keeps a password in the keyring, never in a file or the address
    parsed = team.parse_address(address)
    assert team.remember_password(parsed, PASSWORD)
    assert no_outside_passwords.store == {("Stockpile Planner", parsed.server): PASSWORD}
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert team.load(address).equals(sample())
    assert PASSWORD not in parsed.shown + parsed.server + parsed.uri


def test_convert_to_the_same_project_refused(pg_server: Any, db: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    address = pg_server.address(db, "EV")
    team.save(sample(), address)
    code, _out, err = run(["convert", address, "-o", address, "--replace"], capsys)
    assert code == 2 and "would overwrite the input" in err


# --- projects ------------------------------------------------------------------------------

def test_projects_command(pg_server: Any, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    address = pg_server.address(db)
    code, out, _err = run(["projects", address], capsys)
    assert code == 0 and "no projects yet" in out
    team.save(sample(), pg_server.address(db, "EV"))
    team.save(sample("motors_actuators_ja.xlsx"), pg_server.address(db, "モーター"))
    code, out, _err = run(["projects", address, "--json"], capsys)
    data = json.loads(out)
    assert [(p["name"], p["items"]) for p in data["projects"]] == [("EV", 22), ("モーター", 22)]
    assert data["projects"][0]["created_by"] == "planner_admin"
    code, out, _err = run(["projects", address], capsys)
    assert code == 0 and out.splitlines()[0].split() == [
        "Project", "Items", "Created", "by", "Created", "Last", "change", "Changed", "by"]


# --- security ------------------------------------------------------------------------------

def _evil_project() -> planner.Project:
    """The sample with SQL in every text cell of a row of every table (one added to an
    empty table)."""
    project = sample()
    for i, table in enumerate(TABLES):
        if project.tables[table].empty:
            editing.insert_rows(project, table, 0)
        for j, column in enumerate(sheet(table).columns):
            if str(project.tables[table][column.name].dtype) == "string":
                editing.set_value(project, table, 0, column.name, EVIL[(i + j) % len(EVIL)])
    project.settings = project.settings.with_changes(company=EVIL[0], currency=EVIL[1])
    return project


def test_sql_injection_is_stored_as_text(pg_server: Any, db: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    evil = _evil_project()
    name = "p'); DROP TABLE stockpile.projects; --"
    address = team.parse_address(pg_server.address(db)).with_project(name).shown
    team.save(evil, address)
    assert team.load(address).equals(evil)
    with team.Server.open(address) as server:
        session = server.load(name)
        for table in TABLES:  # edits carry it too, into every text column
            texts = [c.name for c in sheet(table).columns
                     if str(session.project.tables[table][c.name].dtype) == "string"]
            values = [EVIL[k % len(EVIL)][::-1] for k in range(len(texts))]
            for column, value in zip(texts, values, strict=True):
                editing.set_value(session.project, table, 0, column, value)
            session.set_cells(table, [0] * len(texts), texts, values)
        session.set_setting("company", EVIL[2])
        session.project.settings = session.project.settings.with_changes(company=EVIL[2])
        assert session.change_log(table=EVIL[0], user=EVIL[1]).empty
        with pytest.raises(ValueError, match="no column"):  # names only from the schema
            session.set_cells("Stock", [0], ["on_hand = 0; DROP TABLE stockpile.stock; --"],
                              [1.0])
        assert team.load(address).equals(session.project)
        assert server.projects()["name"].tolist() == [name]
    with pg_server.admin(db) as con:
        present = con.execute("SELECT count(*) FROM information_schema.tables WHERE "
                              "table_schema = 'stockpile'").fetchone()[0]
    assert present == len(TABLES) + 4  # meta, projects, settings, change_log
    code, out, _err = run(["projects", pg_server.address(db), "--json"], capsys)
    assert code == 0 and json.loads(out)["projects"][0]["name"] == name


def test_no_password_in_the_log_messages_or_listings(pg_server: Any, db: str,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    editor, _viewer = roles(pg_server, db)
    address = pg_server.address(db, "EV", editor)
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    code, out, err = run(["convert", str(ROOT / "samples" / "ev_motors_wind.xlsx"), "-o",
                          address], capsys)
    assert code == 0
    seen = [out, err]
    with team.Server.open(address) as server:
        session = server.load("EV")
        session.set_cells("Stock", [0], ["on_hand"], [5.0])
        session.set_setting("company", "Logged Ltd")
        session.insert_rows("Rates", 0, session.project.rates.iloc[[0]])
        seen.append(session.change_log().to_csv())
        with team.Server.open(address) as other:
            other.load("EV").set_cells("Stock", [0], ["on_hand"], [7.0])
        with pytest.raises(team.EditConflict) as info:
            session.set_cells("Stock", [0], ["on_hand"], [6.0])
        seen.append(str(info.value))
    for command in (["projects", pg_server.address(db, user=editor)],
                    ["projects", pg_server.address(db, user=editor), "--json"],
                    ["check", address]):
        seen += run(command, capsys)[1:]
    monkeypatch.setenv("PGPASSWORD", "x" + PASSWORD)
    seen += run(["check", address], capsys)[1:]
    with pytest.raises(team.TeamError) as wrong:
        team.load(address, password="y" + PASSWORD)
    seen.append(str(wrong.value))
    # what the window remembers of a server: the address as shown, never a password
    settings = tmp_path / "settings.ini"
    settings.write_text(f"[servers]\nrecent={team.parse_address(address).shown}\n")
    seen.append(settings.read_text())
    with pg_server.admin(db) as con:
        seen += [str(r) for r in con.execute("SELECT * FROM stockpile.change_log")]
        seen += [str(r) for r in con.execute("SELECT * FROM stockpile.meta")]
    assert len(seen) > 10
    assert not [text for text in seen if PASSWORD in text]


def test_values_keep_their_types_through_the_server(pg_server: Any, db: str) -> None:
    project = sample("motors_actuators_ja.xlsx")
    address = pg_server.address(db, "型")
    team.save(project, address)
    back = team.load(address)
    for table in TABLES:
        assert back.tables[table].dtypes.to_dict() == project.tables[table].dtypes.to_dict()
    assert back.settings == project.settings
    assert np.array_equal(back.stock["on_hand"].to_numpy(), project.stock["on_hand"].to_numpy(),
                          equal_nan=True)
    assert isinstance(back.orders["due_date"].iloc[0], pd.Timestamp)


def test_tables_of_an_older_program_are_said_and_completed(pg_server: Any, db: str) -> None:
    address = pg_server.address(db, "EV")
    team.save(sample(), address)
    with pg_server.admin(db) as con:
        con.execute("ALTER TABLE stockpile.sources DROP COLUMN secondary")
    with pytest.raises(team.TeamError, match=r"lack columns this version of the program "
                                             r"needs \(Sources.secondary\); ask"):
        team.load(address)
    team.save(sample(), address, replace=True)  # whoever may, completes them on the way
    assert team.load(address).equals(sample())


def test_a_change_committed_late_still_reaches_a_desk_that_pulled_meanwhile(
        pg_server: Any, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Desk A's edit takes its log number first but commits late; desk B's edit of another
    row comes in between, and desk C pulls then. The log lock makes B wait for A, so C's
    pull never skips A's change (without it C kept the old value for good)."""
    address = pg_server.address(db, "Race")
    team.save(sample(), address)
    a, b, c = (team.Server.open(address).load("Race") for _ in range(3))
    real = team.Session._log

    def slow_log(self: team.Session, cur: Any, rows: Any) -> None:
        real(self, cur, rows)
        if self is a:
            time.sleep(1.0)  # A holds its transaction open after writing the log
    monkeypatch.setattr(team.Session, "_log", slow_log)
    threads = [threading.Thread(target=set_cells, args=(a, "Stock", [0], ["on_hand"], [111.0])),
               threading.Thread(target=set_cells, args=(b, "Stock", [1], ["on_hand"], [222.0]))]
    threads[0].start()
    time.sleep(0.3)
    threads[1].start()
    time.sleep(0.2)
    c.pull()
    for t in threads:
        t.join()
    c.pull()
    assert c.project.stock["on_hand"].iloc[:2].tolist() == [111.0, 222.0]
