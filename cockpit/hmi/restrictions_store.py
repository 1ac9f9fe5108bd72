"""RestrictionsStore: what the driver may touch now (cockpit/vehicle/restrictions.py's table, in the
driving state the signals give). Views give a restricted control its reason: it looks disabled
and, tapped, says why."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.vehicle.driving import GEAR, SPEED, Motion, driving_state
from cockpit.vehicle.restrictions import CONTROLS, list_cap, restriction

from .domain import DomainStore, prop

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("created by the application")
class RestrictionsStore(DomainStore):
    changed = Signal()
    PATHS = frozenset([GEAR, SPEED])

    def compute(self) -> dict:
        # a stale or missing gear or speed counts as not parked (fail safe), as at the gateway
        motion = Motion.of(self._signals)
        state = driving_state(motion.gear, motion.speed)
        return {"state": state, "listCap": list_cap(state) or 0,
                "locks": {control: restriction(control, state).why for control in CONTROLS}}

    state = prop(str, "state", changed)
    listCap = prop(int, "listCap", changed)  # 0: no cap
    locks = prop("QVariantMap", "locks", changed)  # "page.control" -> why it is locked, "" when not
