"""File → Open from Server: a team's PostgreSQL server, its projects, and the one to open.

The servers used before are remembered in the window's preferences (QSettings) as their
addresses only: a password is never written there. When the server wants a password that
libpq's own means (the password file, PGPASSWORD) and the system keyring do not give, the
dialog asks for it, and keeps it in the system keyring when the user ticks the box.
Connecting and opening run off the UI thread; every failure (a wrong host, database,
user, password or project, a server away) is a sentence in the dialog, never a traceback.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

import pandas as pd

from planner.core.errors import PlannerError
from planner.inputs import team
from ui.common.operations import Operation
from ui.pages.change_log import TextTableModel, local_time
from ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSettings,
    QTableView,
    QVBoxLayout,
    QWidget,
)

SERVERS_KEY = "team/servers"  # the addresses used, newest first (never a password)
MAX_SERVERS = 10


def remembered_servers(settings: QSettings) -> list[str]:
    value = settings.value(SERVERS_KEY, [])
    values: list[object] = [value] if isinstance(value, str) else list(
        value or [])  # type: ignore[call-overload]
    return [str(v) for v in values if v and team.is_address(str(v))]


def remember_server(settings: QSettings, address: team.Address) -> None:
    """Keep an address (with the project opened) at the top of the list. The engine's
    Address refuses a password, so none can reach the settings file."""
    shown = address.shown
    same = address.with_project(None).shown
    rest = [a for a in remembered_servers(settings)
            if a != shown and _server_part(a) != same]
    settings.setValue(SERVERS_KEY, [shown, *rest][:MAX_SERVERS])


def _server_part(text: str) -> str:
    try:
        return team.parse_address(text).with_project(None).shown
    except team.TeamError:
        return text


class ServerDialog(QDialog):
    """Connect to a server, list its projects, open one: ``session`` once accepted."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None,
                 address: str = ""):
        super().__init__(parent)
        self.setObjectName("server_dialog")
        self.setWindowTitle(self.tr("Open from Server"))
        self.settings = settings
        self.server: team.Server | None = None
        self.session: team.Session | None = None
        self.wants_project = ""  # the project the address named: chosen once listed
        self._syncing = False
        self._busy = False

        self.remembered = QComboBox(self)
        self.remembered.setObjectName("remembered")
        self.remembered.addItem(self.tr("(a new server)"), "")
        for text in remembered_servers(settings):
            self.remembered.addItem(text, text)
        self.address = QLineEdit(self)
        self.address.setObjectName("address")
        self.address.setPlaceholderText("postgresql://user@host:5432/database")
        self.host = QLineEdit(self)
        self.port = QLineEdit("5432", self)
        self.database = QLineEdit(self)
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep_password = QCheckBox(self.tr("Remember in the system keyring"), self)
        self.password_label = QLabel(self.tr("Password:"), self)
        self.connect_button = QPushButton(self.tr("&Connect"), self)
        self.connect_button.setObjectName("connect")
        self.connect_button.setDefault(True)

        fields = QGridLayout()
        fields.addWidget(QLabel(self.tr("Servers used before:"), self), 0, 0)
        fields.addWidget(self.remembered, 0, 1, 1, 3)
        fields.addWidget(QLabel(self.tr("Address:"), self), 1, 0)
        fields.addWidget(self.address, 1, 1, 1, 3)
        fields.addWidget(QLabel(self.tr("Host:"), self), 2, 0)
        fields.addWidget(self.host, 2, 1)
        fields.addWidget(QLabel(self.tr("Port:"), self), 2, 2)
        fields.addWidget(self.port, 2, 3)
        fields.addWidget(QLabel(self.tr("Database:"), self), 3, 0)
        fields.addWidget(self.database, 3, 1)
        fields.addWidget(QLabel(self.tr("User:"), self), 3, 2)
        fields.addWidget(self.user, 3, 3)
        fields.addWidget(self.password_label, 4, 0)
        fields.addWidget(self.password, 4, 1)
        fields.addWidget(self.keep_password, 4, 2, 1, 2)
        fields.setColumnStretch(1, 3)
        fields.setColumnStretch(3, 2)
        connect_row = QHBoxLayout()
        connect_row.addStretch(1)
        connect_row.addWidget(self.connect_button)

        self.model = TextTableModel([self.tr("Project"), self.tr("Items"),
                                     self.tr("Last change"), self.tr("By")], self)
        self.model.align_right = {1}
        self.projects = QTableView(self)
        self.projects.setObjectName("projects")
        self.projects.setModel(self.model)
        self.projects.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.projects.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.projects.verticalHeader().hide()
        header = self.projects.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.projects.doubleClicked.connect(lambda _index: self.open_project())
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.open_button = self.buttons.addButton(self.tr("&Open"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setEnabled(False)
        self.buttons.accepted.connect(self.open_project)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(fields)
        layout.addLayout(connect_row)
        layout.addWidget(QLabel(self.tr("Projects on the server:"), self))
        layout.addWidget(self.projects, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(720, 520)
        self._show_password(False)

        self.remembered.currentIndexChanged.connect(self._pick_remembered)
        self.address.textEdited.connect(self._address_typed)
        for field in (self.host, self.port, self.database, self.user):
            field.textEdited.connect(self._fields_typed)
        self.connect_button.clicked.connect(self.connect_server)
        self.projects.selectionModel().selectionChanged.connect(
            lambda *_a: self.open_button.setEnabled(self._chosen() is not None))
        if address:
            self.address.setText(address)
            self._address_typed(address)
        elif self.remembered.count() > 1:
            self.remembered.setCurrentIndex(1)

    # --- the address and its fields --------------------------------------------------
    def _pick_remembered(self, index: int) -> None:
        text = self.remembered.itemData(index)
        if text:
            self.address.setText(text)
            self._address_typed(text)

    def _address_typed(self, text: str) -> None:
        """A whole address typed or pasted: its parts fill the fields."""
        if self._syncing:
            return
        try:
            address = team.parse_address(text)
        except team.TeamError:
            return
        self._syncing = True
        self.host.setText(address.host)
        self.port.setText(address.port)
        self.database.setText(address.database)
        self.user.setText(address.user)
        self.wants_project = address.project or ""
        self._syncing = False

    def _fields_typed(self, _text: str = "") -> None:
        """A field changed: the address line follows (keeping the other parameters)."""
        if self._syncing:
            return
        self._syncing = True
        self.address.setText(self._composed())
        self._syncing = False

    def _composed(self) -> str:
        user = urllib.parse.quote(self.user.text().strip(), safe="")
        host = self.host.text().strip()
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"  # an IPv6 address
        port = self.port.text().strip()
        database = urllib.parse.quote(self.database.text().strip(), safe="")
        who = f"{user}@" if user else ""
        where = f"{host}:{port}" if port else host
        query = ""
        try:
            old = urllib.parse.urlsplit(self.address.text().strip())
            rest = [(k, v) for k, v in urllib.parse.parse_qsl(old.query) if k != "project"]
            query = urllib.parse.urlencode(rest)
        except ValueError:
            pass
        return f"postgresql://{who}{where}/{database}" + (f"?{query}" if query else "")

    def _show_password(self, shown: bool) -> None:
        for widget in (self.password_label, self.password, self.keep_password):
            widget.setVisible(shown)

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("error", error)
        self.message.setStyleSheet("color: #c62828;" if error else "")

    # --- connecting --------------------------------------------------------------------
    def connect_server(self) -> None:
        """Connect (off the UI thread) and list the server's projects."""
        if self._busy:
            return
        try:
            address = team.parse_address(self.address.text()).with_project(None)
        except team.TeamError as exc:
            self.say(str(exc), error=True)
            return
        self._close_server()
        self.model.set_rows([])
        self.open_button.setEnabled(False)
        password = self.password.text() if not self.password.isHidden() else ""
        wanted: list[str] = []

        def ask(_address: team.Address, why: str) -> None:
            wanted.append(why)  # called in the worker: answered in the dialog, not here
            return None

        def work(_progress: object) -> tuple[team.Server, pd.DataFrame]:
            server = team.Server.open(address, password or None, ask)
            try:
                return server, server.projects()
            except BaseException:
                server.close()
                raise

        def connected(result: tuple[team.Server, pd.DataFrame]) -> None:
            self.server, frame = result
            self._show_password(bool(password))
            if password and self.keep_password.isChecked():
                kept = team.remember_password(address, password)
                if not kept:
                    self.say(self.tr("This computer has no system keyring: the password is "
                                     "not remembered."))
            self._list(frame, address)

        def failed(exc: BaseException) -> None:
            if wanted:
                self._show_password(True)
                self.password.setFocus()
                self.say(self.tr("{server} asks for the password of {user}.").format(
                    server=address.server, user=address.user or self.tr("your user"))
                    if not password else str(exc), error=bool(password))
                return
            self.say(str(exc) if isinstance(exc, PlannerError) else self.tr(
                "Cannot connect to {server}: {reason}").format(server=address.server,
                                                               reason=exc), error=True)

        self._start(self.tr("Connecting to {server}…").format(server=address.server),
                    work, connected, failed)

    def _list(self, frame: pd.DataFrame, address: team.Address) -> None:
        rows = []
        for r in frame.itertuples(index=False):
            at = local_time(r.changed_at) or local_time(r.created_at)
            rows.append([str(r.name), f"{int(str(r.items)):,}",
                         at.strftime("%Y-%m-%d %H:%M") if at else "",
                         str(r.changed_by or r.created_by or "")])
        self.model.set_rows(rows)
        if not rows:
            self.say(self.tr("{server} has no projects yet. Put one there with: planner "
                             "convert FILE -o {address}?project=NAME").format(
                server=address.server, address=address.shown))
            return
        names = [r[0] for r in rows]
        if self.wants_project and self.wants_project not in names:
            self.say(self.tr("{server} has no project {project}; choose one of those "
                             "listed.").format(server=address.server,
                                               project=self.wants_project), error=True)
        else:
            self.say(self.tr("Connected to {server}: %n project(s).", None, len(rows))
                     .format(server=address.server))
        pick = names.index(self.wants_project) if self.wants_project in names else 0
        self.projects.selectRow(pick)
        self.projects.setFocus()

    def _chosen(self) -> str | None:
        rows = self.projects.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()][0] if rows else None

    # --- opening -----------------------------------------------------------------------
    def open_project(self) -> None:
        """Read the chosen project (off the UI thread); the dialog closes once it is in."""
        name = self._chosen()
        server = self.server
        if name is None or server is None or self._busy:
            return

        def opened(session: team.Session) -> None:
            self.session = session
            self.server = None  # the session holds it now
            remember_server(self.settings, session.address)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.say(str(exc) if isinstance(exc, PlannerError) else self.tr(
                "Cannot open {project}: {reason}").format(project=name, reason=exc),
                error=True)

        self._start(self.tr("Opening {project}…").format(project=name),
                    lambda _p: server.load(name), opened, failed)

    def _start(self, note: str, work: Any, done: Any, failed: Any) -> None:
        self._busy = True
        self.say(note)
        for widget in (self.connect_button, self.open_button):
            widget.setEnabled(False)

        def finished() -> None:
            self._busy = False
            self.connect_button.setEnabled(True)
            self.open_button.setEnabled(self._chosen() is not None)

        Operation(work).success(done).failure(failed).finally_(finished).run(self)

    def _close_server(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None

    def done(self, result: int) -> None:
        if self.session is None:
            self._close_server()  # cancelled: the connection is not needed
        super().done(result)


__all__ = ["ServerDialog", "remember_server", "remembered_servers"]
