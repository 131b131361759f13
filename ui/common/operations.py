"""The one way the window runs long work: off the UI thread, with progress and cancel.

Modelled on Anki's ``CollectionOp``/``QueryOp`` and superqt's workers::

    Operation(lambda progress: load(path), title="Opening")
        .success(self.show_project)
        .failure(lambda exc: show_error(self, exc, "Not opened"))
        .run(self, background=size > BACKGROUND_BYTES)

The function runs in Qt's thread pool (or at once, when ``background`` is false: small
work is not worth a thread, and the callbacks are the same either way). It receives a
:class:`Progress`, which it may call with (done, total) and which answers False once the
user has cancelled. Callbacks run in the UI thread; the function never touches a widget.
A failure without a failure callback is shown by ``ui.common.errors.show_error``;
a :class:`~planner.core.errors.Cancelled` is not a failure: the status bar says so.

The window that runs an operation (the nearest ancestor of ``parent`` with an
``operation_started`` method) shows its title, a progress bar and a Cancel button while it
runs; only one such operation runs at a time per window, unless ``exclusive=False``.

An operation belongs to its ``parent``: once the parent is destroyed (a closed window, a
replaced document), the operation is cancelled and its outcome is dropped, so that no
callback ever reaches an object that is gone.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from planner.core.errors import Cancelled
from ui.qt import QCoreApplication, QObject, QRunnable, QThreadPool, QWidget, Signal

T = TypeVar("T")

BACKGROUND_ROWS = 50_000  # projects with more rows than this are computed off the UI thread


class Host(Protocol):
    """What a window offers to the operations it runs (the status bar's progress)."""

    def operation_started(self, op: Operation[Any]) -> bool: ...
    def operation_progress(self, op: Operation[Any], done: int, total: int) -> None: ...
    def operation_finished(self, op: Operation[Any]) -> None: ...


class Progress:
    """Handed to the function: report progress, and learn whether to stop."""

    def __init__(self, signals: _Signals):
        self._signals = signals
        self._cancelled = threading.Event()

    def __call__(self, done: int = 0, total: int = 0) -> bool:
        """Report ``done`` of ``total``; False once cancelled (then stop soon)."""
        try:
            self._signals.progressed.emit(done, total)  # queued to the UI thread
        except RuntimeError:  # the application is closing: stop
            self._cancelled.set()
        return not self._cancelled.is_set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        """Raise Cancelled if the user cancelled."""
        if self._cancelled.is_set():
            raise Cancelled("cancelled")

    def cancel(self) -> None:
        self._cancelled.set()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Runner(QRunnable):
    def __init__(self, op: Operation[Any]):
        super().__init__()
        self.op = op
        self.setAutoDelete(True)

    def run(self) -> None:
        self.op._execute()


def _find_host(widget: QObject | None) -> Host | None:
    while widget is not None:
        if hasattr(widget, "operation_started"):
            return widget  # type: ignore[return-value]
        widget = widget.parent()
    return None


class Operation(Generic[T]):
    """A function to run off the UI thread, and what to do with its outcome."""

    running: ClassVar[set[Operation[Any]]] = set()  # kept alive until they report back

    def __init__(self, fn: Callable[[Progress], T], title: str = "", *,
                 exclusive: bool = True):
        self.fn, self.title, self.exclusive = fn, title, exclusive
        self._signals = _Signals()
        self.progress = Progress(self._signals)
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_finally: Callable[[], None] | None = None
        self._on_progress: Callable[[int, int], None] | None = None
        self._on_cancel: Callable[[], None] | None = None
        self._parent: QObject | None = None
        self._host: Host | None = None
        self.finished = False
        self.orphaned = False  # its parent was destroyed: nobody to report to
        self._watched: QObject | None = None  # the parent whose destruction it watches

    # --- building ----------------------------------------------------------------------
    def success(self, fn: Callable[[T], None]) -> Operation[T]:
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> Operation[T]:
        self._on_failure = fn
        return self

    def finally_(self, fn: Callable[[], None]) -> Operation[T]:
        """Called after success, failure or cancellation."""
        self._on_finally = fn
        return self

    def cancelled_(self, fn: Callable[[], None]) -> Operation[T]:
        """Called instead of success or failure once the user cancelled."""
        self._on_cancel = fn
        return self

    def on_progress(self, fn: Callable[[int, int], None]) -> Operation[T]:
        self._on_progress = fn
        return self

    # --- running -----------------------------------------------------------------------
    def run(self, parent: QObject | None = None, background: bool = True) -> Operation[T]:
        """Start; ``background=False`` runs it now, on this thread, with the same callbacks.

        ``parent`` owns the operation: destroying it cancels the operation and drops its
        outcome."""
        self._parent = parent
        self._signals.done.connect(self._succeeded)
        self._signals.failed.connect(self._failed)
        self._signals.progressed.connect(self._progressed)
        if not background:
            self._execute()
            return self
        self._host = _find_host(parent) if self.title else None
        if self._host is not None and not self._host.operation_started(self):
            self._host = None
            self.finished = True
            return self  # the window is busy with another operation and said so
        Operation.running.add(self)
        if parent is not None:
            parent.destroyed.connect(self._orphan)
            self._watched = parent
        QThreadPool.globalInstance().start(_Runner(self))
        return self

    def _orphan(self) -> None:
        """The parent is gone: stop, and report to no one (UI thread)."""
        self.orphaned = True
        self.cancel()
        self._host = None

    def cancel(self) -> None:
        """Ask the function to stop; its result, if it still arrives, is dropped."""
        self.progress.cancel()

    @property
    def cancelled(self) -> bool:
        return self.progress.cancelled

    def _execute(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as exc:
            self._emit(self._signals.failed, exc)
            return
        self._emit(self._signals.done, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        with contextlib.suppress(RuntimeError):  # the application is closing: nobody to tell
            signal.emit(value)

    # --- reporting back (UI thread) ------------------------------------------------------
    def _finish(self) -> None:
        self.finished = True
        Operation.running.discard(self)
        if self.orphaned:
            return
        if self._watched is not None:
            with contextlib.suppress(RuntimeError):  # the parent is being destroyed
                self._watched.destroyed.disconnect(self._orphan)
            self._watched = None
        if self._host is not None:
            self._host.operation_finished(self)
        if self._on_finally is not None:
            self._on_finally()

    def _succeeded(self, result: T) -> None:
        self._finish()
        if self.orphaned:
            return
        if self.cancelled:
            self._report_cancelled()
        elif self._on_success is not None:
            self._on_success(result)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if self.orphaned:
            return
        if isinstance(exc, Cancelled) or self.cancelled:
            self._report_cancelled()
        elif self._on_failure is not None:
            self._on_failure(exc)
        else:
            from ui.common.errors import show_error

            show_error(self._parent if isinstance(self._parent, QWidget) else None, exc,
                       QCoreApplication.translate("Operation", "{title} failed").format(
                           title=self.title) if self.title else "Stockpile Planner")

    def _report_cancelled(self) -> None:
        if self._on_cancel is not None:
            self._on_cancel()
        elif self._host is not None and hasattr(self._host, "show_message"):
            self._host.show_message(QCoreApplication.translate("Operation", "Cancelled"))

    def _progressed(self, done: int, total: int) -> None:
        if self.orphaned:
            return
        if self._host is not None:
            self._host.operation_progress(self, done, total)
        if self._on_progress is not None:
            self._on_progress(done, total)


__all__ = ["BACKGROUND_ROWS", "Host", "Operation", "Progress"]
