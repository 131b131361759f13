"""The import preview: what a workbook holds and every problem, before anything changes."""

from __future__ import annotations

from pathlib import Path

from planner.core import formatting as fmt
from planner.core.errors import InputError, PlannerError, Problem, summarised
from planner.inputs.project import Project
from ui.qt import (
    QBrush,
    QColor,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


class ImportPreview(QDialog):
    """Shows the outcome of reading ``path``; Import is enabled only when it is valid."""

    def __init__(self, path: Path, project: Project | None, error: BaseException | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import {file}").format(file=path.name))
        self.project = project
        self.resize(720, 460)
        problems: list[Problem] = []
        if isinstance(error, InputError):
            problems = error.problems
        elif project is not None:
            problems = project.warnings
        errors = [p for p in problems if p.severity == "error"]
        if project is not None:
            counts = {t.lower(): fmt.count(len(project.tables[t])) for t in
                      ("Items", "BOM", "Demand", "Stock", "Suppliers", "Sources", "Orders")}
            headline = self.tr(
                "<b>{file}</b> is valid: {items} Items, {bom} BOM, {demand} Demand, "
                "{stock} Stock, {suppliers} Suppliers, {sources} Sources, {orders} Orders."
                "<br>Importing replaces the current project's data (Undo brings it back)."
            ).format(file=path.name, **counts)
        elif isinstance(error, InputError):
            headline = self.tr(
                "<b>{file}</b> has {count} problem(s). Nothing will be imported until they "
                "are fixed in the workbook.", None, len(errors)
            ).format(file=path.name, count=fmt.count(len(errors)))
        else:
            headline = self.tr("<b>{file}</b> cannot be imported: {reason}").format(
                file=path.name, reason=error)
        label = QLabel(headline, self)
        label.setWordWrap(True)
        self.problems = QListWidget(self)
        for p in summarised(problems):  # of one kind, the first few and a count
            item = QListWidgetItem(str(p))
            if p.severity == "error":
                item.setForeground(QBrush(QColor("#b71c1c")))
            self.problems.addItem(item)
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton(self.tr("Import"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(project is not None)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        if problems:
            warnings = len(problems) - len(errors)
            layout.addWidget(QLabel(self.tr("{errors}, {warnings}:").format(
                errors=self.tr("{count} error(s)", None, len(errors)).format(
                    count=fmt.count(len(errors))),
                warnings=self.tr("{count} warning(s)", None, warnings).format(
                    count=fmt.count(warnings))), self))
            layout.addWidget(self.problems, 1)
        else:
            self.problems.hide()
            layout.addStretch(1)
        layout.addWidget(buttons)


def describe_failure(error: BaseException) -> str:
    return str(error) if isinstance(error, PlannerError) else f"{type(error).__name__}: {error}"
