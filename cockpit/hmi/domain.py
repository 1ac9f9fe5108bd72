"""What every domain store shares: typed properties with one notify per batch, readings of the
SignalStore, the driver's display units, and the ``ActuatorState`` QML sees for each actuator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.vehicle.store import Reading, SignalStore, Status
from cockpit.vehicle.units import DisplayUnits

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

HMI = "Vehicle.Cabin.Infotainment.HMI."
UNIT_PATHS = frozenset({HMI + "DistanceUnit", HMI + "TemperatureUnit", HMI + "TirePressureUnit"})


def prop(kind: type | str, key: str, notify: Signal) -> Property:
    """A read-only typed property backed by ``self._v[key]``."""
    return Property(kind, lambda self: self._v[key], notify=notify)


def emit_from_worker(signal_emit: Callable[..., None], *args: Any) -> None:
    """Emit a store's signal from its worker thread (the result is queued to the GUI thread); a store
    deleted while the worker ran (the cockpit closed) is not an error."""
    try:
        signal_emit(*args)
    except RuntimeError:
        pass


class DomainStore(QObject):
    """Base of the stores QML views receive.

    A subclass lists the ``PATHS`` it reads and computes its whole state in ``compute()`` from
    the SignalStore. ``apply(batch)`` (once per frame, from the bridge) recomputes only when the
    batch touches those paths and emits ``changed`` only when something visible differs: one
    notify per batch, never one per CAN frame.
    """

    PATHS: frozenset[str] = frozenset()

    def __init__(self, signals: SignalStore, parent: QObject | None = None):
        super().__init__(parent)
        self._signals = signals
        self._paths = self.PATHS | UNIT_PATHS
        self.units = DisplayUnits()
        self.setup()
        self._v: dict[str, Any] = self.compute()

    def setup(self) -> None:
        """Create child objects (e.g. ActuatorStates) before the first compute."""

    def apply(self, batch: dict[str, Reading]) -> None:
        if self._paths.isdisjoint(batch):
            return
        s = self._signals
        self.units = DisplayUnits(
            distance=s.value(HMI + "DistanceUnit", "KILOMETERS"),
            temperature=s.value(HMI + "TemperatureUnit", "C"),
            pressure=s.value(HMI + "TirePressureUnit", "KPA"),
        )
        new = self.compute()
        if new != self._v:
            self._v = new
            self.changed.emit()

    def compute(self) -> dict[str, Any]:
        raise NotImplementedError

    def refresh(self) -> None:
        """Recompute after a change of the store's own state (a track skipped), not of a signal."""
        new = self.compute()
        if new != self._v:
            self._v = new
            self.changed.emit()

    # ----- reading helpers -------------------------------------------------------------------------

    def reading(self, path: str) -> Reading:
        return self._signals.get(path)

    def valid(self, path: str) -> bool:
        """Only a fresh, accepted value counts: stale, missing and erroneous ones are shown as such."""
        return self._signals.get(path).status is Status.AVAILABLE

    def num(self, path: str, default: float = 0.0) -> float:
        r = self._signals.get(path)
        return float(r.value) if r.status is Status.AVAILABLE else default

    def flag(self, path: str) -> bool:
        """A telltale input: on only when the signal says so now."""
        r = self._signals.get(path)
        return r.status is Status.AVAILABLE and r.value is True

    def request(self, path: str, target: Any) -> str:
        """Ask for an actuator target; returns the refusal reason, or '' when sent."""
        return self._signals.request(path, target) or ""


@QmlElement
@QmlUncreatable("owned by a domain store")
class ActuatorState(QObject):
    """One actuator as a view sees it: current value, pending target, error.

    ``shown`` is what a control displays: the target while it is pending (drawn as pending), the
    current value otherwise. Values are already in display units.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._v: dict[str, Any] = {"value": None, "target": None, "pending": False, "error": "", "valid": False}

    def set(self, reading: Reading, convert=lambda v: v) -> None:  # noqa: ANN001
        valid = reading.status is Status.AVAILABLE
        new = {
            "value": convert(reading.value) if reading.value is not None else None,
            "target": convert(reading.target) if reading.target is not None else None,
            "pending": reading.target is not None,
            "error": reading.error or "",
            "valid": valid,
        }
        if new != self._v:
            self._v = new
            self.changed.emit()

    value = prop("QVariant", "value", changed)
    target = prop("QVariant", "target", changed)
    pending = prop(bool, "pending", changed)
    error = prop(str, "error", changed)
    valid = prop(bool, "valid", changed)
    shown = Property("QVariant", lambda self: self._v["target"] if self._v["pending"] else self._v["value"],
                     notify=changed)
