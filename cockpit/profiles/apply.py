"""What applying a profile means for the car, and what remembering the driver's changes means for
the profile: one table, ``BINDINGS`` — for each profile value that is an actuator target, where it
lives in the document, which VSS actuator it drives, in which units and steps the car takes it
(``get``), how a value the car reports is written back (``put``) and when it applies. The
ProfilesStore sends ``get`` on activation and calls ``put`` when the driver changes the value on
the car; it holds no per-setting code. (Theme, language and cluster layout are the screens' own
settings, not actuators: the store applies those itself.)

Comfort settings (display units, climate, drive mode, ambient light) apply at once, also while
driving. Anything that moves hardware a driver sits against —
the seat, the mirrors, the steering column — waits until the car is parked (gear P), and the
driver is told so (owner's-manual practice); the driving state is ``cockpit.vehicle.driving``'s.
The gateway holds these moves to P at standstill too, whatever a display does (``cockpit.bus.policy``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cockpit.vehicle.catalogue import nearest_setpoint
from cockpit.vehicle.hvac import fan_percent, heat_percent

KEY_IDENTITY = "Cockpit.Key.Identity"  # project extension: the key fob the car detected

HMI = "Vehicle.Cabin.Infotainment.HMI."
HVAC = "Vehicle.Cabin.HVAC.Station.Row1."
SEAT = "Vehicle.Cabin.Seat.Row1.DriverSide."
MIRRORS = "Vehicle.Body.Mirrors."
WHEEL = "Vehicle.Chassis.SteeringWheel."
DRIVE_MODE = "Vehicle.Powertrain.Transmission.PerformanceMode"
AMBIENT_COLOUR = "Vehicle.Cabin.Light.AmbientLight.Row1.DriverSide.Color"


@dataclass(frozen=True)
class Binding:
    """One profile value that is an actuator target: where it lives in the document and on the car."""

    path: str
    group: str  # "hardware" (waits until parked) or "comfort" (at once)
    label: str  # for the driver: "Seat", "Mirrors", "Steering wheel", "Drive mode"…
    get: Callable[[dict[str, Any]], Any]
    put: Callable[[dict[str, Any], Any], None]
    # its own control on the Climate or Settings page shows a target the car did not take; the
    # profile says the others (seat, mirrors, drive mode…), which have no control on screen
    on_screen: bool = False


def _at(*keys: str, kind: type = int, to_car: Callable[[Any], Any] = lambda v: v,
        from_car: Callable[[Any], Any] = lambda v: v) -> tuple[Callable, Callable]:
    """get/put of the value at ``keys``; ``to_car`` makes it a target the car takes (its step),
    ``from_car`` what a profile keeps of the car's value."""
    def get(doc: dict) -> Any:
        for k in keys:
            doc = doc[k]
        return to_car(kind(doc))

    def put(doc: dict, value: Any) -> None:
        for k in keys[:-1]:
            doc = doc[k]
        doc[keys[-1]] = kind(from_car(value))

    return get, put


def _heat(*keys: str) -> tuple[Callable, Callable]:
    return _at(*keys, to_car=heat_percent, from_car=lambda v: max(0, int(v)))  # cooling is not remembered


BINDINGS: tuple[Binding, ...] = (
    Binding(HMI + "DistanceUnit", "comfort", "Distance unit", *_at("display", "distanceUnit", kind=str), True),
    Binding(HMI + "TemperatureUnit", "comfort", "Temperature unit", *_at("display", "temperatureUnit", kind=str),
            True),
    Binding(HMI + "TirePressureUnit", "comfort", "Pressure unit", *_at("display", "pressureUnit", kind=str), True),
    *(b for zone, side in (("driver", "Driver"), ("passenger", "Passenger")) for b in (
        Binding(HVAC + side + ".Temperature", "comfort", f"{side} temperature",
                *_at("climate", zone, "temperature", kind=float, to_car=nearest_setpoint), True),
        Binding(HVAC + side + ".FanSpeed", "comfort", f"{side} fan",
                *_at("climate", zone, "fanSpeed", to_car=fan_percent), True),
        Binding(f"Vehicle.Cabin.Seat.Row1.{side}Side.HeatingCooling", "comfort", f"{side} seat heating",
                *_heat("climate", zone, "seatHeating"), True),
    )),
    Binding(WHEEL + "HeatingCooling", "comfort", "Steering wheel heating", *_heat("climate", "steeringWheelHeating"),
            True),
    Binding(SEAT + "Position", "hardware", "Seat", *_at("seat", "position")),
    Binding(SEAT + "Height", "hardware", "Seat", *_at("seat", "height")),
    Binding(SEAT + "Backrest.Recline", "hardware", "Seat", *_at("seat", "recline", kind=float)),
    Binding(MIRRORS + "DriverSide.Yaw", "hardware", "Mirrors", *_at("mirrors", "driver", "yaw")),
    Binding(MIRRORS + "DriverSide.Tilt", "hardware", "Mirrors", *_at("mirrors", "driver", "tilt")),
    Binding(MIRRORS + "PassengerSide.Yaw", "hardware", "Mirrors", *_at("mirrors", "passenger", "yaw")),
    Binding(MIRRORS + "PassengerSide.Tilt", "hardware", "Mirrors", *_at("mirrors", "passenger", "tilt")),
    Binding(WHEEL + "Tilt", "hardware", "Steering wheel", *_at("steeringWheel", "tilt")),
    Binding(WHEEL + "Extension", "hardware", "Steering wheel", *_at("steeringWheel", "extension")),
    Binding(DRIVE_MODE, "comfort", "Drive mode", *_at("driveMode", kind=str)),
    Binding(AMBIENT_COLOUR, "comfort", "Ambient light", *_at("ambientLight", "color", kind=str)),
)
HARDWARE = tuple(b for b in BINDINGS if b.group == "hardware")
COMFORT = tuple(b for b in BINDINGS if b.group == "comfort")
BY_PATH = {b.path: b for b in BINDINGS}


def hardware_targets(doc: dict[str, Any]) -> dict[str, Any]:
    return {b.path: b.get(doc) for b in HARDWARE}


def join_labels(labels: list[str]) -> str:
    """'Seat, mirrors and steering wheel' (each once, in the order given)."""
    words = [w.lower() if i else w for i, w in enumerate(dict.fromkeys(labels))]
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def waiting_message(labels: list[str]) -> str:
    """'Seat, mirrors and steering wheel will move when the car is in P'."""
    return f"{join_labels(labels)} will move when the car is in P" if labels else ""
