"""Python's cyclic garbage collector, run in the UI thread only.

Left to itself, the collector runs in whichever thread happens to allocate past its
threshold: often a worker computing figures. A Qt object freed there (a widget or a timer in
a reference cycle) is destroyed outside the thread that owns it, which Qt answers with
"Timers cannot be stopped from another thread" or a crash. So the application turns
automatic collection off and collects from a timer in the UI thread, generation by
generation as the automatic collector would (the recipe desktop programs on PyQt have long
used). Objects without cycles are still freed at once by reference counting.
"""

from __future__ import annotations

import gc

from ui.qt import QObject, QTimer

INTERVAL_MS = 500


class GarbageCollector(QObject):
    """Collect in the UI thread every ``interval`` ms, each generation when its count has
    passed the threshold the automatic collector would have used."""

    def __init__(self, parent: QObject, interval: int = INTERVAL_MS):
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self.destroyed.connect(gc.enable)

    def check(self) -> None:
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2]:
                    gc.collect(2)
