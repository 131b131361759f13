"""The mapping dialog's preview (ui.shell.mapping_dialog): the first rows of a table as
they will be imported, or, while they cannot be, as the export has them, with the cells of
every problem tinted and the message in their tooltip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.core import formatting as fmt
from planner.inputs import parsing
from planner.inputs.mapping import fold
from planner.inputs.schema import SETTINGS, Column, sheet
from ui.common import theme
from ui.editing.cell_text import display_texts
from ui.pages.changes_page import Grid, fit_columns, grid_view
from ui.qt import QBrush, QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ui.shell.mapping_dialog import MappingDialog

PREVIEW_ROWS = 20


class MappingPreview(QWidget):
    """The preview pane; it reads the mapping, the project and the problems from its
    dialog."""

    def __init__(self, dialog: MappingDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.start: dict[str, int] = {}  # first preview row per table (0: the first)
        self.focus_cell: tuple[str, int, str] | None = None  # (sheet, row, column)
        self.model = Grid(self)
        self.view = grid_view(self, self.model)
        self.view.setObjectName("mapping_preview")
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)

    def show_table(self) -> None:
        """The dialog's current table as it will be imported, or as the export has it."""
        d = self.dialog
        table = d.current
        wanted = d.mapping.tables.get(table)
        spec = sheet(table)
        if table == "Settings" and d.project is not None:
            settings = d.project.settings
            self.title.setText(self.tr("<b>{table}</b> as they will be imported.")
                                       .format(table=spec.heading))
            self.model.set_rows(
                [self.tr("Setting"), self.tr("Value")],
                [[s.key, fmt.text(getattr(settings, s.key, ""))] for s in SETTINGS])
            self._fit_preview()
            return
        if wanted is None:
            self.title.setText(self.tr("{table} is not imported.").format(
                table=spec.heading))
            self.model.set_rows([], [])
            return
        columns = [c for c in spec.columns if c.name in wanted.columns]
        imported = d.tables()
        if d.project is not None and (imported is None or table in imported) \
                and table in d.project.tables:
            self._preview_imported(table, columns)
        else:
            self._preview_source(table, columns)

    def _preview_imported(self, table: str, columns: list[Column]) -> None:
        d = self.dialog
        from ui.editing.models import KIND_OF_TYPE

        assert d.project is not None
        frame = d.project.tables[table]
        start = min(self.start.get(table, 0), max(len(frame) - PREVIEW_ROWS, 0))
        part = frame.iloc[start:start + PREVIEW_ROWS].reset_index(drop=True)
        texts = [display_texts(part[c.name], KIND_OF_TYPE.get(c.type, "text"), c.name)
                 for c in columns]
        rows = [[t[i] for t in texts] for i in range(len(part))]
        layout = d.project.layouts.get(table)
        names = ([str(int(r)) for r in layout.rows[start:start + PREVIEW_ROWS]]
                 if layout is not None and len(layout.rows) == len(frame) else [])
        warn = theme.problem_brush(warning=True)
        tints, tips = self._marks(table, columns, names, warn)
        self.title.setText(self.tr(
            "<b>{table}</b> as it will be imported: rows {first}–{last} of {count} (row "
            "numbers are the export's).").format(table=sheet(table).heading, first=start + 1,
                                                 last=start + len(part),
                                                 count=fmt.count(len(frame))))
        self.model.set_rows([c.label for c in columns], rows, names, tints, tips,
                                    [c.description for c in columns])
        self._fit_preview()

    def _fit_preview(self) -> None:
        fit_columns(self.view, 220)

    def _preview_source(self, table: str, columns: list[Column]) -> None:
        """The source's rows under the header row, the mapped columns only, the cells
        with a problem marked."""
        d = self.dialog
        raw, wanted = d.raw(table), d.mapping.tables.get(table)
        if raw is None or wanted is None:
            self.title.setText(self.tr("The export has no sheet {sheet}.").format(
                sheet=wanted.sheet if wanted else ""))
            self.model.set_rows([], [])
            return
        h = wanted.header_row - raw.first_row
        header = raw.rows[h] if 0 <= h < len(raw.rows) else []
        body = raw.rows[h + 1:] if 0 <= h < len(raw.rows) else []
        start = min(self.start.get(table, 0), max(len(body) - PREVIEW_ROWS, 0))
        positions = [d._position(header, wanted.columns[c.name]) for c in columns]
        rows = []
        for r in body[start:start + PREVIEW_ROWS]:
            rows.append(["" if j is None or j >= len(r) or parsing.is_blank(r[j])
                         else code_text(r[j]) for j in positions])
        names = [str(wanted.header_row + 1 + start + i) for i in range(len(rows))]
        tints, tips = self._marks(table, columns, names, theme.problem_brush(warning=False))
        self.title.setText(self.tr(
            "<b>{table}</b> from sheet {sheet}, as written in the export (it cannot be "
            "imported yet): rows {first}–{last}.").format(
            table=sheet(table).heading, sheet=raw.name, first=wanted.header_row + 1 + start,
            last=wanted.header_row + start + len(rows)))
        self.model.set_rows(
            [c.label for c in columns], rows, names, tints, tips,
            [self.tr("From the column {header} of the export.").format(
                header=wanted.columns[c.name]) for c in columns])
        self._fit_preview()
        if self.focus_cell is not None:
            self._select_focus(columns, names)

    def _marks(self, table: str, columns: list[Column], names: list[str], brush: QBrush
               ) -> tuple[dict[tuple[int, int], QBrush], dict[tuple[int, int], str]]:
        """The preview's cells with a problem: tinted, the message in the tooltip."""
        d = self.dialog
        wanted = d.mapping.tables[table]
        where = fold(d._sheet_name(wanted.sheet))
        at_row = {name: i for i, name in enumerate(names)}
        at_column = {c.name: j for j, c in enumerate(columns)}
        tints: dict[tuple[int, int], QBrush] = {}
        tips: dict[tuple[int, int], str] = {}
        for p in d.problems:
            if p.row is None or fold(p.sheet) != where:
                continue
            i, j = at_row.get(str(p.row)), at_column.get(p.column or "")
            if i is None or j is None:
                continue
            tints[(i, j)] = (theme.problem_brush(warning=True) if p.severity != "error"
                             else theme.problem_brush(warning=False))
            tips[(i, j)] = f"{tips[(i, j)]}\n{p.message}" if (i, j) in tips else p.message
        return tints, tips

    def _select_focus(self, columns: list[Column], names: list[str]) -> None:
        assert self.focus_cell is not None
        _sheet, row, column = self.focus_cell
        i = names.index(str(row)) if str(row) in names else -1
        j = next((k for k, c in enumerate(columns) if c.name == column), 0)
        if i >= 0:
            index = self.model.index(i, j)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)


def code_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
