"""ClimateStore: both zones' HVAC, seat and steering-wheel heating, each an actuator whose
target shows as pending until the vehicle reports it."""

from __future__ import annotations

from PySide6.QtCore import Property, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.vehicle.catalogue import nearest_setpoint, setpoint_limits
from cockpit.vehicle.hvac import FAN_LEVELS, HEAT_LEVELS, fan_level, heat_level

from .domain import ActuatorState, DomainStore, prop

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

HVAC = "Vehicle.Cabin.HVAC."
STATION = {"driver": HVAC + "Station.Row1.Driver.", "passenger": HVAC + "Station.Row1.Passenger."}
SEAT = {
    "driver": "Vehicle.Cabin.Seat.Row1.DriverSide.HeatingCooling",
    "passenger": "Vehicle.Cabin.Seat.Row1.PassengerSide.HeatingCooling",
}
STEERING = "Vehicle.Chassis.SteeringWheel.HeatingCooling"
TOGGLES = {
    "ac": HVAC + "IsAirConditioningActive",
    "recirculation": HVAC + "IsRecirculationActive",
    "frontDefrost": HVAC + "IsFrontDefrosterActive",
    "rearDefrost": HVAC + "IsRearDefrosterActive",
}
CABIN = HVAC + "AmbientAirTemperature"
EXTERIOR = "Vehicle.Exterior.AirTemperature"
SETPOINT = STATION["driver"] + "Temperature"  # its range and quantum (the catalogue's) are every zone's


@QmlElement
@QmlUncreatable("created by the application")
class ClimateStore(DomainStore):
    changed = Signal()
    failed = Signal(str)  # a request was refused at once (the reason is human-readable)

    PATHS = frozenset(
        [p + leaf for p in STATION.values() for leaf in ("Temperature", "FanSpeed")]
        + [*SEAT.values(), STEERING, *TOGGLES.values(), CABIN, EXTERIOR]
    )

    def setup(self) -> None:
        # the setpoint's range and quantum: the car's catalogue says them, the store only follows
        self._setpoint = setpoint_limits(self._signals.catalogue)
        self._act = {
            name: ActuatorState(self)
            for name in ("driverTemp", "passengerTemp", "driverFan", "passengerFan", "driverSeat",
                         "passengerSeat", "steeringHeat", *TOGGLES)
        }

    def compute(self) -> dict:
        u = self.units
        a, r = self._act, self.reading
        for zone, base in STATION.items():
            a[zone + "Temp"].set(r(base + "Temperature"), u.temp)
            a[zone + "Fan"].set(r(base + "FanSpeed"), fan_level)
            a[zone + "Seat"].set(r(SEAT[zone]), heat_level)
        a["steeringHeat"].set(r(STEERING), heat_level)
        for name, path in TOGGLES.items():
            a[name].set(r(path))
        return {
            "cabinTemp": u.temp(self.num(CABIN)),
            "cabinTempValid": self.valid(CABIN),
            "outsideTemp": u.temp(self.num(EXTERIOR)),
            "outsideTempValid": self.valid(EXTERIOR),
            "temperatureUnit": u.temp_unit(),
            "fanLevels": FAN_LEVELS,
            "temperatureMin": self._setpoint[0],
            "temperatureMax": self._setpoint[1],
            "heatLevels": HEAT_LEVELS,
        }

    # ----- requests from the view (zone is "driver" or "passenger") ------------------------------

    # Each request returns the refusal reason ('' when sent) for callers that answer the driver
    # themselves (the voice assistant); the view hears of refusals through ``failed``.

    def _send(self, path: str, target: object) -> str:
        if why := self.request(path, target):
            self.failed.emit(why)
        return why

    @Slot(str, float)
    def setTemperature(self, zone: str, celsius: float) -> str:
        """A setpoint in °C, to the nearest half degree within the range."""
        target = nearest_setpoint(celsius, self._signals.catalogue)
        return self._send(STATION[zone] + "Temperature", target)

    @Slot(str, float)
    def adjustTemperature(self, zone: str, delta_c: float) -> str:
        """Warmer (+) or cooler (−) by ``delta_c`` °C (in half degrees)."""
        return self.stepTemperature(zone, round(delta_c / self._setpoint[2]))

    @Slot(str, int)
    def stepTemperature(self, zone: str, steps: int) -> str:
        """Warmer (+) or cooler (−) by ``steps`` half degrees from what the driver last asked for."""
        path = STATION[zone] + "Temperature"
        r = self.reading(path)
        base = r.target if r.target is not None else (r.value if r.value is not None else 21.0)
        lo, hi, step = self._setpoint
        return self._send(path, min(hi, max(lo, base + steps * step)))

    @Slot(str, int)
    def setFan(self, zone: str, level: int) -> str:
        level = min(FAN_LEVELS, max(0, level))
        return self._send(STATION[zone] + "FanSpeed", round(level * 100 / FAN_LEVELS))

    @Slot(str, int)
    def stepFan(self, zone: str, steps: int) -> str:
        """Fan up (+) or down (−) by ``steps`` levels from what the driver last asked for, 1 to the top
        (down from 1 does not switch the fan off: "fan down" is not "fan off")."""
        r = self.reading(STATION[zone] + "FanSpeed")
        base = r.target if r.target is not None else (r.value if r.value is not None else 0)
        return self.setFan(zone, min(FAN_LEVELS, max(1, fan_level(base) + steps)))

    @Slot(str, int)
    def setSeatHeat(self, zone: str, level: int) -> str:
        return self._send(SEAT[zone], round(min(HEAT_LEVELS, max(0, level)) * 100 / HEAT_LEVELS))

    @Slot(int)
    def setSteeringHeat(self, level: int) -> str:
        return self._send(STEERING, round(min(HEAT_LEVELS, max(0, level)) * 100 / HEAT_LEVELS))

    @Slot(str)
    def toggle(self, name: str) -> None:
        """Flip ``ac``, ``recirculation``, ``frontDefrost`` or ``rearDefrost``."""
        state = self._act[name]
        self._send(TOGGLES[name], not bool(state.property("shown")))

    @Slot(str, bool)
    def setToggle(self, name: str, on: bool) -> str:
        """Switch ``ac``, ``recirculation``, ``frontDefrost`` or ``rearDefrost`` on or off."""
        return self._send(TOGGLES[name], on)

    def _actuator(name: str) -> Property:  # noqa: N805 - a class-body helper, not a method
        return Property(ActuatorState, lambda self: self._act[name], constant=True)

    driverTemp = _actuator("driverTemp")
    passengerTemp = _actuator("passengerTemp")
    driverFan = _actuator("driverFan")
    passengerFan = _actuator("passengerFan")
    driverSeat = _actuator("driverSeat")
    passengerSeat = _actuator("passengerSeat")
    steeringHeat = _actuator("steeringHeat")
    ac = _actuator("ac")
    recirculation = _actuator("recirculation")
    frontDefrost = _actuator("frontDefrost")
    rearDefrost = _actuator("rearDefrost")

    cabinTemp = prop(float, "cabinTemp", changed)
    cabinTempValid = prop(bool, "cabinTempValid", changed)
    outsideTemp = prop(float, "outsideTemp", changed)
    outsideTempValid = prop(bool, "outsideTempValid", changed)
    temperatureUnit = prop(str, "temperatureUnit", changed)
    fanLevels = prop(int, "fanLevels", changed)
    temperatureMin = prop(float, "temperatureMin", changed)  # °C: what the car accepts, from its catalogue
    temperatureMax = prop(float, "temperatureMax", changed)
    heatLevels = prop(int, "heatLevels", changed)
