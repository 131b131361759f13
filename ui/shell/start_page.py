"""What the window shows before a project is open: ways to get started.

Open a sample (the workbooks shipped with the program, planner.core.resources.samples),
import a workbook, open a project file, or write a new template workbook to fill in. The
window connects the signals to its file commands and hides the page once a project is open.
"""

from __future__ import annotations

from pathlib import Path

from planner.core.resources import samples
from ui.common.operations import Operation
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDesktopServices,
    QFileDialog,
    QGridLayout,
    QLabel,
    QMenu,
    QPushButton,
    Qt,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)

# each bundled sample's title in the Open sample menu, by file name
SAMPLE_TITLES = {
    "ev_motors_wind.xlsx": QT_TRANSLATE_NOOP("StartPage", "EV motors and wind turbines"),
    "motors_actuators_ja.xlsx": QT_TRANSLATE_NOOP("StartPage", "Motors and actuators (Japan)"),
    "semiconductor_equipment.xlsx": QT_TRANSLATE_NOOP("StartPage", "Semiconductor equipment"),
}


def sample_title(path: Path) -> str:
    """A sample's title for a menu, in the window's language; a sample without one is named
    after its file: "new_sample.xlsx" -> "New sample"."""
    title = SAMPLE_TITLES.get(path.name)
    if title is not None:
        return QCoreApplication.translate("StartPage", title)
    words = path.stem.replace("_", " ")
    return words[:1].upper() + words[1:]


class StartPage(QWidget):
    """Four ways to start, each a big button with a line saying what it does."""

    openSample = Signal(object)  # the sample workbook's Path
    importWorkbook = Signal()
    openProject = Signal()
    newTemplate = Signal()
    emptyProject = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("start_page")
        title = QLabel("<h1>{title}</h1>".format(title=self.tr("Get started")), self)
        title.setObjectName("start_title")
        intro = QLabel(self.tr("Stockpile Planner shows how many days your stock of each "
                               "material lasts, how much of it depends on one supplier or "
                               "country, and what to buy. Start from a sample or from your "
                               "own data."), self)
        intro.setWordWrap(True)

        self.sample_menu = QMenu(self)
        for path in samples():
            action = self.sample_menu.addAction(sample_title(path))
            action.setToolTip(path.name)
            action.triggered.connect(lambda _c=False, p=path: self.openSample.emit(p))
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(14)
        choices = (
            ("sample", self.tr("Open sample…"),
             self.tr("A finished example project, to look around in."), None),
            ("import", self.tr("Import workbook…"),
             self.tr("Your data in a template workbook (.xlsx) or a folder of CSV files."),
             self.importWorkbook),
            ("open", self.tr("Open project…"),
             self.tr("A project file (.stockpile) saved before."), self.openProject),
            ("template", self.tr("New template workbook…"),
             self.tr("An empty workbook to fill in, with instructions, example rows and "
                     "drop-down lists."), self.newTemplate),
        )
        for i, (key, text, explanation, signal) in enumerate(choices):
            button = QPushButton(text, self)
            button.setObjectName(f"start_{key}")
            button.setMinimumSize(240, 44)
            if signal is None:
                button.setMenu(self.sample_menu)
            else:
                button.clicked.connect(signal.emit)
            note = QLabel(explanation, self)
            note.setWordWrap(True)
            note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(button, i, 0)
            grid.addWidget(note, i, 1)
            self.buttons[key] = button
        grid.setColumnStretch(1, 1)
        empty = QPushButton(self.tr("Or start with an empty project"), self)
        empty.setObjectName("start_empty")
        empty.setFlat(True)
        empty.clicked.connect(self.emptyProject.emit)
        self.buttons["empty"] = empty

        column = QWidget(self)
        column.setFixedWidth(860)
        inner = QVBoxLayout(column)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addSpacing(18)
        inner.addLayout(grid)
        inner.addSpacing(12)
        inner.addWidget(empty, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


def write_template_dialog(window: QWidget, folder: Path) -> None:
    """Ask where to write a blank template workbook, write it in the background, and open
    it in the desktop's spreadsheet program."""
    from planner.inputs.blank_template import write_blank_template

    name, _ = QFileDialog.getSaveFileName(
        window, QCoreApplication.translate("StartPage", "New template workbook"),
        str(folder / "template.xlsx"),
        QCoreApplication.translate("StartPage", "Excel workbook (*.xlsx)"))
    if not name:
        return
    path = Path(name).with_suffix(".xlsx")

    def written(_result: None) -> None:
        message = getattr(window, "show_message", None)
        if message is not None:
            message(QCoreApplication.translate(
                "StartPage", "Wrote {file}: fill it in, then import it with File, Import."
            ).format(file=path.name))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    Operation(lambda _progress: write_blank_template(path),
              QCoreApplication.translate("StartPage", "Writing the template")
              ).success(written).run(window)


__all__ = ["StartPage", "sample_title", "write_template_dialog"]
