"""NavigationStore: a simulated route guidance — a destination, the distance left (counted down
by the odometer) and the time to arrival at the current speed."""

from __future__ import annotations

import math
import zlib

from PySide6.QtCore import Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from .domain import DomainStore, prop

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

SPEED = "Vehicle.Speed"
ODO = "Vehicle.TraveledDistance"
# No map yet: the favourites have fixed road distances (km); any other place gets a distance
# made from its name, so the same request always gives the same route.
FAVOURITES = {"home": 12.4, "work": 23.0, "the gym": 4.8, "the airport": 38.5, "charging station": 6.2}
# Below this the car is in traffic or at a light, not cruising: the ETA assumes this speed
# rather than growing without bound.
MIN_ETA_KMH = 30.0
ARRIVED_KM = 0.05


def route_km(place: str) -> float:
    return FAVOURITES.get(place, 3.0 + zlib.crc32(place.encode()) % 400 / 10)


@QmlElement
@QmlUncreatable("created by the application")
class NavigationStore(DomainStore):
    changed = Signal()
    failed = Signal(str)

    PATHS = frozenset([SPEED, ODO])

    def setup(self) -> None:
        self._destination = ""
        self._route_km = 0.0
        self._start_m: float | None = None  # odometer when the route started (m)

    def _left_km(self) -> float:
        if not self._destination:
            return 0.0
        if self._start_m is None and self.valid(ODO):
            self._start_m = self.num(ODO)
        driven = (self.num(ODO) - self._start_m) / 1000 if self._start_m is not None and self.valid(ODO) else 0.0
        return max(0.0, self._route_km - driven)

    def compute(self) -> dict:
        left = self._left_km()
        if self._destination and left <= ARRIVED_KM:
            self._destination = ""
        active = bool(self._destination)
        speed = max(self.num(SPEED), MIN_ETA_KMH)
        return {
            "active": active,
            "destination": self._destination,
            "distance": self.units.distance_km(left) if active else 0.0,
            "distanceUnit": self.units.distance_unit(),
            "etaMinutes": math.ceil(left / speed * 60) if active else 0,
        }

    @property
    def places(self) -> list[str]:
        return list(FAVOURITES)

    @Slot(str)
    def go(self, place: str) -> str:
        place = place.strip().lower()
        if not place:
            why = "no destination given"
            self.failed.emit(why)
            return why
        self._destination = place[0].upper() + place[1:]  # as a name on screen: "Home", "The airport"
        self._route_km = route_km(place)
        self._start_m = self.num(ODO) if self.valid(ODO) else None
        self.refresh()
        return ""

    @Slot()
    def cancel(self) -> str:
        self._destination = ""
        self.refresh()
        return ""

    active = prop(bool, "active", changed)
    destination = prop(str, "destination", changed)
    distance = prop(float, "distance", changed)
    distanceUnit = prop(str, "distanceUnit", changed)
    etaMinutes = prop(int, "etaMinutes", changed)
