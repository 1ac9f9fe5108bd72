"""EnergyStore: battery, range, power flow and the trip, for the center screen's energy page."""

from __future__ import annotations

import math
import threading
from collections import deque

from PySide6.QtCore import Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.vehicle.store import Reading, Status

from .cluster_store import LOW_SOC
from .domain import DomainStore, prop

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

BATTERY = "Vehicle.Powertrain.TractionBattery."
SOC = BATTERY + "StateOfCharge.Displayed"
RANGE = "Vehicle.Powertrain.Range"
MOTOR_POWER = "Vehicle.Powertrain.ElectricMotor.Power"
BATTERY_TEMP = BATTERY + "Temperature.Average"
CHARGING = BATTERY + "Charging.IsCharging"
CAPACITY = BATTERY + "NetCapacity"
ODO = "Vehicle.TraveledDistance"
TRIP = "Vehicle.TripMeterReading"
AVG_SPEED = "Vehicle.AverageSpeed"
TRIP_ENERGY = "Cockpit.Trip.Energy"
TRIP_CONSUMPTION = "Cockpit.Trip.AverageConsumption"
HISTORY_S = 120  # the power chart covers the last two minutes, one sample a second


class PowerHistory:
    """The motor power once a second of the SignalStore's clock, the last HISTORY_S seconds.

    Fed with every reading as it arrives (on the source's thread), so the history follows the
    vehicle's time, not the frames: a simulation run at any speed, a screenshot's included, leaves
    the same samples as the drive in real time. Each sample is the power in force at that second;
    a spell without data leaves none.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._samples: deque[float] = deque(maxlen=HISTORY_S)
        self._next = 0.0  # store time of the next sample
        self._power: float | None = None  # in force since the last reading; None: unknown

    def heard(self, reading: Reading, now: float) -> None:
        """A new reading of the power, at ``now`` (store time)."""
        with self._lock:
            if self._power is not None:
                self._fill(now)  # the power before this reading, up to now
            if reading.status is not Status.AVAILABLE:
                self._power = None
                return
            if self._power is None:  # the first value, or the first after a gap: a sample now
                self._samples.append(float(reading.value))
                self._next = now + 1.0
            self._power = float(reading.value)

    def samples(self, now: float) -> list[float]:
        """The samples up to ``now`` (store time), oldest first."""
        with self._lock:
            if self._power is not None:
                self._fill(now)
            return list(self._samples)

    def _fill(self, until: float) -> None:
        due = math.floor(until - self._next) + 1  # samples at _next, _next + 1 s, … up to ``until``
        if due > 0:
            self._samples.extend([self._power] * min(due, HISTORY_S))
            self._next += due


@QmlElement
@QmlUncreatable("created by the application")
class EnergyStore(DomainStore):
    changed = Signal()

    PATHS = frozenset(
        [SOC, RANGE, MOTOR_POWER, BATTERY_TEMP, CHARGING, CAPACITY, ODO, TRIP, AVG_SPEED, TRIP_ENERGY,
         TRIP_CONSUMPTION]
    )

    def setup(self) -> None:
        self._history = PowerHistory()
        self._signals.listen(
            lambda path, reading: self._history.heard(reading, self._signals.now()) if path == MOTOR_POWER else None)

    def compute(self) -> dict:
        u = self.units
        per_km = self.num(TRIP_CONSUMPTION)
        return {
            "soc": self.num(SOC),
            "socValid": self.valid(SOC),
            "lowSoc": self.valid(SOC) and self.num(SOC) < LOW_SOC,
            "range": u.distance_km(self.num(RANGE) / 1000),
            "rangeValid": self.valid(RANGE),
            "power": self.num(MOTOR_POWER),
            "powerValid": self.valid(MOTOR_POWER),
            "powerHistory": self._history.samples(self._signals.now()),
            "batteryTemp": u.temp(self.num(BATTERY_TEMP)),
            "batteryTempValid": self.valid(BATTERY_TEMP),
            "charging": self.flag(CHARGING),
            "capacity": self.num(CAPACITY),
            "odometer": u.distance_km(self.num(ODO) / 1000),
            "odometerValid": self.valid(ODO),
            "trip": u.distance_km(self.num(TRIP) / 1000),
            "tripValid": self.valid(TRIP),
            "tripEnergy": self.num(TRIP_ENERGY),
            "tripEnergyValid": self.valid(TRIP_ENERGY),
            # Wh per displayed distance unit: per mile is per km times km-per-mile
            "consumption": per_km / u.distance_km(1.0),
            "consumptionValid": self.valid(TRIP_CONSUMPTION),
            "consumptionUnit": f"Wh/{u.distance_unit()}",
            "averageSpeed": u.speed(self.num(AVG_SPEED)),
            "averageSpeedValid": self.valid(AVG_SPEED),
            "distanceUnit": u.distance_unit(),
            "speedUnit": u.speed_unit(),
            "temperatureUnit": u.temp_unit(),
        }

    soc = prop(float, "soc", changed)
    socValid = prop(bool, "socValid", changed)
    lowSoc = prop(bool, "lowSoc", changed)
    range = prop(float, "range", changed)
    rangeValid = prop(bool, "rangeValid", changed)
    power = prop(float, "power", changed)
    powerValid = prop(bool, "powerValid", changed)
    powerHistory = prop("QVariantList", "powerHistory", changed)
    batteryTemp = prop(float, "batteryTemp", changed)
    batteryTempValid = prop(bool, "batteryTempValid", changed)
    charging = prop(bool, "charging", changed)
    capacity = prop(float, "capacity", changed)
    odometer = prop(float, "odometer", changed)
    odometerValid = prop(bool, "odometerValid", changed)
    trip = prop(float, "trip", changed)
    tripValid = prop(bool, "tripValid", changed)
    tripEnergy = prop(float, "tripEnergy", changed)
    tripEnergyValid = prop(bool, "tripEnergyValid", changed)
    consumption = prop(float, "consumption", changed)
    consumptionValid = prop(bool, "consumptionValid", changed)
    consumptionUnit = prop(str, "consumptionUnit", changed)
    averageSpeed = prop(float, "averageSpeed", changed)
    averageSpeedValid = prop(bool, "averageSpeedValid", changed)
    distanceUnit = prop(str, "distanceUnit", changed)
    speedUnit = prop(str, "speedUnit", changed)
    temperatureUnit = prop(str, "temperatureUnit", changed)
