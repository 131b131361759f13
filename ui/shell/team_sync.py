"""A project opened from a team's server, as the window keeps it in step.

- Live refresh: the session's listener (LISTEN/NOTIFY on a second connection) is polled
  from a timer, which never blocks (``Listener.poll``); a commit of another desk is pulled
  and reaches every view through the document's usual signals, and the status bar says
  who changed what.
- The server away: edits are kept by the session (``session.pending``); the status bar
  says how many, and a timer tries ``flush`` until the server is back.
- Refused changes: an edit the server refused because someone changed the row first is
  listed in a panel with theirs beside it, to apply again on top of theirs or discard.
- A viewer (the server's grants give no right to change) sees a banner and edits nothing.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from planner.inputs import team
from ui.editing.commands import apply_refused
from ui.editing.document import Document, RefusedEdit
from ui.pages.change_log import (
    ChangeLogDialog,
    TextTableModel,
    column_label,
    local_time,
    table_label,
    value_text,
)
from ui.qt import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QObject,
    QPushButton,
    Qt,
    QTableView,
    QTimer,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

POLL_MS = 500  # how often the listener is looked at (a look never waits)
PULL_EVERY = 10  # without a listener (it could not connect): a pull every 10 polls
RETRY_MS = 3000  # the server away: how often its return is tried


def may_change(session: team.Session) -> bool:
    """Whether the server lets this user change the project (its own grants decide; a
    session that cannot tell is taken as editable, and the server refuses the first
    change of a viewer, which then makes the document read-only)."""
    ask = getattr(session, "can_edit", None)
    return True if ask is None else bool(ask())


class RefusedPanel(QDockWidget):
    """The edits the server refused, mine beside theirs, to apply again or discard."""

    def __init__(self, parent: QWidget):
        super().__init__(self.tr("Refused Changes"), parent)
        self.setObjectName("refused_changes")
        self.doc: Document | None = None
        self.entries: list[RefusedEdit] = []
        body = QWidget(self)
        note = QLabel(self.tr("Someone changed these rows before your change reached the "
                              "server. The table shows their values; yours are kept here."),
                      body)
        note.setWordWrap(True)
        self.model = TextTableModel([self.tr("Table"), self.tr("Row"), self.tr("Column"),
                                     self.tr("Mine"), self.tr("Theirs"), self.tr("By"),
                                     self.tr("When")], self)
        self.view = QTableView(body)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.apply_button = QPushButton(self.tr("Apply Mine Again"), body)
        self.apply_button.setObjectName("apply_mine")
        self.apply_button.setToolTip(self.tr("Make your change again, on top of theirs"))
        self.discard_button = QPushButton(self.tr("Discard"), body)
        self.discard_button.setObjectName("discard_mine")
        self.discard_button.setToolTip(self.tr("Keep their value and forget yours"))
        buttons = QVBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.view, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(note)
        layout.addLayout(row, 1)
        self.setWidget(body)
        self.apply_button.clicked.connect(self.apply_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._enable())

    def show_entries(self, doc: Document) -> None:
        self.doc = doc
        self.entries = list(doc.refused)
        rows = []
        for e in self.entries:
            at = local_time(e.at)
            rows.append([table_label(e.table), e.row,
                         column_label(e.table, e.column) if e.column else self.tr(
                             "(whole row)"),
                         self.tr("(remove the row)") if e.mine is None and not e.column
                         else value_text(e.mine),
                         self.tr("(removed)") if e.row_gone else value_text(e.theirs),
                         e.by, at.strftime("%Y-%m-%d %H:%M") if at else ""])
        self.model.set_rows(rows)
        if rows and not self.view.selectionModel().hasSelection():
            self.view.selectRow(0)
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected()
        self.apply_button.setEnabled(any(not e.row_gone for e in chosen))
        self.discard_button.setEnabled(bool(chosen))

    def selected(self) -> list[RefusedEdit]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.entries[r] for r in rows if r < len(self.entries)]

    def apply_selected(self) -> None:
        if self.doc is not None:
            for entry in self.selected():
                apply_refused(self.doc, entry)

    def discard_selected(self) -> None:
        if self.doc is not None:
            for entry in self.selected():
                self.doc.drop_refused(entry)


class TeamSync(QObject):
    """Keeps the window's server document in step with the server (one per window)."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.doc: Document | None = None
        self.listener: team.Listener | None = None
        self.change_log: ChangeLogDialog | None = None
        self._polls = 0
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.retry)
        self.panel: RefusedPanel | None = None
        self.banner: QToolBar | None = None
        self.status = QLabel(window)
        self.status.setObjectName("server_status")
        self.status.hide()
        window.statusBar().addPermanentWidget(self.status)

    # --- the document shown ------------------------------------------------------------
    def attach(self, doc: Document) -> None:
        """The window shows ``doc``: keep it in step if it is on a server."""
        if doc is self.doc:
            return
        self.detach()
        self.doc = doc
        self._enable_actions(doc.session is not None)
        if doc.session is None:
            self.status.hide()
            return
        doc.serverChanged.connect(self.server_changed)
        doc.remoteChanges.connect(self.note_remote)
        self._listen()
        self.poll_timer.start()
        self.server_changed()

    def detach(self) -> None:
        """The document goes: stop polling, close its connections."""
        self.poll_timer.stop()
        self.retry_timer.stop()
        self._drop_listener()
        if self.change_log is not None:
            self.change_log.close()
            self.change_log = None
        if self.doc is not None and self.doc.session is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # the document is gone
                self.doc.serverChanged.disconnect(self.server_changed)
                self.doc.remoteChanges.disconnect(self.note_remote)
            self.doc.close_session()
        self.doc = None
        if self.panel is not None:
            self.panel.hide()
        if self.banner is not None:
            self.banner.hide()

    def _enable_actions(self, on_server: bool) -> None:
        actions = getattr(self.window, "actions", None)
        if isinstance(actions, dict) and "change_log" in actions:
            actions["change_log"].setEnabled(on_server)

    # --- live refresh ------------------------------------------------------------------
    def _listen(self) -> None:
        assert self.doc is not None and self.doc.session is not None
        try:
            self.listener = self.doc.session.listener()
        except team.TeamError:  # away, or no password at hand: pull on a timer instead
            self.listener = None

    def _drop_listener(self) -> None:
        if self.listener is not None:
            with contextlib.suppress(Exception):  # its connection may be lost already
                self.listener.close()
            self.listener = None

    def poll(self) -> None:
        """Pull when another desk committed (the listener says so without waiting)."""
        doc = self.doc
        if doc is None or doc.session is None or self.retry_timer.isActive():
            return
        self._polls += 1
        if self.listener is None:
            if self._polls % PULL_EVERY == 0:
                self._listen()
                doc.pull()
            return
        try:
            arrived = self.listener.poll()
        except Exception:  # psycopg's OperationalError: its connection was lost
            self._drop_listener()
            doc.pull()  # says whether the server is away
            return
        if arrived:
            doc.pull()

    def retry(self) -> None:
        """The server was away: send what was kept, once it answers again."""
        doc = self.doc
        if doc is None:
            self.retry_timer.stop()
            return
        kept = doc.kept_changes()
        if not doc.flush():
            return
        self.retry_timer.stop()
        if self.listener is None:
            self._listen()
        doc.pull()
        if kept:
            self.window.show_message(self.tr(
                "The server is back: the %n change(s) kept meanwhile are saved.", None, kept))

    # --- what is shown -----------------------------------------------------------------
    def server_changed(self) -> None:
        doc = self.doc
        if doc is None or doc.session is None:
            return
        kept = doc.kept_changes()
        away = bool(doc.server_note)
        if away or kept:
            if not self.retry_timer.isActive():
                self.retry_timer.start()
            self.status.setText(self.tr(
                "The server cannot be reached: %n change(s) kept, saved once it is back.",
                None, kept) if kept else self.tr("The server cannot be reached: changes "
                                                  "are kept until it is back."))
            self.status.setToolTip(doc.server_note)
            self.status.setStyleSheet("color: #c62828; font-weight: bold;")
        else:
            self.status.setText(self.tr("Saved on the server"))
            self.status.setToolTip(self.tr("Every change is saved on {server} as you make "
                                           "it.").format(server=doc.session.server.address
                                                         .server))
            self.status.setStyleSheet("")
        self.status.show()
        self._show_refused(doc)
        self._show_banner(doc.read_only)
        self.window.update_title()

    def _show_refused(self, doc: Document) -> None:
        if not doc.refused:
            if self.panel is not None:
                self.panel.hide()
                self.panel.show_entries(doc)
            return
        if self.panel is None:
            self.panel = RefusedPanel(self.window)
            self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.panel)
        self.panel.show_entries(doc)
        if not self.panel.isVisible():
            self.panel.show()
            self.window.resizeDocks([self.panel], [170], Qt.Orientation.Vertical)

    def _show_banner(self, read_only: bool) -> None:
        if not read_only:
            if self.banner is not None:
                self.banner.hide()
            return
        if self.banner is None:
            self.banner = QToolBar(self.tr("Read only"), self.window)
            self.banner.setObjectName("read_only_banner")
            self.banner.setMovable(False)
            self.banner.setFloatable(False)
            label = QLabel(self.tr("Read only: you may view, report, plan and print this "
                                   "project, not change it (the server gives your user no "
                                   "right to change it)."), self.banner)
            label.setObjectName("read_only_note")
            label.setContentsMargins(8, 2, 8, 2)
            label.setStyleSheet("font-weight: bold;")
            self.banner.addWidget(label)
            self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner)
        self.banner.show()

    def note_remote(self, entries: list[dict[str, Any]]) -> None:
        """The status bar says who changed what (the last of what came in)."""
        if not entries:
            return
        text = self.describe(entries[-1])
        if len(entries) > 1:
            text = self.tr("%n change(s) from other desks; the last: {change}", None,
                           len(entries)).format(change=text)
        self.window.show_message(text)

    def describe(self, entry: dict[str, Any]) -> str:
        doc = self.doc
        user, name = str(entry.get("by") or ""), str(entry.get("table") or "")
        action, key = entry.get("action"), str(entry.get("column") or "")
        row_id = entry.get("row_id")
        row = doc.row_label(name, int(row_id)) if doc is not None and row_id is not None \
            else ""
        table, column = table_label(name), column_label(name, key)
        if action == "setting":
            return self.tr("{user} changed the setting {setting}").format(user=user,
                                                                          setting=column)
        if action == "insert":
            return self.tr("{user} added a row to {table}").format(user=user, table=table)
        if action == "delete":
            return self.tr("{user} removed a row from {table}").format(user=user,
                                                                       table=table)
        if row:
            return self.tr("{user} changed {table} {column} of {row}").format(
                user=user, table=table, column=column, row=row)
        return self.tr("{user} changed {table} {column}").format(user=user, table=table,
                                                                 column=column)

    # --- the change log ----------------------------------------------------------------
    def show_change_log(self) -> None:
        doc = self.doc
        if doc is None or doc.session is None:
            self.window.show_message(self.tr("The change log is kept for projects opened "
                                             "from a server."))
            return
        if self.change_log is None:
            self.change_log = ChangeLogDialog(doc, self.window)
        else:
            self.change_log.reload()
        self.change_log.show()
        self.change_log.raise_()


__all__ = ["RefusedPanel", "TeamSync", "may_change"]
