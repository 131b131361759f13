"""Typed errors of the engine.

Every problem in a user's input is a :class:`Problem` located as ``Sheet!A1`` so that a
buyer can find the cell in Excel. An import with any error raises :class:`InputError`
carrying all of them at once; nothing is half-loaded. Wherever problems are shown, those
of one kind are shown up to a few and then counted (:func:`summarised`): a sheet of two
million rows can give a warning on every row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, TypeAlias

from planner.core import formatting as fmt
from planner.core.i18n import _, ngettext

Severity = Literal["error", "warning"]
Kind: TypeAlias = tuple[str, str, str | None, str]  # Problem.alike
SHOWN_OF_A_KIND = 10  # problems shown of one kind before the rest are counted


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
    # what problems are alike (summarised); "": the message, its quoted values and
    # numbers aside. Set where one check words its message around an unquoted value.
    kind: str = ""

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    @property
    def alike(self) -> Kind:
        """Problems of one kind share this: severity, sheet, column and kind."""
        return (self.severity, self.sheet, self.column,
                self.kind or _VALUES.sub("#", self.message))

    def __str__(self) -> str:
        if self.severity == "error":
            return f"{self.where}: {self.message}"
        return _("warning: {where}: {message}").format(where=self.where, message=self.message)


# what a message quotes from a cell ("abc", shown by planner.inputs.cell_messages.shown) and the
# numbers it gives (rows, lengths, sums): the rest of the message tells its kind
_VALUES = re.compile(r'"[^"]*"|\d[\d,.]*')


def summarised(problems: Iterable[Problem], keep: int = SHOWN_OF_A_KIND) -> list[Problem]:
    """``problems`` in order, with at most ``keep`` of each kind (Problem.alike); where a
    kind has two or more besides, one line of that kind (no cell) counts them, in place of
    the first one left out: "and 1,999,995 more like these in column item_id".

    The count of problems is the length of ``problems``, not of this list.
    """
    shown: list[Problem] = []
    seen: dict[Kind, int] = {}
    first_left_out: dict[Kind, int] = {}  # its place in shown
    for problem in problems:
        key = problem.alike
        n = seen[key] = seen.get(key, 0) + 1
        if n <= keep:
            shown.append(problem)
        elif n == keep + 1:
            first_left_out[key] = len(shown)
            shown.append(problem)  # replaced once the count is known
    for key, at in first_left_out.items():
        problem, more = shown[at], seen[key] - keep
        if more == 1:  # the problem itself says more than a line counting it
            continue
        text = (_("and {count} more like these in column {column}") if problem.column
                else _("and {count} more like these"))
        shown[at] = Problem(problem.sheet,
                            text.format(count=fmt.count(more), column=problem.column),
                            severity=problem.severity, column=problem.column,
                            kind=problem.kind)
    return shown


class PlannerError(Exception):
    """Base class of every error the engine raises on purpose."""


class InputError(PlannerError):
    """The input has problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems)
        self.problems = problems

    def __str__(self) -> str:  # when asked for: the command line prints its own lines
        errors = sum(p.severity == "error" for p in self.problems)
        head = ngettext("{count} problem in the input:", "{count} problems in the input:",
                        errors).format(count=fmt.count(errors))
        return head + "\n" + "\n".join(map(str, summarised(self.problems)))


class FileRefused(PlannerError):
    """A file that cannot or must not be read (not a workbook, encrypted, too large...)."""


class ProjectFileError(PlannerError):
    """A project file that cannot be opened or saved."""


class Cancelled(PlannerError):
    """Long work stopped because the user cancelled it; nothing was written or changed."""
