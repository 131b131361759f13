"""`stockpile-planner [FILE]`: start the desktop application."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)


def create_application(argv: Sequence[str]) -> object:
    import pyqtgraph as pg

    from ui.qt import QApplication, QIcon

    app = QApplication.instance() or QApplication(list(argv))
    app.setOrganizationName("Stockpile Planner")
    app.setApplicationName("Stockpile Planner")
    app.setApplicationDisplayName("Stockpile Planner")
    app.setWindowIcon(QIcon(str(resource("icons", "app.svg"))))
    style = resource("style.qss")
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    pg.setConfigOptions(antialias=True, background="w", foreground="#37474f")
    return app


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = create_application(argv)
    from ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    files = [a for a in argv[1:] if not a.startswith("-")]
    if files:
        window.open_path(Path(files[0]))
    else:
        window.offer_recovery()
    return app.exec()  # type: ignore[attr-defined]


if __name__ == "__main__":
    sys.exit(main())
