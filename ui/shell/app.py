"""`stockpile-planner [FILE]`: start the desktop application."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from planner.core.resources import resource_path


def create_application(argv: Sequence[str]) -> object:
    """The QApplication, in the language asked for (``--lang``), else the preference's."""
    import pyqtgraph as pg

    from ui.common import language as languages
    from ui.common import theme
    from ui.common.collector import GarbageCollector
    from ui.qt import QApplication, QIcon
    from ui.shell.preferences import Preferences

    app = QApplication.instance() or QApplication(list(argv))
    app.setOrganizationName("Stockpile Planner")
    app.setApplicationName("Stockpile Planner")
    app.setApplicationDisplayName("Stockpile Planner")
    app.setWindowIcon(QIcon(str(resource_path("icons", "app.svg"))))
    if app.findChild(GarbageCollector) is None:  # cycles are freed in the UI thread only
        GarbageCollector(app)
    prefs = Preferences()
    language, _files = _language_option(argv[1:])
    languages.install(app, languages.chosen(language or prefs.language))
    scheme = theme.apply(prefs.theme, app)  # style, palette and style sheet
    pg.setConfigOptions(antialias=True, background=scheme.base, foreground=scheme.text)
    return app


def _language_option(args: Sequence[str]) -> tuple[str | None, list[str]]:
    """``--lang ja`` or ``--lang=ja`` taken out of the arguments (the rest are files)."""
    language, rest = None, []
    items = iter(args)
    for arg in items:
        if arg == "--lang":
            language = next(items, None)
        elif arg.startswith("--lang="):
            language = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return language, rest


SMALL_FILE = 5 * 2**20  # opened before the window shows; larger ones in the background


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # The engine's libraries first: once PySide6 is loaded it inspects the source of every
    # module imported after it, which costs half a second over pandas and scipy.
    import planner
    from planner.inputs.team import is_address

    given = [a for a in _language_option(argv[1:])[1] if not a.startswith("-")]
    address = next((a for a in given if is_address(a)), None)  # a team's project
    files = [Path(a) for a in given if not is_address(a)]
    app = create_application(argv)
    from ui.editing.document import Document
    from ui.shell.main_window import MainWindow

    doc = None
    if files and files[0].is_file() and files[0].stat().st_size <= SMALL_FILE:
        try:  # a small file: open it now, so the window appears with it
            doc = Document(planner.load(files[0], strict=False), files[0])
        except planner.PlannerError:
            doc = None  # opened again below, where its problems are shown
    window = MainWindow(doc)
    window.show()
    if address is not None:
        window.files.open_path(address)  # the server dialog, on that address
    elif files and doc is None:
        window.files.open_path(files[0])
    elif doc is not None:
        window.prefs.add_recent(files[0])
        window.update_recent_menu()
    elif not window.files.offer_recovery():
        window.show_start_page()  # no project: ways to get started
    return app.exec()  # type: ignore[attr-defined]


if __name__ == "__main__":
    sys.exit(main())
