"""What applying a profile means for the car: which VSS actuators get which targets, and when.

Comfort settings (display units, theme, language, cluster layout, climate, drive mode, ambient
light) apply at once, also while driving. Anything that moves hardware a driver sits against —
the seat, the mirrors, the steering column — waits until the car is parked (gear P), and the
driver is told so (owner's-manual practice); the driving state is ``cockpit.vehicle.driving``'s.
The gateway holds these moves to P at standstill too, whatever a display does (``cockpit.bus.policy``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

KEY_IDENTITY = "Cockpit.Key.Identity"  # project extension: the key fob the car detected

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


def _at(*keys: str, kind: type = int) -> tuple[Callable, Callable]:
    def get(doc: dict) -> Any:
        for k in keys:
            doc = doc[k]
        return kind(doc)

    def put(doc: dict, value: Any) -> None:
        for k in keys[:-1]:
            doc = doc[k]
        doc[keys[-1]] = kind(value)

    return get, put


DIRECT: tuple[Binding, ...] = (
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
HARDWARE = tuple(b for b in DIRECT if b.group == "hardware")
COMFORT = tuple(b for b in DIRECT if b.group == "comfort")


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
