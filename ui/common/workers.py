"""Background work off the UI thread (as superqt's workers and Anki's CollectionOp).

A :class:`Task` runs a plain function in the thread pool and reports through a signals
object living in the UI thread; it never touches a widget. Cancelling marks the task so
that its result is dropped when it arrives; the engine's functions poll nothing, so a
cancelled load simply finishes in the background and is thrown away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ui.qt import QObject, QRunnable, QThreadPool, Signal


class TaskSignals(QObject):
    done = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], title: str):
        super().__init__()
        self.fn, self.title = fn, title
        self.signals = TaskSignals()
        self.cancelled = False
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:
            if not self.cancelled:
                self.signals.failed.emit(exc)
            return
        if not self.cancelled:
            self.signals.done.emit(result)

    def cancel(self) -> None:
        self.cancelled = True


def run_in_background(fn: Callable[[], Any], title: str,
                      on_done: Callable[[Any], None],
                      on_failed: Callable[[BaseException], None]) -> Task:
    task = Task(fn, title)
    task.signals.done.connect(on_done)
    task.signals.failed.connect(on_failed)
    QThreadPool.globalInstance().start(task)
    return task
