"""File handling of the main window: new, open, save, import, export, recent, recovery.

Loading and saving big projects run in the background with the status bar's progress and
cancel; nothing is changed until a file has been read and checked in full.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planner.core.errors import PlannerError
from planner.inputs import files, storage
from planner.inputs.project import Project
from ui.common.errors import show_error
from ui.editing.commands import ReplaceProject
from ui.editing.document import Document
from ui.qt import QFileDialog, QMessageBox
from ui.shell import recovery
from ui.shell.import_dialog import ImportPreview

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

OPEN_FILTER = ("Projects and workbooks (*.stockpile *.xlsx *.csv);;"
               "Stockpile project (*.stockpile);;Template workbook (*.xlsx);;All files (*)")
SAVE_FILTERS = {"Stockpile project (*.stockpile)": ".stockpile",
                "Template workbook (*.xlsx)": ".xlsx"}
OPENABLE = (".stockpile", ".xlsx", ".csv")


class FileOps:
    """Mixed into MainWindow; every method here may ask the user something."""

    # --- asking (monkeypatched in tests) -------------------------------------------
    def ask_save_changes(self: MainWindow) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self, "Unsaved changes",
            f"Save the changes to {self.doc.display_name} before closing it?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)

    def ask_open_path(self: MainWindow, title: str = "Open") -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, title, self.prefs.last_folder,
                                              OPEN_FILTER)
        return Path(name) if name else None

    def ask_save_path(self: MainWindow, title: str = "Save As",
                      only_workbook: bool = False) -> Path | None:
        filters = {k: v for k, v in SAVE_FILTERS.items()
                   if not only_workbook or v == ".xlsx"}
        stem = Path(self.doc.display_name).stem
        start = str(Path(self.prefs.last_folder or ".") / stem)
        name, chosen = QFileDialog.getSaveFileName(self, title, start, ";;".join(filters))
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in (".stockpile", ".xlsx"):
            path = path.with_suffix(filters.get(chosen, ".stockpile"))
        return path

    # --- guarding unsaved work -----------------------------------------------------
    def maybe_save(self: MainWindow) -> bool:
        """True when it is fine to drop the current document."""
        if not self.doc.is_modified():
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.autosaver.discard()
            return True
        return False

    # --- commands --------------------------------------------------------------------
    def new_project(self: MainWindow) -> None:
        if self.maybe_save():
            self.set_document(Document(Project.empty()))

    def open_dialog(self: MainWindow) -> None:
        path = self.ask_open_path()
        if path is not None:
            self.open_path(path)

    def open_path(self: MainWindow, path: Path) -> None:
        """Open a project file, a workbook or a CSV folder, in the background."""
        if not self.maybe_save():
            return
        path = Path(path)
        self.prefs.last_folder = str(path.parent)

        def done(project: Project) -> None:
            is_project = storage.is_project_file(path) or path.suffix.lower() == ".xlsx"
            doc = Document(project, path if is_project else None,
                           source_name="" if is_project else path.name)
            self.set_document(doc)
            self.prefs.add_recent(path)
            self.update_recent_menu()
            self.show_message(f"Opened {path.name}")

        def failed(exc: BaseException) -> None:
            if isinstance(exc, PlannerError) and not path.exists():
                self.prefs.remove_recent(path)
                self.update_recent_menu()
            show_error(self, exc, f"Cannot open {path.name}")

        self.run_task(lambda: files.load(path, strict=False), f"Opening {path.name}…",
                      done, failed)

    def save(self: MainWindow) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self.write(self.doc.path)

    def save_as(self: MainWindow) -> bool:
        path = self.ask_save_path()
        if path is None:
            return False
        if self.write(path):
            self.doc.set_path(path)
            self.prefs.add_recent(path)
            self.update_recent_menu()
            return True
        return False

    def write(self: MainWindow, path: Path) -> bool:
        try:
            files.export(self.doc.project, path)
        except PlannerError as exc:
            show_error(self, exc, "Not saved")
            return False
        self.doc.undo_stack.setClean()
        self.autosaver.discard()
        self.prefs.last_folder = str(path.parent)
        self.show_message(f"Saved {path.name}")
        return True

    def export_dialog(self: MainWindow) -> None:
        path = self.ask_save_path("Export template workbook", only_workbook=True)
        if path is None:
            return
        try:
            files.export(self.doc.project, path.with_suffix(".xlsx"))
        except PlannerError as exc:
            show_error(self, exc, "Not exported")
            return
        self.show_message(f"Exported {path.with_suffix('.xlsx').name}")

    def import_dialog(self: MainWindow) -> None:
        path = self.ask_open_path("Import workbook or CSV")
        if path is not None:
            self.import_path(path)

    def import_folder_dialog(self: MainWindow) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import CSV folder",
                                                  self.prefs.last_folder)
        if folder:
            self.import_path(Path(folder))

    def import_path(self: MainWindow, path: Path) -> None:
        """Read ``path`` in the background, preview its problems, then replace the data."""

        def show(project: Project | None, error: BaseException | None) -> None:
            dialog = self.make_import_preview(path, project, error)
            if dialog.exec() and project is not None:
                self.doc.undo_stack.push(ReplaceProject(self.doc, project,
                                                        f"Import {path.name}"))
                self.show_message(f"Imported {path.name}")

        self.run_task(lambda: files.load(path), f"Reading {path.name}…",
                      lambda project: show(project, None), lambda exc: show(None, exc))

    def make_import_preview(self: MainWindow, path: Path, project: Project | None,
                            error: BaseException | None) -> ImportPreview:
        return ImportPreview(path, project, error, self)

    # --- recovery --------------------------------------------------------------------
    def autosave(self: MainWindow) -> None:
        if not self.doc.is_modified() or self.autosaved_index == self.doc.undo_stack.index():
            return
        try:
            self.autosaver.save(self.doc.project, self.doc.path, self.doc.display_name)
            self.autosaved_index = self.doc.undo_stack.index()
        except PlannerError as exc:
            self.show_message(f"Autosave failed: {exc}")

    def offer_recovery(self: MainWindow) -> bool:
        """After a crash: offer each leftover recovery file; True if one was restored."""
        restored = False
        for item in recovery.leftovers(self.autosaver.folder):
            if restored or not self.ask_restore(item):
                recovery.forget(item)
                continue
            try:
                project = recovery.load_recovered(item)
            except PlannerError as exc:
                show_error(self, exc, "Cannot restore")
                recovery.forget(item)
                continue
            doc = Document(project, item.original if item.original and
                           item.original.suffix.lower() in (".stockpile", ".xlsx") else None,
                           source_name=item.name)
            self.set_document(doc)
            doc.undo_stack.resetClean()  # unsaved until the user saves it
            self.update_title()
            recovery.forget(item)
            self.autosave_now()
            restored = True
        return restored

    def ask_restore(self: MainWindow, item: recovery.Recovered) -> bool:
        answer = QMessageBox.question(
            self, "Restore unsaved changes?",
            f"Stockpile Planner was not closed properly. Unsaved changes to {item.name} "
            f"were autosaved at {item.saved_at.replace('T', ' ')}.\n\nRestore them?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes

    def autosave_now(self: MainWindow) -> None:
        self.autosaved_index = -1
        self.autosave()


__all__ = ["OPENABLE", "FileOps"]
