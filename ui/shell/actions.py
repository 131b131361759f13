"""Every command of the window declared as data (as napari's actions), menus built from it.

Shortcuts use Qt's standard key sequences where one exists, so that they follow the
platform (Ctrl+S here, Cmd+S on a Mac).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ui.common import theme
from ui.qt import QAction, QActionGroup, QKeySequence, QMenu, QMenuBar, QObject

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
    ActionSpec("new_template", "New &Template Workbook…", "&File", "new_template_dialog",
               None, "Write an empty template workbook to fill in, with instructions"),
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
    ActionSpec("cut", "Cu&t", "&Edit", "cut_cells", Key.Cut,
               "Copy the selected cells and clear them", separator_before=True),
    ActionSpec("copy", "&Copy", "&Edit", "copy_cells", Key.Copy,
               "Copy the selected cells, to paste here or into Excel"),
    ActionSpec("paste", "&Paste", "&Edit", "paste_cells", Key.Paste,
               "Paste cells copied here or in Excel, from the current cell"),
    ActionSpec("fill_down", "Fill Do&wn", "&Edit", "fill_down", "Ctrl+D",
               "Copy the first selected row's values into the selected rows below it"),
    ActionSpec("add_row", "&Add Row", "&Edit", "add_row", "Ctrl+Shift+=",
               separator_before=True),
    ActionSpec("delete_rows", "&Delete Rows", "&Edit", "delete_rows", "Ctrl+-"),
    ActionSpec("find", "&Find…", "&Edit", "focus_search", Key.Find),
    ActionSpec("next_problem", "Next &Problem", "&Edit", "next_problem", "F8",
               "Go to the next cell with a problem"),
)

# the Help menu, built after the View menu (so that it comes last in the menu bar)
HELP_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("guide", "&Guide", "&Help", "show_guide", Key.HelpContents,
               "The glossary and the definitions of every figure"),
    ActionSpec("about", "&About Stockpile Planner", "&Help", "about"),
)


def menu_text(title: str) -> str:
    """A menu item's text for a title shown elsewhere as it is ("Products & BOM"): an "&"
    would otherwise underline the next letter and vanish."""
    return title.replace("&", "&&")


def build_actions(window: QObject, menubar: QMenuBar,
                  specs: tuple[ActionSpec, ...] = ACTIONS,
                  ) -> tuple[dict[str, QAction], dict[str, QMenu]]:
    """Create the actions, connect them to the window's methods, fill the menus."""
    menus: dict[str, QMenu] = {}
    actions: dict[str, QAction] = {}
    for spec in specs:
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


def build_theme_menu(window: QObject, view: QMenu, chosen: str,
                     choose: Callable[[str], object]) -> dict[str, QAction]:
    """The View menu's "Theme" submenu: follow the desktop, light, dark or high contrast,
    one checked; picking one calls ``choose`` with its name (ui.common.theme.CHOICES)."""
    menu = view.addMenu("&Theme")
    menu.setObjectName("menu_theme")
    group = QActionGroup(window)
    group.setExclusive(True)
    actions: dict[str, QAction] = {}
    for name in theme.CHOICES:
        action = QAction(theme.LABELS[name], window)
        action.setCheckable(True)
        action.setChecked(name == chosen)
        action.setObjectName(f"action_theme_{name.replace(' ', '_')}")
        action.triggered.connect(lambda _checked=False, n=name: choose(n))
        group.addAction(action)
        menu.addAction(action)
        if name == theme.SYSTEM:
            menu.addSeparator()
        actions[name] = action
    return actions
