"""Products & BOM: each product's tree down to its materials, and where an item is used.

An item with alternates (the Alternates sheet) shows each of them as a child row in
italics, marked ⇄, below its BOM lines: the alternate's own BOM opens beneath it, as what
the product would be made of once switched to it in a disruption.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from planner.core import formatting as fmt
from planner.core.countries import country_name
from ui.common import theme
from ui.editing.document import Document
from ui.editing.frozen import FrozenTableView
from ui.editing.models import Col, FrameModel
from ui.editing.table_page import TablePage
from ui.pages.tables import PRODUCT_COLUMNS, FiguresTable
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QColor,
    QCoreApplication,
    QFont,
    QHeaderView,
    QLabel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSplitter,
    Qt,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
    Signal,
)

Index = QModelIndex | QPersistentModelIndex


ALTERNATE_MARK = "⇄"  # before an alternate's id in the tree


@dataclass(frozen=True)
class Alternate:
    """One row of the Alternates sheet, its blanks read as the engine reads them."""

    item_id: str
    alternate_id: str
    ratio: float  # units of the alternate per unit of the item; blank: 1
    days: float  # qualification days; blank: 0
    max_share: float  # blank: 1 (100%)


@dataclass
class Node:
    parent: int  # node number of the parent, -1 for a product
    row: int
    item_id: str
    qty: float  # effective quantity per parent unit (scrap included); an alternate's ratio
    per_product: float  # cumulative quantity per unit of the root product
    children: list[int] | None = field(default=None)
    alternate: Alternate | None = None  # this row is an alternate of its parent item
    substitute: bool = False  # an alternate or in its BOM: used only once switched to


class BomTreeModel(QAbstractItemModel):
    """Products at the top, children fetched lazily from the BOM when a row is expanded."""

    # short titles so that the tree fits beside the tables at 1366 pixels; the kind is the
    # item's tooltip, and each quantity's header says what it is when hovered
    # (marked for translation in the context "BomTreeModel", translated when shown)
    HEADERS = (QT_TRANSLATE_NOOP("BomTreeModel", "Item"),
               QT_TRANSLATE_NOOP("BomTreeModel", "Name"),
               QT_TRANSLATE_NOOP("BomTreeModel", "Qty per\nparent"),
               QT_TRANSLATE_NOOP("BomTreeModel", "Per\nproduct"),
               QT_TRANSLATE_NOOP("BomTreeModel", "Unit"))
    HEADER_TIPS = (QT_TRANSLATE_NOOP("BomTreeModel", "The item's id; hover a row for its kind"),
                   "",
                   QT_TRANSLATE_NOOP("BomTreeModel", "Effective quantity per unit of the "
                                     "parent: qty_per × (1 + scrap %/100)"),
                   QT_TRANSLATE_NOOP("BomTreeModel", "Quantity per unit of the product at the "
                                     "top, through every level above"),
                   "")
    # the kinds (values of the Items table's kind column), named in the tooltips
    KINDS = (QT_TRANSLATE_NOOP("BomTreeModel", "product"),
             QT_TRANSLATE_NOOP("BomTreeModel", "component"),
             QT_TRANSLATE_NOOP("BomTreeModel", "material"))
    refreshed = Signal()

    def __init__(self, doc: Document, parent: QObject | None = None):
        super().__init__(parent)
        self.doc = doc
        self.headers = [self.tr(h) for h in self.HEADERS]  # in the window's language
        self.header_tips = [self.tr(t) if t else "" for t in self.HEADER_TIPS]
        self.quantity_tip = self.tr("Effective quantity: qty_per × (1 + scrap %/100)")
        self.italic = QFont()  # an alternate and its BOM: used only once switched to
        self.italic.setItalic(True)
        self._rebuild()
        doc.tableReset.connect(self._table_changed)
        doc.cellsChanged.connect(lambda table, *_: self._table_changed(table))

    def _table_changed(self, table: str) -> None:
        if table in ("BOM", "Items", "Alternates"):
            self.refresh()

    def _rebuild(self) -> None:
        p = self.doc.project
        items = p.items.dropna(subset=["item_id"]).drop_duplicates("item_id")
        # plain tuples: data() is called for every cell shown, a DataFrame row costs 60 µs
        self.info: dict[str, tuple[str, str, str]] = {
            i: (fmt.text(name), fmt.text(unit), fmt.text(kind))
            for i, name, unit, kind in zip(items["item_id"], items["name"], items["unit"],
                                           items["kind"], strict=True)}
        bom = p.bom.dropna(subset=["parent_id", "child_id", "qty_per"])
        eff = bom["qty_per"] * (1 + bom["scrap_pct"].fillna(0) / 100)
        self.children_of: dict[str, list[tuple[str, float]]] = {}
        for parent, child, q in zip(bom["parent_id"], bom["child_id"], eff, strict=True):
            self.children_of.setdefault(parent, []).append((child, float(q)))
        self.alternates_of = alternates_by_item(p.alternates)
        products = items.loc[items["kind"] == "product", "item_id"].tolist()
        self.nodes: list[Node] = [Node(-1, i, pid, 1.0, 1.0) for i, pid in enumerate(products)]
        self.roots = list(range(len(products)))

    def refresh(self) -> None:
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()
        self.refreshed.emit()

    def _children(self, number: int) -> list[int]:
        node = self.nodes[number]
        if node.children is None:
            node.children = []
            seen = self._ancestors(number)
            for child, q in self.children_of.get(node.item_id, []):
                if child in seen:  # a cycle: the problems list names it; stop here
                    continue
                self.nodes.append(Node(number, len(node.children), child, q,
                                       node.per_product * q, substitute=node.substitute))
                node.children.append(len(self.nodes) - 1)
            for alt in self._alternates(node):
                if alt.alternate_id in seen:
                    continue
                self.nodes.append(Node(number, len(node.children), alt.alternate_id, alt.ratio,
                                       node.per_product * alt.ratio, alternate=alt,
                                       substitute=True))
                node.children.append(len(self.nodes) - 1)
        return node.children

    def _alternates(self, node: Node) -> list[Alternate]:
        """The alternates shown under ``node``: none inside an alternate's own BOM, as the
        engine uses no alternate of an alternate (planner.analysis.alternates)."""
        return [] if node.substitute else self.alternates_of.get(node.item_id, [])

    def _ancestors(self, number: int) -> set[str]:
        out = set()
        while number >= 0:
            out.add(self.nodes[number].item_id)
            number = self.nodes[number].parent
        return out

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        siblings = self._children(parent.internalId()) if parent.isValid() else self.roots
        if not (0 <= row < len(siblings)) or not (0 <= column < len(self.HEADERS)):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self.nodes[index.internalId()].parent
        if up < 0:
            return QModelIndex()
        return self.createIndex(self.nodes[up].row, 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        if not parent.isValid():
            return len(self.roots)
        return len(self._children(parent.internalId()))

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return bool(self.roots)
        node = self.nodes[parent.internalId()]
        return bool(self.children_of.get(node.item_id) or self._alternates(node))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self.nodes[index.internalId()]
        if node.substitute:
            shown = self._substitute_data(node, index.column(), role)
            if shown is not None:
                return shown
        if role == Qt.ItemDataRole.DisplayRole:
            name, unit, kind = self.info.get(node.item_id, ("", "", ""))
            c = index.column()
            if c == 0:
                return node.item_id
            if c == 1:
                return name
            if c == 2:
                return "" if node.parent < 0 else fmt.entered(node.qty)
            if c == 3:
                return "" if node.parent < 0 else fmt.entered(node.per_product)
            return unit
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            name, _unit, kind = self.info.get(node.item_id, ("", "", ""))
            c = index.column()
            if c in (2, 3):
                return self.quantity_tip
            if c == 0:
                return self.tr("{item} ({kind})").format(
                    item=node.item_id, kind=self.tr(kind)) if kind else node.item_id
            return name if c == 1 else None
        if role == Qt.ItemDataRole.UserRole:
            return node.item_id
        return None

    def _substitute_data(self, node: Node, column: int, role: int) -> object:
        """What an alternate's row, or a row of its BOM, shows differently: in italics and
        muted, the alternate marked and its terms said; None where it shows as any row."""
        if role == Qt.ItemDataRole.FontRole:
            return self.italic
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(theme.current().muted)
        alt = node.alternate
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return self.tr("Quantity per unit of the product at the top if the alternate "
                           "replaced the item in full")
        if alt is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            return f"{ALTERNATE_MARK} {alt.alternate_id}"
        if role == Qt.ItemDataRole.DisplayRole and column == 1:
            return alternate_label(self.info.get(alt.alternate_id, ("",))[0], alt)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 2:
                return self.tr("Units of the alternate per unit of the item it replaces "
                               "(ratio)")
            return alternate_tip(self.info.get(alt.alternate_id, ("",))[0], alt)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tips[section] or None
        return None


def alternates_by_item(table: pd.DataFrame) -> dict[str, list[Alternate]]:
    """The Alternates rows with both ids, by the item they replace, in the sheet's order."""
    rows = table.dropna(subset=["item_id", "alternate_id"])
    out: dict[str, list[Alternate]] = {}
    for item, alt, ratio, days, share in zip(
            rows["item_id"], rows["alternate_id"], rows["ratio"].fillna(1.0),
            rows["qualification_days"].fillna(0.0), rows["max_share"].fillna(1.0), strict=True):
        out.setdefault(str(item), []).append(
            Alternate(str(item), str(alt), float(ratio), float(days), float(share)))
    return out


def alternate_label(name: str, alt: Alternate) -> str:
    """An alternate's row in the tree: its terms first, so that a long name cut short
    never hides them."""
    share = fmt.percent(alt.max_share)
    if alt.days > 0:
        text = QCoreApplication.translate(
            "BomTreeModel", "Alternate (after {days} days, up to {share}): {name}").format(
            days=fmt.entered(alt.days), share=share, name=name)
    else:
        text = QCoreApplication.translate(
            "BomTreeModel", "Alternate (qualified, up to {share}): {name}").format(
            share=share, name=name)
    return text.rstrip(": ：")


def alternate_tip(name: str, alt: Alternate) -> str:
    """An alternate's terms in a sentence, for its row's tooltip."""
    values = {"alternate": alt.alternate_id, "name": name, "item": alt.item_id,
              "ratio": fmt.entered(alt.ratio), "days": fmt.entered(alt.days),
              "share": fmt.percent(alt.max_share)}
    if alt.days > 0:
        text = QCoreApplication.translate(
            "BomTreeModel", "Alternate {alternate} {name} may replace {item} in a disruption "
            "from day {days} of the stop: {ratio} of it per unit of {item}, for up to {share} "
            "of the requirement.")
    else:
        text = QCoreApplication.translate(
            "BomTreeModel", "Alternate {alternate} {name} may replace {item} in a disruption "
            "from the first day of the stop: {ratio} of it per unit of {item}, for up to "
            "{share} of the requirement.")
    return text.format(**values).replace("  ", " ")


def where_used_columns() -> list[Col]:
    """The parents that consume the selected item, in the window's language."""
    return [
        Col("parent_id", QCoreApplication.translate("BomPage", "Used in")),
        Col("name", QCoreApplication.translate("BomPage", "Name")),
        Col("qty", QCoreApplication.translate("BomPage", "Qty per unit"), "number",
            QCoreApplication.translate("BomPage", "Effective quantity per unit of the parent")),
    ]


def products_columns() -> list[Col]:
    """The finished products that consume the selected item, in the window's language."""
    return [
        Col("product_id", QCoreApplication.translate("BomPage", "Product")),
        Col("name", QCoreApplication.translate("BomPage", "Name")),
        Col("qty_per_unit", QCoreApplication.translate("BomPage", "Per product"), "number",
            QCoreApplication.translate("BomPage", "Quantity consumed per unit of the product, "
                                       "through every BOM level")),
    ]


def content_columns(currency: str) -> list[Col]:
    """A product's origin content, per material and effective origin country, per unit:
    the figures first, names last, as the tab beside the tree is narrow."""
    return [
        Col("material_id", QCoreApplication.translate("BomPage", "Material"),
            tip=QCoreApplication.translate("BomPage", "A purchased material the product "
                                           "consumes, at any BOM level")),
        Col("country", QCoreApplication.translate("BomPage", "Origin"),
            tip=QCoreApplication.translate("BomPage", "Effective origin country: unknown "
                                           "origins spread over the world's producers; "
                                           "blank: no known origin")),
        Col("share", QCoreApplication.translate("BomPage", "Share"), "share",
            QCoreApplication.translate("BomPage", "Its share of the product's material "
                                       "value")),
        Col("value", QCoreApplication.translate("BomPage", "Value / unit ({currency})")
            .format(currency=currency), "price",
            QCoreApplication.translate("BomPage", "Purchase value of that quantity")),
        Col("quantity", QCoreApplication.translate("BomPage", "Quantity / unit"), "number",
            QCoreApplication.translate("BomPage", "Quantity of the material from this "
                                       "origin per unit of the product, in its unit")),
        Col("unit", QCoreApplication.translate("BomPage", "Unit")),
        Col("name", QCoreApplication.translate("BomPage", "Name")),
        Col("country_name", QCoreApplication.translate("BomPage", "Country"), "text",
            QCoreApplication.translate("BomPage", "The origin country's name")),
    ]


class OriginContentPanel(QWidget):
    """The selected product's origin content: the content country's share, its flag said
    in words, and each material's quantity and value per effective origin country."""

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.product_id = ""
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        self.flag = QLabel(self)
        self.flag.setObjectName("contentFlag")
        self.flag.setWordWrap(True)
        self.flag.setTextFormat(Qt.TextFormat.PlainText)
        self.note = QLabel(self.tr("An estimate for screening, not a legal determination: "
                                   "origins you do not know are spread over the world's "
                                   "producers of each material's commodity."), self)
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        self.model = FrameModel(content_columns(self._currency()), self)
        self.view = FrozenTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.flag)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        theme.notifier().changed.connect(self._restyle)
        self.show_product("")

    def _restyle(self, _scheme: object) -> None:
        """The flag's colour in the theme now in force."""
        self.show_product(self.product_id)

    def _currency(self) -> str:
        return self.doc.project.settings.currency

    def flag_text(self) -> str:
        return self.flag.text()

    def show_product(self, item_id: str) -> None:
        """Show ``item_id``'s origin content when it is a product with figures."""
        report = self.doc.report
        content = report.content if report is not None else None
        products = report.products if report is not None else None
        row = (products[products["item_id"] == item_id] if products is not None and item_id
               else None)
        self.model.set_columns(content_columns(self._currency()))
        if content is None or row is None or row.empty:
            self.product_id = ""
            self.title.setText(self.tr("Origin content: select a product"))
            self.flag.setText("")
            self.flag.setVisible(False)
            self.model.set_frame(self.model.frame.iloc[:0])
            return
        self.product_id = item_id
        r = row.iloc[0]
        names = self.doc.project.items.drop_duplicates("item_id").set_index("item_id")
        self.title.setText(self.tr("Origin content of {item} {name}, per unit").format(
            item=item_id, name=fmt.text(names["name"].get(item_id))).rstrip())
        country = str(r["content_country"])
        threshold = fmt.percent(self.doc.project.settings.content_threshold, 1)
        share = r["content_share"]
        if fmt.is_missing(share):
            text = self.tr("{country} content: no material value to weigh (add unit prices "
                           "to the sources).").format(country=country)
            level = ""
        elif bool(r["content_flag"]):
            text = self.tr("Flagged: {country} content {share} of the material value "
                           "({value} per unit), above the {threshold} threshold.").format(
                country=country, share=fmt.share(share),
                value=fmt.price(r["content_value"], self._currency()), threshold=threshold)
            level = "critical"
        else:
            text = self.tr("Not flagged: {country} content {share} of the material value "
                           "({value} per unit), at or below the {threshold} threshold.").format(
                country=country, share=fmt.share(share),
                value=fmt.price(r["content_value"], self._currency()), threshold=threshold)
            level = ""
        self.flag.setText(text)
        colour = theme.current().status_text[level] if level else ""
        self.flag.setStyleSheet(f"font-weight: 600; color: {colour};" if colour else
                                "font-weight: 600;")
        self.flag.setVisible(True)
        detail = content.detail(report.product_materials, item_id)  # type: ignore[union-attr]
        # a producer the world table lists with no output adds nothing to the product
        detail = detail[(detail["quantity"] > 0) | (detail["value"] > 0)]
        ids = detail["material_id"]
        codes = detail["country"].astype(object)
        self.model.set_frame(detail.assign(
            name=ids.map(names["name"]).astype(object).to_numpy(),
            unit=ids.map(names["unit"]).astype(object).to_numpy(),
            country_name=[country_name(str(c)) if isinstance(c, str) else
                          self.tr("no known origin") for c in codes]))
        self.view.fit_columns()


class BomPage(QWidget):
    """The BOM tree, where-used, and the Items, BOM, Demand and Alternates tables."""

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.tree_model = BomTreeModel(doc, self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.tree_model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(14)  # deep trees keep room for the names
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a small tree
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # names take the rest
        self.tree.expandToDepth(0)
        self.tree.selectionModel().currentChanged.connect(self._tree_clicked)
        self.tree_model.refreshed.connect(lambda: self.tree.expandToDepth(0))

        self.used_title = QLabel(self.tr("Where used: select an item"), self)
        self.used_title.setObjectName("sectionTitle")
        self.used_model = FrameModel(where_used_columns(), self)
        self.products_model = FrameModel(products_columns(), self)
        used = FrozenTableView(self)
        used.setModel(self.used_model)
        products = FrozenTableView(self)
        products.setModel(self.products_model)
        for view in (used, products):
            view.verticalHeader().hide()
            view.setAlternatingRowColors(True)
        self.used_view, self.products_view = used, products

        left = QSplitter(Qt.Orientation.Vertical, self)
        tree_box = QWidget(left)
        tree_layout = QVBoxLayout(tree_box)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Product structure"), tree_box)
        title.setObjectName("sectionTitle")
        tree_layout.addWidget(title)
        tree_layout.addWidget(self.tree)
        used_box = QWidget(left)
        used_layout = QVBoxLayout(used_box)
        used_layout.setContentsMargins(0, 0, 0, 0)
        used_layout.addWidget(self.used_title)
        # the selected item's alternates, or the items it is an alternate for
        self.alternate_note = QLabel(used_box)
        self.alternate_note.setObjectName("hint")
        self.alternate_note.setWordWrap(True)
        self.alternate_note.setTextFormat(Qt.TextFormat.PlainText)
        self.alternate_note.hide()
        used_layout.addWidget(self.alternate_note)
        used_layout.addWidget(used)
        label = QLabel(self.tr("Finished products that consume it"), used_box)
        label.setObjectName("muted")
        used_layout.addWidget(label)
        used_layout.addWidget(products)
        left.addWidget(tree_box)
        left.addWidget(used_box)
        left.setSizes([500, 300])

        self.products_figures = FiguresTable(doc, self.tr("Exposure per product"),
                                             PRODUCT_COLUMNS)
        self.products_figures.heading.hide()  # its tab names it
        doc.reportChanged.connect(self._refresh_products)
        self._refresh_products()
        self.tabs = QTabWidget(self)
        self.items_page = TablePage(doc, "Items", self.tr("Items"))
        self.bom_page = TablePage(doc, "BOM", self.tr("BOM lines"),
                                  self.tr("One line per parent and child: quantity per parent "
                                          "unit, and the scrap % lost in making it."))
        self.demand_page = TablePage(doc, "Demand", self.tr("Demand"),
                                     self.tr("Demand for products (and spare parts), per day, "
                                             "week, month or year."))
        self.alternates_page = TablePage(
            doc, "Alternates", self.tr("Alternates"),
            self.tr("An item another can replace in a disruption: units of the alternate per "
                    "unit of the item, the days before it is qualified, and the most of the "
                    "item's requirement it may take."))
        # the tab indexes are the registry's (ui/shell/registry.py: _bom_tab)
        self.tabs.addTab(self.items_page, self.tr("Items"))
        self.tabs.addTab(self.bom_page, self.tr("BOM"))
        self.tabs.addTab(self.demand_page, self.tr("Demand"))
        self.tabs.addTab(self.alternates_page, self.tr("Alternates"))
        self.tabs.addTab(self.products_figures, self.tr("Exposure"))
        self.content = OriginContentPanel(doc, self)
        self.tabs.addTab(self.content, self.tr("Origin content"))
        # six tabs beside a tree given the room for its names: narrower tabs, and a short
        # title for the products' exposure (said in full when hovered), keep the last tab
        # in sight at 1366 pixels rather than behind scroll arrows
        self.tabs.tabBar().setStyleSheet("QTabBar::tab { padding: 6px 8px; }")
        self.tabs.setTabToolTip(self.tabs.indexOf(self.products_figures),
                                self.tr("Exposure per product"))

        self.split = split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self.tabs)
        split.setSizes([660, 700])
        self._split_fitted = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        doc.itemSelected.connect(self.show_where_used)
        doc.reportChanged.connect(lambda: self.show_where_used(doc.selected_item))

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if not self._split_fitted:
            self._split_fitted = True
            self.fit_split()

    def tree_width(self) -> int:
        """The width the tree needs to show every shown row's text in full."""
        tree = self.tree
        columns = sum(max(tree.sizeHintForColumn(c), tree.header().sectionSizeHint(c))
                      for c in range(self.tree_model.columnCount()))
        return columns + tree.verticalScrollBar().sizeHint().width() + 2 * tree.frameWidth()

    def fit_split(self) -> None:
        """Give the tree the room for its names, up to 62% of the page: the tables beside
        it scroll sideways, a cut product name tells nothing."""
        total = self.split.width() - self.split.handleWidth()
        if total <= 0:
            return
        left = min(self.tree_width() + 4, int(total * 0.62))
        left = max(left, min(360, total // 2))
        self.split.setSizes([left, total - left])

    def _refresh_products(self) -> None:
        if self.doc.report is not None:
            self.products_figures.set_frame(self.doc.report.products)

    def _tree_clicked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = current.data(Qt.ItemDataRole.UserRole)
        if item_id:
            self.doc.select_item(item_id)

    def show_where_used(self, item_id: str) -> None:
        p = self.doc.project
        bom = p.bom.dropna(subset=["parent_id", "child_id", "qty_per"])
        rows = bom[bom["child_id"] == item_id]
        names = p.items.drop_duplicates("item_id").set_index("item_id")["name"]
        used = pd.DataFrame({
            "parent_id": rows["parent_id"].to_numpy(),
            "name": rows["parent_id"].map(names).to_numpy(),
            "qty": (rows["qty_per"] * (1 + rows["scrap_pct"].fillna(0) / 100)).to_numpy()})
        self.used_model.set_frame(used)
        report = self.doc.report
        if report is not None:
            pm = report.product_materials
            sel = pm[pm["material_id"] == item_id]
            self.products_model.set_frame(pd.DataFrame({
                "product_id": sel["product_id"].to_numpy(),
                "name": sel["product_id"].map(names).to_numpy(),
                "qty_per_unit": sel["qty_per_unit"].to_numpy()}))
        name = names.get(item_id, "") if item_id else ""
        self.used_title.setText(
            self.tr("Where used: {item} {name}").format(item=item_id, name=name).rstrip()
            if item_id else self.tr("Where used: select an item"))
        self.used_view.fit_columns()
        self.products_view.fit_columns()
        self._note_alternates(item_id)
        self.content.show_product(item_id)

    def _note_alternates(self, item_id: str) -> None:
        """Say which items can replace the selected one in a disruption, and which it can
        replace, since the BOM lines above show neither."""
        table = self.doc.project.alternates.dropna(subset=["item_id", "alternate_id"])
        if not item_id or table.empty:
            self.alternate_note.hide()
            self.alternate_note.setText("")
            return
        replaced_by = table.loc[table["item_id"] == item_id, "alternate_id"].unique().tolist()
        replaces = table.loc[table["alternate_id"] == item_id, "item_id"].unique().tolist()
        text = fmt.sentences(
            self.tr("Can be replaced in a disruption by {alternates}.").format(
                alternates=", ".join(map(str, replaced_by))) if replaced_by else "",
            self.tr("An alternate for {items} in a disruption: not used in normal times.")
            .format(items=", ".join(map(str, replaces))) if replaces else "")
        self.alternate_note.setText(text)
        self.alternate_note.setVisible(bool(text))
