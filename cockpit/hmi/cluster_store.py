"""ClusterStore: everything the instrument cluster shows, typed and in display units."""

from __future__ import annotations

import logging
import math
import time

from PySide6.QtCore import Property, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.vehicle.driving import gear_letter
from cockpit.vehicle.store import SignalStore, Status
from cockpit.vehicle.warnings import LOW_12V, LOW_SOC, ROLES

from .domain import DomainStore, prop

log = logging.getLogger(__name__)

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

V = "Vehicle."
SPEED = V + "Speed"
MOTOR_POWER = V + "Powertrain.ElectricMotor.Power"
SOC = V + "Powertrain.TractionBattery.StateOfCharge.Displayed"
RANGE = V + "Powertrain.Range"
GEAR = V + "Powertrain.Transmission.SelectedGear"
ODO = V + "TraveledDistance"
TRIP = V + "TripMeterReading"
LIGHTS = V + "Body.Lights."
LEFT = LIGHTS + "DirectionIndicator.Left.IsSignaling"
RIGHT = LIGHTS + "DirectionIndicator.Right.IsSignaling"
HAZARD = LIGHTS + "Hazard.IsSignaling"
EXTERIOR = V + "Exterior.AirTemperature"
LV_VOLTAGE = V + "LowVoltageBattery.CurrentVoltage"
CRUISE = V + "ADAS.CruiseControl."
TIRE_LOW = [f"{V}Chassis.Axle.Row{r}.Wheel.{s}.Tire.IsPressureLow" for r in (1, 2) for s in ("Left", "Right")]
OPENINGS = [f"{V}Cabin.Door.Row{r}.{s}.IsOpen" for r in (1, 2) for s in ("DriverSide", "PassengerSide")] + [
    V + "Body.Trunk.Rear.IsOpen",
    V + "Body.Trunk.Front.IsOpen",
    V + "Body.Hood.IsOpen",
]
DRIVER_BELT = V + "Cabin.Seat.Row1.DriverSide.IsBelted"
# Simple telltales: property name -> path whose True lights it
TELLTALES = {
    "lowBeam": LIGHTS + "Beam.Low.IsOn",
    "highBeam": LIGHTS + "Beam.High.IsOn",
    "frontFog": LIGHTS + "Fog.Front.IsOn",
    "rearFog": LIGHTS + "Fog.Rear.IsOn",
    "parkingBrake": V + "Chassis.ParkingBrake.IsEngaged",
    "absFault": V + "ADAS.ABS.IsError",
    "escFault": V + "ADAS.ESC.IsError",
    "escActive": V + "ADAS.ESC.IsEngaged",
    "laneWarning": V + "ADAS.LaneDepartureDetection.IsWarning",
    "serviceDue": V + "Service.IsServiceDue",
    "cruiseEnabled": CRUISE + "IsEnabled",
    "cruiseActive": CRUISE + "IsActive",
}
POWER_SCALE_KW = 200.0  # the power meter's consumption and regen full scale
REGEN_SCALE_KW = 80.0
SPEED_SCALE = {"km/h": 200.0, "mph": 120.0}
# Direction indicators (and a flashing telltale) flash at 1.5 Hz, 90 flashes a minute (UN R48): lit
# for one half period, dark for the next. A regulated rate, not a design choice: no theme changes it.
FLASH_HALF_PERIOD_S = 1 / 3
CRUISE_ENGAGE_MS, CRUISE_ENGAGE_TRIES = 50, 40  # how often, and how long, a set speed waits for cruise on
ESC_ACTIVE, ESC_FAULT = TELLTALES["escActive"], TELLTALES["escFault"]


@QmlElement
@QmlUncreatable("created by the application")
class ClusterStore(DomainStore):
    changed = Signal()

    PATHS = frozenset(
        [SPEED, MOTOR_POWER, SOC, RANGE, GEAR, ODO, TRIP, LEFT, RIGHT, HAZARD, EXTERIOR, LV_VOLTAGE,
         CRUISE + "SpeedSet", *TIRE_LOW, *OPENINGS, DRIVER_BELT, *TELLTALES.values()]
    )

    def __init__(self, signals: SignalStore, parent: QObject | None = None):
        super().__init__(signals, parent)
        # The clock is not a vehicle signal; a minute tick keeps it current.
        self._clock = QTimer(self, interval=1000, timeout=self._tick_clock)
        self._clock.start()

    def setup(self) -> None:
        # The driver's profile: valet mode (a banner and a speed warning), the cluster layout
        # ("" = the theme's). Set by the ProfilesStore through set_driver().
        self._driver = {"valet": False, "speedCapKmh": 0.0, "layout": ""}
        # The flash phase follows the SignalStore's clock, the vehicle's time: a still picture
        # (stopped clock) shows a lit arrow, a test steps the clock, the car's clock drives it live.
        # The timer only wakes the store at the next edge.
        self._flashing: frozenset[str] = frozenset()
        self._flash_since = 0.0
        self._flash_edge = QTimer(self, singleShot=True, timeout=self.refresh)
        self._flash_edge.setTimerType(Qt.TimerType.PreciseTimer)
        self._cruise_engage = QTimer(self, interval=CRUISE_ENGAGE_MS, timeout=self._engage_cruise)
        self._cruise_wanted, self._cruise_tries = 0.0, 0

    def _flash_lit(self, flashing: frozenset[str]) -> bool:
        """Whether the flashing lights are in their lit half now. A change of what flashes (an
        indicator on, hazard lights) starts a lit half, so both arrows of the hazard lights flash
        together and an indicator lights the moment it is switched on."""
        now = self._signals.now()
        if flashing != self._flashing:
            self._flashing, self._flash_since = flashing, now
        if not flashing:
            self._flash_edge.stop()
            return True
        elapsed = max(0.0, now - self._flash_since)
        half = math.floor(elapsed / FLASH_HALF_PERIOD_S)
        self._flash_edge.start(max(1, math.ceil(((half + 1) * FLASH_HALF_PERIOD_S - elapsed) * 1000)))
        return half % 2 == 0

    def set_driver(self, valet: bool = False, speed_cap_kmh: float = 0.0, layout: str = "") -> None:
        self._driver = {"valet": valet, "speedCapKmh": speed_cap_kmh, "layout": layout}
        new = self.compute()
        if new != self._v:
            self._v = new
            self.changed.emit()

    # ----- the steering wheel's controls (the kiosk tour uses them; a wheel's buttons would) ---------

    @Slot(str, result=str)
    def signalTurn(self, side: str) -> str:  # noqa: N802
        """The indicator stalk: "left", "right" or "off". Returns the first refusal ('' when asked)."""
        return self.request(LEFT, side == "left") or self.request(RIGHT, side == "right")

    @Slot(float, result=str)
    def setCruise(self, kmh: float) -> str:  # noqa: N802
        """Cruise control on at ``kmh``: switched on first; the set speed follows once the car
        reports it on (within 2 s), as a car takes no set speed while its cruise control is off."""
        if why := self.request(CRUISE + "IsEnabled", True):
            return why
        self._cruise_wanted, self._cruise_tries = kmh, CRUISE_ENGAGE_TRIES
        self._cruise_engage.start()
        return ""

    @Slot(result=str)
    def cruiseOff(self) -> str:  # noqa: N802
        self._cruise_engage.stop()
        return self.request(CRUISE + "IsActive", False) or self.request(CRUISE + "IsEnabled", False)

    def _engage_cruise(self) -> None:
        if self._signals.value(CRUISE + "IsEnabled") is True:
            self._cruise_engage.stop()
            if why := self.request(CRUISE + "SpeedSet", float(self._cruise_wanted)) or self.request(
                    CRUISE + "IsActive", True):
                log.warning("cruise control at %g km/h refused: %s", self._cruise_wanted, why)
            return
        self._cruise_tries -= 1
        if self._cruise_tries <= 0:
            self._cruise_engage.stop()
            log.warning("cruise control did not come on; no set speed")

    def _tick_clock(self) -> None:
        now = time.strftime("%H:%M")
        if now != self._v["clock"]:
            self._v = {**self._v, "clock": now}
            self.changed.emit()

    def compute(self) -> dict:
        u = self.units
        speed_unit = u.speed_unit()
        left = self.flag(LEFT) or self.flag(HAZARD)
        right = self.flag(RIGHT) or self.flag(HAZARD)
        esc_flashing = self.flag(ESC_ACTIVE) and not self.flag(ESC_FAULT)  # intervening, not failed
        flashing = frozenset(name for name, on in (("left", left), ("right", right), ("esc", esc_flashing)) if on)
        v = {
            "speed": u.speed(self.num(SPEED)),
            "speedValid": self.valid(SPEED),
            "speedStale": self.reading(SPEED).status is Status.STALE,
            "speedUnit": speed_unit,
            "speedMax": SPEED_SCALE[speed_unit],
            "power": self.num(MOTOR_POWER),
            "powerValid": self.valid(MOTOR_POWER),
            "powerMax": POWER_SCALE_KW,
            "regenMax": REGEN_SCALE_KW,
            "soc": self.num(SOC),
            "socValid": self.valid(SOC),
            "lowSoc": self.valid(SOC) and self.num(SOC) < LOW_SOC,
            "range": u.distance_km(self.num(RANGE) / 1000),
            "rangeValid": self.valid(RANGE),
            "distanceUnit": u.distance_unit(),
            "gear": gear_letter(self.reading(GEAR).value) if self.valid(GEAR) else "",
            "odometer": u.distance_km(self.num(ODO) / 1000),
            "odometerValid": self.valid(ODO),
            "trip": u.distance_km(self.num(TRIP) / 1000),
            "tripValid": self.valid(TRIP),
            "leftIndicator": left,
            "rightIndicator": right,
            "hazard": self.flag(HAZARD),
            "flashLit": self._flash_lit(flashing),
            "tireLow": any(self.flag(p) for p in TIRE_LOW),
            "doorOpen": any(self.flag(p) for p in OPENINGS),
            "seatBelt": self.valid(DRIVER_BELT) and self.reading(DRIVER_BELT).value is False,
            "lowVoltage": self.valid(LV_VOLTAGE) and self.num(LV_VOLTAGE) < LOW_12V,
            "cruiseSpeed": u.speed(self.num(CRUISE + "SpeedSet")),
            "outsideTemp": u.temp(self.num(EXTERIOR)),
            "outsideTempValid": self.valid(EXTERIOR),
            "temperatureUnit": u.temp_unit(),
            "clock": time.strftime("%H:%M"),
            # Without speed the cluster cannot be trusted: say so rather than show old numbers.
            "signalLost": self.reading(SPEED).status in (Status.UNAVAILABLE, Status.ERROR),
            "layout": self._driver["layout"],
            "valet": self._driver["valet"],
            "speedCap": u.speed(self._driver["speedCapKmh"]),
            "overSpeedCap": bool(self._driver["valet"] and self._driver["speedCapKmh"] and self.valid(SPEED)
                                 and self.num(SPEED) > self._driver["speedCapKmh"]),
        }
        for name, path in TELLTALES.items():
            v[name] = self.flag(path)
        return v

    speed = prop(float, "speed", changed)
    speedValid = prop(bool, "speedValid", changed)
    speedStale = prop(bool, "speedStale", changed)
    speedUnit = prop(str, "speedUnit", changed)
    speedMax = prop(float, "speedMax", changed)
    power = prop(float, "power", changed)
    powerValid = prop(bool, "powerValid", changed)
    powerMax = prop(float, "powerMax", changed)
    regenMax = prop(float, "regenMax", changed)
    soc = prop(float, "soc", changed)
    socValid = prop(bool, "socValid", changed)
    lowSoc = prop(bool, "lowSoc", changed)
    range = prop(float, "range", changed)
    rangeValid = prop(bool, "rangeValid", changed)
    distanceUnit = prop(str, "distanceUnit", changed)
    gear = prop(str, "gear", changed)
    odometer = prop(float, "odometer", changed)
    odometerValid = prop(bool, "odometerValid", changed)
    trip = prop(float, "trip", changed)
    tripValid = prop(bool, "tripValid", changed)
    leftIndicator = prop(bool, "leftIndicator", changed)
    rightIndicator = prop(bool, "rightIndicator", changed)
    hazard = prop(bool, "hazard", changed)
    flashLit = prop(bool, "flashLit", changed)  # the lit half of the 1.5 Hz flash (indicators, ESC intervening)
    lowBeam = prop(bool, "lowBeam", changed)
    highBeam = prop(bool, "highBeam", changed)
    frontFog = prop(bool, "frontFog", changed)
    rearFog = prop(bool, "rearFog", changed)
    parkingBrake = prop(bool, "parkingBrake", changed)
    absFault = prop(bool, "absFault", changed)
    escFault = prop(bool, "escFault", changed)
    escActive = prop(bool, "escActive", changed)
    laneWarning = prop(bool, "laneWarning", changed)
    serviceDue = prop(bool, "serviceDue", changed)
    cruiseEnabled = prop(bool, "cruiseEnabled", changed)
    cruiseActive = prop(bool, "cruiseActive", changed)
    cruiseSpeed = prop(float, "cruiseSpeed", changed)
    tireLow = prop(bool, "tireLow", changed)
    doorOpen = prop(bool, "doorOpen", changed)
    seatBelt = prop(bool, "seatBelt", changed)
    lowVoltage = prop(bool, "lowVoltage", changed)
    outsideTemp = prop(float, "outsideTemp", changed)
    outsideTempValid = prop(bool, "outsideTempValid", changed)
    temperatureUnit = prop(str, "temperatureUnit", changed)
    clock = prop(str, "clock", changed)
    signalLost = prop(bool, "signalLost", changed)
    layout = prop(str, "layout", changed)  # the driver's cluster layout; "" = the theme's
    valet = prop(bool, "valet", changed)
    speedCap = prop(float, "speedCap", changed)  # valet mode's speed warning, display units; 0 = none
    overSpeedCap = prop(bool, "overSpeedCap", changed)
    # the colour role (danger, warning) of each warning, by id, from the one table (cockpit/vehicle/warnings.py)
    roles = Property("QVariantMap", lambda self: ROLES, constant=True)
