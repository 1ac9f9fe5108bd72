"""VehicleStatusStore: doors and openings, tires, 12 V battery, faults, belts.

Zones: VSS DriverSide is the left on a left-hand-drive car; the view labels wheels and doors by
position (front left...), so this store maps DriverSide to left. A right-hand-drive variant flips
``DRIVER_IS_LEFT``.
"""

from __future__ import annotations

from PySide6.QtCore import Property, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.vehicle.warnings import LOW_12V, ROLES

from .domain import DomainStore, prop

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

DRIVER_IS_LEFT = True
V = "Vehicle."
_SIDE = {"Left": "DriverSide", "Right": "PassengerSide"} if DRIVER_IS_LEFT else {
    "Left": "PassengerSide", "Right": "DriverSide"}
POSITIONS = {"frontLeft": (1, "Left"), "frontRight": (1, "Right"),
             "rearLeft": (2, "Left"), "rearRight": (2, "Right")}
DOORS = {name: f"{V}Cabin.Door.Row{row}.{_SIDE[side]}.IsOpen" for name, (row, side) in POSITIONS.items()}
TIRES = {name: f"{V}Chassis.Axle.Row{row}.Wheel.{side}.Tire." for name, (row, side) in POSITIONS.items()}
OPENINGS = {"trunk": V + "Body.Trunk.Rear.IsOpen", "frunk": V + "Body.Trunk.Front.IsOpen",
            "hood": V + "Body.Hood.IsOpen"}
LOCKED = V + "Cabin.Door.Row1.DriverSide.IsLocked"
LV_VOLTAGE = V + "LowVoltageBattery.CurrentVoltage"
FAULTS = {"absFault": V + "ADAS.ABS.IsError", "escFault": V + "ADAS.ESC.IsError",
          "serviceDue": V + "Service.IsServiceDue"}
BELTS = {"driverBelted": V + "Cabin.Seat.Row1.DriverSide.IsBelted",
         "passengerBelted": V + "Cabin.Seat.Row1.PassengerSide.IsBelted"}


@QmlElement
@QmlUncreatable("created by the application")
class VehicleStatusStore(DomainStore):
    changed = Signal()

    PATHS = frozenset(
        [*DOORS.values(), *OPENINGS.values(), LOCKED, LV_VOLTAGE, *FAULTS.values(), *BELTS.values()]
        + [t + leaf for t in TIRES.values() for leaf in ("Pressure", "IsPressureLow")]
    )

    def compute(self) -> dict:
        u = self.units
        v: dict = {}
        for name, path in {**DOORS, **OPENINGS}.items():
            v[name + "Open"] = self.flag(path)
        for name, base in TIRES.items():
            v[name + "Pressure"] = u.pressure_kpa(self.num(base + "Pressure"))
            v[name + "PressureValid"] = self.valid(base + "Pressure")
            v[name + "Low"] = self.flag(base + "IsPressureLow")
        for name, path in {**FAULTS, **BELTS}.items():
            v[name] = self.flag(path)
            v[name + "Valid"] = self.valid(path)
        v.update(
            anyOpen=any(v[n + "Open"] for n in [*DOORS, *OPENINGS]),
            # "all closed" is only a fact when every opening has reported
            openingsValid=all(self.valid(p) for p in [*DOORS.values(), *OPENINGS.values()]),
            locked=self.flag(LOCKED),
            lockedValid=self.valid(LOCKED),
            pressureUnit=u.pressure_unit(),
            battery12V=self.num(LV_VOLTAGE),
            battery12VValid=self.valid(LV_VOLTAGE),
            battery12VLow=self.valid(LV_VOLTAGE) and self.num(LV_VOLTAGE) < LOW_12V,
        )
        return v

    frontLeftOpen = prop(bool, "frontLeftOpen", changed)
    frontRightOpen = prop(bool, "frontRightOpen", changed)
    rearLeftOpen = prop(bool, "rearLeftOpen", changed)
    rearRightOpen = prop(bool, "rearRightOpen", changed)
    trunkOpen = prop(bool, "trunkOpen", changed)
    frunkOpen = prop(bool, "frunkOpen", changed)
    hoodOpen = prop(bool, "hoodOpen", changed)
    anyOpen = prop(bool, "anyOpen", changed)
    openingsValid = prop(bool, "openingsValid", changed)
    locked = prop(bool, "locked", changed)
    lockedValid = prop(bool, "lockedValid", changed)
    frontLeftPressure = prop(float, "frontLeftPressure", changed)
    frontRightPressure = prop(float, "frontRightPressure", changed)
    rearLeftPressure = prop(float, "rearLeftPressure", changed)
    rearRightPressure = prop(float, "rearRightPressure", changed)
    frontLeftPressureValid = prop(bool, "frontLeftPressureValid", changed)
    frontRightPressureValid = prop(bool, "frontRightPressureValid", changed)
    rearLeftPressureValid = prop(bool, "rearLeftPressureValid", changed)
    rearRightPressureValid = prop(bool, "rearRightPressureValid", changed)
    frontLeftLow = prop(bool, "frontLeftLow", changed)
    frontRightLow = prop(bool, "frontRightLow", changed)
    rearLeftLow = prop(bool, "rearLeftLow", changed)
    rearRightLow = prop(bool, "rearRightLow", changed)
    pressureUnit = prop(str, "pressureUnit", changed)
    battery12V = prop(float, "battery12V", changed)
    battery12VValid = prop(bool, "battery12VValid", changed)
    battery12VLow = prop(bool, "battery12VLow", changed)
    absFault = prop(bool, "absFault", changed)
    escFault = prop(bool, "escFault", changed)
    serviceDue = prop(bool, "serviceDue", changed)
    driverBelted = prop(bool, "driverBelted", changed)
    passengerBelted = prop(bool, "passengerBelted", changed)
    absFaultValid = prop(bool, "absFaultValid", changed)
    escFaultValid = prop(bool, "escFaultValid", changed)
    serviceDueValid = prop(bool, "serviceDueValid", changed)
    driverBeltedValid = prop(bool, "driverBeltedValid", changed)
    passengerBeltedValid = prop(bool, "passengerBeltedValid", changed)
    # the colour role (danger, warning) of each warning, by id, from the one table (cockpit/vehicle/warnings.py)
    roles = Property("QVariantMap", lambda self: ROLES, constant=True)
