"""EnergyStore: battery, range, power flow and the trip, for the center screen's energy page."""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

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


@QmlElement
@QmlUncreatable("created by the application")
class EnergyStore(DomainStore):
    changed = Signal()

    PATHS = frozenset(
        [SOC, RANGE, MOTOR_POWER, BATTERY_TEMP, CHARGING, CAPACITY, ODO, TRIP, AVG_SPEED, TRIP_ENERGY,
         TRIP_CONSUMPTION]
    )

    def setup(self) -> None:
        self._history: deque[float] = deque(maxlen=HISTORY_S)
        self._last_sample = 0.0

    def compute(self) -> dict:
        u = self.units
        now = time.monotonic()
        if self.valid(MOTOR_POWER) and now - self._last_sample >= 1.0:
            self._history.append(self.num(MOTOR_POWER))
            self._last_sample = now
        per_km = self.num(TRIP_CONSUMPTION)
        return {
            "soc": self.num(SOC),
            "socValid": self.valid(SOC),
            "lowSoc": self.valid(SOC) and self.num(SOC) < LOW_SOC,
            "range": u.distance_km(self.num(RANGE) / 1000),
            "rangeValid": self.valid(RANGE),
            "power": self.num(MOTOR_POWER),
            "powerValid": self.valid(MOTOR_POWER),
            "powerHistory": list(self._history),
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
