"""The main window: navigation, pages, menus, status bar and the problems panel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from planner.core.errors import Problem
from ui.common.errors import show_error
from ui.common.workers import Task, run_in_background
from ui.editing.document import Document
from ui.editing.table_page import TablePage
from ui.pages.bom_page import BomPage
from ui.pages.dashboard import DashboardPage
from ui.pages.tables import MaterialsPage, SettingsPage, SourcingPage
from ui.printing import dialogs as printing
from ui.qt import (
    QAction,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSize,
    QStackedWidget,
    Qt,
    QTimer,
    QToolButton,
    QUndoGroup,
    QWidget,
)
from ui.shell.actions import PAGES, build_actions
from ui.shell.file_ops import OPENABLE, FileOps
from ui.shell.preferences import Preferences
from ui.shell.recovery import Autosaver

TABLE_PAGE = {"Items": 1, "BOM": 1, "Demand": 1, "Stock": 2, "Suppliers": 3, "Sources": 4,
              "Orders": 5}


def _plan_page(doc: Document) -> QWidget:
    from ui.pages.plan_page import PlanPage  # imported when first shown: a faster start

    return PlanPage(doc)


def _scenario_page(doc: Document) -> QWidget:
    from ui.pages.scenario_page import ScenarioPage

    return ScenarioPage(doc)


class MainWindow(FileOps, QMainWindow):
    def __init__(self, doc: Document | None = None, prefs: Preferences | None = None,
                 autosaver: Autosaver | None = None):
        super().__init__()
        self.prefs = prefs or Preferences()
        self.autosaver = autosaver or Autosaver()
        self.autosaved_index = -1
        self.task: Task | None = None
        self.setAcceptDrops(True)
        self.setMinimumSize(QSize(960, 640))
        self.undo_group = QUndoGroup(self)

        self.nav = QListWidget(self)
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(190)
        for title in PAGES:
            self.nav.addItem(QListWidgetItem(title))
        self.stack = QStackedWidget(self)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_page)

        self._build_status_bar()
        self._build_problems_dock()
        self._build_menus()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start(self.prefs.autosave_seconds * 1000)

        self.doc: Document = doc or Document()
        self.set_document(self.doc)
        geometry, state = self.prefs.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 860)
        if state is not None:
            self.restoreState(state)
        self.nav.setCurrentRow(min(max(self.prefs.last_page, 0), len(PAGES) - 1))

    # --- building ----------------------------------------------------------------------
    def _build_menus(self) -> None:
        self.actions, menus = build_actions(self, self.menuBar())
        file_menu, edit_menu = menus["&File"], menus["&Edit"]
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.insertMenu(self.actions["save"], self.recent_menu)
        self.update_recent_menu()
        undo = self.undo_group.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_group.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        first = edit_menu.actions()[0]
        edit_menu.insertAction(first, undo)
        edit_menu.insertAction(first, redo)
        self.actions["undo"], self.actions["redo"] = undo, redo
        view = self.menuBar().addMenu("&View")
        for i, title in enumerate(PAGES):
            action = QAction(title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _c=False, i=i: self.nav.setCurrentRow(i))
            view.addAction(action)
        view.addSeparator()
        view.addAction(self.problems_dock.toggleViewAction())
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Stockpile Planner", self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.figures_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(180)
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText("Cancel")
        self.cancel_button.clicked.connect(self.cancel_task)
        self.cancel_button.hide()
        bar.addPermanentWidget(self.figures_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)

    def _build_problems_dock(self) -> None:
        self.problems_dock = QDockWidget("Problems", self)
        self.problems_dock.setObjectName("problems")
        self.problems_list = QListWidget(self.problems_dock)
        self.problems_list.itemActivated.connect(self._go_to_problem)
        self.problems_dock.setWidget(self.problems_list)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.hide()

    def set_document(self, doc: Document) -> None:
        """Show ``doc`` in this window, rebuilding the pages over it."""
        old = getattr(self, "doc", None)
        if old is not None and old is not doc:
            self.undo_group.removeStack(old.undo_stack)
            old.deleteLater()
        self.doc = doc
        doc.setParent(self)
        self.undo_group.addStack(doc.undo_stack)
        self.undo_group.setActiveStack(doc.undo_stack)
        self.autosaver.discard()
        self.autosaver = Autosaver(self.autosaver.folder)
        self.autosaved_index = -1
        page = max(self.nav.currentRow(), 0)
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        # pages are built when first shown: a window opens on one page, not nine
        self._factories = self._page_factories(doc)
        self._pages: list[QWidget | None] = [None] * len(self._factories)
        for _ in self._factories:
            self.stack.addWidget(QWidget())
        self.nav.setCurrentRow(page)
        self._show_page(page)
        doc.undo_stack.cleanChanged.connect(self.update_title)
        doc.undo_stack.indexChanged.connect(self.update_title)
        doc.pathChanged.connect(self.update_title)
        doc.message.connect(self.show_message)
        doc.reportChanged.connect(self.update_problems)
        doc.busyChanged.connect(self._figures_busy)
        self.update_title()
        self.update_problems()

    def _page_factories(self, doc: Document) -> list[Callable[[], QWidget]]:
        """One builder per entry of PAGES, in order."""
        return [
            lambda: DashboardPage(doc),
            lambda: BomPage(doc),
            lambda: MaterialsPage(doc),
            lambda: TablePage(doc, "Suppliers", "Suppliers",
                              "Who you buy from, and the country they sell from (ISO code "
                              "such as CN, DE, JP)."),
            lambda: SourcingPage(doc),
            lambda: TablePage(doc, "Orders", "Open orders",
                              "Open purchase orders: those due within the horizon count "
                              "towards days of cover with orders."),
            lambda: _plan_page(doc),
            lambda: _scenario_page(doc),
            lambda: SettingsPage(doc),
        ]

    def page(self, index: int) -> QWidget:
        """The page at ``index``, built now if it has not been shown yet."""
        built = self._pages[index]
        if built is None:
            built = self._pages[index] = self._factories[index]()
            current = self.stack.currentIndex()
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, built)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.stack.setCurrentIndex(current)
            if self.doc.selected_item:  # a new page follows the selection made before it
                self.doc.itemSelected.emit(self.doc.selected_item)
        return built

    def _show_page(self, index: int) -> None:
        if 0 <= index < len(getattr(self, "_pages", ())):
            self.stack.setCurrentWidget(self.page(index))

    dashboard = property(lambda self: self.page(0))
    bom_page = property(lambda self: self.page(1))
    materials_page = property(lambda self: self.page(2))
    suppliers_page = property(lambda self: self.page(3))
    sourcing_page = property(lambda self: self.page(4))
    orders_page = property(lambda self: self.page(5))
    plan_page = property(lambda self: self.page(6))
    scenario_page = property(lambda self: self.page(7))
    settings_page = property(lambda self: self.page(8))

    # --- state shown -------------------------------------------------------------------
    def update_title(self) -> None:
        self.setWindowTitle(f"{self.doc.display_name}[*] — Stockpile Planner")
        self.setWindowModified(self.doc.is_modified())

    def show_message(self, text: str) -> None:
        first = text.splitlines()[0] if text else ""
        self.statusBar().showMessage(first, 8000)
        if "\n" in text:
            QMessageBox.information(self, "Stockpile Planner", text)

    def update_problems(self) -> None:
        problems = self.doc.problems
        self.problems_list.clear()
        for p in problems:
            item = QListWidgetItem(str(p))
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.problems_list.addItem(item)
        errors = len(self.doc.errors())
        warnings = len(problems) - errors
        parts = []
        if errors:
            parts.append(f"{errors} problem{'s' if errors != 1 else ''}")
        if warnings:
            parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
        if self.doc.report_error:
            parts.append("figures not updated")
        self.figures_label.setText(" · ".join(parts) if parts else "No problems")
        self.problems_dock.setWindowTitle(f"Problems ({len(problems)})")
        if errors and not self.problems_dock.isVisible():
            self.problems_dock.show()

    def _figures_busy(self, busy: bool) -> None:
        if self.task is None:
            self.progress.setVisible(busy)
        if busy:
            self.figures_label.setText("Recomputing figures…")

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        problem: Problem = item.data(Qt.ItemDataRole.UserRole)
        self.go_to_problem(problem)

    def go_to_problem(self, problem: Problem) -> None:
        page_index = TABLE_PAGE.get(problem.sheet)
        if page_index is None:
            return
        self.nav.setCurrentRow(page_index)
        page = self.table_page(problem.sheet)
        if page is None or problem.row is None:
            return
        rows = self.doc.project.layout(problem.sheet).rows
        positions = (rows == problem.row).nonzero()[0]
        if not len(positions):
            return
        page.search.clear()
        row = page.model.row_of(int(positions[0]))
        keys = [c.key for c in page.model.columns]
        col = keys.index(problem.column) if problem.column in keys else 0
        index = page.model.index(row, col)
        page.view.setCurrentIndex(index)
        page.view.scrollTo(index)
        page.view.setFocus()

    def table_page(self, table: str) -> TablePage | None:
        if table in ("Items", "BOM", "Demand"):
            tabs = {"Items": 0, "BOM": 1, "Demand": 2}
            self.bom_page.tabs.setCurrentIndex(tabs[table])
            return [self.bom_page.items_page, self.bom_page.bom_page,
                    self.bom_page.demand_page][tabs[table]]
        return {"Stock": self.materials_page.stock, "Suppliers": self.suppliers_page,
                "Sources": self.sourcing_page.sources, "Orders": self.orders_page}.get(table)

    def current_table_page(self) -> TablePage | None:
        widget = self.stack.currentWidget()
        if isinstance(widget, TablePage):
            return widget
        if widget is self.bom_page:
            return self.bom_page.tabs.currentWidget()  # type: ignore[return-value]
        if widget is self.materials_page:
            return self.materials_page.stock
        if widget is self.sourcing_page:
            return self.sourcing_page.sources
        return None

    # --- printing ----------------------------------------------------------------------
    def print_preview(self) -> None:
        printing.print_preview(self, self.doc)

    def print_summary(self) -> None:
        printing.print_summary(self, self.doc)

    def export_pdf_dialog(self) -> None:
        stem = Path(self.doc.display_name).stem + " summary.pdf"
        name, _ = QFileDialog.getSaveFileName(self, "Export summary as PDF",
                                              str(Path(self.prefs.last_folder or ".") / stem),
                                              "PDF (*.pdf)")
        if name:
            path = Path(name).with_suffix(".pdf")
            printing.export_pdf(self, self.doc, path, lambda pages: self.show_message(
                f"Wrote {path.name} ({pages} page{'s' if pages > 1 else ''})"))

    # --- edit commands -------------------------------------------------------------------
    def add_row(self) -> None:
        page = self.current_table_page()
        if page is not None:
            page.add_row()

    def delete_rows(self) -> None:
        page = self.current_table_page()
        if page is not None:
            page.delete_rows()

    def focus_search(self) -> None:
        page = self.current_table_page()
        if page is not None:
            page.search.setFocus()
            page.search.selectAll()

    def next_problem(self) -> None:
        errors = self.doc.errors()
        if not errors:
            self.show_message("No problems")
            return
        row = (self.problems_list.currentRow() + 1) % self.problems_list.count()
        self.problems_list.setCurrentRow(row)
        self.go_to_problem(self.problems_list.item(row).data(Qt.ItemDataRole.UserRole))

    # --- background work -----------------------------------------------------------------
    def run_task(self, fn: Callable[[], Any], title: str, done: Callable[[Any], None],
                 failed: Callable[[BaseException], None]) -> None:
        if self.task is not None:
            self.show_message("Please wait: another task is running")
            return
        self.progress.show()
        self.cancel_button.show()
        self.statusBar().showMessage(title)

        def finish(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def run(value: Any) -> None:
                self.task = None
                self.progress.hide()
                self.cancel_button.hide()
                self.statusBar().clearMessage()
                callback(value)
            return run

        self.task = run_in_background(fn, title, finish(done), finish(failed))

    def cancel_task(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task = None
            self.progress.hide()
            self.cancel_button.hide()
            self.show_message("Cancelled")

    # --- recent files, drag and drop -------------------------------------------------------
    def update_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.prefs.recent_files
        for path in recent:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(recent))

    @staticmethod
    def _dropped_path(event: Any) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if len(urls) != 1 or not urls[0].isLocalFile():
            return None
        path = Path(urls[0].toLocalFile())
        return path if path.is_dir() or path.suffix.lower() in OPENABLE else None

    def dragEnterEvent(self, event: Any) -> None:
        if self._dropped_path(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        path = self._dropped_path(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_path(path)

    # --- closing ---------------------------------------------------------------------------
    def closeEvent(self, event: Any) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.prefs.save_window_state(self.saveGeometry(), self.saveState())
        self.prefs.last_page = self.nav.currentRow()
        self.autosaver.discard()
        event.accept()

    def about(self) -> None:
        QMessageBox.about(self, "About Stockpile Planner",
                          "<b>Stockpile Planner</b><br>Days of cover, supplier and country "
                          "concentration, and stockpile planning for critical materials.")


__all__ = ["MainWindow", "show_error"]
