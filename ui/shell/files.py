"""File handling of the main window, a controller of its own: new, open, save, import,
export, recent files, recovery; and projects on a team's server (Open from Server).

Loading and saving big projects run in the background with the status bar's progress and
cancel; nothing is changed until a file has been read and checked in full. Its texts are
translated through Qt in the context "FileController" (``self.tr``).

A project opened from a server is saved as it is edited (each edit one transaction, sent
by its undo command); Save sends what was kept while the server was away, Save As writes
a copy to a file, and closing asks only when kept changes could not be sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from planner.analysis.compare import table_diff
from planner.core.errors import PlannerError
from planner.inputs import files, storage, team
from planner.inputs.project import Project
from planner.inputs.schema import sheet
from ui.common.errors import show_error
from ui.common.operations import BACKGROUND_ROWS, Operation
from ui.editing.commands import ReplaceProject
from ui.editing.document import Document
from ui.pages.changes_page import set_baseline
from ui.qt import QT_TRANSLATE_NOOP, QFileDialog, QMessageBox, QObject
from ui.shell import recovery
from ui.shell.import_dialog import ImportPreview
from ui.shell.mapping_dialog import MappingDialog, Prepared, prepare, source_of, with_remembered
from ui.shell.recovery import Autosaver
from ui.shell.server_dialog import ServerDialog
from ui.shell.team_sync import TeamSync, may_change

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

# file dialogs' filters, translated where a dialog shows them (the patterns stay as they are)
OPEN_FILTER = QT_TRANSLATE_NOOP(
    "FileController", "Projects and workbooks (*.stockpile *.xlsx *.csv);;"
    "Stockpile project (*.stockpile);;Template workbook (*.xlsx);;All files (*)")
SAVE_FILTERS = {QT_TRANSLATE_NOOP("FileController", "Stockpile project (*.stockpile)"):
                ".stockpile",
                QT_TRANSLATE_NOOP("FileController", "Template workbook (*.xlsx)"): ".xlsx"}
OPENABLE = (".stockpile", ".xlsx", ".csv")
EXPORT_FILTER = QT_TRANSLATE_NOOP(
    "FileController", "Exports (*.xlsx *.xlsm *.csv);;Workbooks (*.xlsx *.xlsm);;"
    "CSV files: pick one, its folder is read (*.csv);;All files (*)")


class FileController(QObject):
    """The window's file handling; every method here may ask the user something."""

    def __init__(self, window: MainWindow, autosaver: Autosaver | None = None):
        super().__init__(window)
        self.window = window
        self.autosaver = autosaver or Autosaver()
        self.autosaved_index = -1
        self.team = TeamSync(window)  # keeps a project opened from a server in step
        self.server_dialog: ServerDialog | None = None
        self.mapping_dialog: MappingDialog | None = None  # an import with mapping, open

    def document_changed(self) -> None:
        """A new document is shown: its autosaves start afresh."""
        self.autosaver.discard()
        self.autosaver = Autosaver(self.autosaver.folder)
        self.autosaved_index = -1
        self.team.attach(self.window.doc)

    # --- asking (monkeypatched in tests) -------------------------------------------
    def ask_save_changes(self) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self.window, self.tr("Unsaved changes"),
            self.tr("Save the changes to {name} before closing it?").format(
                name=self.window.doc.display_name),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)

    def ask_open_path(self, title: str = "") -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.window, title or self.tr("Open"),
                                              self.window.prefs.last_folder,
                                              self.tr(OPEN_FILTER))
        return Path(name) if name else None

    def ask_save_path(self, title: str = "",
                      only_workbook: bool = False) -> Path | None:
        filters = {self.tr(k): v for k, v in SAVE_FILTERS.items()
                   if not only_workbook or v == ".xlsx"}
        stem = self.window.doc.short_name
        start = str(Path(self.window.prefs.last_folder or ".") / stem)
        name, chosen = QFileDialog.getSaveFileName(self.window, title or self.tr("Save As"),
                                                   start, ";;".join(filters))
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in (".stockpile", ".xlsx"):
            path = path.with_suffix(filters.get(chosen, ".stockpile"))
        return path

    # --- guarding unsaved work -----------------------------------------------------
    def ask_keep_changes(self, count: int) -> QMessageBox.StandardButton:
        """The server is away with changes kept: save them to a file, drop them, or stay."""
        return QMessageBox.question(
            self.window, self.tr("Changes not on the server"),
            self.tr("The server cannot be reached, and %n change(s) to {name} have not "
                    "reached it yet. Save the project to a file before closing it, so that "
                    "nothing is lost?", None, count).format(name=self.window.doc.short_name),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document."""
        doc = self.window.doc
        if doc.session is not None:
            return self._maybe_keep(doc)
        if not doc.is_modified():
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save(background=False)  # the document goes next: save it now
        if answer == QMessageBox.StandardButton.Discard:
            self.autosaver.discard()
            return True
        return False

    def _maybe_keep(self, doc: Document) -> bool:
        """A server document: everything is on the server unless the server was away."""
        if not doc.kept_changes() or (doc.flush() and not doc.kept_changes()):
            return True
        answer = self.ask_keep_changes(doc.kept_changes())
        if answer == QMessageBox.StandardButton.Save:
            return self.save_as(background=False)
        if answer == QMessageBox.StandardButton.Discard:
            self.autosaver.discard()
            return True
        return False

    # --- commands --------------------------------------------------------------------
    def new_project(self) -> None:
        if self.maybe_save():
            self.window.set_document(Document(Project.empty()))

    def open_dialog(self) -> None:
        path = self.ask_open_path()
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path | str) -> None:
        """Open a project file, a workbook or a CSV folder, in the background; a server
        address (postgresql://...) opens the server dialog on it."""
        if isinstance(path, str) and team.is_address(path):
            self.open_server_dialog(path)
            return
        if not self.maybe_save():
            return
        path = Path(path)
        self.window.prefs.last_folder = str(path.parent)

        def done(project: Project) -> None:
            is_project = storage.is_project_file(path) or path.suffix.lower() == ".xlsx"
            doc = Document(project, path if is_project else None,
                           source_name="" if is_project else path.name)
            self.window.set_document(doc)
            self.window.prefs.add_recent(path)
            self.window.update_recent_menu()
            self.window.show_message(self.tr("Opened {file}").format(file=path.name))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, PlannerError) and not path.exists():
                self.window.prefs.remove_recent(path)
                self.window.update_recent_menu()
            show_error(self.window, exc, self.tr("Cannot open {file}").format(file=path.name))

        self.window.run_task(lambda: files.load(path, strict=False),
                             self.tr("Opening {file}…").format(file=path.name), done, failed)

    def save(self, background: bool | None = None) -> bool:
        doc = self.window.doc
        if doc.session is not None:
            return self.save_on_server(doc)
        if doc.path is None:
            return self.save_as(background)
        return self.write(doc.path, background)

    def save_on_server(self, doc: Document) -> bool:
        """Save on a server document: every edit is saved as it is made; what was kept
        while the server was away is sent now."""
        if doc.kept_changes() and not doc.flush():
            self.window.show_message(self.tr(
                "The server still cannot be reached: %n change(s) are kept and will be "
                "saved once it is back.", None, doc.kept_changes()))
            return False
        self.window.show_message(self.tr("{project} is saved on the server as you edit it.")
                                 .format(project=doc.short_name))
        return True

    def save_as(self, background: bool | None = None) -> bool:
        path = self.ask_save_path()
        if path is None:
            return False
        if self.window.doc.session is not None:  # a copy: the project stays on the server
            return self.write(path, background, lambda: self.window.show_message(self.tr(
                "Saved a copy as {file}; the project stays on the server.").format(
                    file=path.name)))

        def saved() -> None:
            self.window.doc.set_path(path)
            self.window.prefs.add_recent(path)
            self.window.update_recent_menu()

        return self.write(path, background, saved)

    def _large(self) -> bool:
        project = self.window.doc.project
        return sum(len(t) for t in project.tables.values()) >= BACKGROUND_ROWS

    def write(self, path: Path, background: bool | None = None,
              then: Callable[[], None] | None = None) -> bool:
        """Save the project to ``path`` (a project file or a template workbook).

        A big project is written from a snapshot off the UI thread (``background`` None:
        decided by its size), and the window stays usable; edits made meanwhile stay
        unsaved. Returns False when the save failed at once, True when it was written
        or is under way.
        """
        doc = self.window.doc
        background = self._large() if background is None else background
        project = doc.project.copy() if background else doc.project
        index = doc.undo_stack.index()
        failed: list[BaseException] = []

        def done(_none: None) -> None:
            if doc.session is None:  # a server document's edits are on the server
                if doc.undo_stack.index() == index:
                    doc.undo_stack.setClean()
                self.autosaver.discard()
            self.window.prefs.last_folder = str(path.parent)
            self.window.show_message(self.tr("Saved {file}").format(file=path.name))
            if then is not None:
                then()

        def fail(exc: BaseException) -> None:
            failed.append(exc)
            show_error(self.window, exc, self.tr("Not saved"))

        Operation(lambda _p: files.export(project, path),
                  self.tr("Saving {file}…").format(file=path.name)
                  ).success(done).failure(fail).run(self.window, background=background)
        return not failed

    def export_dialog(self) -> None:
        path = self.ask_save_path(self.tr("Export template workbook"), only_workbook=True)
        if path is None:
            return
        path = path.with_suffix(".xlsx")
        background = self._large()
        project = self.window.doc.project.copy() if background else self.window.doc.project
        exported = self.tr("Exported {file}").format(file=path.name)
        Operation(lambda _p: files.export(project, path),
                  self.tr("Exporting {file}…").format(file=path.name)
                  ).success(lambda _none: self.window.show_message(exported)
                  ).failure(lambda exc: show_error(self.window, exc, self.tr("Not exported"))
                  ).run(self.window, background=background)

    def import_dialog(self) -> None:
        path = self.ask_open_path(self.tr("Import workbook or CSV"))
        if path is not None:
            self.import_path(path)

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Import CSV folder"),
                                                  self.window.prefs.last_folder)
        if folder:
            self.import_path(Path(folder))

    def import_path(self, path: Path) -> None:
        """Read ``path`` in the background, preview its problems, then replace the data."""
        if self.window.doc.session is not None:
            self.window.show_message(self.tr(
                "A project on a server is not replaced from the window: the other desks "
                "work on it. Open the workbook, or replace the project with planner "
                "convert FILE -o ADDRESS --replace."))
            return

        def show(project: Project | None, error: BaseException | None) -> None:
            dialog = self.make_import_preview(path, project, error)
            if dialog.exec() and project is not None:
                self.window.doc.undo_stack.push(ReplaceProject(
                    self.window.doc, project, self.tr("Import {file}").format(file=path.name)))
                self.window.show_message(self.tr("Imported {file}").format(file=path.name))

        self.window.run_task(lambda: files.load(path),
                             self.tr("Reading {file}…").format(file=path.name),
                             lambda project: show(project, None), lambda exc: show(None, exc))

    def make_import_preview(self, path: Path, project: Project | None,
                            error: BaseException | None) -> ImportPreview:
        return ImportPreview(path, project, error, self.window)

    # --- another program's export, through a mapping ---------------------------------
    def ask_export_path(self, title: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.window, title,
                                              self.window.prefs.last_folder,
                                              self.tr(EXPORT_FILTER))
        return Path(name) if name else None

    def import_mapping_dialog(self) -> None:
        """File → Import with Mapping…: an export mapped onto the template, replacing the
        project's data."""
        path = self.ask_export_path(self.tr("Import with mapping: pick the export"))
        if path is not None:
            self.map_path(path)

    def monthly_refresh_dialog(self) -> None:
        """File → Monthly Refresh…: this month's export replaces Stock and Orders."""
        path = self.ask_export_path(self.tr("Monthly refresh: pick this month's export"))
        if path is not None:
            self.map_path(path, refresh=True)

    def map_path(self, path: Path, refresh: bool = False) -> None:
        """Read the export in the background, then show the mapping dialog on it (not
        waited for: the window stays alive behind it); its mapping is the one remembered
        for the export's layout, else a guess."""
        if self.window.doc.session is not None:
            self.window.show_message(self.tr(
                "A project on a server is not replaced from the window: the other desks "
                "work on it. Import the export into a file, or use planner import on the "
                "command line."))
            return
        source = source_of(path)
        self.window.prefs.last_folder = str(path.parent)

        def show(prepared: Prepared) -> None:
            prepared = with_remembered(
                prepared, self.window.prefs.remembered_mapping(prepared.layout))
            dialog = self.make_mapping_dialog(prepared, refresh)
            self.mapping_dialog = dialog
            dialog.finished.connect(lambda result: self._mapping_done(dialog, result))
            dialog.open()

        self.window.run_task(lambda: prepare(source),
                             self.tr("Reading {file}…").format(file=source.name), show,
                             lambda exc: show_error(self.window, exc, self.tr(
                                 "Cannot read {file}").format(file=source.name)))

    def make_mapping_dialog(self, prepared: Prepared, refresh: bool) -> MappingDialog:
        return MappingDialog(prepared, self.window, refresh=refresh,
                             into=self.window.doc.project if refresh else None)

    def _mapping_done(self, dialog: MappingDialog, result: int) -> None:
        """The dialog closed: on Import, the project replaced in one undoable step, the
        mapping remembered for the layout, and the state before kept for What changed."""
        self.mapping_dialog = None
        dialog.deleteLater()
        project = dialog.project
        if not result or project is None:
            return
        doc = self.window.doc
        old = doc.project
        name = dialog.source.name
        self.window.prefs.remember_mapping(dialog.prepared.layout, dialog.mapping.dumps())
        time = dt.datetime.now().strftime("%H:%M")
        tables = dialog.tables()
        if dialog.refresh and tables:
            label = self.tr("before the refresh from {file} at {time}").format(
                file=name, time=time)
            text = self.tr("Refresh from {file}").format(file=name)
        else:
            label = self.tr("before the import of {file} at {time}").format(
                file=name, time=time)
            text = self.tr("Import {file}").format(file=name)
        set_baseline(doc, old.copy(), label)
        doc.undo_stack.push(ReplaceProject(doc, project, text))
        if dialog.refresh and tables:
            changes = self.tr("; ", "between the tables of a list").join(
                self.refreshed_text(old, project, t) for t in tables)
            self.window.show_message(self.tr(
                "Refreshed from {file}: {changes}. Undo brings last month back; What "
                "changed shows the differences.").format(file=name, changes=changes))
        else:
            self.window.show_message(self.tr(
                "Imported {file} through the mapping; it is remembered for the next export "
                "of this layout.").format(file=name))

    def refreshed_text(self, old: Project, new: Project, table: str) -> str:
        """How many rows of ``table`` a refresh changed, added and removed."""
        diff = table_diff(old, new, table)
        return self.tr("{table} {changed} changed, {added} added, {removed} removed").format(
            table=sheet(table).heading, changed=len(diff.changed), added=len(diff.added),
            removed=len(diff.removed))

    # --- a team's server --------------------------------------------------------------
    def open_server_dialog(self, address: str = "") -> None:
        """File → Open from Server: the dialog (not waited for: the window stays alive
        behind it), then the project chosen."""
        if not self.maybe_save():
            return
        dialog = ServerDialog(self.window.prefs.q, self.window, address)
        self.server_dialog = dialog
        dialog.finished.connect(lambda _result: self._server_dialog_done(dialog))
        dialog.open()
        if address:
            dialog.connect_server()

    def _server_dialog_done(self, dialog: ServerDialog) -> None:
        """The dialog closed: the project chosen (if one was) replaces the document."""
        self.server_dialog = None
        dialog.deleteLater()
        if dialog.session is not None:
            self.open_session(dialog.session)

    def open_session(self, session: team.Session) -> None:
        """Show a project read from a server; read-only when the server's grants let
        this user view it but not change it."""
        doc = Document(session=session)
        try:
            doc.read_only = not may_change(session)
        except team.TeamError as exc:
            self.window.show_message(str(exc))
        self.window.set_document(doc)
        self.window.show_message(self.tr("Opened {project} from {server}").format(
            project=session.name, server=session.server.address.server))

    # --- recovery --------------------------------------------------------------------
    def autosave(self) -> None:
        doc = self.window.doc
        if not doc.is_modified() or self.autosaved_index == doc.undo_stack.index():
            return
        try:
            self.autosaver.save(doc.project, doc.path, doc.display_name)
            self.autosaved_index = doc.undo_stack.index()
        except PlannerError as exc:
            self.window.show_message(self.tr("Autosave failed: {reason}").format(reason=exc))

    def offer_recovery(self) -> bool:
        """After a crash: offer each leftover recovery file; True if one was restored."""
        restored = False
        for item in recovery.leftovers(self.autosaver.folder):
            if restored or not self.ask_restore(item):
                recovery.forget(item)
                continue
            try:
                project = recovery.load_recovered(item)
            except PlannerError as exc:
                show_error(self.window, exc, self.tr("Cannot restore"))
                recovery.forget(item)
                continue
            doc = Document(project, item.original if item.original and
                           item.original.suffix.lower() in (".stockpile", ".xlsx") else None,
                           source_name=item.name)
            self.window.set_document(doc)
            doc.undo_stack.resetClean()  # unsaved until the user saves it
            self.window.update_title()
            recovery.forget(item)
            self.autosave_now()
            restored = True
        return restored

    def ask_restore(self, item: recovery.Recovered) -> bool:
        answer = QMessageBox.question(
            self.window, self.tr("Restore unsaved changes?"),
            self.tr("Stockpile Planner was not closed properly. Unsaved changes to {name} "
                    "were autosaved at {time}.\n\nRestore them?").format(
                name=item.name, time=item.saved_at.replace("T", " ")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes

    def autosave_now(self) -> None:
        self.autosaved_index = -1
        self.autosave()


__all__ = ["OPENABLE", "FileController"]
