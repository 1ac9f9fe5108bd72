"""The per-frame bridge: drains the SignalStore's changes once per frame into the domain stores.

Sources may write thousands of values a second from their own threads; views should see at most
one batch per frame (a 60 Hz display), with one notify per domain store per batch.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from PySide6.QtCore import QObject, Qt, QTimer

from cockpit.vehicle.store import SignalStore

from .domain import DomainStore

FRAME_MS = 16  # one 60 Hz frame
SWEEP_S = 0.1  # staleness and actuator timeouts are checked ten times a second


class FrameBridge(QObject):
    def __init__(self, signals: SignalStore, stores: Iterable[DomainStore], parent: QObject | None = None):
        super().__init__(parent)
        self._signals = signals
        self._stores = list(stores)
        self._feed = signals.changes()
        self._last_sweep = 0.0
        self.batches = 0  # batches delivered, for benchmarks and tests
        self._timer = QTimer(self, interval=FRAME_MS, timeout=self.flush)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)

    def start(self) -> None:
        self.flush()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._feed.close()

    def flush(self) -> None:
        """Deliver everything changed since the last flush as one batch."""
        now = time.monotonic()
        if now - self._last_sweep >= SWEEP_S:
            self._last_sweep = now
            self._signals.sweep()
        batch = self._feed.drain()
        if not batch:
            return
        self.batches += 1
        for store in self._stores:
            store.apply(batch)
