"""One place that shows every error to the user, never a traceback."""

from __future__ import annotations

import logging
import traceback

from planner.core import formatting as fmt
from planner.core.errors import InputError, PlannerError, summarised
from ui.qt import QMessageBox, QWidget

log = logging.getLogger("stockpile")


def describe(exc: BaseException) -> tuple[str, str]:
    """A headline and details for an exception, in the user's terms. The problems of an
    InputError are listed as the command line and the import preview list them: of one
    kind, the first few and a line counting the others (errors.summarised)."""
    if isinstance(exc, InputError):
        errors = sum(p.severity == "error" for p in exc.problems)
        return (f"{fmt.count(errors, 'problem')} found; nothing was changed.",
                "\n".join(map(str, summarised(exc.problems))))
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
