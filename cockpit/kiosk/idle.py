"""A visitor's input: the first touch hands them the cockpit; a quiet spell gives it back to the tour.

``IdleMonitor`` is an application event filter: presses, touches, keys and wheel turns count as
input (a hovering mouse does not: a bumped mouse is not a visitor). It only records and signals;
the kiosk decides what input means (pause the tour, postpone the reset).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal

T = QEvent.Type
INPUT_EVENTS = frozenset({T.MouseButtonPress, T.MouseButtonDblClick, T.TouchBegin, T.TouchUpdate, T.KeyPress,
                          T.Wheel, T.TabletPress, T.NativeGesture})
_SIGNAL_EVERY_S = 0.25  # one event reaches the window and then items: signal once per burst


class IdleMonitor(QObject):
    input = Signal()  # a visitor did something (at most every quarter second)

    def __init__(self, clock: Callable[[], float] = time.monotonic, parent: QObject | None = None):
        super().__init__(parent)
        self._clock = clock
        self.last_input = clock()  # or the start, or the last reset
        self._signalled = -1e9

    def idle_for(self) -> float:
        """Seconds since the last input (or since the start or the last reset)."""
        return self._clock() - self.last_input

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in INPUT_EVENTS:
            now = self._clock()
            self.last_input = now
            if now - self._signalled >= _SIGNAL_EVERY_S:
                self._signalled = now
                self.input.emit()
        return False

    def reset(self) -> None:
        """Forget input so far: idle time counts from now."""
        self.last_input = self._clock()
