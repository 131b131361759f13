"""Garbage with cycles is collected in the UI thread only, by the application's timer."""

from __future__ import annotations

import gc
import threading
import weakref

from ui.common.collector import GarbageCollector
from ui.qt import QObject


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_cycles_made_in_a_worker_are_freed_by_the_ui_thread(qtbot: object) -> None:
    owner = QObject()
    collector = GarbageCollector(owner, interval=20)
    try:
        assert not gc.isenabled()  # no collection in whatever thread allocates
        refs: list[weakref.ref[_Node]] = []
        freed_in: list[str] = []

        def work() -> None:
            for _ in range(5_000):  # well past the first generation's threshold
                node = _Node()
                weakref.finalize(node, lambda: freed_in.append(
                    threading.current_thread().name))
                refs.append(weakref.ref(node))

        worker = threading.Thread(target=work, name="worker")
        worker.start()
        worker.join()
        assert not freed_in  # nothing collected in the worker
        qtbot.waitUntil(lambda: all(r() is None for r in refs),  # type: ignore[attr-defined]
                        timeout=5_000)
        assert set(freed_in) == {threading.main_thread().name}
    finally:
        owner.deleteLater()
        qtbot.waitUntil(gc.isenabled)  # type: ignore[attr-defined]
        gc.disable()  # the session's own collector (tests/ui/conftest.py) goes on
    assert collector is not None
