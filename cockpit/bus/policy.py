"""The car's rules for actuator requests, applied at the gateway before its source sees one.

Displays only ask; the vehicle side decides, whatever a display's own code did — as Android
Automotive's car service checks a permission and the driving state on every property write. A
request that decoded (``codec.decode_request``: a known signal, a value of the catalogue's type,
range and step — checked there and only there) is refused, with a reason for the driver, when:

1. **who**: the display is unknown, or its role may not ask for that signal (``ALLOWED``; a
   display's rights are its role's: the cluster and the HUD ask for nothing);
2. **how often**: it asks faster than a person can (a token bucket per display: ``RATE_PER_S``
   sustained, ``BURST`` at once);
3. **when**: the driving state forbids it (``RULES``): seat, mirrors and steering column move only
   in P at standstill; doors, trunk and hood open and close only in P at standstill; doors unlock
   only at standstill. A gear or speed that is not known now counts as not parked, not stopped.

The reasons are shown after "<control> not changed: " on the center screen, so they start in lower
case and use words, not units. ``requestable(role)`` is what secure mode's access control lets a
display of that role query at all (``cockpit.bus.secure``).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from fnmatch import fnmatchcase
from typing import Any

from cockpit.vehicle.driving import Motion
from cockpit.vehicle.store import SignalStore

from .codec import Request
from .keys import ROLES

HVAC = "Vehicle.Cabin.HVAC."
HMI = "Vehicle.Cabin.Infotainment.HMI."
SEAT = "Vehicle.Cabin.Seat.Row1.DriverSide."
MIRRORS = "Vehicle.Body.Mirrors."
WHEEL = "Vehicle.Chassis.SteeringWheel."

# What each role may ask for: what the center's pages, its voice assistant and driver profiles
# request (tests/test_bus_policy.py holds this to the HMI's code). The kiosk is left out: it drives
# its own simulator in one process and never asks a gateway.
ALLOWED: dict[str, frozenset[str]] = {
    "cluster": frozenset(),
    "hud": frozenset(),
    "center": frozenset([
        # climate page, voice, profiles
        *(HVAC + f"Station.Row1.{zone}.{leaf}" for zone in ("Driver", "Passenger") for leaf in ("Temperature",
                                                                                               "FanSpeed")),
        *(HVAC + f"Is{what}Active" for what in ("AirConditioning", "Recirculation", "FrontDefroster",
                                                "RearDefroster")),
        "Vehicle.Cabin.Seat.Row1.DriverSide.HeatingCooling", "Vehicle.Cabin.Seat.Row1.PassengerSide.HeatingCooling",
        WHEEL + "HeatingCooling",
        # settings page, voice, profiles
        HMI + "DistanceUnit", HMI + "TemperatureUnit", HMI + "TirePressureUnit", HMI + "Brightness",
        "Vehicle.Cabin.Infotainment.Media.Volume",
        # profiles: comfort at once, the driver's seat, mirrors and steering column when parked
        "Vehicle.Powertrain.Transmission.PerformanceMode", "Vehicle.Cabin.Light.AmbientLight.Row1.DriverSide.Color",
        SEAT + "Position", SEAT + "Height", SEAT + "Backrest.Recline",
        *(MIRRORS + f"{side}.{axis}" for side in ("DriverSide", "PassengerSide") for axis in ("Yaw", "Tilt")),
        WHEEL + "Tilt", WHEEL + "Extension",
    ]),
}
# The displays in plain mode, where a display's name is its role (secure mode: the key folder's manifest).
PLAIN_ROLES = {role: role for role in ROLES}
_WHO = {"cluster": "the cluster", "center": "the center screen", "hud": "the HUD"}

# A person asks at most this often: a finger taps a button at most 6-8 times a second (two hands a
# few more), a voice command takes a second or more and asks for two zones at most. The burst
# covers driver profiles applied back to back: one is 21 requests at once (units, climate, drive
# mode, light, seat, mirrors, steering column; a test holds the burst to twice what it sends).
RATE_PER_S = 10.0
BURST = 50

Rule = Callable[[Any, Motion], "str | None"]


def _parked(what: str) -> Rule:
    def rule(value: Any, now: Motion) -> str | None:
        return None if now.parked_at_standstill else f"{what} only in P at standstill (now: {now})"

    return rule


def _unlock(value: Any, now: Motion) -> str | None:
    if value is True or now.standstill:  # locking is always allowed: it is the safe direction
        return None
    return f"the doors unlock only at standstill (now: {now})"


# When something may move, whoever asks (first matching pattern; '*' spans dots). Owner's-manual
# and production practice:
# - seat, mirrors, steering column: a memory position recalled while driving moves what the driver
#   sits against or looks through; cars recall memory only in P (and the profile code waits for P).
# - power doors, trunk, front trunk, hood: opened or closed only in P at standstill. Power sliding
#   door modules disable the door as soon as the gear leaves P; an opening hood or trunk at speed
#   blocks the view or loses the load. Closing is held to the same rule: a door closing on someone
#   getting out at a standstill in D is no safer.
# - door locks: cars lock by themselves once moving (drive-away locking, at 7 to 25 km/h
#   depending on the maker) against theft at traffic lights and children opening a door; unlocking
#   from the screen is refused while moving so that it cannot undo that, and allowed at a
#   standstill for a passenger to get out. Locking is always allowed. The doors' own switches and
#   inner handles (mechanical, required for getting out) are not on the bus and stay usable.
RULES: tuple[tuple[str, Rule], ...] = (
    ("Vehicle.Cabin.Seat.*.Position", _parked("the seat moves")),
    ("Vehicle.Cabin.Seat.*.Height", _parked("the seat moves")),
    ("Vehicle.Cabin.Seat.*.Backrest.Recline", _parked("the seat moves")),
    ("Vehicle.Body.Mirrors.*.Yaw", _parked("the mirrors move")),
    ("Vehicle.Body.Mirrors.*.Tilt", _parked("the mirrors move")),
    (WHEEL + "Tilt", _parked("the steering wheel moves")),
    (WHEEL + "Extension", _parked("the steering wheel moves")),
    ("Vehicle.Cabin.Door.*.IsOpen", _parked("the doors open and close")),
    ("Vehicle.Body.Trunk.Rear.IsOpen", _parked("the trunk opens and closes")),
    ("Vehicle.Body.Trunk.Front.IsOpen", _parked("the front trunk opens and closes")),
    ("Vehicle.Body.Hood.IsOpen", _parked("the hood opens and closes")),
    ("Vehicle.Cabin.Door.*.IsLocked", _unlock),
)


def requestable(role: str) -> tuple[str, ...]:
    """The VSS paths a display of ``role`` may ask for, sorted (empty for the cluster and the HUD)."""
    if role not in ALLOWED:
        raise ValueError(f"unknown role {role!r}: one of {', '.join(ALLOWED)}")
    return tuple(sorted(ALLOWED[role]))


def driving_rule(path: str, value: Any, now: Motion) -> str | None:
    """Why the driving state forbids ``path`` = ``value`` now, or None."""
    rule = next((r for pattern, r in RULES if fnmatchcase(path, pattern)), None)
    return None if rule is None else rule(value, now)


class RequestPolicy:
    """The rules for the displays in ``roles`` (display name -> role); thread-safe."""

    def __init__(self, roles: Mapping[str, str], clock: Callable[[], float] = time.monotonic):
        for name, role in roles.items():
            if role not in ALLOWED:
                raise ValueError(f"display {name!r}: unknown role {role!r}: one of {', '.join(ALLOWED)}")
        self.roles = dict(roles)
        self._clock = clock
        self._lock = threading.Lock()
        # name -> (tokens, when last filled); one bucket per known display only, so bounded
        self._buckets: dict[str, tuple[float, float]] = {}
        self.throttled: Counter[str] = Counter()  # display name -> requests refused for their rate

    def decide(self, request: Request, store: SignalStore) -> str | None:
        """None when ``request`` may go to the vehicle, else why not (words a driver understands)."""
        name = request.requester
        role = self.roles.get(name)
        if role is None:
            return f"unknown display {name!r}"
        if request.path not in ALLOWED[role]:
            who = _WHO[role] if name == role else f"{name} ({_WHO[role]})"
            return f"{who} cannot change {request.path}"
        if not self._take(name):
            return f"too many requests from {name} (at most {RATE_PER_S:g} a second)"
        return driving_rule(request.path, request.value, Motion.of(store))

    def _take(self, name: str) -> bool:
        with self._lock:
            now = self._clock()
            tokens, then = self._buckets.get(name, (BURST, now))
            tokens = min(BURST, tokens + (now - then) * RATE_PER_S)
            allowed = tokens >= 1
            self._buckets[name] = (tokens - allowed, now)
            if not allowed:
                self.throttled[name] += 1
            return allowed
