"""Every page of the window, declared once: id, title, how to build it, its shortcut and the
template tables edited on it. Titles are marked in the context "PageSpec" and translated
when read (``PageSpec.title``), since the language is chosen after this module is imported.

The navigation list, the View menu and its Ctrl+1 … Ctrl+9 (and Ctrl+0) shortcuts, the
pages built on first show, "go to the cell of this problem" and the Edit menu's row commands
all read this one list. To add a page, add a :class:`PageSpec` here (see CONTRIBUTING.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ui.editing.document import Document
from ui.editing.table_page import TablePage
from ui.qt import QT_TRANSLATE_NOOP, QCoreApplication, QWidget

TableAccess = Callable[[Any], TablePage]  # page widget -> the table page for one table


@dataclass(frozen=True)
class PageSpec:
    id: str  # also the MainWindow attribute that returns the page ("plan_page")
    name: str  # the English title, marked for translation in the context "PageSpec"
    build: Callable[[Document], QWidget]  # imports its module when first shown
    tables: dict[str, TableAccess] = field(default_factory=dict)
    current_table: Callable[[Any], TablePage | None] | None = None  # for Edit → Add Row

    @property
    def title(self) -> str:
        """The page's title in the window's language (chosen after this module loads)."""
        return QCoreApplication.translate("PageSpec", self.name)

    @property
    def shortcut(self) -> str:
        """Ctrl+1 … Ctrl+9 for the first nine pages, Ctrl+0 for the tenth; Settings, last,
        takes Ctrl+, as settings do in most programs."""
        if self.id == "settings_page":
            return "Ctrl+,"
        n = PAGES.index(self) + 1
        return f"Ctrl+{n % 10}" if n <= 10 else ""


def _dashboard(doc: Document) -> QWidget:
    from ui.pages.dashboard import DashboardPage

    return DashboardPage(doc)


def _bom(doc: Document) -> QWidget:
    from ui.pages.bom_page import BomPage

    return BomPage(doc)


def _forecast(doc: Document) -> QWidget:
    from ui.pages.forecast_page import ForecastPage

    return ForecastPage(doc)


def _materials(doc: Document) -> QWidget:
    from ui.pages.tables import MaterialsPage

    return MaterialsPage(doc)


def _suppliers(doc: Document) -> QWidget:
    return TablePage(doc, "Suppliers", QCoreApplication.translate("PageSpec", "Suppliers"),
                     QCoreApplication.translate(
                         "PageSpec", "Who you buy from, and the country they sell from (ISO "
                         "code such as CN, DE, JP). Kind: producer, or trader for a trading "
                         "house that sells what others mined or refined."))


def _sourcing(doc: Document) -> QWidget:
    from ui.pages.tables import SourcingPage

    return SourcingPage(doc)


def _orders(doc: Document) -> QWidget:
    return TablePage(doc, "Orders", QCoreApplication.translate("PageSpec", "Open orders"),
                     QCoreApplication.translate(
                         "PageSpec", "Open purchase orders: those due within the horizon count "
                         "towards days of cover with orders."))


def _plan(doc: Document) -> QWidget:
    from ui.pages.plan_page import PlanPage

    return PlanPage(doc)


def _scenarios(doc: Document) -> QWidget:
    from ui.pages.scenario_page import ScenarioPage

    return ScenarioPage(doc)


def _world(doc: Document) -> QWidget:
    from ui.pages.world_page import WorldPage

    return WorldPage(doc)


def _stockpile(doc: Document) -> QWidget:
    from ui.pages.stockpile_page import StockpilePage

    return StockpilePage(doc)


def _changes(doc: Document) -> QWidget:
    from ui.pages.changes_page import ChangesPage

    return ChangesPage(doc)


def _settings(doc: Document) -> QWidget:
    from ui.pages.tables import SettingsPage

    return SettingsPage(doc)


def _bom_tab(index: int, name: str) -> TableAccess:
    def access(page: Any) -> TablePage:
        page.tabs.setCurrentIndex(index)
        table: TablePage = getattr(page, name)
        return table
    return access


def _itself(page: Any) -> TablePage:
    table: TablePage = page
    return table


PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", QT_TRANSLATE_NOOP("PageSpec", "Dashboard"), _dashboard),
    PageSpec("bom_page", QT_TRANSLATE_NOOP("PageSpec", "Products & BOM"), _bom,
             {"Items": _bom_tab(0, "items_page"), "BOM": _bom_tab(1, "bom_page"),
              "Demand": _bom_tab(2, "demand_page"),
              "Alternates": _bom_tab(3, "alternates_page")},
             lambda page: page.tabs.currentWidget()),
    PageSpec("forecast_page", QT_TRANSLATE_NOOP("PageSpec", "Forecast"), _forecast,
             {"Forecast": lambda page: page.table}, lambda page: page.table),
    PageSpec("materials_page", QT_TRANSLATE_NOOP("PageSpec", "Materials & stock"),
             _materials, {"Stock": lambda page: page.stock}, lambda page: page.stock),
    PageSpec("suppliers_page", QT_TRANSLATE_NOOP("PageSpec", "Suppliers"), _suppliers,
             {"Suppliers": _itself}, _itself),
    PageSpec("sourcing_page", QT_TRANSLATE_NOOP("PageSpec", "Sourcing mix"), _sourcing,
             {"Sources": lambda page: page.sources}, lambda page: page.sources),
    PageSpec("orders_page", QT_TRANSLATE_NOOP("PageSpec", "Open orders"), _orders,
             {"Orders": _itself}, _itself),
    PageSpec("plan_page", QT_TRANSLATE_NOOP("PageSpec", "Procurement plan"), _plan),
    PageSpec("scenario_page", QT_TRANSLATE_NOOP("PageSpec", "Scenarios"), _scenarios),
    PageSpec("world_page", QT_TRANSLATE_NOOP("PageSpec", "World supply"), _world),
    PageSpec("stockpile_page", QT_TRANSLATE_NOOP("PageSpec", "Stockpile"), _stockpile),
    # the monthly review, after the pages of figures (no Ctrl+number: the first ten have
    # them, and Settings keeps Ctrl+,)
    PageSpec("changes_page", QT_TRANSLATE_NOOP("PageSpec", "What changed"), _changes),
    PageSpec("settings_page", QT_TRANSLATE_NOOP("PageSpec", "Settings"), _settings,
             {"Rates": lambda page: page.rates}, lambda page: page.rates),
)
PAGE_INDEX = {spec.id: i for i, spec in enumerate(PAGES)}
TABLE_PAGE = {table: i for i, spec in enumerate(PAGES) for table in spec.tables}

__all__ = ["PAGES", "PAGE_INDEX", "TABLE_PAGE", "PageSpec"]
