"""The mapping dialog's codes (ui.shell.mapping_dialog): for each mapped column that holds
codes (kind, period, supplier kind, yes/no, and Items' unit), the distinct codes the export
has, how many rows have each, and a drop-down of what it means in the template. A code the
template cannot read and the mapping does not translate is shown in red.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.inputs.mapping import code_key
from planner.inputs.schema import Column, sheet
from planner.inputs.validation import PARSERS
from ui.common import theme
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QComboBox,
    QCoreApplication,
    QGridLayout,
    QLabel,
    QWidget,
)

if TYPE_CHECKING:
    from ui.shell.mapping_dialog import MappingDialog

CODE_TYPES = ("kind", "per", "supplier_kind", "yesno")
# the template's words, as the mapping stores them (English in every language)
CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "kind": (("product", QT_TRANSLATE_NOOP("MappingDialog", "product")),
             ("component", QT_TRANSLATE_NOOP("MappingDialog", "component")),
             ("material", QT_TRANSLATE_NOOP("MappingDialog", "material"))),
    "per": (("day", QT_TRANSLATE_NOOP("MappingDialog", "day")),
            ("week", QT_TRANSLATE_NOOP("MappingDialog", "week")),
            ("month", QT_TRANSLATE_NOOP("MappingDialog", "month")),
            ("year", QT_TRANSLATE_NOOP("MappingDialog", "year"))),
    "supplier_kind": (("producer", QT_TRANSLATE_NOOP("MappingDialog", "producer")),
                      ("trader", QT_TRANSLATE_NOOP("MappingDialog", "trader"))),
    "yesno": (("yes", QT_TRANSLATE_NOOP("MappingDialog", "yes")),
              ("no", QT_TRANSLATE_NOOP("MappingDialog", "no"))),
}
UNITS = ("pcs", "kg", "g", "t", "l", "m", "set", "lb")
SHOWN_CODES = 60  # distinct codes listed per column


def translated(text: str) -> str:
    return QCoreApplication.translate("MappingDialog", text)

class CodesPane(QWidget):
    """The codes panel; it reads the mapping and the export through its dialog and tells
    it when a translation changes."""

    def __init__(self, dialog: MappingDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.grid = QGridLayout(self)
        self.grid.setVerticalSpacing(2)
        self.combos: dict[tuple[str, str], QComboBox] = {}
        self.labels: dict[tuple[str, str], QLabel] = {}

    def columns(self, table: str) -> list[Column]:
        """The mapped columns of ``table`` whose values are codes (and Items' unit)."""
        d = self.dialog
        wanted = d.mapping.tables.get(table)
        if wanted is None:
            return []
        return [c for c in sheet(table).columns if c.name in wanted.columns
                and (c.type in CODE_TYPES or (table == "Items" and c.name == "unit"))]

    def fill(self) -> None:
        """The codes of the dialog's current table, each with its drop-down."""
        d = self.dialog
        grid = self.grid
        d.clear_grid(grid)
        self.combos = {}
        self.labels = {}
        table = d.current
        row = 0
        wanted = d.mapping.tables.get(table)
        for column in self.columns(table):
            assert wanted is not None
            found = d.codes(table, column.name)
            title = QLabel(self.tr("<b>{column}</b> ← {header}: {choices}").format(
                column=column.label, header=wanted.columns[column.name],
                choices=column.description or self.tr("any unit, such as pcs or kg")),
                self)
            title.setWordWrap(True)
            grid.addWidget(title, row, 0, 1, 2)
            row += 1
            given = {code_key(k): v for k, v in wanted.values.get(column.name, {}).items()}
            for code, count in found[:SHOWN_CODES]:
                label = QLabel(self.tr("{code} (%n row(s))", None, count).format(
                    code=code), self)
                combo = QComboBox(self)
                combo.setObjectName(f"code_{column.name}_{code}")
                target = given.get(code_key(code))
                if column.type in CHOICES:
                    combo.addItem(self.tr("— as written —"), "")
                    for key, text in CHOICES[column.type]:
                        combo.addItem(translated(text), key)
                    combo.setCurrentIndex(max(0, combo.findData(_choice_key(column.type,
                                                                            target))))
                else:  # a unit: any text, the usual ones offered
                    combo.setEditable(True)
                    for unit in dict.fromkeys((code, *UNITS)):
                        combo.addItem(unit, unit)
                    combo.setCurrentText(str(target) if target else code)
                    line = combo.lineEdit()
                    if line is not None:
                        line.editingFinished.connect(
                            lambda c=column.name: self.chosen(c))
                if not reads(column, code) and not target:
                    label.setStyleSheet("color: {};".format(
                        (theme.status_colour("critical") or theme.problem_text()).name()))
                    label.setToolTip(self.tr("The template does not read this code: say "
                                             "what it means."))
                combo.activated.connect(lambda _i, c=column.name: self.chosen(c))
                grid.addWidget(label, row, 0)
                grid.addWidget(combo, row, 1)
                self.combos[(column.name, code)] = combo
                self.labels[(column.name, code)] = label
                row += 1
            if len(found) > SHOWN_CODES:
                grid.addWidget(QLabel(self.tr("… and {count} more codes").format(
                    count=len(found) - SHOWN_CODES), self), row, 0, 1, 2)
                row += 1
        if row == 0:
            empty = QLabel(self.tr("No column of this table holds codes to translate."),
                           self)
            empty.setWordWrap(True)
            grid.addWidget(empty, 0, 0, 1, 2)
            row = 1
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(row, 1)

    def chosen(self, column: str) -> None:
        """The translations of a column as the drop-downs say: a code left as written is
        translated to itself when the template reads it, else left out (and reported at
        its cells)."""
        d = self.dialog
        table = d.current
        wanted = d.mapping.tables.get(table)
        if wanted is None:
            return
        spec = sheet(table).column(column)
        translations: dict[str, str] = {}
        for (name, code), combo in self.combos.items():
            if name != column:
                continue
            value = combo.currentText().strip() if combo.isEditable() else str(
                combo.currentData() or "")
            if value and value != code:
                translations[code] = value
            elif reads(spec, code):
                translations[code] = code
        if any(v != k for k, v in translations.items()):
            wanted.values[column] = translations
        else:
            wanted.values.pop(column, None)
        self.refresh_labels()
        d.changed()

    def refresh_labels(self) -> None:
        d = self.dialog
        wanted = d.mapping.tables.get(d.current)
        if wanted is None:
            return
        for column, code in self.combos:
            spec = sheet(d.current).column(column)
            given = {code_key(k) for k in wanted.values.get(column, {})}
            widget = self.labels.get((column, code))
            if widget is None:
                continue
            bad = not reads(spec, code) and code_key(code) not in given
            widget.setStyleSheet("color: {};".format(
                (theme.status_colour("critical") or theme.problem_text()).name())
                if bad else "")


def reads(column: Column, code: str) -> bool:
    """Whether the template reads the code as it is (product, 製品, month…; any unit)."""
    if column.type not in CODE_TYPES:
        return True
    _out, _blank, messages = PARSERS[column.type]([code])
    return not messages


def _choice_key(what: str, target: object) -> str:
    """The template's word a translation names (製品 and product alike), or ""."""
    if not target:
        return ""
    out, _blank, messages = PARSERS[what]([target])
    return "" if messages else str(out[0])  # type: ignore[index]
