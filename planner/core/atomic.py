"""The one way the program writes a file: a temporary file beside it, flushed, renamed.

A crash, a full disk or a cancelled export at any moment leaves the old file or the new
one, never a half-written mixture. Every writer (project files, template workbooks, CSV
folders, plan workbooks, the PDF summary, recovery notes) goes through here, and every
failure is one error type, :class:`~planner.core.errors.ProjectFileError`, whose message
names the file and says why in a buyer's words.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from planner.core.errors import ProjectFileError

TMP_SUFFIX = ".tmp"
WRITER_ERRORS = ("sqlite3", "zipfile", "xlsxwriter.exceptions")


def temporary_name(path: Path, suffix: str = TMP_SUFFIX) -> Path:
    """``.NAME.PID<suffix>`` beside ``path``: hidden, and owned by this process."""
    return path.with_name(f".{path.name}.{os.getpid()}{suffix}")


def why(path: Path, exc: BaseException, full: bool = False) -> str:
    """What went wrong with writing ``path``, in words (``full``: with the error number
    when it is none of the usual causes)."""
    code = getattr(exc, "errno", None)
    text = str(exc).lower()
    if code == errno.ENOSPC or "disk is full" in text or "database or disk is full" in text:
        return "the disk is full"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text or (
            "read-only" in text):
        return "the folder or file is read-only"
    if code == errno.ENOENT or not path.parent.is_dir():
        return "the folder does not exist"
    if "unable to open" in text:  # SQLite's words for a folder it cannot create files in
        return "a file cannot be created in the folder (is it read-only?)"
    return str(exc) if full else (getattr(exc, "strerror", None) or str(exc))


def fsync_file(path: Path) -> None:
    with path.open("rb+") as f:
        os.fsync(f.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; elsewhere the rename is enough)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _cleaned_up(temporaries: Sequence[Path]) -> Iterator[None]:
    try:
        yield
    except BaseException:  # a bug, MemoryError, Ctrl+C: still leave no half-written file
        for tmp in temporaries:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise


def write_atomic(path: Path, write: Callable[[Path], object], *, verb: str = "write",
                 tmp_suffix: str = TMP_SUFFIX, unchanged_note: bool = False,
                 full_reason: bool = False) -> None:
    """Call ``write(tmp)`` to fill a temporary file, then put it in place of ``path``.

    Raises ProjectFileError ("could not write NAME: the disk is full") and leaves the old
    file as it was; ``unchanged_note`` adds "; the file on disk was not changed".
    """
    write_all_atomic([(Path(path), write)], verb=verb, tmp_suffix=tmp_suffix,
                     unchanged_note=unchanged_note, full_reason=full_reason)


def write_all_atomic(targets: Sequence[tuple[Path, Callable[[Path], object]]], *,
                     verb: str = "write", tmp_suffix: str = TMP_SUFFIX,
                     unchanged_note: bool = False, full_reason: bool = False) -> None:
    """Several files at once: all are written before any is renamed into place.

    A failure half-way (a full disk on the fifth of eight CSV files) leaves every target
    as it was, not a mixture of old and new.
    """
    pairs = [(temporary_name(Path(p), tmp_suffix), Path(p), w) for p, w in targets]
    current = pairs[0][1] if pairs else Path()

    def failed(exc: BaseException) -> ProjectFileError:
        for tmp, _, _ in pairs:
            with contextlib.suppress(OSError):
                tmp.unlink()
        note = "; the file on disk was not changed" if unchanged_note else ""
        return ProjectFileError(
            f"could not {verb} {current.name}: {why(current, exc, full_reason)}{note}")

    with _cleaned_up([tmp for tmp, _, _ in pairs]):
        try:
            for tmp, path, write in pairs:
                current = path
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()
                write(tmp)
                fsync_file(tmp)
            for tmp, path, _ in pairs:
                current = path
                os.replace(tmp, path)
            for folder in {path.parent for _, path, _ in pairs}:
                fsync_folder(folder)
        except ProjectFileError:
            failed(OSError())
            raise
        except OSError as exc:
            raise failed(exc) from None
        except Exception as exc:
            # the writers' own errors (sqlite3, zipfile, XlsxWriter) for a disk that fails
            if exc.__class__.__module__ not in WRITER_ERRORS:
                raise
            raise failed(exc) from None


def write_text_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding=encoding))


def remove_stale_temporaries(folder: Path, name: str | None = None,
                             suffix: str = TMP_SUFFIX) -> None:
    """Delete in ``folder`` the temporary files ``.NAME.PID<suffix>`` (of target NAME, or
    of any) of writes whose process was killed: process PID no longer exists. A live one,
    another user's or our own stays.

    Only on POSIX, where ``os.kill(pid, 0)`` merely asks whether a process exists.
    """
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        for tmp in Path(folder).iterdir():
            stem, _, pid = tmp.name.removesuffix(suffix).rpartition(".")
            if not (tmp.name.endswith(suffix) and stem.startswith(".") and pid.isdigit()
                    and (name is None or stem == f".{name}") and int(pid) != os.getpid()):
                continue
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                with contextlib.suppress(OSError):
                    tmp.unlink()
            except (OSError, OverflowError):  # exists but not ours, or no pid at all
                pass


__all__ = ["remove_stale_temporaries", "temporary_name", "why", "write_all_atomic",
           "write_atomic", "write_text_atomic"]
