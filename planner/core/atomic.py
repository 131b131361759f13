"""The one way the program writes a file: a temporary file beside it, flushed, renamed.

A crash, a full disk or a cancelled export at any moment leaves the old file or the new
one, never a half-written mixture. Every writer (project files, template workbooks, CSV
folders, plan workbooks, the PDF summary, recovery notes) goes through here, and every
failure is one error type, :class:`~planner.core.errors.ProjectFileError`, whose message
names the file and says why in a buyer's words.

A folder (of CSV files) is written the same way as a whole: a complete new folder beside
it, swapped in (:func:`replace_folder_atomic`). The temporary files and folders of a
killed write are removed by the next write of the same name.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from planner.core.errors import ProjectFileError
from planner.core.i18n import N_, _

TMP_SUFFIX = ".tmp"
OLD_SUFFIX = ".old"  # a folder set aside while its replacement is renamed in: .NAME.PID.old
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
        return _("the disk is full")
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text or (
            "read-only" in text):
        return _("the folder or file is read-only")
    if code == errno.ENOENT or not path.parent.is_dir():
        return _("the folder does not exist")
    if "unable to open" in text:  # SQLite's words for a folder it cannot create files in
        return _("a file cannot be created in the folder (is it read-only?)")
    return str(exc) if full else (getattr(exc, "strerror", None) or str(exc))


# "could not VERB NAME: REASON" as whole sentences, one per verb (word order differs in
# Japanese); with the note that a failed save left the file on disk as it was
_FAILED = {
    ("write", False): N_("could not write {name}: {reason}"),
    ("save", False): N_("could not save {name}: {reason}"),
    ("write", True): N_("could not write {name}: {reason}; the file on disk was not changed"),
    ("save", True): N_("could not save {name}: {reason}; the file on disk was not changed"),
}


def failure(verb: str, name: str, reason: str, unchanged_note: bool = False) -> str:
    """The message of a write that failed: "could not save NAME: the disk is full"."""
    text = _FAILED.get((verb, unchanged_note))
    if text is None:  # a verb of a caller outside the program: English as before
        note = "; the file on disk was not changed" if unchanged_note else ""
        return f"could not {verb} {name}: {reason}{note}"
    return _(text).format(name=name, reason=reason)


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
    for folder in {path.parent for _tmp, path, _write in pairs}:  # what killed writes left
        names = {path.name for _tmp, path, _write in pairs if path.parent == folder}
        _remove_stale(folder, names, (tmp_suffix,))

    def failed(exc: BaseException) -> ProjectFileError:
        for tmp, _path, _write in pairs:
            with contextlib.suppress(OSError):
                tmp.unlink()
        return ProjectFileError(failure(verb, current.name, why(current, exc, full_reason),
                                        unchanged_note))

    with _cleaned_up([tmp for tmp, _path, _write in pairs]):
        try:
            for tmp, path, write in pairs:
                current = path
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()
                write(tmp)
                fsync_file(tmp)
            for tmp, path, _write in pairs:
                current = path
                os.replace(tmp, path)
            for folder in {path.parent for _tmp, path, _write in pairs}:
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
                             suffix: str | tuple[str, ...] = TMP_SUFFIX) -> None:
    """Delete in ``folder`` the temporary files ``.NAME.PID<suffix>`` (of target NAME, or
    of any) of writes whose process was killed: process PID no longer exists. A live one,
    another user's or our own stays. A temporary folder goes with what it holds.

    Only on POSIX, where ``os.kill(pid, 0)`` merely asks whether a process exists.
    """
    _remove_stale(folder, None if name is None else {name},
                  (suffix,) if isinstance(suffix, str) else suffix)


def _stale(folder: Path, names: set[str] | None, suffixes: Sequence[str]
           ) -> Iterator[tuple[Path, str]]:
    """(path, target name) of each ``.NAME.PID<suffix>`` in ``folder`` whose process is
    gone."""
    if os.name != "posix":
        return
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return
    for tmp in entries:
        suffix = next((s for s in suffixes if tmp.name.endswith(s)), None)
        if suffix is None:
            continue
        stem, _dot, pid = tmp.name.removesuffix(suffix).rpartition(".")
        if not (stem.startswith(".") and pid.isdigit() and int(pid) != os.getpid()
                and (names is None or stem[1:] in names)):
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            yield tmp, stem[1:]
        except (OSError, OverflowError):  # exists but not ours, or no pid at all
            pass


def _remove_stale(folder: Path, names: set[str] | None, suffixes: Sequence[str]) -> None:
    for tmp, _target in _stale(folder, names, suffixes):
        _remove(tmp)


def _remove(path: Path) -> None:
    """Delete a file, or a folder with all it holds (a link: the link only)."""
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


# --- folders --------------------------------------------------------------------------------

def replace_folder_atomic(folder: Path, fill: Callable[[Path], object], *,
                          verb: str = "write", carry: Sequence[str] = ()) -> None:
    """Call ``fill(new)`` to fill a new folder beside ``folder``, then swap it in.

    A reader of ``folder`` sees the old folder or the new one, complete, never a mixture:
    on Linux the two are exchanged in one step (``renameat2``); elsewhere the old one is
    renamed aside (``.NAME.PID.old``) and the new one into place, and a write killed
    between the two renames is undone by the next (:func:`recover_folder`). ``carry``
    names files of the old folder to copy into the new one. A failure raises
    ProjectFileError ("could not write NAME: the disk is full") and leaves the old folder
    as it was.
    """
    folder = Path(folder)
    recover_folder(folder)
    new, old = temporary_name(folder), temporary_name(folder, OLD_SUFFIX)
    _remove(new)  # our own, of a failed write earlier in this process
    _remove(old)
    try:
        new.mkdir()
    except OSError as exc:
        raise ProjectFileError(failure(verb, folder.name, why(folder, exc))) from None
    try:
        for name in carry:
            shutil.copy2(folder / name, new / name)
        fill(new)
        with contextlib.suppress(OSError):  # the old folder's permissions, where it has them
            os.chmod(new, stat.S_IMODE(folder.stat().st_mode))
        fsync_folder(new)
        previous = _swap(new, folder, old)
    except BaseException as exc:
        _remove(new)
        if isinstance(exc, OSError):
            raise ProjectFileError(failure(verb, folder.name, why(folder, exc))
                                   ) from None
        raise
    with contextlib.suppress(OSError):
        fsync_folder(folder.parent)
    if previous is not None:
        _remove(previous)  # killed before this: recover_folder removes it as stale


def _swap(new: Path, folder: Path, old: Path) -> Path | None:
    """Put ``new`` in place of ``folder``; returns where the previous folder now is."""
    if not os.path.lexists(folder):
        os.rename(new, folder)
        return None
    if exchange(new, folder):
        return new
    os.rename(folder, old)
    try:
        os.rename(new, folder)
    except OSError:
        with contextlib.suppress(OSError):
            os.rename(old, folder)
        raise
    return old


AT_FDCWD, RENAME_EXCHANGE = -100, 2  # from Linux's <fcntl.h> and <linux/fs.h>
_renameat2: list[Callable[..., int] | None] = []


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False
    where the system or the file system cannot, and nothing was changed."""
    if not _renameat2:
        function: Callable[..., int] | None = None
        if sys.platform.startswith("linux"):
            with contextlib.suppress(OSError, AttributeError):
                function = ctypes.CDLL(None, use_errno=True).renameat2
                function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int,
                                     ctypes.c_char_p, ctypes.c_uint]
                function.restype = ctypes.c_int
        _renameat2.append(function)
    renameat2 = _renameat2[0]
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False  # a kernel or file system without it (FAT, some network shares)
    raise OSError(code, os.strerror(code), str(b))


def recover_folder(folder: Path) -> None:
    """Undo what a folder write killed half-way left beside ``folder``.

    A set-aside ``.NAME.PID.old`` of a dead process goes back into place when ``folder`` is
    missing (the write died between its two renames); otherwise, like every temporary
    ``.NAME.PID.tmp`` of a dead process, it is removed. POSIX only, as
    :func:`remove_stale_temporaries`.
    """
    folder = Path(folder)
    aside = [path for path, _target in _stale(folder.parent, {folder.name}, (OLD_SUFFIX,))]
    if aside and not os.path.lexists(folder):
        latest = max(aside, key=lambda p: p.stat().st_mtime if p.exists() else 0.0)
        with contextlib.suppress(OSError):
            os.rename(latest, folder)
    _remove_stale(folder.parent, {folder.name}, (TMP_SUFFIX, OLD_SUFFIX))


__all__ = ["exchange", "recover_folder", "remove_stale_temporaries", "replace_folder_atomic",
           "temporary_name", "why", "write_all_atomic", "write_atomic", "write_text_atomic"]
