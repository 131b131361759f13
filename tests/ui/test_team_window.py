"""A team's project on a real PostgreSQL server, as the window works with it: Open from
Server through the dialog, edits typed into the tables and saved on the server, an edit
refused because another desk changed the row first (kept, and applied again), another
desk's change arriving through NOTIFY, a viewer, the server going away and coming back,
and the change log with its export."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

import planner
from planner.inputs import storage, team
from ui.editing.commands import InsertRows, RemoveRows, SetCells, SetSetting
from ui.editing.document import Document
from ui.editing.table_page import TablePage
from ui.qt import QApplication, QMessageBox, Qt, QWidget
from ui.shell.files import FileController
from ui.shell.main_window import MainWindow
from ui.shell.registry import PAGE_INDEX
from ui.shell.server_dialog import ServerDialog

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
EV = SAMPLES / "ev_motors_wind.xlsx"
PROJECT = "Motors & wind"
WAIT = 20_000  # ms: a generous bound on a busy machine, never a measured time


@pytest.fixture
def server_db(pg_server: Any, request: pytest.FixtureRequest) -> str:
    """A database of its own for the test, with the EV sample on it as PROJECT; its
    address (the administrator's, who needs no password) without the project."""
    name = "w_" + re.sub(r"\W", "_", request.node.name.lower())[:40]
    pg_server.create_database(name)
    with pg_server.admin(name) as con:
        con.execute(team.roles_sql(name))
    address = pg_server.address(name)
    team.save(planner.load(EV), f"{address}?project={PROJECT.replace('&', '%26')}")
    return str(address)


@pytest.fixture
def other_desk(server_db: str) -> Iterator[Any]:
    """Another desk on the same project, as a second program would open it."""
    with team.Server.open(server_db) as server:
        yield server.load(PROJECT)


def show_page(window: MainWindow, qtbot: Any, page_id: str) -> QWidget:
    window.nav.setCurrentRow(PAGE_INDEX[page_id])
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page: QWidget = getattr(window, page_id)
    return page


def stock_page(window: MainWindow, qtbot: Any) -> TablePage:
    show_page(window, qtbot, "materials_page")
    page = window.materials_page.stock
    assert isinstance(page, TablePage)
    return page


def row_of(page: TablePage, item: str) -> int:
    return next(r for r in range(page.model.rowCount()) if page.model.value(r, "item_id") == item)


def type_into(qtbot: Any, page: TablePage, item: str, column: str, text: str) -> None:
    """Click the cell, type over it, press Enter: as a user edits a cell."""
    keys = [c.key for c in page.model.columns]
    index = page.model.index(row_of(page, item), keys.index(column))
    page.view.scrollTo(index)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.view.visualRect(index).center())
    for char in text:
        qtbot.keyClick(QApplication.focusWidget(), char)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait(20)  # Qt commits an editor by a queued call


def shown(page: TablePage, item: str, column: str) -> object:
    return page.model.value(row_of(page, item), column)


def on_server(address: str, item: str, column: str = "on_hand") -> object:
    """The value as a fresh connection reads it from the server."""
    with team.Server.open(address) as server:
        stock = server.load(PROJECT).project.stock
    return stock.set_index("item_id").loc[item, column]


def open_from_server(window: MainWindow, qtbot: Any, address: str,
                     password: str = "") -> ServerDialog:
    """File → Open from Server: type the address, Connect, pick the project, Open."""
    window.actions["open_server"].trigger()
    dialog = window.files.server_dialog
    assert isinstance(dialog, ServerDialog) and dialog.isVisible()
    dialog.address.clear()
    qtbot.keyClicks(dialog.address, address)
    assert dialog.database.text() == team.parse_address(address).database  # fields follow
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    if password:
        qtbot.waitUntil(lambda: dialog.password.isVisible(), timeout=WAIT)
        assert "password" in dialog.message.text()
        qtbot.keyClicks(dialog.password, password)
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=WAIT)
    assert dialog.model.rows[0][0] == PROJECT
    rect = dialog.projects.visualRect(dialog.model.index(0, 0))
    qtbot.mouseClick(dialog.projects.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.doc.session is not None, timeout=WAIT)
    return dialog


def test_open_from_server_and_edit(window: MainWindow, qtbot: Any, server_db: str) -> None:
    """The dialog opens the project; a typed edit is on the server at once; the address
    is remembered without any password; Save says the project is saved as it is edited."""
    open_from_server(window, qtbot, server_db)
    doc = window.doc
    assert doc.session is not None and doc.session.name == PROJECT
    server = team.parse_address(server_db).server
    assert window.windowTitle() == f"{PROJECT} on {server}[*] — Stockpile Planner"
    remembered = window.prefs.q.value("team/servers")
    assert remembered[0].startswith(server_db) and "project=" in remembered[0]
    page = stock_page(window, qtbot)
    type_into(qtbot, page, "M-ND", "on_hand", "8123")
    assert shown(page, "M-ND", "on_hand") == 8123
    assert on_server(server_db, "M-ND") == 8123
    assert not window.isWindowModified()
    window.actions["save"].trigger()
    assert "saved on the server as you edit" in window.statusBar().currentMessage()
    window.undo_group.undo()
    assert on_server(server_db, "M-ND") == 7900
    window.undo_group.redo()
    assert on_server(server_db, "M-ND") == 8123


def test_save_as_writes_a_copy_and_the_server_is_remembered(
        window: MainWindow, qtbot: Any, server_db: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    open_from_server(window, qtbot, server_db)
    target = tmp_path / "copy.stockpile"
    monkeypatch.setattr(FileController, "ask_save_path", lambda self, *a, **k: target)
    assert window.files.save_as()
    assert storage.load(target).equals(window.doc.project)
    assert window.doc.session is not None and window.doc.path is None  # still on the server
    assert "stays on the server" in window.statusBar().currentMessage()
    window.actions["open_server"].trigger()  # the address is offered again, and its project
    dialog = window.files.server_dialog
    assert dialog is not None and dialog.remembered.count() == 2
    assert dialog.address.text().startswith(server_db) and dialog.wants_project == PROJECT
    dialog.reject()


def test_an_address_opens_like_a_file(window: MainWindow, qtbot: Any, server_db: str) -> None:
    """File → Open (and the command line, and a recent entry) may give an address."""
    window.files.open_path(f"{server_db}?project={PROJECT.replace('&', '%26')}")
    dialog = window.files.server_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=WAIT)
    assert dialog.open_button.isEnabled()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.doc.session is not None, timeout=WAIT)
    assert window.doc.session.name == PROJECT


def test_a_refused_edit_is_kept_and_applied_again(window: MainWindow, qtbot: Any,
                                                  server_db: str, other_desk: Any) -> None:
    """Another desk changes the row first: the window's edit is refused, the table shows
    theirs, the panel shows theirs and mine; "Apply Mine Again" lands it, and the undo
    stack holds only what the server has."""
    open_from_server(window, qtbot, server_db)
    page = stock_page(window, qtbot)
    type_into(qtbot, page, "M-DY", "safety_stock", "75")  # one step on the stack
    stack = window.doc.undo_stack
    assert stack.count() == 1
    window.files.team.poll_timer.stop()  # their change commits before ours is typed
    other_desk.set_cells("Stock", [row_of(page, "M-ND")], ["on_hand"], [111.0])
    type_into(qtbot, page, "M-ND", "on_hand", "9000")
    assert shown(page, "M-ND", "on_hand") == 111  # theirs, from the server
    assert on_server(server_db, "M-ND") == 111
    assert stack.count() == 1  # the refused edit is not on the undo stack
    panel = window.files.team.panel
    assert panel is not None and panel.isVisible()
    assert panel.model.rows[0][:5] == ["Stock", "M-ND", "on_hand", "9,000", "111"]
    assert panel.model.rows[0][5] == "planner_admin"
    assert "refused" in window.statusBar().currentMessage()
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    assert shown(page, "M-ND", "on_hand") == 9000
    assert on_server(server_db, "M-ND") == 9000
    assert not window.doc.refused and not panel.isVisible()
    assert window.statusBar().currentMessage() == "Your change was applied again."
    assert stack.count() == 2
    window.undo_group.undo()  # back to theirs, the value before mine was applied again
    assert shown(page, "M-ND", "on_hand") == 111 and on_server(server_db, "M-ND") == 111
    window.undo_group.undo()
    assert on_server(server_db, "M-DY", "safety_stock") != 75
    window.undo_group.redo()
    window.undo_group.redo()
    assert on_server(server_db, "M-ND") == 9000
    assert on_server(server_db, "M-DY", "safety_stock") == 75


def test_discarding_a_refused_edit_keeps_theirs(window: MainWindow, qtbot: Any,
                                                server_db: str, other_desk: Any) -> None:
    open_from_server(window, qtbot, server_db)
    page = stock_page(window, qtbot)
    window.files.team.poll_timer.stop()
    other_desk.set_cells("Stock", [row_of(page, "M-TB")], ["on_hand"], [5.0])
    type_into(qtbot, page, "M-TB", "on_hand", "6")
    panel = window.files.team.panel
    assert panel is not None and len(panel.model.rows) == 1
    qtbot.mouseClick(panel.discard_button, Qt.MouseButton.LeftButton)
    assert not window.doc.refused and not panel.isVisible()
    assert shown(page, "M-TB", "on_hand") == 5 and on_server(server_db, "M-TB") == 5


def test_another_desks_edit_arrives(window: MainWindow, qtbot: Any, server_db: str,
                                    other_desk: Any) -> None:
    """Committed at another desk, shown here through NOTIFY, with who changed what."""
    open_from_server(window, qtbot, server_db)
    page = stock_page(window, qtbot)
    other_desk.set_cells("Stock", [row_of(page, "M-DY")], ["on_hand"], [4321.0])
    qtbot.waitUntil(lambda: shown(page, "M-DY", "on_hand") == 4321, timeout=WAIT)
    assert window.statusBar().currentMessage() == "planner_admin changed Stock on_hand of M-DY"
    n = page.model.rowCount()
    other_desk.insert_rows("Stock", 0, other_desk.project.stock.iloc[[0]].assign(
        item_id="M-NEW", on_hand=1.0))
    qtbot.waitUntil(lambda: page.model.rowCount() == n + 1, timeout=WAIT)
    assert shown(page, "M-NEW", "on_hand") == 1
    assert window.statusBar().currentMessage() == "planner_admin added a row to Stock"


def test_a_viewer_cannot_edit(window: MainWindow, qtbot: Any, pg_server: Any,
                              server_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A viewer signs in with a password typed in the dialog, sees the project, and the
    server's own grants keep it unchanged."""
    pg_server.create_user("vera", "s3cret-vera", role=team.VIEWERS)
    kept: list[str] = []
    monkeypatch.setattr(team, "remember_password", lambda _a, p: kept.append(p) or True)
    address = server_db.replace("planner_admin@", "vera@")
    dialog = open_from_server(window, qtbot, address, password="s3cret-vera")
    assert not kept  # "Remember in the system keyring" was not ticked
    assert "s3cret" not in str(window.prefs.q.value("team/servers"))
    assert dialog.session is not None
    page = stock_page(window, qtbot)
    before = shown(page, "M-ND", "on_hand")
    type_into(qtbot, page, "M-ND", "on_hand", "1")
    assert shown(page, "M-ND", "on_hand") == before
    assert on_server(server_db, "M-ND") == before
    assert window.doc.read_only and window.doc.undo_stack.count() == 0
    assert "not change it" in window.statusBar().currentMessage()
    banner = window.files.team.banner
    assert banner is not None and banner.isVisible()
    settings_file = Path(window.prefs.q.fileName()).read_text(encoding="utf-8")
    assert "s3cret" not in settings_file and "vera@" in settings_file


def test_the_dialog_says_what_is_wrong(window: MainWindow, qtbot: Any, pg_server: Any,
                                       server_db: str, monkeypatch: pytest.MonkeyPatch
                                       ) -> None:
    """A wrong database, password, host or project: a sentence in the dialog, and no
    traceback."""
    window.actions["open_server"].trigger()
    dialog = window.files.server_dialog
    assert dialog is not None

    def attempt(address: str) -> str:
        dialog.address.setText(address)
        dialog._address_typed(address)
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog._busy, timeout=WAIT)
        text = dialog.message.text()
        assert "Traceback" not in text and text
        return text

    assert "no database nowhere" in attempt(server_db.rsplit("/", 1)[0] + "/nowhere")
    pg_server.create_user("wendy", "right-one")
    address = server_db.replace("planner_admin@", "wendy@")
    assert "password" in attempt(address) and dialog.password.isVisible()
    dialog.password.setText("wrong-one")
    text = attempt(address)
    assert "refused the password" in text and "wrong-one" not in text
    kept: list[tuple[str, str]] = []
    monkeypatch.setattr(team, "remember_password",
                        lambda a, p: kept.append((a.server, p)) is None)
    dialog.password.setText("right-one")
    assert "may not read" in attempt(address)  # in neither role
    pg_server.create_user("eddie", "eddies-own", role=team.EDITORS)
    address = server_db.replace("planner_admin@", "eddie@")
    dialog.password.setText("eddies-own")
    dialog.keep_password.setChecked(True)
    assert "Connected" in attempt(address)  # and the password goes to the keyring alone
    assert kept == [(team.parse_address(address).server, "eddies-own")]
    assert "eddies-own" not in str(window.prefs.q.value("team/servers"))
    dialog.password.setText("")
    assert "no-such-host.invalid" in attempt("postgresql://x@no-such-host.invalid/db")
    text = attempt(f"{server_db}?project=Nope")
    assert "Nope" in text and dialog.model.rowCount() == 1
    assert dialog.message.property("error")
    dialog.reject()


def test_the_server_goes_away_and_comes_back(window: MainWindow, qtbot: Any, pg_server: Any,
                                             server_db: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Edits made while the server is away are kept (the status bar says so, closing
    asks) and saved once it is back; one whose row another desk changed meanwhile is
    refused then, and listed with theirs."""
    open_from_server(window, qtbot, server_db)
    page = stock_page(window, qtbot)
    sync = window.files.team
    sync.retry_timer.setInterval(3_600_000)  # the test says when to try again
    asked: list[int] = []
    pg_server.stop()
    try:
        type_into(qtbot, page, "M-ND", "on_hand", "4444")
        assert shown(page, "M-ND", "on_hand") == 4444
        assert window.doc.kept_changes() == 1
        assert "1 change kept" in sync.status.text()
        type_into(qtbot, page, "M-TB", "on_hand", "3")
        assert "2 changes kept" in sync.status.text()
        assert window.isWindowModified()

        def stay(_self: FileController, count: int) -> QMessageBox.StandardButton:
            asked.append(count)
            return QMessageBox.StandardButton.Cancel

        monkeypatch.setattr(FileController, "ask_keep_changes", stay)
        assert not window.files.maybe_save()
        assert asked == [2]
    finally:
        pg_server.start()
    with team.Server.open(server_db) as other:  # a desk that was not cut off
        desk = other.load(PROJECT)
        desk.set_cells("Stock", [row_of(page, "M-TB")], ["on_hand"], [2.0])
    sync.retry_timer.setInterval(100)
    sync.retry_timer.start()
    qtbot.waitUntil(lambda: window.doc.kept_changes() == 0, timeout=WAIT)
    assert on_server(server_db, "M-ND") == 4444
    assert on_server(server_db, "M-TB") == 2
    qtbot.waitUntil(lambda: shown(page, "M-TB", "on_hand") == 2, timeout=WAIT)
    panel = sync.panel
    assert panel is not None and panel.isVisible()
    assert panel.model.rows[0][1:5] == ["M-TB", "on_hand", "3", "2"]
    qtbot.waitUntil(lambda: sync.status.text() == "Saved on the server", timeout=WAIT)
    assert not window.isWindowModified()
    assert window.files.maybe_save()


def test_change_log_lists_and_exports(window: MainWindow, qtbot: Any, server_db: str,
                                      tmp_path: Path) -> None:
    open_from_server(window, qtbot, server_db)
    page = stock_page(window, qtbot)
    type_into(qtbot, page, "M-ND", "on_hand", "7654")
    window.actions["change_log"].trigger()
    dialog = window.files.team.change_log
    assert dialog is not None and dialog.isVisible()
    first = dialog.model.rows[0]
    assert first[1:] == ["planner_admin", "Edit", "Stock", "M-ND", "on_hand", "7,900",
                         "7,654"]
    assert dialog.model.rows[-1][2:4] == ["Import", "Items"]
    assert dialog.model.rows[-1][7] == f"{len(window.doc.project.items)} rows"
    dialog.table_filter.setCurrentIndex(dialog.table_filter.findData("Suppliers"))
    assert all(r[3] == "Suppliers" for r in dialog.model.rows)
    dialog.table_filter.setCurrentIndex(dialog.table_filter.findData("Stock"))
    assert dialog.model.rows[0] == first
    target = tmp_path / "log.xlsx"
    dialog.ask_export_path = lambda: target  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Wrote" in dialog.status.text(), timeout=WAIT)
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("When", "Who", "Action", "Table", "Row", "Column", "Old value",
                       "New value")
    assert rows[1][1:] == ("planner_admin", "Edit", "Stock", "M-ND", "on_hand", 7900, 7654)
    assert isinstance(rows[1][0], dt.datetime)
    assert len(rows) == len(dialog.model.rows) + 1


def orders_on_server(address: str) -> pd.DataFrame:
    with team.Server.open(address) as server:
        return server.load(PROJECT).project.orders


def test_rows_added_removed_and_undone_stay_equal_to_the_server(
        qtbot: Any, server_db: str, other_desk: Any) -> None:
    """Every step of the undo stack, done, undone and done again, leaves the server's
    table equal to the window's: appended rows, removed rows (not next to each other),
    inserted rows, a setting."""
    server = team.Server.open(server_db)
    doc = Document(session=server.load(PROJECT))
    try:
        stack = doc.undo_stack
        n = len(doc.project.orders)
        stack.push(SetCells(doc, "Orders", [
            (n - 1, "quantity", 5.0), (n, "item_id", "M-ND"), (n, "supplier_id", "SUP-QRM"),
            (n, "quantity", 7.0), (n + 1, "item_id", "M-DY"), (n + 1, "quantity", 3.0)],
            append_rows=2))
        stack.push(RemoveRows(doc, "Orders", [0, 2, 3]))
        stack.push(InsertRows(doc, "Orders", 1, count=2))
        new = doc.project.settings.with_changes(target_days=75.0)
        stack.push(SetSetting(doc, new, "target_days"))
        states = []
        for _step in range(4):
            states.append(doc.project.orders.copy())
            pd.testing.assert_frame_equal(orders_on_server(server_db), doc.project.orders)
            stack.undo()
        pd.testing.assert_frame_equal(orders_on_server(server_db), doc.project.orders)
        assert len(doc.project.orders) == n
        for state in reversed(states):
            stack.redo()
            pd.testing.assert_frame_equal(orders_on_server(server_db), doc.project.orders)
            pd.testing.assert_frame_equal(doc.project.orders, state)
        with team.Server.open(server_db) as fresh:
            assert fresh.load(PROJECT).project.settings.target_days == 75
        assert not doc.kept_changes() and not doc.refused
        # another desk adds a row to Orders: the steps' positions moved, the history goes
        other_desk.pull()
        other_desk.project.orders.loc[len(other_desk.project.orders)] = \
            other_desk.project.orders.iloc[0]
        other_desk.insert_rows("Orders", len(other_desk.project.orders) - 1,
                               other_desk.project.orders.iloc[[-1]])
        assert doc.pull()
        qtbot.waitUntil(lambda: stack.count() == 0)
        pd.testing.assert_frame_equal(orders_on_server(server_db), doc.project.orders)
    finally:
        doc.close_session()
