"""One place that shows every error to the user, never a traceback."""

from __future__ import annotations

import logging
import traceback

from planner.core.errors import InputError, PlannerError
from ui.qt import QMessageBox, QWidget

log = logging.getLogger("stockpile")
MAX_LISTED = 25


def describe(exc: BaseException) -> tuple[str, str]:
    """A headline and details for an exception, in the user's terms."""
    if isinstance(exc, InputError):
        errors = [p for p in exc.problems if p.severity == "error"]
        lines = [str(p) for p in errors[:MAX_LISTED]]
        if len(errors) > MAX_LISTED:
            lines.append(f"… and {len(errors) - MAX_LISTED} more")
        n = len(errors)
        return (f"{n} problem{'s' if n != 1 else ''} found; nothing was changed.",
                "\n".join(lines))
    if isinstance(exc, PlannerError):
        return str(exc), ""
    if isinstance(exc, OSError):
        return f"{exc.filename or 'The file'}: {exc.strerror or exc}", ""
    log.error("unexpected error\n%s", "".join(traceback.format_exception(exc)))
    return (f"Something went wrong inside Stockpile Planner ({type(exc).__name__}: {exc}). "
            "Your data was not changed. Please report this.", "")


def show_error(parent: QWidget | None, exc: BaseException, title: str = "Stockpile Planner"
               ) -> None:
    headline, details = describe(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, title, headline, QMessageBox.StandardButton.Ok,
                      parent)
    if details:
        box.setInformativeText(details if details.count("\n") < 12 else "")
        if details.count("\n") >= 12:
            box.setDetailedText(details)
    box.exec()
