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
        self.setWindowTitle(f"Import {path.name}")
        self.project = project
        self.resize(720, 460)
        problems: list[Problem] = []
        if isinstance(error, InputError):
            problems = error.problems
        elif project is not None:
            problems = project.warnings
        errors = [p for p in problems if p.severity == "error"]
        if project is not None:
            counts = ", ".join(f"{fmt.count(len(project.tables[t]))} {t}" for t in
                               ("Items", "BOM", "Demand", "Stock", "Suppliers", "Sources",
                                "Orders"))
            headline = (f"<b>{path.name}</b> is valid: {counts}.<br>Importing replaces the "
                        "current project's data (Undo brings it back).")
        elif isinstance(error, InputError):
            headline = (f"<b>{path.name}</b> has {fmt.count(len(errors), 'problem')}. "
                        "Nothing will be imported until they are fixed in the workbook.")
        else:
            headline = f"<b>{path.name}</b> cannot be imported: {error}"
        label = QLabel(headline, self)
        label.setWordWrap(True)
        self.problems = QListWidget(self)
        for p in summarised(problems):  # of one kind, the first few and a count
            item = QListWidgetItem(str(p))
            if p.severity == "error":
                item.setForeground(QBrush(QColor("#b71c1c")))
            self.problems.addItem(item)
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(project is not None)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        if problems:
            layout.addWidget(QLabel(f"{fmt.count(len(errors), 'error')}, "
                                    f"{fmt.count(len(problems) - len(errors), 'warning')}:",
                                    self))
            layout.addWidget(self.problems, 1)
        else:
            self.problems.hide()
            layout.addStretch(1)
        layout.addWidget(buttons)


def describe_failure(error: BaseException) -> str:
    return str(error) if isinstance(error, PlannerError) else f"{type(error).__name__}: {error}"
