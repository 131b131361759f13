"""Every command of the window declared as data (as napari's actions), menus built from it.

Shortcuts use Qt's standard key sequences where one exists, so that they follow the
platform (Ctrl+S here, Cmd+S on a Mac). Texts, menus and tips are marked with
``QT_TRANSLATE_NOOP`` (context "actions") and translated when the menus are built; a menu
keeps its English title as its key, so that code finds it in any language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ui.common import theme
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QAction,
    QActionGroup,
    QCoreApplication,
    QKeySequence,
    QMenu,
    QMenuBar,
    QObject,
)

Key = QKeySequence.StandardKey
FILE = QT_TRANSLATE_NOOP("actions", "&File")
EDIT = QT_TRANSLATE_NOOP("actions", "&Edit")
HELP = QT_TRANSLATE_NOOP("actions", "&Help")


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
    ActionSpec("new", QT_TRANSLATE_NOOP("actions", "&New"), FILE, "files.new_project",
               Key.New, QT_TRANSLATE_NOOP("actions", "Start an empty project")),
    ActionSpec("new_template", QT_TRANSLATE_NOOP("actions", "New &Template Workbook…"), FILE,
               "new_template_dialog", None,
               QT_TRANSLATE_NOOP("actions", "Write an empty template workbook to fill in, "
                                 "with instructions")),
    ActionSpec("open", QT_TRANSLATE_NOOP("actions", "&Open…"), FILE, "files.open_dialog",
               Key.Open,
               QT_TRANSLATE_NOOP("actions", "Open a project file or a template workbook")),
    ActionSpec("open_server", QT_TRANSLATE_NOOP("actions", "Open fro&m Server…"), FILE,
               "files.open_server_dialog", "Ctrl+Shift+O",
               QT_TRANSLATE_NOOP("actions", "Open a project a team keeps on a PostgreSQL "
                                 "server")),
    ActionSpec("save", QT_TRANSLATE_NOOP("actions", "&Save"), FILE, "files.save", Key.Save,
               separator_before=True),
    ActionSpec("save_as", QT_TRANSLATE_NOOP("actions", "Save &As…"), FILE, "files.save_as",
               Key.SaveAs),
    ActionSpec("import", QT_TRANSLATE_NOOP("actions", "&Import Workbook or CSV…"), FILE,
               "files.import_dialog", "Ctrl+I",
               QT_TRANSLATE_NOOP("actions", "Replace the project's data with a template "
                                 "workbook or CSV folder, after a preview of its problems"),
               separator_before=True),
    ActionSpec("import_csv", QT_TRANSLATE_NOOP("actions", "Import CSV &Folder…"), FILE,
               "files.import_folder_dialog", None),
    ActionSpec("import_mapping", QT_TRANSLATE_NOOP("actions", "Import &with Mapping…"), FILE,
               "files.import_mapping_dialog", None,
               QT_TRANSLATE_NOOP("actions", "Import another program's export (an ERP's "
                                 "workbook or CSV files): map its sheets and columns onto "
                                 "the template, with a preview of every problem")),
    ActionSpec("monthly_refresh", QT_TRANSLATE_NOOP("actions", "Monthl&y Refresh…"), FILE,
               "files.monthly_refresh_dialog", None,
               QT_TRANSLATE_NOOP("actions", "Replace only the stock and open orders with "
                                 "this month's export, through its remembered mapping")),
    ActionSpec("export", QT_TRANSLATE_NOOP("actions", "&Export Template Workbook…"), FILE,
               "files.export_dialog", "Ctrl+E",
               QT_TRANSLATE_NOOP("actions", "Write the project as a template workbook (.xlsx)")),
    ActionSpec("change_log", QT_TRANSLATE_NOOP("actions", "Change &Log…"), FILE,
               "files.team.show_change_log", "Ctrl+Shift+L",
               QT_TRANSLATE_NOOP("actions", "Who changed what and when, in a project opened "
                                 "from a server")),
    ActionSpec("print_preview", QT_TRANSLATE_NOOP("actions", "Print Pre&view…"), FILE,
               "print_preview", "Ctrl+Shift+P",
               QT_TRANSLATE_NOOP("actions", "Preview the one-page exposure summary for "
                                 "management"),
               separator_before=True),
    ActionSpec("print", QT_TRANSLATE_NOOP("actions", "&Print…"), FILE, "print_summary",
               Key.Print),
    ActionSpec("export_pdf", QT_TRANSLATE_NOOP("actions", "Export Summary as P&DF…"), FILE,
               "export_pdf_dialog", "Ctrl+Shift+E"),
    ActionSpec("quit", QT_TRANSLATE_NOOP("actions", "&Quit"), FILE, "close", Key.Quit,
               separator_before=True),
    ActionSpec("cut", QT_TRANSLATE_NOOP("actions", "Cu&t"), EDIT, "cut_cells", Key.Cut,
               QT_TRANSLATE_NOOP("actions", "Copy the selected cells and clear them"),
               separator_before=True),
    ActionSpec("copy", QT_TRANSLATE_NOOP("actions", "&Copy"), EDIT, "copy_cells", Key.Copy,
               QT_TRANSLATE_NOOP("actions", "Copy the selected cells, to paste here or into "
                                 "Excel")),
    ActionSpec("paste", QT_TRANSLATE_NOOP("actions", "&Paste"), EDIT, "paste_cells",
               Key.Paste,
               QT_TRANSLATE_NOOP("actions", "Paste cells copied here or in Excel, from the "
                                 "current cell")),
    ActionSpec("fill_down", QT_TRANSLATE_NOOP("actions", "Fill Do&wn"), EDIT, "fill_down",
               "Ctrl+D",
               QT_TRANSLATE_NOOP("actions", "Copy the first selected row's values into the "
                                 "selected rows below it")),
    ActionSpec("add_row", QT_TRANSLATE_NOOP("actions", "&Add Row"), EDIT, "add_row",
               "Ctrl+Shift+=", separator_before=True),
    ActionSpec("delete_rows", QT_TRANSLATE_NOOP("actions", "&Delete Rows"), EDIT,
               "delete_rows", "Ctrl+-"),
    ActionSpec("find", QT_TRANSLATE_NOOP("actions", "&Find…"), EDIT, "focus_search",
               Key.Find),
    ActionSpec("next_problem", QT_TRANSLATE_NOOP("actions", "Next &Problem"), EDIT,
               "next_problem", "F8",
               QT_TRANSLATE_NOOP("actions", "Go to the next cell with a problem")),
)

# the Help menu, built after the View menu (so that it comes last in the menu bar)
HELP_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("guide", QT_TRANSLATE_NOOP("actions", "&Guide"), HELP, "show_guide",
               Key.HelpContents,
               QT_TRANSLATE_NOOP("actions", "The glossary and the definitions of every "
                                 "figure")),
    ActionSpec("about", QT_TRANSLATE_NOOP("actions", "&About Stockpile Planner"), HELP,
               "about"),
)


def menu_text(title: str) -> str:
    """A menu item's text for a title shown elsewhere as it is ("Products & BOM"): an "&"
    would otherwise underline the next letter and vanish."""
    return title.replace("&", "&&")


def build_actions(window: QObject, menubar: QMenuBar,
                  specs: tuple[ActionSpec, ...] = ACTIONS,
                  ) -> tuple[dict[str, QAction], dict[str, QMenu]]:
    """Create the actions, connect them to the window's methods, fill the menus. The menus
    are returned by their English titles ("&File"), whatever language they show."""
    menus: dict[str, QMenu] = {}
    actions: dict[str, QAction] = {}
    for spec in specs:
        menu = menus.get(spec.menu)
        if menu is None:
            menu = menus[spec.menu] = menubar.addMenu(
                QCoreApplication.translate("actions", spec.menu))
        if spec.separator_before:
            menu.addSeparator()
        action = QAction(QCoreApplication.translate("actions", spec.text), window)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip:
            tip = QCoreApplication.translate("actions", spec.tip)
            action.setStatusTip(tip)
            action.setToolTip(tip)
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
    one checked; picking one calls ``choose`` with its name (ui.common.theme.CHOICES).
    The labels are ui.common.theme.LABELS, marked there in the context "theme"."""
    menu = view.addMenu(QCoreApplication.translate("actions", "&Theme"))
    menu.setObjectName("menu_theme")
    group = QActionGroup(window)
    group.setExclusive(True)
    actions: dict[str, QAction] = {}
    for name in theme.CHOICES:
        action = QAction(QCoreApplication.translate("theme", theme.LABELS[name]), window)
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
