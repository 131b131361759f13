"""The data pages: Materials & stock, Suppliers, Sourcing mix, Open orders, Settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd

from planner.core import formatting as fmt
from planner.inputs.schema import SETTINGS
from planner.inputs.validation import parse_setting
from ui.editing.commands import SetSetting
from ui.editing.document import Document
from ui.editing.frozen import FrozenTableView
from ui.editing.models import POSITION_ROLE, Col, FrameModel
from ui.editing.table_page import TablePage
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QModelIndex,
    QSplitter,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
)

# what each column means is in COLUMN_TIPS (ui.editing.cell_text), shared with every table
MATERIAL_COLUMNS = [
    Col("item_id", QT_TRANSLATE_NOOP("FiguresTable", "Item")),
    Col("name", QT_TRANSLATE_NOOP("FiguresTable", "Name")),
    Col("unit", QT_TRANSLATE_NOOP("FiguresTable", "Unit")),
    Col("daily_use", QT_TRANSLATE_NOOP("FiguresTable", "Use / day"), "quantity"),
    Col("on_hand", QT_TRANSLATE_NOOP("FiguresTable", "On hand"), "quantity"),
    Col("days_of_cover", QT_TRANSLATE_NOOP("FiguresTable", "Cover (days)"), "days"),
    Col("days_of_cover_with_orders", QT_TRANSLATE_NOOP("FiguresTable", "With orders"), "days"),
    Col("target_days", QT_TRANSLATE_NOOP("FiguresTable", "Target"), "number"),
    Col("safety_stock", QT_TRANSLATE_NOOP("FiguresTable", "Safety stock"), "quantity"),
    Col("safety_stock_basis", QT_TRANSLATE_NOOP("FiguresTable", "Safety stock from")),
    Col("status", QT_TRANSLATE_NOOP("FiguresTable", "Status"), "status"),
    Col("top_supplier", QT_TRANSLATE_NOOP("FiguresTable", "Top supplier")),
    Col("top_supplier_share", QT_TRANSLATE_NOOP("FiguresTable", "Supplier share"), "share"),
    Col("top_country", QT_TRANSLATE_NOOP("FiguresTable", "Top country")),
    Col("top_country_share", QT_TRANSLATE_NOOP("FiguresTable", "Country share"), "share"),
    # the declared top country beside the effective one (unknown origins looked through)
    Col("effective_top_country", QT_TRANSLATE_NOOP("FiguresTable", "Effective top country")),
    Col("effective_top_share", QT_TRANSLATE_NOOP("FiguresTable", "Effective share"), "share"),
    Col("unknown_origin_share", QT_TRANSLATE_NOOP("FiguresTable", "Unknown origin"), "share"),
    Col("secondary_share", QT_TRANSLATE_NOOP("FiguresTable", "Secondary"), "share"),
    Col("commodity", QT_TRANSLATE_NOOP("FiguresTable", "Commodity")),
    Col("world_top_country", QT_TRANSLATE_NOOP("FiguresTable", "World top producer")),
    Col("world_top_share", QT_TRANSLATE_NOOP("FiguresTable", "World share"), "share"),
    Col("supplier_hhi", QT_TRANSLATE_NOOP("FiguresTable", "Supplier HHI"), "hhi"),
    Col("country_hhi", QT_TRANSLATE_NOOP("FiguresTable", "Country HHI"), "hhi"),
    Col("suppliers", QT_TRANSLATE_NOOP("FiguresTable", "Suppliers"), "number"),
    Col("over_supplier_cap", QT_TRANSLATE_NOOP("FiguresTable", "Over supplier cap"), "bool"),
    Col("over_country_cap", QT_TRANSLATE_NOOP("FiguresTable", "Over country cap"), "bool"),
]


def translated(columns: list[Col]) -> list[Col]:
    """``columns`` with their titles and tips in the window's language (the constants here
    are marked in the context FiguresTable; a title translated already stays as it is)."""
    return [replace(c, title=QCoreApplication.translate("FiguresTable", c.title),
                    tip=QCoreApplication.translate("FiguresTable", c.tip) if c.tip else "")
            for c in columns]


class FiguresTable(QWidget):
    """A read-only table of engine figures, refreshed with the report."""

    def __init__(self, doc: Document, title: str, columns: list[Col],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.model = FrameModel(translated(columns), self)
        self.view = FrozenTableView(self)
        self.view.setModel(self.model)
        # no sort indicator before sorting is enabled, or Qt sorts by column 0, descending
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.selectionModel().currentRowChanged.connect(self._current)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search {title}…").format(title=title.lower()))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.model.set_filter)
        self.heading = QLabel(title, self)  # hidden where a tab already names the table
        self.heading.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.search)
        layout.addWidget(self.view)
        doc.itemSelected.connect(self.show_item)
        self._fitted = False

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.model.set_frame(frame)
        if not self._fitted and len(frame):
            self.view.fit_columns()
            self._fitted = True

    def _current(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if current.isValid():
            self.doc.select_item(str(self.model.value(current.row(), "item_id")))

    def show_item(self, item_id: str) -> None:
        frame = self.model.frame
        if "item_id" not in frame:
            return
        hits = (frame["item_id"] == item_id).to_numpy().nonzero()[0]
        if len(hits):
            row = self.model.row_of(int(hits[0]))
            if row >= 0 and self.view.currentIndex().row() != row:
                self.view.setCurrentIndex(self.model.index(row, 0))
                self.view.scrollTo(self.model.index(row, 0))


class FiguresOverTable(QWidget):
    """The engine's figures per material above, an editable template table below."""

    def __init__(self, doc: Document, figures: FiguresTable, table: TablePage,
                 sizes: list[int], parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self._figures, self._table = figures, table
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(figures)
        split.addWidget(table)
        split.setSizes(sizes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        doc.reportChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        if self.doc.report is not None:
            self._figures.set_frame(self.doc.report.materials)


class MaterialsPage(FiguresOverTable):
    """Figures per purchased material above, the Stock table below."""

    def __init__(self, doc: Document, parent: QWidget | None = None):
        self.figures = FiguresTable(doc, self.tr("Days of cover and exposure"),
                                    MATERIAL_COLUMNS)
        self.stock = TablePage(doc, "Stock", self.tr("Stock"),
                               self.tr("On hand, safety stock and an item's own target days "
                                       "(blank: the project's target)."))
        super().__init__(doc, self.figures, self.stock, [450, 300], parent)


PRODUCT_COLUMNS = [
    Col("item_id", QT_TRANSLATE_NOOP("FiguresTable", "Product")),
    Col("name", QT_TRANSLATE_NOOP("FiguresTable", "Name")),
    Col("daily_use", QT_TRANSLATE_NOOP("FiguresTable", "Demand / day"), "quantity"),
    Col("materials", QT_TRANSLATE_NOOP("FiguresTable", "Materials"), "number",
        QT_TRANSLATE_NOOP("FiguresTable", "Purchased items it consumes, at any BOM level")),
    Col("worst_status", QT_TRANSLATE_NOOP("FiguresTable", "Worst status"), "status"),
    Col("worst_status_material", QT_TRANSLATE_NOOP("FiguresTable", "Because of")),
    Col("min_days_of_cover", QT_TRANSLATE_NOOP("FiguresTable", "Least cover"), "days",
        QT_TRANSLATE_NOOP("FiguresTable", "The shortest days of cover among its materials")),
    Col("min_cover_material", QT_TRANSLATE_NOOP("FiguresTable", "Least-covered material")),
    Col("top_country", QT_TRANSLATE_NOOP("FiguresTable", "Top origin")),
    Col("top_country_share", QT_TRANSLATE_NOOP("FiguresTable", "Share"), "share",
        QT_TRANSLATE_NOOP("FiguresTable", "The highest top-country share among its "
                                          "materials")),
    Col("top_country_material",
        QT_TRANSLATE_NOOP("FiguresTable", "Most concentrated material")),
    Col("materials_over_country_cap",
        QT_TRANSLATE_NOOP("FiguresTable", "Over country cap"), "number"),
    Col("materials_over_supplier_cap",
        QT_TRANSLATE_NOOP("FiguresTable", "Over supplier cap"), "number"),
    # origin content (effective origins): an estimate for screening
    Col("content_country", QT_TRANSLATE_NOOP("FiguresTable", "Content country")),
    Col("content_share", QT_TRANSLATE_NOOP("FiguresTable", "Content share"), "share"),
    Col("content_flag", QT_TRANSLATE_NOOP("FiguresTable", "Over content threshold"), "bool"),
    Col("content_value", QT_TRANSLATE_NOOP("FiguresTable", "Content value / unit"), "money"),
    Col("material_value", QT_TRANSLATE_NOOP("FiguresTable", "Material value / unit"), "money"),
]

SOURCE_SUMMARY = [
    Col("item_id", QT_TRANSLATE_NOOP("FiguresTable", "Item")),
    Col("name", QT_TRANSLATE_NOOP("FiguresTable", "Name")),
    Col("suppliers", QT_TRANSLATE_NOOP("FiguresTable", "Suppliers"), "number"),
    Col("top_supplier", QT_TRANSLATE_NOOP("FiguresTable", "Top supplier")),
    Col("top_supplier_share", QT_TRANSLATE_NOOP("FiguresTable", "Share"), "share"),
    Col("top_country", QT_TRANSLATE_NOOP("FiguresTable", "Top origin")),
    Col("top_country_share", QT_TRANSLATE_NOOP("FiguresTable", "Share"), "share"),
    Col("supplier_hhi", QT_TRANSLATE_NOOP("FiguresTable", "Supplier HHI"), "hhi"),
    Col("country_hhi", QT_TRANSLATE_NOOP("FiguresTable", "Country HHI"), "hhi"),
    Col("over_supplier_cap", QT_TRANSLATE_NOOP("FiguresTable", "Over supplier cap"), "bool"),
    Col("over_country_cap", QT_TRANSLATE_NOOP("FiguresTable", "Over country cap"), "bool"),
]


class SourcingPage(FiguresOverTable):
    """Each material's mix: the Sources table, with the concentration figures beside it."""

    def __init__(self, doc: Document, parent: QWidget | None = None):
        self.summary = FiguresTable(doc, self.tr("Concentration per material"), SOURCE_SUMMARY)
        self.sources = TablePage(
            doc, "Sources", self.tr("Sources"),
            self.tr("Who supplies each item, with its share of the item's supply (shares of an "
                    "item sum to 100%). Origin country is where the material is mined or "
                    "refined, or recovered for secondary (recycled) supply; blank means the "
                    "supplier's country, except for a trader's primary supply, where it means "
                    "not known, as \u201cunknown\u201d does: look-through then spreads it over "
                    "the world's producers."))
        super().__init__(doc, self.summary, self.sources, [300, 450], parent)


SETTING_LABELS = {  # label and hint, translated where shown (SettingsPage._label)
    "as_of_date": (QT_TRANSLATE_NOOP("SettingsPage", "As-of date"),
                   QT_TRANSLATE_NOOP("SettingsPage", "Day 0 of every figure")),
    "horizon_days": (QT_TRANSLATE_NOOP("SettingsPage", "Horizon (days)"),
                     QT_TRANSLATE_NOOP("SettingsPage",
                                       "Open orders due within it count towards cover")),
    "target_days": (QT_TRANSLATE_NOOP("SettingsPage", "Target cover (days)"),
                    QT_TRANSLATE_NOOP("SettingsPage", "Japan's JOGMEC holds about 60 days")),
    "max_supplier_share": (QT_TRANSLATE_NOOP("SettingsPage", "Max supplier share"),
                           QT_TRANSLATE_NOOP("SettingsPage",
                                             "G7 2030: under 60%, ambition 50%")),
    "max_country_share": (QT_TRANSLATE_NOOP("SettingsPage", "Max country share"),
                          QT_TRANSLATE_NOOP("SettingsPage",
                                            "EU CRMA: at most 65% from one third country")),
    "currency": (QT_TRANSLATE_NOOP("SettingsPage", "Currency"),
                 QT_TRANSLATE_NOOP("SettingsPage", "For prices and values")),
    "company": (QT_TRANSLATE_NOOP("SettingsPage", "Company / project"),
                QT_TRANSLATE_NOOP("SettingsPage", "Shown on reports")),
    "content_country": (QT_TRANSLATE_NOOP("SettingsPage", "Content country"),
                        QT_TRANSLATE_NOOP("SettingsPage",
                                          "Whose origin content in products is screened")),
    "content_threshold": (QT_TRANSLATE_NOOP("SettingsPage", "Content threshold"),
                          QT_TRANSLATE_NOOP("SettingsPage",
                                            "A product whose content share is above it is "
                                            "flagged")),
    "holding_cost_pct": (QT_TRANSLATE_NOOP("SettingsPage", "Holding cost per year"),
                         QT_TRANSLATE_NOOP("SettingsPage",
                                           "Of the stock's value: capital, storage, insurance")),
    "likelihood_supplier_stop": (QT_TRANSLATE_NOOP("SettingsPage", "Supplier stop likelihood"),
                                 QT_TRANSLATE_NOOP("SettingsPage",
                                                   "A year, per supplier; 5% is once in 20 "
                                                   "years")),
    "likelihood_country_stop": (QT_TRANSLATE_NOOP("SettingsPage", "Country stop likelihood"),
                                QT_TRANSLATE_NOOP("SettingsPage",
                                                  "A year, per origin country; 2% is once in "
                                                  "50 years")),
}


RATES_WIDTH = 460  # the rates' box: its buttons in one row, a short currency column
RATE_ROWS = 15  # the rates' table shows this many rows at most, then scrolls


class SettingsPage(QWidget):
    """The project's settings as a form, and below it the exchange rates (the Rates table);
    each change is one undoable edit."""

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.fields: dict[str, QLineEdit | QDateEdit] = {}
        self.notes: dict[str, QLabel] = {}  # the hint under each field, or why not changed
        for spec in SETTINGS:
            label, hint = self._label(spec.key)
            edit: QLineEdit | QDateEdit
            if spec.type == "date":
                edit = date_edit = QDateEdit(self)
                date_edit.setCalendarPopup(True)
                date_edit.setDisplayFormat("yyyy/MM/dd" if fmt.japanese() else "yyyy-MM-dd")
                edit.editingFinished.connect(lambda k=spec.key: self._commit(k))
            else:
                edit = QLineEdit(self)
                edit.editingFinished.connect(lambda k=spec.key: self._commit(k))
            edit.setToolTip(hint)
            edit.setMaximumWidth(320)
            edit.setObjectName(f"setting_{spec.key}")
            self.fields[spec.key] = edit
            note = QLabel(hint, self)
            note.setObjectName("muted")
            note.setTextFormat(Qt.TextFormat.PlainText)
            self.notes[spec.key] = note
            row = QVBoxLayout()
            row.setSpacing(2)
            row.addWidget(edit)
            row.addWidget(note)
            form.addRow(label, row)
        heading = QLabel(self.tr("Project settings"), self)
        heading.setObjectName("sectionTitle")
        rates_heading = QLabel(self.tr("Exchange rates"), self)
        rates_heading.setObjectName("sectionTitle")
        self.rates = TablePage(doc, "Rates", self.tr("Rates"))
        self.rates_note = QLabel(self)
        self.rates_note.setObjectName("hint")
        self.rates_note.setWordWrap(True)
        # the form on the left, the rates beside it: a table of two short columns
        # stretched over the page's width would be mostly empty
        settings = QVBoxLayout()
        settings.addWidget(heading)
        settings.addLayout(form)
        settings.addStretch(1)
        rates = QVBoxLayout()
        rates.addWidget(rates_heading)
        rates.addWidget(self.rates_note)
        rates.addWidget(self.rates)
        rates.addStretch(1)
        self.rates_box = QWidget(self)
        self.rates_box.setLayout(rates)
        self.rates_box.setMaximumWidth(RATES_WIDTH)
        rates.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout(self)
        layout.addLayout(settings)
        layout.addSpacing(24)
        layout.addWidget(self.rates_box)
        layout.addStretch(1)  # the form and the rates side by side, the room to their right
        doc.settingsChanged.connect(self.refresh)
        doc.tableReset.connect(self._rates_changed)
        doc.cellsChanged.connect(lambda table, *_: self._rates_changed(table))
        self.refresh()
        self.size_rates()

    def _rates_changed(self, table: str) -> None:
        if table == "Rates":
            self.size_rates()

    def size_rates(self) -> None:
        """Make the rates' table as wide as its columns and as tall as its rows need (and
        a row to add one; at most RATE_ROWS, then it scrolls): a tall, mostly empty
        table beside a short form would make the page look empty."""
        view = self.rates.view
        rows = view.model().rowCount() + 1
        bar = view.verticalScrollBar().sizeHint().width() if rows > RATE_ROWS else 0
        view.setMaximumWidth(view.columns_width() + bar)
        view.setMaximumHeight(view.rows_height(min(rows, RATE_ROWS)))

    def text_of(self, key: str) -> str:
        value = getattr(self.doc.project.settings, key)
        spec = next(s for s in SETTINGS if s.key == key)
        if spec.type == "share":
            return fmt.percent_setting(value)
        if spec.type == "number":
            return fmt.setting_number(value)
        return str(value)

    def refresh(self) -> None:
        own = self.doc.project.settings.currency
        self.rates_note.setText(self.tr(
            "For prices in another currency than {own}: each currency's rate is the units "
            "of {own} for one unit of it (a rate of 0.13 for CNY: one yuan is worth 0.13 "
            "{own}). A currency code typed in small letters reads as its code.").format(
                own=own))
        for key, edit in self.fields.items():
            edit.blockSignals(True)
            if isinstance(edit, QDateEdit):
                edit.setDate(self.doc.project.settings.as_of_date)
            else:
                edit.setText(self.text_of(key))
            edit.blockSignals(False)

    @staticmethod
    def _label(key: str) -> tuple[str, str]:
        """A setting's label and hint in the window's language."""
        label, hint = SETTING_LABELS[key]
        return (QCoreApplication.translate("SettingsPage", label),
                QCoreApplication.translate("SettingsPage", hint))

    def _commit(self, key: str) -> None:
        edit = self.fields[key]
        text: object = (edit.date().toPython() if isinstance(edit, QDateEdit) else edit.text())
        if isinstance(text, dt.date):
            text = text.isoformat()
        value, message = parse_setting(key, text)
        label, hint = self._label(key)
        if message:  # said by the field and in the status bar, by the setting's label
            reason = message.removeprefix(key).strip()
            kept = self.text_of(key)
            said = (self.tr("{label} {reason}; it stays {kept}.") if kept else
                    self.tr("{label} {reason}.")).format(label=label, reason=reason, kept=kept)
            self.notes[key].setText(self.tr("Not changed: {said}").format(said=said))
            self.doc.message.emit(self.tr("Settings: {said}").format(said=said))
            self.refresh()
            return
        self.notes[key].setText(hint)
        new = self.doc.project.settings.with_changes(**{key: value})
        if new != self.doc.project.settings:
            self.doc.undo_stack.push(SetSetting(self.doc, new, key))


__all__ = ["POSITION_ROLE", "FiguresTable", "MaterialsPage", "SettingsPage", "SourcingPage"]
