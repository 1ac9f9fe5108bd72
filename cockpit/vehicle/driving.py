"""The car's driving state, from its selected gear and speed — for the HMI and the gateway's rules.

Driving states as Android Automotive defines them: parked = gear P; idling = not P and speed 0;
moving = not P and speed not 0. With no gear reading the car is not assumed parked.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .store import SignalStore, Status

GEAR = "Vehicle.Powertrain.Transmission.SelectedGear"
SPEED = "Vehicle.Speed"
# VSS SelectedGear codes: 126 = Park, 127 = Drive, 0 = Neutral, negative = Reverse, positive = forward
GEAR_PARK = 126
GEAR_LETTERS = {GEAR_PARK: "P", 127: "D", 0: "N"}


def driving_state(gear: Any, speed: Any) -> str:
    """'parked', 'idling', 'moving', or 'unknown' (no gear reading)."""
    if gear is None:
        return "unknown"
    if gear == GEAR_PARK:
        return "parked"
    return "moving" if speed else "idling"


def gear_letter(code: int) -> str:
    return GEAR_LETTERS.get(code) or ("R" if code < 0 else "D")


class Motion(NamedTuple):
    """Gear and speed as far as they are known now: None for a reading that is missing, stale, from
    a source that is gone or rejected as bad. A rule that lets something move decides on these, so
    that what is not known counts against it (fail safe)."""

    gear: int | None
    speed: float | None

    @classmethod
    def of(cls, store: SignalStore) -> Motion:
        gear, speed = store.get(GEAR), store.get(SPEED)
        return cls(gear.value if gear.status is Status.AVAILABLE else None,
                   speed.value if speed.status is Status.AVAILABLE else None)

    @property
    def standstill(self) -> bool:
        return self.speed == 0

    @property
    def parked(self) -> bool:
        """In P as far as is known now (driving_state's 'parked')."""
        return driving_state(self.gear, self.speed) == "parked"

    @property
    def parked_at_standstill(self) -> bool:
        return self.gear == GEAR_PARK and self.standstill

    def __str__(self) -> str:
        """'D, moving', 'P, stopped', 'gear unknown, speed unknown' — in words, not units: the
        gateway that says it does not know the units of the display that shows it."""
        gear = "gear unknown" if self.gear is None else gear_letter(self.gear)
        speed = "speed unknown" if self.speed is None else "stopped" if self.standstill else "moving"
        return f"{gear}, {speed}"
