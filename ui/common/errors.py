"""One place that shows every error to the user, never a traceback.

Its own sentences are translated through Qt (context "errors"); an engine error's message,
and the count of problems the command line prints too, come in the user's language from
the engine (gettext, planner.core.i18n)."""

from __future__ import annotations

import logging
import traceback

from planner.core import formatting as fmt
from planner.core.errors import InputError, PlannerError, summarised
from planner.core.i18n import ngettext
from ui.qt import QCoreApplication, QMessageBox, QWidget

log = logging.getLogger("stockpile")


def describe(exc: BaseException) -> tuple[str, str]:
    """A headline and details for an exception, in the user's terms. The problems of an
    InputError are listed as the command line and the import preview list them: of one
    kind, the first few and a line counting the others (errors.summarised)."""
    if isinstance(exc, InputError):
        errors = sum(p.severity == "error" for p in exc.problems)
        # the command line's sentence (planner.cli), translated once, by the engine
        return (ngettext("{count} problem found; nothing was changed.",
                         "{count} problems found; nothing was changed.", errors
                         ).format(count=fmt.count(errors)),
                "\n".join(map(str, summarised(exc.problems))))
    if isinstance(exc, PlannerError):
        return str(exc), ""
    if isinstance(exc, OSError):
        name = exc.filename or QCoreApplication.translate("errors", "The file")
        return QCoreApplication.translate("errors", "{file}: {reason}").format(
            file=name, reason=exc.strerror or exc), ""
    log.error("unexpected error\n%s", "".join(traceback.format_exception(exc)))
    return (QCoreApplication.translate(
        "errors", "Something went wrong inside Stockpile Planner ({error}). Your data was not "
        "changed. Please report this.").format(error=f"{type(exc).__name__}: {exc}"), "")


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
