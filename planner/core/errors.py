"""Typed errors of the engine.

Every problem in a user's input is a :class:`Problem` located as ``Sheet!A1`` so that a
buyer can find the cell in Excel. An import with any error raises :class:`InputError`
carrying all of them at once; nothing is half-loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


def column_letter(index: int) -> str:
    """Excel column letters for a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True, slots=True)
class Problem:
    """One located message about the input."""

    sheet: str
    message: str
    cell: str = ""  # "C7", "A1" or "" for the sheet/file as a whole
    severity: Severity = "error"
    row: int | None = None  # 1-based sheet row, when the problem is in one row
    column: str | None = None  # canonical column name, when in one column

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{prefix}{self.where}: {self.message}"


class PlannerError(Exception):
    """Base class of every error the engine raises on purpose."""


class InputError(PlannerError):
    """The input has problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        head = f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in the input"
        super().__init__(head + ":\n" + "\n".join(str(p) for p in problems))


class FileRefused(PlannerError):
    """A file that cannot or must not be read (not a workbook, encrypted, too large...)."""


class ProjectFileError(PlannerError):
    """A project file that cannot be opened or saved."""


class Cancelled(PlannerError):
    """Long work stopped because the user cancelled it; nothing was written or changed."""
