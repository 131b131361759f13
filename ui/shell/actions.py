"""Every command of the window declared as data (as napari's actions), menus built from it.

Shortcuts use Qt's standard key sequences where one exists, so that they follow the
platform (Ctrl+S here, Cmd+S on a Mac).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ui.qt import QAction, QKeySequence, QMenu, QMenuBar, QObject

Key = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    menu: str
    slot: str  # method of the main window, or of one of its parts ("files.save")
    shortcut: Key | str | None = None
    tip: str = ""
    separator_before: bool = False


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new", "&New", "&File", "files.new_project", Key.New, "Start an empty project"),
    ActionSpec("open", "&Open…", "&File", "files.open_dialog", Key.Open,
               "Open a project file or a template workbook"),
    ActionSpec("save", "&Save", "&File", "files.save", Key.Save, separator_before=True),
    ActionSpec("save_as", "Save &As…", "&File", "files.save_as", Key.SaveAs),
    ActionSpec("import", "&Import Workbook or CSV…", "&File", "files.import_dialog", "Ctrl+I",
               "Replace the project's data with a template workbook or CSV folder, after a "
               "preview of its problems", separator_before=True),
    ActionSpec("import_csv", "Import CSV &Folder…", "&File", "files.import_folder_dialog", None),
    ActionSpec("export", "&Export Template Workbook…", "&File", "files.export_dialog", "Ctrl+E",
               "Write the project as a template workbook (.xlsx)"),
    ActionSpec("print_preview", "Print Pre&view…", "&File", "print_preview", "Ctrl+Shift+P",
               "Preview the one-page exposure summary for management",
               separator_before=True),
    ActionSpec("print", "&Print…", "&File", "print_summary", Key.Print),
    ActionSpec("export_pdf", "Export Summary as P&DF…", "&File", "export_pdf_dialog",
               "Ctrl+Shift+E"),
    ActionSpec("quit", "&Quit", "&File", "close", Key.Quit, separator_before=True),
    ActionSpec("add_row", "&Add Row", "&Edit", "add_row", "Ctrl+Shift+=",
               separator_before=True),
    ActionSpec("delete_rows", "&Delete Rows", "&Edit", "delete_rows", "Ctrl+-"),
    ActionSpec("find", "&Find…", "&Edit", "focus_search", Key.Find),
    ActionSpec("next_problem", "Next &Problem", "&Edit", "next_problem", "F8",
               "Go to the next cell with a problem"),
)

def build_actions(window: QObject, menubar: QMenuBar
                  ) -> tuple[dict[str, QAction], dict[str, QMenu]]:
    """Create the actions, connect them to the window's methods, fill the menus."""
    menus: dict[str, QMenu] = {}
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        menu = menus.get(spec.menu)
        if menu is None:
            menu = menus[spec.menu] = menubar.addMenu(spec.menu)
        if spec.separator_before:
            menu.addSeparator()
        action = QAction(spec.text, window)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        owner: object = window
        *path, name = spec.slot.split(".")
        for part in path:
            owner = getattr(owner, part)
        slot: Callable[[], object] = getattr(owner, name)
        action.triggered.connect(lambda _checked=False, s=slot: s())
        action.setObjectName(f"action_{spec.id}")
        menu.addAction(action)
        actions[spec.id] = action
    return actions, menus
