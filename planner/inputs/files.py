"""Opening and writing any of the forms a project takes.

A FILE on the command line or in the window is a template workbook (.xlsx), a folder of
CSV files, or a project file (.stockpile, SQLite). These functions pick the right
reader or writer by looking at the file, not only at its name. Wherever a file goes, a
team's server address goes too (``postgresql://host/database?project=NAME``, given as
text: a Path would fold its ``//``); :mod:`planner.inputs.team` reads and writes it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from planner.core.errors import FileRefused, InputError
from planner.core.i18n import _
from planner.inputs import storage, team
from planner.inputs.project import Project
from planner.inputs.reading import read_book
from planner.inputs.schema import SHEETS
from planner.inputs.template import (
    DEFAULT_CSV_ENCODING,
    recover_csv_folder,
    write_csv_folder,
    write_workbook,
)
from planner.inputs.validation import build_project, check_cells, check_project


def load(path: Path | str, strict: bool = True, ask: team.Ask | None = None) -> Project:
    """The project in ``path``, or at a server address.

    A workbook or CSV folder with errors raises InputError listing them all. A project
    file, or a project on a server, is read as saved, and refused with InputError if it
    holds values the program cannot use (edited or damaged outside it); with ``strict`` its
    blank required cells and cross-sheet problems raise InputError too, otherwise they come
    back as ``project.warnings`` for the window to mark. ``ask`` asks for a server's
    password when libpq and the keyring have none (planner.inputs.team.connect).
    """
    if team.is_address(path):
        return checked(team.load(str(path), ask=ask), strict)
    path = Path(path)
    if path.is_dir() or not path.exists():
        # a CSV folder whose export was killed between its renames is put back first
        recover_csv_folder(path)
    check_readable(path)
    is_project = path.is_file() and storage.is_project_file(path)
    if is_project or path.suffix.lower() == storage.SUFFIX:
        # a .stockpile that is not SQLite gets the project file's message, not the workbook's
        return checked(storage.load(path), strict)
    return build_project(read_book(path))


def checked(project: Project, strict: bool = True) -> Project:
    """A project read as saved (a project file, a server's project), checked as
    :func:`load` says: its problems raised, or kept as ``project.warnings``."""
    unusable, blanks = check_cells(project)
    if unusable:  # edited or damaged outside the program: refused even when not strict
        raise InputError(unusable + blanks)
    problems = blanks + check_project(project)
    if strict and any(p.severity == "error" for p in problems):
        raise InputError(problems)
    project.warnings = problems
    return project


def check_readable(path: Path) -> None:
    """Refuse, before anything is read, what no reader can use: a FIFO, a device or a
    socket (reading /dev/zero or a pipe never ends), and a file or folder this user may
    not read. For a CSV folder the same holds for each of its CSV files.

    A path that does not exist is left to the readers, which say so in their own words.
    """
    if not _is_folder(path, path.name):
        return
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as exc:
        raise _unreadable(path.name, exc) from None
    for entry in entries:
        if entry.name.lower().endswith(".csv"):  # the files the CSV reader reads
            _is_folder(Path(entry.path), f"{path.name}/{entry.name}")


def _is_folder(path: Path, shown: str) -> bool:
    """True for a folder; False for a readable regular file or nothing at all;
    FileRefused for anything else."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise _unreadable(shown, exc) from None
    if stat.S_ISDIR(mode):
        return True
    if not stat.S_ISREG(mode):
        raise FileRefused(_("{name} is not a regular file or folder").format(name=shown))
    try:  # opening a regular file reads nothing; it tells whether it may be read
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise _unreadable(shown, exc) from None
    os.close(fd)
    return False


def _unreadable(shown: str, exc: OSError) -> FileRefused:
    reason = (_("permission denied") if exc.errno in (errno.EACCES, errno.EPERM)
              else exc.strerror or str(exc))
    return FileRefused(_("cannot read {name}: {reason}").format(name=shown, reason=reason))


def export_targets(path: Path | str) -> list[Path]:
    """What :func:`export` writes to for ``path``: the file, or the folder and its CSV
    files (to refuse an output that is the input under another name); no file for a
    server address."""
    if team.is_address(path):
        return []
    path = Path(path)
    if path.suffix.lower() in (storage.SUFFIX, ".xlsx"):
        return [path]
    return [path, *(path / f"{spec.name}.csv" for spec in SHEETS)]


def input_paths(path: Path | str) -> list[Path]:
    """What :func:`load` reads for ``path``: the file, or the folder and its CSV files; no
    file for a server address."""
    if team.is_address(path):
        return []
    path = Path(path)
    found = [path]
    with contextlib.suppress(OSError):  # load says why a folder cannot be read
        if path.is_dir():
            found += [p for p in path.iterdir() if p.suffix.lower() == ".csv"]
    return found


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are one file: the same device and inode when both exist
    (through symbolic or hard links, or another case of the name), else the same path
    once symbolic links are resolved."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def overwrites(outputs: Iterable[Path], source: Path | str) -> bool:
    """Whether writing ``outputs`` would replace ``source`` or a file it is read from."""
    inputs = input_paths(source)
    return any(same_file(out, i) for out in outputs for i in inputs)


def export(project: Project, path: Path | str, encoding: str = DEFAULT_CSV_ENCODING,
           replace: bool = False, ask: team.Ask | None = None) -> None:
    """Write ``project`` as a project file, a template workbook or a CSV folder, or put it
    on a server.

    The form follows the name: ``.stockpile`` a project file, ``.xlsx`` a workbook,
    a server address (``postgresql://...?project=NAME``) the server, anything else a
    folder of CSV files, in ``encoding`` ("utf-8-sig": UTF-8 with a byte order mark, as
    Excel reads it; "cp932": Shift_JIS as Japanese Windows writes it). A server keeps an
    existing project of that name unless ``replace``; ``ask`` asks for its password.
    """
    if team.is_address(path):
        team.save(project, str(path), replace=replace, ask=ask)
        return
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == storage.SUFFIX:
        storage.save(project, path)
    elif suffix == ".xlsx":
        write_workbook(project, path)
    else:
        write_csv_folder(project, path, encoding)
