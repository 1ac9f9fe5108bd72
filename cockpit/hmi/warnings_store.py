"""WarningsStore: the warning card the cluster shows and the active warnings the Vehicle page lists,
both from the one table and queue in ``cockpit/vehicle/warnings.py``.

The queue runs on the SignalStore's clock (the vehicle's time), so a still picture keeps its card
and a test steps the clock; a timer only wakes the store when a card may change by time alone.
"""

from __future__ import annotations

from PySide6.QtCore import Property, Qt, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.vehicle import warnings
from cockpit.vehicle.store import Status

from .domain import DomainStore, prop

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1



def _entry(a: warnings.Active) -> dict:
    return {"id": a.id, "text": a.text, "severity": a.severity, "role": a.rule.role, "icon": a.rule.icon,
            "canAcknowledge": a.rule.acknowledgeable}


@QmlElement
@QmlUncreatable("created by the application")
class WarningsStore(DomainStore):
    changed = Signal()

    PATHS = warnings.PATHS

    def setup(self) -> None:
        self.queue = warnings.WarningQueue(self._signals.now)
        self._wake = QTimer(self, singleShot=True, timeout=self.tick)
        self._wake.setTimerType(Qt.TimerType.CoarseTimer)

    def _read(self, path: str):  # noqa: ANN202
        r = self._signals.get(path)
        return r.value if r.status is Status.AVAILABLE else None

    def compute(self) -> dict:
        self.queue.update(self._read, self.units)
        return self._snapshot()

    def _snapshot(self) -> dict:
        card = self.queue.current()
        due = self.queue.next_change()
        if due is None:
            self._wake.stop()
        else:  # on the vehicle's clock; a stopped clock (a still picture) never gets there
            self._wake.start(max(50, min(60_000, int((due - self._signals.now()) * 1000) + 1)))
        return {
            "hasCard": card is not None,
            "cardId": card.id if card else "",
            "cardText": card.text if card else "",
            "cardSeverity": card.severity if card else "",
            "cardRole": card.rule.role if card else "",
            "cardIcon": card.rule.icon if card else "",
            "cardCanAcknowledge": bool(card and card.rule.acknowledgeable),
            "active": [_entry(a) for a in self.queue.active()],
        }

    @Slot()
    def tick(self) -> None:
        """Let the vehicle's time act: timeouts and re-raises."""
        self.queue.tick()
        new = self._snapshot()
        if new != self._v:
            self._v = new
            self.changed.emit()

    @Slot(result=bool)
    def acknowledge(self) -> bool:
        """The driver acknowledges the card (touch, or the steering wheel's OK key)."""
        done = self.queue.acknowledge()
        self.tick()
        return done

    hasCard = prop(bool, "hasCard", changed)
    cardId = prop(str, "cardId", changed)
    cardText = prop(str, "cardText", changed)
    cardSeverity = prop(str, "cardSeverity", changed)  # safety, warning, information
    cardRole = prop(str, "cardRole", changed)  # the colour role: danger, warning
    cardIcon = prop(str, "cardIcon", changed)
    cardCanAcknowledge = prop(bool, "cardCanAcknowledge", changed)
    active = prop("QVariantList", "active", changed)  # [{id, text, severity, role, icon, canAcknowledge}]
    roles = Property("QVariantMap", lambda self: warnings.ROLES, constant=True)
