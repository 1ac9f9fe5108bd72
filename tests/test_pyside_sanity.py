"""Guards against Qt-binding bugs that would crash a cockpit that runs for days."""

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    changed = Signal()
    text = Signal(str)


def test_emitting_signals_keeps_reference_counts(qapp):
    # PySide6 6.12.0 returned True from emit() without a reference: every emit drops one, and
    # the interpreter aborts ("deallocating True") once the count reaches zero.
    e = Emitter()
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(1000):
        e.changed.emit()
        e.text.emit("x")
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
