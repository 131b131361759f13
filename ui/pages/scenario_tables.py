"""The Scenarios page's tables: hit materials, products, the risk ranking, a price
spike's materials and the alternates a stop switched to.

Each is a read-only :class:`FrameModel` over an engine table; the frames get a few
display columns (a product's binding material by name, a stop as "Country CN") and no
figure of their own. A material the stop does not hit, listed because an alternate used
it, reads "used by alternate" in its hit share, in italics.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.analysis.scenario import Ranking, ScenarioResult
from planner.core import formatting as fmt
from planner.core.countries import country_name
from ui.common import theme
from ui.editing.cell_text import LazyStrings
from ui.editing.frozen import FrozenTableView
from ui.editing.models import SORT_ROLE, Col, FrameModel
from ui.qt import (
    QAbstractItemView,
    QColor,
    QCoreApplication,
    QFont,
    QModelIndex,
    QPainter,
    QPersistentModelIndex,
    QRect,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QWidget,
)

NAME_WIDTH = 240  # the widest a column gets when fitted (names are elided)


def material_columns(currency: str, alternates: bool = False) -> list[Col]:
    """The hit materials' columns; with ``alternates`` (the stop could use some), what
    they consumed of each material too."""
    used = [Col("used_for_alternates", QCoreApplication.translate(
        "ScenarioTables", "Used by alternates"), "quantity", QCoreApplication.translate(
            "ScenarioTables", "What the alternates switched to consumed of it during the "
            "stop, in the material's unit"))] if alternates else []
    return [
        Col("item_id", QCoreApplication.translate("ScenarioTables", "Item")),
        Col("name", QCoreApplication.translate("ScenarioTables", "Name")),
        Col("unit", QCoreApplication.translate("ScenarioTables", "Unit")),
        Col("hit_share", QCoreApplication.translate("ScenarioTables", "Hit share"), "share",
            QCoreApplication.translate("ScenarioTables", "Share of its supply the stop hits; "
                                       "\"used by alternate\": the stop does not hit it, an "
                                       "alternate used it") if alternates else
            QCoreApplication.translate("ScenarioTables", "Share of its supply the stop hits")),
        Col("looked_through_share", QCoreApplication.translate(
            "ScenarioTables", "Of which via look-through"), "share",
            QCoreApplication.translate(
                "ScenarioTables", "The part of the hit share found by look-through: supply "
                "of unknown origin spread over the world's producers (an estimate)")),
        *used,
        Col("time_to_survive_days", QCoreApplication.translate("ScenarioTables", "TTS (day)"),
            "when", QCoreApplication.translate(
                "ScenarioTables", "Time to survive: the day the stock runs out; \"lasts\" when "
                "it lasts the stop")),
        Col("time_to_recover_days", QCoreApplication.translate("ScenarioTables", "TTR (days)"),
            "quantity", QCoreApplication.translate(
                "ScenarioTables", "Time to recover of the hit sources (blank in Sources: the "
                "stop's length)")),
        Col("gap_days", QCoreApplication.translate("ScenarioTables", "Gap (days)"), "quantity",
            QCoreApplication.translate("ScenarioTables", "TTR − TTS where positive")),
        Col("strategic_stock", QCoreApplication.translate("ScenarioTables", "Strategic stock"),
            "quantity", QCoreApplication.translate(
                "ScenarioTables", "Extra stock that would close the gap: gap × daily use × hit "
                "share × cut")),
        Col("strategic_stock_value", QCoreApplication.translate(
            "ScenarioTables", "Strategic stock ({currency})").format(currency=currency),
            "money"),
        Col("shortfall", QCoreApplication.translate("ScenarioTables", "Shortfall"), "quantity",
            QCoreApplication.translate(
                "ScenarioTables", "Requirement not met during the stop, in the material's "
                "unit")),
        Col("shortfall_value", QCoreApplication.translate(
            "ScenarioTables", "Shortfall ({currency})").format(currency=currency), "money"),
        Col("outage_days", QCoreApplication.translate("ScenarioTables", "Outage (days)"),
            "quantity", QCoreApplication.translate("ScenarioTables", "Shortfall ÷ daily use")),
        Col("orders_lost", QCoreApplication.translate("ScenarioTables", "Orders lost"),
            "quantity", QCoreApplication.translate(
                "ScenarioTables", "Open orders from the hit sources due within the stop, "
                "lost")),
        Col("orders_arriving", QCoreApplication.translate("ScenarioTables", "Orders arriving"),
            "quantity", QCoreApplication.translate(
                "ScenarioTables", "Open orders that still arrive within the stop")),
        Col("daily_use", QCoreApplication.translate("ScenarioTables", "Use / day"),
            "quantity"),
        Col("on_hand", QCoreApplication.translate("ScenarioTables", "On hand"), "quantity"),
    ]


def price_columns(currency: str) -> list[Col]:
    """A price spike per material: what is bought dearer, its extra cost and what the
    stock, the open orders and the plan make of it (money in the project currency)."""
    def money(key: str, title: str, tip: str = "") -> Col:
        return Col(key, title.format(currency=currency), "money", tip)

    return [
        Col("item_id", QCoreApplication.translate("ScenarioTables", "Item")),
        Col("name", QCoreApplication.translate("ScenarioTables", "Name")),
        Col("unit", QCoreApplication.translate("ScenarioTables", "Unit")),
        Col("hit_share", QCoreApplication.translate("ScenarioTables", "Share bought dearer"),
            "share", QCoreApplication.translate(
                "ScenarioTables", "Share of the requirement bought at the raised price: all "
                "of it, or with a stop the stopped sources' share")),
        Col("spiked_quantity", QCoreApplication.translate("ScenarioTables", "Bought dearer"),
            "quantity", QCoreApplication.translate(
                "ScenarioTables", "The requirement over the spike's days × that share, in "
                "the material's unit")),
        Col("price", QCoreApplication.translate(
            "ScenarioTables", "Price ({currency})").format(currency=currency), "price",
            QCoreApplication.translate("ScenarioTables", "Today's price per unit, the mean of "
                                       "the sources bought dearer")),
        money("extra_cost", QCoreApplication.translate(
            "ScenarioTables", "Extra cost ({currency})"), QCoreApplication.translate(
                "ScenarioTables", "Bought dearer × price × (factor − 1)")),
        money("avoided_by_stock", QCoreApplication.translate(
            "ScenarioTables", "Avoided by stock ({currency})"), QCoreApplication.translate(
                "ScenarioTables", "The stock on hand, bought at the old price, used first")),
        money("avoided_by_orders", QCoreApplication.translate(
            "ScenarioTables", "Avoided by orders ({currency})"), QCoreApplication.translate(
                "ScenarioTables", "The open orders due within the spike, bought at the old "
                "price")),
        money("net_extra_cost", QCoreApplication.translate(
            "ScenarioTables", "Net extra cost ({currency})"), QCoreApplication.translate(
                "ScenarioTables", "Extra cost less what the stock and the orders avoid")),
        money("plan_extra_cost", QCoreApplication.translate(
            "ScenarioTables", "Plan extra cost ({currency})"), QCoreApplication.translate(
                "ScenarioTables", "The procurement plan's lines ordered within the spike, "
                "at the raised price")),
        Col("requirement", QCoreApplication.translate("ScenarioTables", "Requirement"),
            "quantity", QCoreApplication.translate(
                "ScenarioTables", "What is used over the spike's days, in the material's "
                "unit")),
        Col("on_hand", QCoreApplication.translate("ScenarioTables", "On hand"), "quantity"),
        Col("orders_due", QCoreApplication.translate("ScenarioTables", "Orders due"),
            "quantity", QCoreApplication.translate(
                "ScenarioTables", "Open orders due within the spike from the sources bought "
                "dearer, less what a stop loses")),
    ]


def product_columns(currency: str) -> list[Col]:
    return [
        Col("item_id", QCoreApplication.translate("ScenarioTables", "Product")),
        Col("name", QCoreApplication.translate("ScenarioTables", "Name")),
        Col("time_to_stop_days", QCoreApplication.translate("ScenarioTables", "Stops (day)"),
            "when", QCoreApplication.translate(
                "ScenarioTables", "The day the product can no longer be made; \"lasts\" when "
                "it lasts the stop")),
        Col("binding", QCoreApplication.translate("ScenarioTables", "Binding material"),
            tip=QCoreApplication.translate("ScenarioTables",
                                           "The material that stops it longest")),
        Col("buffer_days", QCoreApplication.translate("ScenarioTables", "Buffer (days)"),
            "quantity", QCoreApplication.translate(
                "ScenarioTables", "Days of cover held above the binding material on the BOM "
                "path")),
        Col("outage_days", QCoreApplication.translate("ScenarioTables", "Outage (days)"),
            "quantity"),
        Col("units_lost", QCoreApplication.translate("ScenarioTables", "Units lost"),
            "quantity", QCoreApplication.translate("ScenarioTables",
                                                   "Daily demand × outage days")),
        Col("revenue_at_risk", QCoreApplication.translate(
            "ScenarioTables", "Revenue at risk ({currency})").format(currency=currency),
            "money", QCoreApplication.translate("ScenarioTables", "Units lost × unit price")),
    ]


def alternate_columns() -> list[Col]:
    """The alternates a stop could use (ScenarioResult.alternates): what was switched to,
    when, and how much it replaced."""
    return [
        Col("item_id", QCoreApplication.translate("ScenarioTables", "Item")),
        Col("item_name", QCoreApplication.translate("ScenarioTables", "Name")),
        Col("unit", QCoreApplication.translate("ScenarioTables", "Unit")),
        Col("alternate_id", QCoreApplication.translate("ScenarioTables", "Alternate"),
            tip=QCoreApplication.translate("ScenarioTables", "The item that replaces it, from "
                                           "the Alternates table")),
        Col("switched_day", QCoreApplication.translate("ScenarioTables", "Switched (day)"),
            "number", QCoreApplication.translate(
                "ScenarioTables", "The day of the stop it was first used; blank: never")),
        Col("replaced", QCoreApplication.translate("ScenarioTables", "Replaced"), "quantity",
            QCoreApplication.translate("ScenarioTables", "Units of the item made from the "
                                       "alternate during the stop")),
        Col("replaced_share", QCoreApplication.translate("ScenarioTables", "Of uncovered"),
            "share", QCoreApplication.translate(
                "ScenarioTables", "Replaced ÷ what the stop left uncovered from the "
                "qualification day")),
        Col("uncovered", QCoreApplication.translate("ScenarioTables", "Uncovered"),
            "quantity", QCoreApplication.translate(
                "ScenarioTables", "Units of the item the stop left uncovered from the "
                "qualification day")),
        Col("alternate_used", QCoreApplication.translate("ScenarioTables", "Alternate used"),
            "quantity", QCoreApplication.translate(
                "ScenarioTables", "Replaced × ratio, in the alternate's unit")),
        Col("qualification_days", QCoreApplication.translate(
            "ScenarioTables", "Qualification (days)"), "number", QCoreApplication.translate(
                "ScenarioTables", "Days after the stop begins before the alternate can be "
                "used")),
        Col("max_share", QCoreApplication.translate("ScenarioTables", "Max share"), "share",
            QCoreApplication.translate("ScenarioTables", "The most of the item's requirement "
                                       "it may take")),
        Col("ratio", QCoreApplication.translate("ScenarioTables", "Ratio"), "number",
            QCoreApplication.translate("ScenarioTables", "Units of the alternate per unit of "
                                       "the item")),
        Col("alternate_name", QCoreApplication.translate("ScenarioTables", "Alternate's name"),
            tip=QCoreApplication.translate("ScenarioTables", "The alternate's name, as in the "
                                           "Items table")),
    ]


def alternate_sentences(alternates: pd.DataFrame) -> list[str]:
    """One sentence per alternate the stop could use, as the command line says it
    (planner.outputs.scenario_reports: alternate_lines), in the window's language."""
    out = []
    for r in alternates.to_dict("records"):
        item, alternate = r["item_id"], r["alternate_id"]
        if not fmt.is_missing(r["switched_day"]):
            out.append(QCoreApplication.translate(
                "ScenarioTables", "{item} switched to {alternate} on day {day}: {replaced} "
                "{unit} replaced, {share} of what the stop left uncovered").format(
                item=item, alternate=alternate, day=fmt.number(r["switched_day"]),
                replaced=fmt.number(r["replaced"]), unit=fmt.text(r.get("unit")),
                share=fmt.percent(r["replaced_share"])).replace("  ", " "))
        elif r["uncovered"] > 0:
            out.append(QCoreApplication.translate(
                "ScenarioTables", "{item} could switch to {alternate} from day {day}, but the "
                "alternate's materials had none to spare").format(
                item=item, alternate=alternate, day=fmt.number(r["qualification_days"])))
        else:
            out.append(QCoreApplication.translate(
                "ScenarioTables", "{item} did not need {alternate}: the stop left it covered "
                "from day {day}, when the alternate is qualified").format(
                item=item, alternate=alternate, day=fmt.number(r["qualification_days"])))
    return out


def ranking_columns(currency: str) -> list[Col]:
    """The figures that rank a stop first, so they show without scrolling."""
    return [
        Col("rank", "#", "number"),
        Col("stop", QCoreApplication.translate("ScenarioTables", "Stop")),
        Col("name", QCoreApplication.translate("ScenarioTables", "Name")),
        Col("revenue_at_risk", QCoreApplication.translate(
            "ScenarioTables", "Revenue at risk ({currency})").format(currency=currency),
            "money"),
        Col("risk_exposure_index", QCoreApplication.translate(
            "ScenarioTables", "Risk exposure index"), "share", QCoreApplication.translate(
                "ScenarioTables", "Revenue at risk ÷ the largest revenue at risk of any stop")),
        Col("spend_share", QCoreApplication.translate("ScenarioTables", "Spend share"), "share",
            QCoreApplication.translate(
                "ScenarioTables", "Share of daily purchase value through the stopped sources: "
                "a low share with a high index is a hidden single point of failure")),
        Col("first_stockout_days", QCoreApplication.translate(
            "ScenarioTables", "First stock-out (day)"), "when"),
        Col("products_stopped", QCoreApplication.translate("ScenarioTables",
                                                           "Products stopped"), "number"),
        Col("materials_hit", QCoreApplication.translate("ScenarioTables", "Materials hit"),
            "number"),
        Col("materials_out", QCoreApplication.translate("ScenarioTables", "Run out"), "number"),
        Col("days", QCoreApplication.translate("ScenarioTables", "Days"), "number",
            QCoreApplication.translate(
                "ScenarioTables", "Length of the stop: the longest time to recover of the "
                "sources it hits")),
    ]


def product_frame(result: ScenarioResult) -> pd.DataFrame:
    """The products table with each binding material named."""
    names = result.materials.set_index("item_id")["name"]
    p = result.products
    binding = p["binding_material"].astype(object)
    label = [f"{names.get(b, '')} ({b})" if b in names.index else str(b) for b in binding]
    return p.assign(binding=pd.Series(label, index=p.index, dtype="string"))


def ranking_frame(ranking: Ranking) -> pd.DataFrame:
    """The ranking with each stop written as "Country CN" / "Supplier SUP-QRM" and each
    country named in the window's language."""
    s = ranking.stops
    kinds = {"country": QCoreApplication.translate("ScenarioTables", "Country {code}"),
             "supplier": QCoreApplication.translate("ScenarioTables", "Supplier {code}")}
    by, keys = s["by"].astype(str).tolist(), s["key"].astype(str).tolist()
    stop = [kinds[b].format(code=k) if b in kinds else f"{b.capitalize()} {k}"
            for b, k in zip(by, keys, strict=True)]
    # a country in the window's language (the engine names it in English)
    name = [country_name(k) if b == "country" else n
            for b, k, n in zip(by, keys, s["name"].tolist(), strict=True)]
    return s.assign(stop=pd.Series(stop, index=s.index, dtype="string"),
                    name=pd.Series(name, index=s.index, dtype="string"))


class BarDelegate(QStyledItemDelegate):
    """A share drawn as a bar under its number (the risk exposure index), in the colours
    of the theme in force: the scheme's risk bar on its grid colour (the empty part)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        value = index.data(SORT_ROLE)
        rect = opt.rect.adjusted(6, 5, -6, -5)
        text_w = opt.fontMetrics.horizontalAdvance("100.0%") + 8  # fmt.share's widest
        bar = QRect(rect.left(), rect.top(), max(rect.width() - text_w, 10), rect.height())
        scheme = theme.current()
        painter.save()
        painter.fillRect(bar, QColor(scheme.grid))
        try:
            share = min(max(float(value), 0.0), 1.0)
        except (TypeError, ValueError):
            share = 0.0
        if share > 0:
            painter.fillRect(QRect(bar.left(), bar.top(), max(int(bar.width() * share), 1),
                                   bar.height()), QColor(scheme.risk_bar))
        painter.setPen(opt.palette.color(opt.palette.ColorRole.Text))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         text)
        painter.restore()


def _italic() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font


class MaterialsModel(FrameModel):
    """The hit materials: a material listed only because an alternate used it (the stop
    does not hit it) reads "used by alternate" as its hit share, in italics, and its
    tooltip says why it is there."""

    _marks: tuple[pd.DataFrame, np.ndarray] | None = None

    def _marked(self) -> np.ndarray:
        """Per row of the frame, whether it is there for an alternate only (kept per
        frame: the font is asked for every cell drawn)."""
        frame = self.frame
        if self._marks is None or self._marks[0] is not frame:
            marked = (frame["alternate_only"].to_numpy(dtype=bool, na_value=False)
                      if "alternate_only" in frame else np.zeros(len(frame), dtype=bool))
            self._marks = (frame, marked)
        return self._marks[1]

    def _format(self, column: int) -> None:
        super()._format(column)
        if self.columns[column].key != "hit_share":
            return
        marked = np.flatnonzero(self._marked())
        if not len(marked):
            return
        word = QCoreApplication.translate("ScenarioTables", "used by alternate")
        shown = self._display[column]
        if isinstance(shown, LazyStrings):
            for i in marked:
                shown.cache[int(i)] = word
        else:
            texts = list(shown)
            for i in marked:
                texts[int(i)] = word
            self._display[column] = tuple(texts)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole) and index.isValid():
            position = self.position(index.row())
            if not self._marked()[position]:
                return None
            if role == Qt.ItemDataRole.FontRole:
                return _italic()
            row = self.frame.iloc[position]
            return QCoreApplication.translate(
                "ScenarioTables", "The stop does not hit {item}: it is listed because the "
                "alternates switched to used {quantity} {unit} of it.").format(
                item=row["item_id"], quantity=fmt.quantity(row["used_for_alternates"]),
                unit=fmt.text(row.get("unit"))).replace(" .", ".")
        return super().data(index, role)


class AlternatesModel(FrameModel):
    """The alternates a stop could use; each row's tooltip is its sentence."""

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            row = self.frame.iloc[[self.position(index.row())]]
            return alternate_sentences(row)[0]
        return super().data(index, role)


class ResultTable(FrozenTableView):
    """A sortable, read-only table of one engine result; columns fitted once."""

    def __init__(self, columns: list[Col], parent: QWidget | None = None,
                 model: type[FrameModel] = FrameModel):
        super().__init__(parent)
        self.table_model = model(columns, self)
        self.setModel(self.table_model)
        # no sort indicator before sorting is enabled, or Qt sorts by the first column
        # and the engine's order (soonest out, worst first) is lost
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._fitted = False
        self.fit()  # the headers, until there are rows

    def set_frame(self, frame: pd.DataFrame, columns: list[Col] | None = None) -> None:
        """Show ``frame``; new ``columns`` (titles with another currency) refit them."""
        if columns is not None and columns != self.table_model.columns:
            self.table_model.columns = columns  # the reset below tells the view
            self._fitted = False
        self.table_model.set_frame(frame)
        if not self._fitted:
            self.fit()
            self._fitted = len(frame) > 0

    def fit(self) -> None:
        """Fit the columns to their text, and to their titles as drawn (in bold)."""
        self.fit_columns(NAME_WIDTH)

    def show_item(self, item_id: str) -> None:
        """Make the row of ``item_id`` current (nothing if it is not in the table)."""
        frame = self.table_model.frame
        if "item_id" not in frame or not item_id:
            return
        hits = (frame["item_id"] == item_id).to_numpy(dtype=bool, na_value=False).nonzero()[0]
        if len(hits):
            row = self.table_model.row_of(int(hits[0]))
            if row >= 0 and self.currentIndex().row() != row:
                self.setCurrentIndex(self.table_model.index(row, 0))
                self.scrollTo(self.table_model.index(row, 0))

    def item_at(self, row: int) -> str:
        return str(self.table_model.value(row, "item_id"))
