"""The main window: navigation, pages, menus, status bar and the problems panel."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planner.core import i18n
from planner.core.errors import Problem, summarised
from ui.common import language as languages
from ui.common import theme
from ui.common.errors import show_error
from ui.common.operations import Operation
from ui.editing.document import Document
from ui.editing.table_page import TablePage, clipboard_command
from ui.printing import dialogs as printing
from ui.qt import (
    QAction,
    QActionGroup,
    QApplication,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
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
from ui.shell.actions import HELP_ACTIONS, build_actions, build_theme_menu, menu_text
from ui.shell.files import OPENABLE, FileController
from ui.shell.guide import open_guide
from ui.shell.preferences import Preferences
from ui.shell.recovery import Autosaver
from ui.shell.registry import PAGE_INDEX, PAGES, TABLE_PAGE
from ui.shell.start_page import StartPage, write_template_dialog

# after new figures or a new page, the window settles its memory once things are quiet
SETTLE_MS = 300


class MainWindow(QMainWindow):
    """Navigation, the pages of ui.shell.registry, menus, status bar, problems panel.

    File handling is a controller of its own (``self.files``, ui.shell.files); long work
    runs through ui.common.operations, which reports here (``operation_started``...).
    """

    def __init__(self, doc: Document | None = None, prefs: Preferences | None = None,
                 autosaver: Autosaver | None = None):
        super().__init__()
        self.prefs = prefs or Preferences()
        self.files = FileController(self, autosaver)
        self.task: Operation[Any] | None = None  # the operation the status bar shows
        self.setAcceptDrops(True)
        self.setMinimumSize(QSize(960, 640))
        self.undo_group = QUndoGroup(self)

        self.nav = QListWidget(self)
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(190)
        for spec in PAGES:
            self.nav.addItem(QListWidgetItem(spec.title))
        self.stack = QStackedWidget(self)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.start_page = StartPage(self)  # shown instead until a project is open
        self.screens = QStackedWidget(self)
        self.screens.addWidget(central)
        self.screens.addWidget(self.start_page)
        self.setCentralWidget(self.screens)
        self._connect_start_page()
        self.nav.currentRowChanged.connect(self._show_page)

        self._build_status_bar()
        self._build_problems_dock()
        self._build_menus()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.timeout.connect(self.files.autosave)
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
            self._fit_problems_dock()  # as the project is now, not as it was last time
        self.nav.setCurrentRow(min(max(self.prefs.last_page, 0), len(PAGES) - 1))

    # --- building ----------------------------------------------------------------------
    def _build_menus(self) -> None:
        self.actions, menus = build_actions(self, self.menuBar())
        file_menu, edit_menu = menus["&File"], menus["&Edit"]
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        file_menu.insertMenu(self.actions["save"], self.recent_menu)
        self.update_recent_menu()
        undo = self.undo_group.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_group.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        # whole sentences, so that Japanese can put the step first ("セルの編集を元に戻す");
        # connected after the group's own update, so these texts win
        self.undo_group.undoTextChanged.connect(lambda step: undo.setText(
            self.tr("&Undo {step}").format(step=step) if step else self.tr("&Undo")))
        self.undo_group.redoTextChanged.connect(lambda step: redo.setText(
            self.tr("&Redo {step}").format(step=step) if step else self.tr("&Redo")))
        first = edit_menu.actions()[0]
        edit_menu.insertAction(first, undo)
        edit_menu.insertAction(first, redo)
        self.actions["undo"], self.actions["redo"] = undo, redo
        view = self.menuBar().addMenu(self.tr("&View"))
        for i, spec in enumerate(PAGES):
            action = QAction(menu_text(spec.title), self)
            action.setShortcut(QKeySequence(spec.shortcut))
            action.triggered.connect(lambda _c=False, i=i: self.nav.setCurrentRow(i))
            view.addAction(action)
        view.addSeparator()
        view.addAction(self.problems_dock.toggleViewAction())
        self.theme_actions = build_theme_menu(self, view, self.prefs.theme, self.set_theme)
        self.language_actions = self._build_language_menu(view)
        help_actions, _menus = build_actions(self, self.menuBar(), HELP_ACTIONS)
        self.actions.update(help_actions)

    def _build_language_menu(self, view: QMenu) -> dict[str, QAction]:
        """View → Language: the desktop's, English or 日本語 (each named in itself), kept as
        the preference; the window changes language when it starts again."""
        menu = view.addMenu(self.tr("&Language"))
        menu.setObjectName("menu_language")
        group = QActionGroup(self)
        labels = {languages.SYSTEM: self.tr("Follow the &Desktop"),
                  **{code: name for code, name in i18n.LANGUAGES.items()}}
        actions = {}
        for code, label in labels.items():
            action = actions[code] = QAction(label, self, checkable=True)
            action.setObjectName(f"action_language_{code}")
            action.setChecked(code == self.prefs.language)
            action.triggered.connect(lambda _c=False, code=code: self.set_language(code))
            group.addAction(action)
            menu.addAction(action)
            if code == languages.SYSTEM:
                menu.addSeparator()
        return actions

    def set_language(self, code: str) -> None:
        """Keep ``code`` as the window's language, in force from the next start."""
        if code == self.prefs.language:
            return
        self.prefs.language = code
        chosen = languages.chosen(code)
        # said in the language chosen, which the user can read, and in the one shown now
        text = {"ja": "次回の起動時から日本語で表示します。",
                "en": "Stockpile Planner will be in English from its next start."}[chosen]
        self.show_message(text)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.selection_label = QLabel(self)  # sum, average and count of selected cells
        self.selection_label.setContentsMargins(0, 0, 16, 0)  # apart from the problems
        bar.addPermanentWidget(self.selection_label)
        self.figures_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(180)
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_task)
        self.cancel_button.hide()
        bar.addPermanentWidget(self.figures_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)

    def _build_problems_dock(self) -> None:
        self.problems_dock = QDockWidget(self.tr("Problems"), self)
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
        self._prepare_settling()
        self.screens.setCurrentIndex(0)  # a project is open: no start page
        self.undo_group.addStack(doc.undo_stack)
        self.undo_group.setActiveStack(doc.undo_stack)
        self.files.document_changed()
        page = max(self.nav.currentRow(), 0)
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        # pages are built when first shown: a window opens on one page, not nine
        self._pages: list[QWidget | None] = [None] * len(PAGES)
        for _ in PAGES:
            self.stack.addWidget(QWidget())
        self.nav.setCurrentRow(page)
        self._show_page(page)
        doc.undo_stack.cleanChanged.connect(self.update_title)
        doc.undo_stack.indexChanged.connect(self.update_title)
        doc.pathChanged.connect(self.update_title)
        doc.message.connect(self.show_message)
        doc.selectionFigures.connect(self.selection_label.setText)
        doc.reportChanged.connect(self.update_problems)
        doc.reportChanged.connect(self._settle_after_figures)
        doc.busyChanged.connect(self._figures_busy)
        # a page asks for another (the dashboard's "See What changed"): pages cannot
        # import the shell, so they ask through the document
        doc.pageRequested.connect(lambda page: self.nav.setCurrentRow(PAGE_INDEX[page]))
        self.update_title()
        self.update_problems()

    # --- memory --------------------------------------------------------------------------
    def _prepare_settling(self) -> None:
        """A new document: what the window froze for the last one may be collected again
        at the next settling."""
        if not hasattr(self, "_settle"):
            self._settle = QTimer(self)
            self._settle.setSingleShot(True)
            self._settle.setInterval(SETTLE_MS)
            self._settle.timeout.connect(self._settle_memory)
        self._settle_after_figures()

    def _settle_after_figures(self) -> None:
        """New figures (or a new document) leave last time's tables as garbage, some of
        it frozen: the next settling thaws and collects everything."""
        self._thaw = True
        self._settle.start(SETTLE_MS)

    def _settle_memory(self) -> None:
        """Take what the window now holds for long (the project's tables, the rows of
        its table pages) out of the reach of Python's cyclic garbage collector.

        A full collection walks every object: with a 200,000-row project it takes 50-150
        ms, and it comes whenever enough objects have outlived two collections, as in
        the middle of a scroll. Frozen objects (gc.freeze) are never walked again; those
        that are dropped without cycles are still freed at once. Frozen objects in a cycle
        that has since become garbage (an old page, last recompute's tables) would never
        be freed, so a settling after new figures thaws everything, collects all garbage
        and freezes again: one full collection when idle instead of one mid-scroll. A new
        page adds rows and drops nothing: collecting the young generation is enough, and
        keeps a full collection out of the first frames of a scroll.
        """
        if self._thaw:
            gc.unfreeze()
            gc.collect(2)
            self._thaw = False
        else:
            gc.collect(1)
        gc.freeze()

    def page(self, index: int) -> QWidget:
        """The page at ``index``, built now if it has not been shown yet."""
        built = self._pages[index]
        if built is None:
            built = self._pages[index] = PAGES[index].build(self.doc)
            current = self.stack.currentIndex()
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, built)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.stack.setCurrentIndex(current)
            if self.doc.selected_item:  # a new page follows the selection made before it
                self.doc.itemSelected.emit(self.doc.selected_item)
            self._settle.start(0)  # its rows are held for long: settle before any scroll
        return built

    def _show_page(self, index: int) -> None:
        if 0 <= index < len(getattr(self, "_pages", ())):
            self.stack.setCurrentWidget(self.page(index))

    # --- state shown -------------------------------------------------------------------
    def update_title(self) -> None:
        self.setWindowTitle(self.tr("{name}[*] — Stockpile Planner").format(
            name=self.doc.display_name))
        self.setWindowModified(self.doc.is_modified())

    def show_message(self, text: str) -> None:
        first = text.splitlines()[0] if text else ""
        self.statusBar().showMessage(first, 8000)
        if "\n" in text:
            QMessageBox.information(self, "Stockpile Planner", text)

    def update_problems(self) -> None:
        problems = self.doc.problems
        self.problems_list.clear()
        for p in summarised(problems):  # of one kind, the first few and a count
            item = QListWidgetItem(str(p))
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.problems_list.addItem(item)
        errors = len(self.doc.errors())
        warnings = len(problems) - errors
        parts = []
        if errors:
            parts.append(self.tr("%n problem(s)", None, errors))
        if warnings:
            parts.append(self.tr("%n warning(s)", None, warnings))
        if self.doc.report_error:
            parts.append(self.tr("figures not updated"))
        self.figures_label.setText(" · ".join(parts) if parts else self.tr("No problems"))
        self.problems_dock.setWindowTitle(self.tr("Problems ({count})").format(
            count=len(problems)))
        self._fit_problems_dock()

    def _fit_problems_dock(self) -> None:
        """The problems panel shows itself when there are errors and steps aside when there
        is nothing to list (an empty panel would only take room from the page)."""
        if not self.doc.problems:
            self.problems_dock.hide()
        elif self.doc.errors() and not self.problems_dock.isVisible():
            self.problems_dock.show()
            self.resizeDocks([self.problems_dock], [150], Qt.Orientation.Vertical)

    def _figures_busy(self, busy: bool) -> None:
        if self.task is None:
            self.progress.setVisible(busy)
        if busy:
            self.figures_label.setText(self.tr("Recomputing figures…"))

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
        """The table page that edits ``table`` (its page built and its tab shown)."""
        index = TABLE_PAGE.get(table)
        return None if index is None else PAGES[index].tables[table](self.page(index))

    def current_table_page(self) -> TablePage | None:
        index = self.stack.currentIndex()
        spec = PAGES[index] if 0 <= index < len(PAGES) else None
        if spec is None or spec.current_table is None:
            return None
        return spec.current_table(self.page(index))

    # --- printing ----------------------------------------------------------------------
    def print_preview(self) -> None:
        printing.print_preview(self, self.doc)

    def print_summary(self) -> None:
        printing.print_summary(self, self.doc)

    def export_pdf_dialog(self) -> None:
        stem = Path(self.doc.display_name).stem + " summary.pdf"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export summary as PDF"),
                                              str(Path(self.prefs.last_folder or ".") / stem),
                                              self.tr("PDF (*.pdf)"))
        if name:
            path = Path(name).with_suffix(".pdf")
            printing.export_pdf(self, self.doc, path, lambda pages: self.show_message(
                self.tr("Wrote {file} (%n page(s))", None, pages).format(file=path.name)))

    # --- edit commands -------------------------------------------------------------------
    def add_row(self) -> None:
        page = self.current_table_page()
        if page is not None:
            page.add_row()

    def delete_rows(self) -> None:
        page = self.current_table_page()
        if page is not None:
            page.delete_rows()

    def cut_cells(self) -> None:
        clipboard_command(QApplication.focusWidget(), "cut")

    def copy_cells(self) -> None:
        clipboard_command(QApplication.focusWidget(), "copy")

    def paste_cells(self) -> None:
        clipboard_command(QApplication.focusWidget(), "paste")

    def fill_down(self) -> None:
        clipboard_command(QApplication.focusWidget(), "fill_down")

    def focus_search(self) -> None:
        page = self.current_table_page()
        if page is not None:
            page.search.setFocus()
            page.search.selectAll()

    def next_problem(self) -> None:
        errors = self.doc.errors()
        if not errors:
            self.show_message(self.tr("No problems"))
            return
        row = (self.problems_list.currentRow() + 1) % self.problems_list.count()
        self.problems_list.setCurrentRow(row)
        self.go_to_problem(self.problems_list.item(row).data(Qt.ItemDataRole.UserRole))

    # --- background work (ui.common.operations reports here) ---------------------------
    def run_task(self, fn: Callable[[], Any], title: str, done: Callable[[Any], None],
                 failed: Callable[[BaseException], None]) -> None:
        """Run ``fn`` off the UI thread with the status bar's progress and Cancel."""
        Operation(lambda _progress: fn(), title).success(done).failure(failed).run(self)

    def operation_started(self, op: Operation[Any]) -> bool:
        if not op.exclusive:
            return True
        if self.task is not None:
            self.show_message(self.tr("Please wait: another task is running"))
            return False
        self.task = op
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.statusBar().showMessage(op.title)
        return True

    def operation_progress(self, op: Operation[Any], done: int, total: int) -> None:
        if op is self.task and total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def operation_finished(self, op: Operation[Any]) -> None:
        if op is self.task:
            self.task = None
            self.progress.hide()
            self.cancel_button.hide()
            self.statusBar().clearMessage()

    def cancel_task(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.operation_finished(self.task)
            self.show_message(self.tr("Cancelled"))

    # --- recent files, drag and drop -------------------------------------------------------
    def update_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.prefs.recent_files
        for path in recent:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.files.open_path(p))
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
            self.files.open_path(path)

    # --- closing ---------------------------------------------------------------------------
    def closeEvent(self, event: Any) -> None:
        if self.task is not None:  # an open, import or export: let it finish or cancel it
            self.show_message(self.tr("Wait for “{task}” to finish, or cancel it, before "
                                      "closing.").format(task=self.task.title))
            event.ignore()
            return
        if not self.files.maybe_save():
            event.ignore()
            return
        self.doc.cancel_work()  # figures computing in the background are not needed now
        self.prefs.save_window_state(self.saveGeometry(), self.saveState())
        self.prefs.last_page = self.nav.currentRow()
        self.files.autosaver.discard()
        event.accept()

    def set_theme(self, name: str) -> None:
        """Draw the window in the theme ``name`` and keep it as the preference."""
        self.prefs.theme = name
        theme.apply(name)

    # --- getting started and help ----------------------------------------------------------
    def _connect_start_page(self) -> None:
        start = self.start_page
        start.openSample.connect(self.files.open_path)
        start.importWorkbook.connect(self.files.import_dialog)
        start.openProject.connect(self.files.open_dialog)
        start.newTemplate.connect(self.new_template_dialog)
        start.emptyProject.connect(lambda: self.screens.setCurrentIndex(0))

    def show_start_page(self) -> None:
        """Offer ways to get started (the window opened without a file)."""
        self.screens.setCurrentWidget(self.start_page)

    def new_template_dialog(self) -> None:
        write_template_dialog(self, Path(self.prefs.last_folder or Path.home()))

    def show_guide(self) -> None:
        open_guide(self)

    def about(self) -> None:
        from planner.cli import version

        QMessageBox.about(self, self.tr("About Stockpile Planner"), self.tr(
            "<b>Stockpile Planner</b> {version}<br>Days of cover, supplier and country "
            "concentration, and stockpile planning for critical materials.").format(
                version=version()))


for _index, _spec in enumerate(PAGES):  # window.plan_page and so on, from the registry
    setattr(MainWindow, _spec.id, property(lambda self, i=_index: self.page(i)))

__all__ = ["MainWindow", "show_error"]
