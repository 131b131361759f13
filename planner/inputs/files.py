"""Opening and writing any of the three forms a project takes.

A FILE on the command line or in the window is a template workbook (.xlsx), a folder of
CSV files, or a project file (.stockpile, SQLite). These functions pick the right
reader or writer by looking at the file, not only at its name.
"""

from __future__ import annotations

from pathlib import Path

from planner.core.errors import InputError
from planner.inputs import storage
from planner.inputs.project import Project
from planner.inputs.reading import read_book
from planner.inputs.template import write_csv_folder, write_workbook
from planner.inputs.validation import build_project, check_cells, check_project


def load(path: Path | str, strict: bool = True) -> Project:
    """The project in ``path``.

    A workbook or CSV folder with errors raises InputError listing them all. A project
    file is read as saved, and refused with InputError if it holds values the program
    cannot use (edited or damaged outside it); with ``strict`` its blank required cells and
    cross-sheet problems raise InputError too, otherwise they come back as
    ``project.warnings`` for the window to mark.
    """
    path = Path(path)
    is_project = path.is_file() and storage.is_project_file(path)
    if is_project or path.suffix.lower() == storage.SUFFIX:
        # a .stockpile that is not SQLite gets the project file's message, not the workbook's
        project = storage.load(path)
        unusable, blanks = check_cells(project)
        if unusable:  # edited or damaged outside the program: refused even when not strict
            raise InputError(unusable + blanks)
        problems = blanks + check_project(project)
        if strict and any(p.severity == "error" for p in problems):
            raise InputError(problems)
        project.warnings = problems
        return project
    return build_project(read_book(path))


def export(project: Project, path: Path | str) -> None:
    """Write ``project`` as a project file, a template workbook or a CSV folder.

    The form follows the name: ``.stockpile`` a project file, ``.xlsx`` a workbook,
    anything else a folder of CSV files.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == storage.SUFFIX:
        storage.save(project, path)
    elif suffix == ".xlsx":
        write_workbook(project, path)
    else:
        write_csv_folder(project, path)
