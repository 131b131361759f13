"""Import with mapping: another program's export (an ERP's workbook or CSV files) mapped
onto the template table by table, checked and previewed before anything changes.

For each template table the dialog shows the source sheet feeding it and its header row,
each template column beside a drop-down of the sheet's headers (the guess of
planner.inputs.mapping_guess filled in, with its score; required columns marked), the
codes found in code columns with what each means, and a factor per numeric column. Every
change is checked at once with planner.inputs.mapping.apply_mapping, which does all the
work: the preview shows the first rows as they will be imported, or the source's rows
with the problem cells marked, and the list below gives every problem, located in the
source's own sheets and cells. Import is possible only without errors.

In a monthly refresh only the tables ticked (Stock and Orders by default) are read, into
the open project; the rest of it stays as it is.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from planner.core import formatting as fmt
from planner.core.errors import InputError, PlannerError, Problem
from planner.inputs import parsing
from planner.inputs.mapping import (
    MAPPED_TABLES,
    Mapping,
    TableMapping,
    find_header_row,
    find_sheet,
    fold,
    layout_key_of,
    read_source,
)
from planner.inputs.mapping import apply_mapping as apply
from planner.inputs.mapping_guess import Guess, guess_mapping
from planner.inputs.project import Project
from planner.inputs.reading import RawBook, RawSheet
from planner.inputs.schema import SETTINGS, Column, sheet
from ui.common import theme
from ui.common.errors import show_error
from ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGuiApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from ui.shell.mapping_codes import CODE_TYPES, CodesPane, reads
from ui.shell.mapping_preview import MappingPreview, code_text

REFRESHED = ("Stock", "Orders")  # what a monthly refresh replaces unless told otherwise
CHECK_MS = 200  # a change is checked once the user pauses


@dataclass
class Prepared:
    """A source read for the dialog (off the UI thread): its sheets, layout and guess,
    and the mapping to start from."""

    source: Path
    book: RawBook
    layout: str
    guess: Guess
    mapping: Mapping
    remembered: bool = False  # the mapping used before for this layout


def source_of(path: Path) -> Path:
    """An export of several CSV files is its folder: a CSV file picked among others
    stands for them all."""
    if path.is_file() and path.suffix.lower() == ".csv":
        others = [p for p in path.parent.iterdir() if p.suffix.lower() == ".csv"]
        if len(others) > 1:
            return path.parent
    return path


def prepare(source: Path) -> Prepared:
    """Read the source and guess a mapping (in a worker: it reads every sheet)."""
    book = read_source(source)
    guess = guess_mapping(source, book)
    return Prepared(source, book, layout_key_of(book), guess, guess.mapping)


def with_remembered(prepared: Prepared, text: str | None) -> Prepared:
    """``prepared`` starting from the mapping remembered for its layout, when there is
    one that still reads."""
    if text:
        try:
            mapping = Mapping.from_json(json.loads(text), "remembered")
        except (PlannerError, ValueError):
            return prepared
        prepared.mapping, prepared.remembered = mapping, True
    return prepared


def _copy(mapping: Mapping) -> Mapping:
    return Mapping.from_json(mapping.to_json(), "mapping")


class MappingDialog(QDialog):
    """Map an export onto the template, check it, preview it, import it (``project`` is
    the result once accepted)."""

    def __init__(self, prepared: Prepared, parent: QWidget | None = None, *,
                 into: Project | None = None, refresh: bool = False):
        super().__init__(parent)
        self.prepared = prepared
        self.source = prepared.source
        self.book = prepared.book
        self.guess = prepared.guess
        self.mapping = _copy(prepared.mapping)
        self.mapping.layout = prepared.layout
        self.found_currency = "" if refresh else self._prefill_currency()
        self.into = into
        self.refresh = refresh
        self.project: Project | None = None
        self.problems: list[Problem] = []
        self.chosen: set[tuple[str, str]] = set()  # (table, column) picked by the user
        self.setWindowTitle(self.tr("Monthly refresh from {file}").format(
            file=self.source.name) if refresh else self.tr("Import {file} with a mapping")
            .format(file=self.source.name))
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check_now)
        self._build()
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.resize(min(1280, screen.width() - 40), min(760, screen.height() - 40))
        self._fill_table_list()
        first = next((t for t in (REFRESHED if refresh else MAPPED_TABLES)
                      if t in self.mapping.tables), MAPPED_TABLES[0])
        self.select_table(first)
        self.check_now()

    # --- building ---------------------------------------------------------------------
    def _build(self) -> None:
        sheets = len(self.book.sheets)
        if self.prepared.remembered and self.refresh:
            note = self.tr(
                "<b>{file}</b> ({sheets} sheets) has the layout of an export you imported "
                "before: the mapping used then is filled in. Tick the tables to replace, "
                "check the preview, then refresh.")
        elif self.prepared.remembered:
            note = self.tr(
                "<b>{file}</b> ({sheets} sheets) has the layout of an export you imported "
                "before: the mapping used then is filled in. Check it and import.")
        else:
            note = self.tr(
                "<b>{file}</b> ({sheets} sheets): a first guess from its headers is filled "
                "in. Pick a table on the left, check which sheet and columns feed it "
                "(required columns are marked *), say what its codes mean, then import.")
        note = note.format(file=self.source.name, sheets=sheets)
        if self.found_currency:
            note += " " + self.tr("Its prices are in {currency}, taken as the project's "
                                  "currency (see Settings).").format(
                                      currency=self.found_currency)
        self.note = QLabel(note, self)
        self.note.setWordWrap(True)
        self.note.setObjectName("mapping_note")

        self.table_list = QListWidget(self)
        self.table_list.setObjectName("mapping_tables")
        self.table_list.setMinimumWidth(190)
        self.table_list.currentRowChanged.connect(
            lambda row: self.select_table(MAPPED_TABLES[row]) if row >= 0 else None)

        editor = QWidget(self)
        self.sheet_combo = QComboBox(editor)
        self.sheet_combo.setObjectName("mapping_sheet")
        self.sheet_combo.addItem(self.tr("(not imported)"), "")
        for name in self.book.sheets:
            self.sheet_combo.addItem(name, name)
        self.sheet_combo.activated.connect(lambda _i: self._sheet_chosen())
        self.header_spin = QSpinBox(editor)
        self.header_spin.setObjectName("mapping_header_row")
        self.header_spin.setRange(1, 1000)
        self.header_spin.valueChanged.connect(self._header_row_chosen)
        self.sheet_combo.setMinimumWidth(220)
        form = QHBoxLayout()
        form.addWidget(QLabel(self.tr("Source sheet:"), editor))
        form.addWidget(self.sheet_combo)
        form.addSpacing(16)
        form.addWidget(QLabel(self.tr("Header row:"), editor))
        form.addWidget(self.header_spin)
        form.addStretch(1)

        self.columns_box = QWidget(editor)
        self.columns_grid = QGridLayout(self.columns_box)
        self.columns_grid.setVerticalSpacing(2)
        columns_scroll = QScrollArea(editor)
        columns_scroll.setWidgetResizable(True)
        columns_scroll.setWidget(self.columns_box)
        self.codes_box = CodesPane(self)
        codes_scroll = QScrollArea(editor)
        codes_scroll.setWidgetResizable(True)
        codes_scroll.setWidget(self.codes_box)
        self.codes_title = QLabel(self.tr("<b>Codes</b>: what each code of the export means "
                                          "in the template"), editor)
        self.codes_title.setWordWrap(True)
        inner = QSplitter(Qt.Orientation.Horizontal, editor)
        left = QWidget(inner)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.columns_title = QLabel(left)
        self.columns_title.setWordWrap(True)
        left_layout.addWidget(self.columns_title)
        left_layout.addWidget(columns_scroll, 1)
        right = QWidget(inner)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.codes_title)
        right_layout.addWidget(codes_scroll, 1)
        inner.addWidget(left)
        inner.addWidget(right)
        inner.setSizes([640, 360])
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(form)
        editor_layout.addWidget(inner, 1)

        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self.table_list)
        top.addWidget(editor)
        top.setSizes([200, 1000])

        self.preview_pane = MappingPreview(self)
        self.preview, self.preview_model = self.preview_pane.view, self.preview_pane.model
        self.problem_list = QListWidget(self)
        self.problem_list.setObjectName("mapping_problems")
        self.problem_list.setWordWrap(True)
        self.problem_list.itemActivated.connect(self._go_to_problem)
        self.problem_list.itemClicked.connect(self._go_to_problem)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setObjectName("mapping_status")
        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        problems_box = QWidget(bottom)
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.status)
        problems_layout.addWidget(self.problem_list, 1)
        bottom.addWidget(self.preview_pane)
        bottom.addWidget(problems_box)
        bottom.setSizes([760, 440])
        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(top)
        body.addWidget(bottom)
        body.setSizes([430, 300])

        self.table_checks: dict[str, QCheckBox] = {}
        checks = QHBoxLayout()
        if self.refresh:
            checks.addWidget(QLabel(self.tr("Replace these tables of the open project:"),
                                    self))
            for table in MAPPED_TABLES:
                box = QCheckBox(sheet(table).heading, self)
                box.setObjectName(f"refresh_{table}")
                box.setChecked(table in REFRESHED and table in self.mapping.tables)
                box.toggled.connect(lambda _on: self.changed())
                self.table_checks[table] = box
                checks.addWidget(box)
            checks.addStretch(1)

        buttons = QDialogButtonBox(self)
        self.open_button = QPushButton(self.tr("Open Mapping…"), self)
        self.save_button = QPushButton(self.tr("Save Mapping…"), self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open_mapping)
        self.save_button.clicked.connect(self.save_mapping)
        self.import_button = buttons.addButton(
            self.tr("Refresh") if self.refresh else self.tr("Import"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("mapping_import")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        if self.refresh:
            layout.addLayout(checks)
        layout.addWidget(body, 1)
        layout.addWidget(buttons)

    def _prefill_currency(self) -> str:
        """A new project's currency, when the mapping gives none and the export's prices
        are in one currency besides those its exchange rates convert (EUR in a German
        export): offered in Settings, where the user sees and may change it, instead of
        the template's default."""
        if self.mapping.settings.get("currency") or "Settings" in self.mapping.tables:
            return ""
        found: set[str] = set()
        for table in ("Items", "Sources"):
            found |= {code.upper() for code, _n in self.codes(table, "currency")}
        # a currency with a rate in Rates is not the project's (its rate would be 1)
        found -= {code.upper() for code, _n in self.codes("Rates", "currency")}
        if len(found) != 1:
            return ""
        currency = found.pop().upper()
        self.mapping.settings["currency"] = currency
        return currency

    # --- the tables -------------------------------------------------------------------
    def tables(self) -> list[str] | None:
        """The tables to import: every mapped one, or those ticked in a refresh."""
        if not self.refresh:
            return None
        return [t for t, box in self.table_checks.items() if box.isChecked()]

    def _fill_table_list(self) -> None:
        errors = {p.sheet for p in self.problems if p.severity == "error"}
        self.table_list.blockSignals(True)
        current = self.table_list.currentRow()
        self.table_list.clear()
        for table in MAPPED_TABLES:
            wanted = self.mapping.tables.get(table)
            name = sheet(table).heading
            if wanted is None and table == "Settings" and self.mapping.settings:
                text = self.tr("{table}: values given here").format(table=name)
            elif wanted is None:
                text = self.tr("{table}: not imported").format(table=name)
            else:
                text = self.tr("{table} ← {sheet}").format(table=name, sheet=wanted.sheet)
            bad = wanted is not None and (table in errors or fold(wanted.sheet) in
                                          {fold(s) for s in errors})
            item = QListWidgetItem(("⚠ " if bad else "") + text)
            if wanted is None and not (table == "Settings" and self.mapping.settings):
                item.setForeground(theme.status_colour("short") or item.foreground().color())
            self.table_list.addItem(item)
        self.table_list.setCurrentRow(current)
        self.table_list.blockSignals(False)

    def select_table(self, table: str) -> None:
        self.current = table
        row = MAPPED_TABLES.index(table)
        if self.table_list.currentRow() != row:
            self.table_list.blockSignals(True)
            self.table_list.setCurrentRow(row)
            self.table_list.blockSignals(False)
        wanted = self.mapping.tables.get(table)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(
            self._sheet_name(wanted.sheet) if wanted else "")))
        self.header_spin.blockSignals(True)
        self.header_spin.setValue(wanted.header_row if wanted else 1)
        self.header_spin.setEnabled(wanted is not None)
        self.header_spin.blockSignals(False)
        self._fill_columns()
        self.codes_box.fill()
        self.preview_pane.show_table()

    def _sheet_name(self, name: str) -> str:
        raw = find_sheet(self.book, name)
        return raw.name if raw is not None else name

    def raw(self, table: str) -> RawSheet | None:
        wanted = self.mapping.tables.get(table)
        return find_sheet(self.book, wanted.sheet) if wanted else None

    def headers(self, table: str) -> list[str]:
        """The headers in the header row of the table's sheet."""
        raw, wanted = self.raw(table), self.mapping.tables.get(table)
        if raw is None or wanted is None:
            return []
        h = wanted.header_row - raw.first_row
        if not 0 <= h < len(raw.rows):
            return []
        return [str(v).strip() for v in raw.rows[h] if not parsing.is_blank(v)]

    def column_values(self, table: str, column: str) -> list[object]:
        """The source cells under the header feeding ``column``."""
        raw, wanted = self.raw(table), self.mapping.tables.get(table)
        if raw is None or wanted is None or column not in wanted.columns:
            return []
        h = wanted.header_row - raw.first_row
        if not 0 <= h < len(raw.rows):
            return []
        j = self._position(raw.rows[h], wanted.columns[column])
        if j is None:
            return []
        return [r[j] if j < len(r) else None for r in raw.rows[h + 1:]]

    @staticmethod
    def _position(header: list[object], name: str) -> int | None:
        for j, cell in enumerate(header):
            if not parsing.is_blank(cell) and str(cell).strip() == name.strip():
                return j
        for j, cell in enumerate(header):
            if not parsing.is_blank(cell) and fold(cell) == fold(name):
                return j
        return None

    # --- the columns ------------------------------------------------------------------
    def clear_grid(self, grid: QGridLayout) -> None:
        while grid.count():
            item = grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def _fill_columns(self) -> None:
        grid = self.columns_grid
        self.clear_grid(grid)
        self.column_combos: dict[str, QComboBox] = {}
        self.factor_edits: dict[str, QLineEdit] = {}
        self.match_labels: dict[str, QLabel] = {}
        table = self.current
        wanted = self.mapping.tables.get(table)
        spec = sheet(table)
        self.columns_title.setText(self.tr(
            "<b>Settings</b>: the values the export does not hold") if table == "Settings"
            else self.tr("<b>Columns</b>: which column of the sheet feeds each template "
                         "column"))
        if table == "Settings":
            self._fill_settings()
            return
        if wanted is None:
            label = QLabel(self.tr("This table is not imported. Pick the sheet that holds "
                                   "it above, or leave it out (it stays empty)."),
                           self.columns_box)
            label.setWordWrap(True)
            grid.addWidget(label, 0, 0, 1, 4)
            grid.setRowStretch(1, 1)
            return
        for j, title in enumerate((self.tr("Template column"), self.tr("Source column"),
                                   self.tr("Factor"), self.tr("Match"))):
            grid.addWidget(QLabel(f"<b>{title}</b>", self.columns_box), 0, j)
        headers = self.headers(table)
        for i, column in enumerate(spec.columns, start=1):
            name = column.label + (" *" if column.required else "")
            label = QLabel(name, self.columns_box)
            tip = column.description or ""
            label.setToolTip(self.tr("{description} (required)").format(description=tip)
                             if column.required else tip)
            combo = QComboBox(self.columns_box)
            combo.setObjectName(f"column_{column.name}")
            combo.addItem(self.tr("— none —"), "")
            for header in headers:
                combo.addItem(header, header)
            current = wanted.columns.get(column.name, "")
            if current and combo.findData(current) < 0:
                combo.addItem(self.tr("{header} (not in the sheet)").format(header=current),
                              current)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.activated.connect(lambda _i, c=column.name: self._column_chosen(c))
            combo.setToolTip(tip)
            grid.addWidget(label, i, 0)
            grid.addWidget(combo, i, 1)
            if column.type in ("number", "share"):
                edit = QLineEdit(self.columns_box)
                edit.setObjectName(f"factor_{column.name}")
                edit.setPlaceholderText("1")
                edit.setMaximumWidth(90)
                factor = wanted.scale.get(column.name)
                edit.setText(f"{factor:g}" if factor is not None else "")
                edit.setToolTip(self.tr("Each number is multiplied by this factor: 0.01 for "
                                        "percent numbers (55 → 0.55), 0.001 for prices per "
                                        "1,000 units or grams to kilograms."))
                edit.textEdited.connect(lambda _t, c=column.name: self._factor_changed(c))
                grid.addWidget(edit, i, 2)
                self.factor_edits[column.name] = edit
            match = QLabel(self.columns_box)
            self.match_labels[column.name] = match
            self._describe_match(match, table, column)
            grid.addWidget(match, i, 3)
            self.column_combos[column.name] = combo
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(spec.columns) + 1, 1)

    def _fill_settings(self) -> None:
        """The settings the export does not hold (its currency, the date of its stock),
        typed as in the template's Settings sheet; blank: the template's default."""
        grid = self.columns_grid
        self.setting_edits: dict[str, QLineEdit] = {}
        intro = QLabel(self.tr(
            "Values the export does not hold, typed as in the template's Settings sheet "
            "(blank: the default shown). The currency is the project's: prices in another "
            "currency need its rate in Rates."), self.columns_box)
        intro.setWordWrap(True)
        grid.addWidget(intro, 0, 0, 1, 4)
        for i, spec in enumerate(SETTINGS, start=1):
            edit = QLineEdit(self.columns_box)
            edit.setObjectName(f"setting_{spec.key}")
            value = self.mapping.settings.get(spec.key)
            edit.setText("" if value is None else str(value))
            default = spec.default
            edit.setPlaceholderText(self.tr("today") if spec.key == "as_of_date" else
                                    "" if default is None else f"{default:g}"
                                    if isinstance(default, float) else str(default))
            edit.editingFinished.connect(lambda k=spec.key: self._setting_changed(k))
            name = spec.key if spec.heading == spec.key else self.tr(
                "{heading} ({key})").format(heading=spec.heading, key=spec.key)
            grid.addWidget(QLabel(name, self.columns_box), i, 0)
            grid.addWidget(edit, i, 1)
            self.setting_edits[spec.key] = edit
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(SETTINGS) + 1, 1)

    def _setting_changed(self, key: str) -> None:
        text = self.setting_edits[key].text().strip()
        if text == str(self.mapping.settings.get(key, "") or ""):
            return
        if text:
            self.mapping.settings[key] = text
        else:
            self.mapping.settings.pop(key, None)
        self.changed()

    def _describe_match(self, label: QLabel, table: str, column: Column) -> None:
        """How the column's source was found: the guess's score (green when the header
        is one of the column's names, amber when only close), the user, or nothing."""
        wanted = self.mapping.tables.get(table)
        mapped = wanted is not None and column.name in wanted.columns
        found = self.guess.matches.get(table, {}).get(column.name)
        colour = None
        if not mapped:
            text = self.tr("required: pick a column") if column.required else ""
            colour = theme.status_colour("critical") if column.required else None
            tip = ""
        elif (table, column.name) in self.chosen:
            text, tip = self.tr("your choice"), ""
        elif self.prepared.remembered:
            text = self.tr("as last time")
            tip = self.tr("The mapping remembered for this layout of export.")
        elif found is not None and wanted is not None and found.header == wanted.columns[
                column.name]:
            exact = found.score >= 0.999
            # the header it was guessed from, so that "Material" for item_id reads as a
            # known name of the ERP, not as a mistake
            text = (self.tr("known header: {header}").format(header=found.header) if exact
                    else self.tr("like {header} ({score})").format(
                        header=found.header, score=f"{found.score:.2f}"))
            tip = self.tr("Guessed from the header {header} (column {letter}); a score of "
                          "{score} of 1.").format(header=found.header, letter=found.letter,
                                                  score=f"{found.score:.2f}")
            colour = theme.status_colour("ok" if exact else "short")
        else:
            text, tip = "", ""
        label.setText(text)
        label.setToolTip(tip)
        label.setStyleSheet(f"color: {colour.name()};" if colour is not None else "")

    def _column_chosen(self, column: str) -> None:
        table = self.current
        wanted = self.mapping.tables.get(table)
        if wanted is None:
            return
        header = self.column_combos[column].currentData()
        if header:
            wanted.columns[column] = str(header)
        else:
            wanted.columns.pop(column, None)
            wanted.values.pop(column, None)
            wanted.scale.pop(column, None)
        self.chosen.add((table, column))
        self._refresh_codes(table, column)
        # the row's widgets stay (the drop-down keeps the focus): only its match is told
        self._describe_match(self.match_labels[column], table, sheet(table).column(column))
        self.codes_box.fill()
        self.changed()

    def _factor_changed(self, column: str) -> None:
        wanted = self.mapping.tables.get(self.current)
        edit = self.factor_edits[column]
        text = edit.text().strip().replace(",", ".")
        if wanted is None:
            return
        try:
            factor = float(text) if text else 1.0
            ok = factor > 0
        except ValueError:
            ok = False
        edit.setStyleSheet("" if ok else "color: {};".format(
            (theme.status_colour("critical") or theme.problem_text()).name()))
        if not ok:
            return
        if factor == 1.0:
            wanted.scale.pop(column, None)
        elif column in wanted.columns:
            wanted.scale[column] = factor
        self.changed()

    def _sheet_chosen(self) -> None:
        """Another sheet feeds the table: its header row found, the columns of the same
        name kept."""
        table = self.current
        name = self.sheet_combo.currentData()
        if not name:
            self.mapping.tables.pop(table, None)
        else:
            raw = self.book.sheets[str(name)]
            old = self.mapping.tables.get(table)
            header_row = raw.first_row + find_header_row(raw)
            new = TableMapping(str(name), header_row)
            if old is not None:
                names = {fold(v) for v in raw.rows[header_row - raw.first_row]
                         if not parsing.is_blank(v)} if raw.rows else set()
                new.columns = {c: h for c, h in old.columns.items() if fold(h) in names}
                new.values = {c: v for c, v in old.values.items() if c in new.columns}
                new.scale = {c: v for c, v in old.scale.items() if c in new.columns}
            self.mapping.tables[table] = new
            if table in self.table_checks and not self.table_checks[table].isChecked() \
                    and table in REFRESHED:
                self.table_checks[table].setChecked(True)
        self.select_table(table)
        self.changed()

    def _header_row_chosen(self, row: int) -> None:
        wanted = self.mapping.tables.get(self.current)
        if wanted is None:
            return
        wanted.header_row = row
        self._fill_columns()
        self.codes_box.fill()
        self.changed()

    # --- the codes --------------------------------------------------------------------
    @property
    def code_combos(self) -> dict[tuple[str, str], QComboBox]:
        """The drop-down of each (column, code) of the current table."""
        return self.codes_box.combos

    def codes(self, table: str, column: str) -> list[tuple[str, int]]:
        """The distinct codes of the column in the source, most frequent first."""
        counts = Counter(code_text(v) for v in self.column_values(table, column)
                         if not parsing.is_blank(v))
        return counts.most_common()

    def _refresh_codes(self, table: str, column: str) -> None:
        """A new source column: the guessed meaning of each of its codes."""
        wanted = self.mapping.tables.get(table)
        if wanted is None or column not in wanted.columns:
            return
        spec = sheet(table).column(column)
        if spec.type not in CODE_TYPES:
            return
        from planner.inputs.mapping_guess import code_meaning

        translations = {code: code_meaning(spec.type, code, False)
                        for code, _count in self.codes(table, column)}
        if all(reads(spec, code) for code in translations):
            wanted.values.pop(column, None)
        else:
            wanted.values[column] = {c: t for c, t in translations.items() if t}

    # --- checking ---------------------------------------------------------------------
    def changed(self) -> None:
        """Something was changed: check again once the user pauses."""
        self.import_button.setEnabled(False)
        self.timer.start()

    def check_now(self) -> None:
        """Apply the mapping to the source (nothing changes yet) and show the outcome."""
        self.timer.stop()
        tables = self.tables()
        self.project = None
        try:
            if tables is not None and not tables:
                raise PlannerError(self.tr("Tick at least one table to replace."))
            self.project = apply(self.source, self.mapping, tables,
                                 into=self.into if self.refresh else None)
            self.problems = list(self.project.warnings)
        except InputError as exc:
            self.problems = list(exc.problems)
        except PlannerError as exc:
            self.problems = [Problem(self.source.name, str(exc))]
        errors = [p for p in self.problems if p.severity == "error"]
        self.problem_list.clear()
        for p in self.problems:
            item = QListWidgetItem(str(p))
            item.setData(Qt.ItemDataRole.UserRole, p)
            if p.severity == "error":
                item.setForeground(theme.status_colour("critical") or theme.problem_text())
            self.problem_list.addItem(item)
        if errors:
            self.status.setText(self.tr(
                "{count} problem(s), each at its sheet and cell of the export: nothing is "
                "imported until they are fixed here (or in the export). Click one to see "
                "it in the preview.", None, len(errors)).format(count=fmt.count(len(errors))))
        elif self.project is not None:
            counts = ", ".join(f"{sheet(t).heading} {fmt.count(len(self.project.tables[t]))}"
                               for t in (tables or self.mapping.imported())
                               if t in self.project.tables)
            self.status.setText(self.tr(
                "Ready to import: {counts}. The project's data is replaced; Undo brings it "
                "back.").format(counts=counts) if not self.refresh else self.tr(
                "Ready to refresh: {counts}. The other tables stay as they are; Undo brings "
                "last month back.").format(counts=counts))
        self.import_button.setEnabled(self.project is not None)
        self._fill_table_list()
        self.preview_pane.show_table()

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        problem: Problem = item.data(Qt.ItemDataRole.UserRole)
        self.go_to_problem(problem)

    def go_to_problem(self, problem: Problem) -> None:
        """Show the table and the preview rows of a problem, its cell selected."""
        table = problem.sheet if problem.sheet in MAPPED_TABLES else next(
            (t for t, m in self.mapping.tables.items()
             if fold(self._sheet_name(m.sheet)) == fold(problem.sheet)
             and (problem.column is None or problem.column in m.columns)),
            next((t for t, m in self.mapping.tables.items()
                  if fold(self._sheet_name(m.sheet)) == fold(problem.sheet)), None))
        if table is None:
            return
        wanted = self.mapping.tables.get(table)
        if wanted is not None and problem.row is not None:
            self.preview_pane.start[table] = max(0, problem.row - wanted.header_row - 1 - 2)
            self.preview_pane.focus_cell = (problem.sheet, problem.row, problem.column or "")
        self.select_table(table)
        self.preview_pane.focus_cell = None

    # --- the mapping file -------------------------------------------------------------
    def ask_mapping_path(self, save: bool) -> Path | None:
        """A mapping file to open or save (monkeypatched in tests)."""
        pattern = self.tr("Mapping (*.json)")
        if save:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save mapping"),
                str(self.source.with_name(self.source.stem + " mapping.json")), pattern)
        else:
            name, _ = QFileDialog.getOpenFileName(self, self.tr("Open mapping"),
                                                  str(self.source.parent), pattern)
        if not name:
            return None
        path = Path(name)
        return path.with_suffix(".json") if save and path.suffix.lower() != ".json" else path

    def save_mapping(self) -> None:
        path = self.ask_mapping_path(save=True)
        if path is None:
            return
        try:
            self.mapping.save(path)
        except PlannerError as exc:
            show_error(self, exc, self.tr("Mapping not saved"))
            return
        self.status.setText(self.tr("Saved the mapping as {file}.").format(file=path.name))

    def open_mapping(self) -> None:
        path = self.ask_mapping_path(save=False)
        if path is None:
            return
        try:
            mapping = Mapping.load(path)
        except PlannerError as exc:
            show_error(self, exc, self.tr("Cannot open {file}").format(file=path.name))
            return
        self.use_mapping(mapping, path.name)

    def use_mapping(self, mapping: Mapping, name: str) -> None:
        """Start again from ``mapping`` (a file opened)."""
        self.mapping = _copy(mapping)
        self.mapping.layout = self.prepared.layout
        self.chosen.clear()
        self.prepared.remembered = False
        self.note.setText(self.tr("<b>{file}</b> mapped with {mapping}. Check it and "
                                  "import.").format(file=self.source.name, mapping=name))
        for table, box in self.table_checks.items():
            box.setChecked(table in REFRESHED and table in self.mapping.tables)
        self.select_table(self.current)
        self.check_now()

    def _accept(self) -> None:
        if self.timer.isActive():
            self.check_now()
        if self.project is not None:
            self.accept()


__all__ = ["MappingDialog", "Prepared", "prepare", "source_of", "with_remembered"]
