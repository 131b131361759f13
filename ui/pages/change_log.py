"""The change log of a project on a team's server: who changed what, when, from what to
what; filtered by table, user and date, and written to a workbook for an audit.

The log is the server's (planner.inputs.team, ``Session.change_log``): every edit and
import, newest first. This dialog only shows it, and writes it with the project's
workbook helpers (planner.core.xlsx), so that no text in it can become a formula.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from planner.core import formatting as fmt
from planner.core.xlsx import Book, write_xlsx
from planner.inputs import team
from planner.inputs.schema import SETTING_BY_KEY, TABLES, sheet
from ui.common.operations import Operation
from ui.editing.document import Document
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractItemView,
    QAbstractTableModel,
    QCheckBox,
    QComboBox,
    QCoreApplication,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPushButton,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex

# the log's actions as the server writes them, and as a person reads them
ACTIONS = {"edit": QT_TRANSLATE_NOOP("ChangeLog", "Edit"),
           "insert": QT_TRANSLATE_NOOP("ChangeLog", "Row added"),
           "delete": QT_TRANSLATE_NOOP("ChangeLog", "Row removed"),
           "setting": QT_TRANSLATE_NOOP("ChangeLog", "Setting"),
           "import": QT_TRANSLATE_NOOP("ChangeLog", "Import")}
HEADERS = (QT_TRANSLATE_NOOP("ChangeLog", "When"), QT_TRANSLATE_NOOP("ChangeLog", "Who"),
           QT_TRANSLATE_NOOP("ChangeLog", "Action"), QT_TRANSLATE_NOOP("ChangeLog", "Table"),
           QT_TRANSLATE_NOOP("ChangeLog", "Row"), QT_TRANSLATE_NOOP("ChangeLog", "Column"),
           QT_TRANSLATE_NOOP("ChangeLog", "Old value"),
           QT_TRANSLATE_NOOP("ChangeLog", "New value"))
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


class TextTableModel(QAbstractTableModel):
    """Rows of texts under headers: a list for a dialog (projects, the change log)."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None):
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[list[str]] = []
        self.align_right: set[int] = set()

    def set_rows(self, rows: list[list[str]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


def local_time(value: object) -> dt.datetime | None:
    """A time from the server (with its zone) as the clock on this desk reads it."""
    if value is None or value is pd.NaT:
        return None
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    if stamp.tzinfo is not None:
        return stamp.to_pydatetime().astimezone().replace(tzinfo=None)
    return stamp.to_pydatetime()


def shown_text(value: object) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):  # type: ignore[call-overload]
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def table_label(table: object) -> str:
    """A table as messages name it: "Stock", in Japanese 在庫（Stock）."""
    name = shown_text(table)
    return sheet(name).label if name in TABLES else name


def column_label(table: object, column: object) -> str:
    """A column (or a setting's key) as messages name it: on_hand, 在庫数量（on_hand）."""
    name, key = shown_text(table), shown_text(column)
    if name in TABLES and key in sheet(name).column_names:
        return sheet(name).column(key).label
    spec = SETTING_BY_KEY.get(key) if name == "Settings" else None
    return spec.label if spec is not None else key


def logged(table: object, column: object, text: object) -> float | str:
    """A value as the log keeps it (text), as a number in a number column (the log writes
    1200.0; the dialog shows 1,200 and the workbook a number)."""
    shown = shown_text(text)
    name, key = str(table), str(column)
    if not shown or name not in TABLES or key not in sheet(name).column_names \
            or sheet(name).column(key).dtype != "float64":
        return shown
    try:
        return float(shown)
    except ValueError:
        return shown


def value_text(value: object) -> str:
    """A cell's value as the tables show it: 1,200 / 2026-11-02 / M-ND."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return fmt.entered(value)
    if isinstance(value, dt.date | np.datetime64):
        return fmt.date(value)
    return shown_text(value)


class ChangeLogDialog(QDialog):
    """The project's change log, newest first, with filters and an export."""

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        assert doc.session is not None
        self.doc, self.session = doc, doc.session
        self.setObjectName("change_log")
        self.setWindowTitle(self.tr("Change Log — {project}").format(
            project=self.session.name))
        self.resize(1040, 560)
        self.frame = pd.DataFrame()
        self.table_filter = QComboBox(self)
        self.table_filter.addItem(self.tr("All tables"), "")
        for name in (*TABLES, "Settings"):
            self.table_filter.addItem(table_label(name), name)
        self.user_filter = QComboBox(self)
        self.user_filter.addItem(self.tr("All users"), "")
        self.since_check = QCheckBox(self.tr("Since"), self)
        self.since = QDateEdit(self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        month_ago = dt.date.today() - dt.timedelta(days=30)
        self.since.setDate(month_ago)  # type: ignore[arg-type]  # PySide takes a date
        self.since.setEnabled(False)
        refresh = QPushButton(self.tr("Refresh"), self)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Table:"), self.table_filter),
                              (self.tr("User:"), self.user_filter)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addSpacing(12)
        filters.addWidget(self.since_check)
        filters.addWidget(self.since)
        filters.addStretch(1)
        filters.addWidget(refresh)
        self.model = TextTableModel([QCoreApplication.translate("ChangeLog", h)
                                     for h in HEADERS], self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = buttons.addButton(self.tr("Export to Excel…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.export_dialog)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.table_filter.currentIndexChanged.connect(self.reload)
        self.user_filter.currentIndexChanged.connect(self.reload)
        self.since_check.toggled.connect(self.since.setEnabled)
        self.since_check.toggled.connect(self.reload)
        self.since.dateChanged.connect(self.reload)
        refresh.clicked.connect(self.reload)
        self.reload()
        self._fill_users()

    # --- reading -----------------------------------------------------------------------
    def reload(self) -> None:
        """The log as the filters ask, read from the server now."""
        since = None
        if self.since_check.isChecked():
            day = self.since.date().toPython()
            assert isinstance(day, dt.date)
            since = dt.datetime.combine(day, dt.time()).astimezone()
        try:
            self.frame = self.session.change_log(
                table=self.table_filter.currentData() or None,
                user=self.user_filter.currentData() or None, since=since)
        except team.TeamError as exc:
            self.status.setText(str(exc))
            return
        self.model.set_rows([self._cells(r) for r in self.frame.itertuples(index=False)])
        self.view.resizeColumnsToContents()
        for j in range(self.model.columnCount() - 1):  # a long value shows in its tip
            self.view.setColumnWidth(j, min(self.view.columnWidth(j) + 8, 260))
        self.status.setText(self.tr("%n change(s) shown, newest first.", None,
                                    len(self.frame)))
        self.export_button.setEnabled(len(self.frame) > 0)

    def _fill_users(self) -> None:
        users = sorted({str(u) for u in self.frame["by"]}) if len(self.frame) else []
        for user in users:
            self.user_filter.addItem(user, user)

    def _cells(self, row: Any) -> list[str]:
        at = local_time(row.at)
        action = ACTIONS.get(str(row.action))
        return [at.strftime(TIME_FORMAT) if at else "", shown_text(row.by),
                QCoreApplication.translate("ChangeLog", action) if action else shown_text(
                    row.action), table_label(row.table), self._row(row),
                column_label(row.table, row.column),
                value_text(logged(row.table, row.column, row.old)),
                value_text(logged(row.table, row.column, row.new)) if row.action != "import"
                else self.tr("%n row(s)", None, int(float(row.new or 0)))]

    def _row(self, row: Any) -> str:
        """The row as a person finds it: its ids while it is in the project, else the
        server's row number."""
        if row.row_id is None or pd.isna(row.row_id) or str(row.table) == "Settings":
            return ""
        label = self.doc.row_label(str(row.table), int(row.row_id))
        return label or f"#{int(row.row_id)}"

    # --- export ------------------------------------------------------------------------
    def ask_export_path(self) -> Path | None:
        stem = f"{self.session.name} change log.xlsx"
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("Export the change log"),
                                                    stem, self.tr("Excel workbook (*.xlsx)"))
        return Path(name).with_suffix(".xlsx") if name else None

    def export_dialog(self) -> None:
        path = self.ask_export_path()
        if path is not None:
            self.export(path)

    def export(self, path: Path) -> None:
        """Write the rows shown (the filters applied) to a workbook, off the UI thread."""
        headers = list(self.model.headers)
        rows = [(local_time(r.at), *cells[1:6],
                 logged(r.table, r.column, r.old) if r.action != "import" else "",
                 logged(r.table, r.column, r.new) if r.action != "import" else cells[7])
                for r, cells in zip(self.frame.itertuples(index=False), self.model.rows,
                                    strict=True)]
        sheet_name = self.tr("Change log")

        def fill(book: Book) -> None:
            sheet = book.sheet(sheet_name[:31])
            head = book.header_style()
            for j, text in enumerate(headers):
                sheet.text(0, j, text, head)
            when = book.style(num_format="yyyy-mm-dd hh:mm:ss")
            for i, (at, *texts) in enumerate(rows, start=1):
                if isinstance(at, dt.datetime):
                    sheet.date(i, 0, at, when)
                for j, value in enumerate(texts, start=1):
                    if isinstance(value, float):
                        sheet.number(i, j, value)
                    else:
                        sheet.text(i, j, str(value))
            sheet.widths([20, 16, 12, 12, 18, 18, 24, 24])
            sheet.freeze(1, 0)
            sheet.autofilter(len(rows), len(headers) - 1)

        written = self.tr("Wrote {file}").format(file=path.name)
        Operation(lambda _p: write_xlsx(path, fill)).success(
            lambda _none: self.status.setText(written)).failure(
            lambda exc: self.status.setText(self.tr("Not exported: {reason}").format(
                reason=exc))).run(self)


__all__ = ["ChangeLogDialog", "TextTableModel", "column_label", "local_time", "logged",
           "shown_text", "table_label", "value_text"]
