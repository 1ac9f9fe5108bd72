"""What happens around the car during one lap of a drive cycle, as a timeline of signal values.

Everything is derived from the cycle's speed trace and a seed, never from the wall clock, so a
seed always replays the same drive: gear and parking brake at stops, indicators before stops,
a door opened while parked, the driver buckling up late, a slow puncture, a sagging 12 V
battery, cruise control on steady fast stretches, a spell of high beam. The traffic around the car and
what its assistance systems report come from surroundings.py.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass

from .cycles import DriveCycle

GEAR_PARK = 126  # VSS SelectedGear codes
GEAR_DRIVE = 127
TIRE_PLACARD_KPA = 250
# FMVSS 138: the low-pressure telltale is due once a tire is 25 % or more below placard.
TIRE_LOW_FRACTION = 0.75
TIRE_LEAK_FLOOR_KPA = 170
LV_NOMINAL_V = 13.8  # the DC/DC converter holds the 12 V bus while the car is on
LV_SAG_V = 11.5

_GEAR = "Vehicle.Powertrain.Transmission.SelectedGear"
_CURRENT_GEAR = "Vehicle.Powertrain.Transmission.CurrentGear"
_PARKING_BRAKE = "Vehicle.Chassis.ParkingBrake.IsEngaged"
_LEFT = "Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling"
_RIGHT = "Vehicle.Body.Lights.DirectionIndicator.Right.IsSignaling"
_HIGH_BEAM = "Vehicle.Body.Lights.Beam.High.IsOn"
_DRIVER_BELT = "Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted"
_PASSENGER_BELT = "Vehicle.Cabin.Seat.Row1.PassengerSide.IsBelted"
# door -> the belt its occupant unbuckles to get out (rear seats are not instrumented)
_DOORS = {
    "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen": _DRIVER_BELT,
    "Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen": _PASSENGER_BELT,
    "Vehicle.Cabin.Door.Row2.DriverSide.IsOpen": None,
    "Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen": None,
}
_WHEELS = [f"Vehicle.Chassis.Axle.{axle}.Wheel.{side}.Tire" for axle in ("Row1", "Row2") for side in ("Left", "Right")]
_LV_VOLTAGE = "Vehicle.LowVoltageBattery.CurrentVoltage"
_CRUISE_ENABLED = "Vehicle.ADAS.CruiseControl.IsEnabled"
_CRUISE_ACTIVE = "Vehicle.ADAS.CruiseControl.IsActive"
_CRUISE_SPEED = "Vehicle.ADAS.CruiseControl.SpeedSet"

# A stop at least this long is a parking stop: the driver selects P and the parking brake applies.
PARK_MIN_DWELL_S = 20.0
# Parking stops long enough for someone to open a door and close it again.
_DOOR_MIN_WINDOW_S = 15.0
# Cruise control: a stretch at least this fast whose speed stays within the band for the time.
CRUISE_MIN_SPEED_KMH = 70.0
CRUISE_BAND_KMH = 6.0
CRUISE_MIN_STRETCH_S = 20.0
# Stretches this close together are one cruise session with an adjusted set speed.
_CRUISE_MERGE_GAP_S = 3.0
# No one signals for longer than this before the stop they turn into.
_INDICATOR_MAX_LEAD_S = 15.0
_HIGH_BEAM_MIN_SPEED_KMH = 70.0

Value = bool | int | float | str


@dataclass(frozen=True)
class ScenarioEvent:
    time_s: float  # seconds into the lap
    path: str
    value: Value


@dataclass(frozen=True)
class Stop:
    start_s: float
    end_s: float  # when the car pulls away again (== the lap's end for the final stop)
    first: bool
    last: bool

    @property
    def dwell_s(self) -> float:
        return self.end_s - self.start_s


def find_stops(cycle: DriveCycle) -> list[Stop]:
    """The stretches where the trace is at standstill, in order."""
    stops = []
    v, t = cycle.speeds, cycle.times
    i = 0
    while i < len(v):
        if v[i] != 0.0:
            i += 1
            continue
        j = i
        while j + 1 < len(v) and v[j + 1] == 0.0:
            j += 1
        stops.append(Stop(t[i], t[j], first=i == 0, last=j == len(v) - 1))
        i = j + 1
    return stops


def find_steady_stretches(cycle: DriveCycle) -> list[tuple[float, float, float]]:
    """``(start, end, set speed)`` of the fast stretches whose speed stays within a narrow band."""
    v, t = cycle.speeds, cycle.times
    stretches = []
    i = 0
    while i < len(v):
        if v[i] < CRUISE_MIN_SPEED_KMH:
            i += 1
            continue
        lo = hi = v[i]
        j = i
        while j + 1 < len(v) and v[j + 1] >= CRUISE_MIN_SPEED_KMH:
            if max(hi, v[j + 1]) - min(lo, v[j + 1]) > CRUISE_BAND_KMH:
                break
            j += 1
            lo, hi = min(lo, v[j]), max(hi, v[j])
        if t[j] - t[i] >= CRUISE_MIN_STRETCH_S:
            stretches.append((t[i], t[j], float(round((lo + hi) / 2))))
            i = j + 1
        else:
            i += 1
    return stretches


def seconds_at_least(cycle: DriveCycle, speed_kmh: float, length_s: float) -> list[float]:
    """Whole seconds from which the trace stays at or above ``speed_kmh`` for ``length_s``."""
    t, v = cycle.times, cycle.speeds
    starts = []
    for i, t0 in enumerate(t):
        j = i
        while j < len(t) and t[j] <= t0 + length_s + 1.0 and v[j] >= speed_kmh:
            j += 1
        if j < len(t) and t[j] > t0 + length_s + 1.0:
            starts.append(t0)
    return starts


class Scenario:
    """The timeline of one lap: ``events`` sorted by time; those at time 0 set the initial state."""

    def __init__(self, cycle: DriveCycle, seed: int = 1, lap: int = 0):
        self.cycle = cycle
        # A string seed keeps laps independent of each other and of Python's hash randomisation.
        rng = random.Random(f"{seed}/{lap}")
        self.stops = find_stops(cycle)
        self._events: list[ScenarioEvent] = []
        self.parking_windows = self._gear_and_parking()
        self._indicators(rng)
        self._door_at_a_stop(rng)
        self._late_seat_belt(rng)
        self._slow_puncture(rng)
        self._sagging_12v(rng)
        self._cruise_control(rng)
        self._high_beam(rng)
        # a stable sort keeps same-time events in the order they were made (e.g. SpeedSet first)
        self.events = sorted(self._events, key=lambda e: e.time_s)
        self._times = [e.time_s for e in self.events]

    @property
    def paths(self) -> frozenset[str]:
        return frozenset(e.path for e in self.events)

    def between(self, t0: float, t1: float) -> list[ScenarioEvent]:
        """Events with ``t0 < time <= t1``."""
        return self.events[bisect_right(self._times, t0) : bisect_right(self._times, t1)]

    def initial(self) -> list[ScenarioEvent]:
        return self.events[: bisect_right(self._times, 0.0)]

    def value_at(self, path: str, t: float) -> Value | None:
        """The value the timeline gives ``path`` at ``t`` (None if it never sets it)."""
        value = None
        for e in self.events[: bisect_right(self._times, t)]:
            if e.path == path:
                value = e.value
        return value

    # ----- builders -------------------------------------------------------------------------------

    def _at(self, t: float, path: str, value: Value) -> None:
        self._events.append(ScenarioEvent(round(max(t, 0.0), 3), path, value))

    def _gear_and_parking(self) -> list[tuple[float, float]]:
        """P and the parking brake at the start, at the end and at long stops; the P windows."""
        self._shift(0.0, self.cycle.speeds[0] == 0.0)
        windows = []
        for stop in self.stops:
            if stop.first or stop.last or stop.dwell_s >= PARK_MIN_DWELL_S:
                margin = min(2.0, stop.dwell_s / 4)
                park = 0.0 if stop.first else stop.start_s + margin
                drive = self.cycle.duration if stop.last else stop.end_s - margin
                if not stop.first:
                    self._shift(park, True)
                if not stop.last:
                    self._shift(drive, False)
                windows.append((park, drive))
        return windows

    def _shift(self, t: float, park: bool) -> None:
        self._at(t, _GEAR, GEAR_PARK if park else GEAR_DRIVE)
        self._at(t, _CURRENT_GEAR, 0 if park else 1)
        self._at(t, _PARKING_BRAKE, park)

    def _indicators(self, rng: random.Random) -> None:
        """Signal before each stop, as for a turn at a junction; sides alternate."""
        self._at(0.0, _LEFT, False)
        self._at(0.0, _RIGHT, False)
        side = rng.randrange(2)
        free_from = 0.0  # the previous indicator is off and the car has left the previous stop
        for stop in self.stops:
            if stop.first:
                free_from = stop.end_s
                continue
            # a long deceleration (leaving the motorway) is signalled only toward its end
            on = max(
                self._deceleration_start(stop.start_s) - rng.uniform(2.0, 4.0),
                stop.start_s - _INDICATOR_MAX_LEAD_S,
                free_from + 1.0,
            )
            if on < stop.start_s:
                off = min(stop.start_s + rng.uniform(1.0, 3.0), self.cycle.duration)
                path = (_LEFT, _RIGHT)[side]
                self._at(on, path, True)
                self._at(off, path, False)
                side = 1 - side
                free_from = max(off, stop.end_s)
            else:
                free_from = stop.end_s

    def _deceleration_start(self, stop_s: float) -> float:
        t, v = self.cycle.times, self.cycle.speeds
        i = bisect_right(t, stop_s) - 1
        while i > 0 and v[i - 1] > v[i]:
            i -= 1
        return t[i]

    def _door_at_a_stop(self, rng: random.Random) -> None:
        for door in _DOORS:
            self._at(0.0, door, False)
        windows = [
            (park, drive)
            for park, drive in self.parking_windows
            if park > 0.0 and drive < self.cycle.duration and drive - park >= _DOOR_MIN_WINDOW_S
        ]
        if not windows:
            return
        park, drive = rng.choice(windows)
        door = rng.choice(sorted(_DOORS))
        opened = park + rng.uniform(1.0, 3.0)
        closed = min(opened + rng.uniform(4.0, 10.0), drive - 1.0)
        belt = _DOORS[door]
        if belt is not None:
            self._at(opened - 0.5, belt, False)
            self._at(closed + rng.uniform(1.0, 2.0), belt, True)
        self._at(opened, door, True)
        self._at(closed, door, False)

    def _late_seat_belt(self, rng: random.Random) -> None:
        """The driver buckles up a few seconds after pulling away: the belt warning while moving."""
        self._at(0.0, _PASSENGER_BELT, True)
        first = self.stops[0] if self.stops and self.stops[0].first else None
        if first is None or first.last:
            self._at(0.0, _DRIVER_BELT, True)
            return
        self._at(0.0, _DRIVER_BELT, False)
        self._at(first.end_s + rng.uniform(3.0, 8.0), _DRIVER_BELT, True)

    def _slow_puncture(self, rng: random.Random) -> None:
        """One tire loses pressure steadily over half the lap, down past the FMVSS 138 threshold."""
        leaking = rng.choice(_WHEELS)
        for wheel in _WHEELS:
            start_kpa = TIRE_PLACARD_KPA if wheel == leaking else TIRE_PLACARD_KPA + rng.randint(-4, 2)
            self._at(0.0, f"{wheel}.Pressure", start_kpa)
            self._at(0.0, f"{wheel}.IsPressureLow", False)
        duration = self.cycle.duration
        start = rng.uniform(0.1, 0.2) * duration
        s_per_kpa = 0.5 * duration / (TIRE_PLACARD_KPA - TIRE_LEAK_FLOOR_KPA)
        low_flagged = False
        for kpa in range(TIRE_PLACARD_KPA - 1, TIRE_LEAK_FLOOR_KPA - 1, -1):
            t = start + (TIRE_PLACARD_KPA - kpa) * s_per_kpa
            self._at(t, f"{leaking}.Pressure", kpa)
            if not low_flagged and kpa <= TIRE_LOW_FRACTION * TIRE_PLACARD_KPA:
                self._at(t, f"{leaking}.IsPressureLow", True)
                low_flagged = True

    def _sagging_12v(self, rng: random.Random) -> None:
        """The DC/DC converter drops out: the 12 V bus sags, stays low for a while, recovers."""
        self._at(0.0, _LV_VOLTAGE, LV_NOMINAL_V)
        start = rng.uniform(0.3, 0.5) * self.cycle.duration
        hold = rng.uniform(60.0, 120.0)
        tenths_down = round((LV_NOMINAL_V - LV_SAG_V) * 10)
        for k in range(1, tenths_down + 1):  # over 30 s
            self._at(start + k * 30.0 / tenths_down, _LV_VOLTAGE, round(LV_NOMINAL_V - k / 10, 1))
        recover = start + 30.0 + hold
        for k in range(1, tenths_down + 1):  # over 10 s
            self._at(recover + k * 10.0 / tenths_down, _LV_VOLTAGE, round(LV_SAG_V + k / 10, 1))

    def _cruise_control(self, rng: random.Random) -> None:
        self._at(0.0, _CRUISE_ENABLED, False)
        self._at(0.0, _CRUISE_ACTIVE, False)
        stretches = find_steady_stretches(self.cycle)
        if not stretches:
            return
        self._at(stretches[0][0] - rng.uniform(5.0, 15.0), _CRUISE_ENABLED, True)
        previous_end = None
        for start, end, speed in stretches:
            if previous_end is not None and start - previous_end <= _CRUISE_MERGE_GAP_S:
                self._at(start, _CRUISE_SPEED, speed)  # the driver nudges the set speed
            else:
                if previous_end is not None:
                    self._at(previous_end, _CRUISE_ACTIVE, False)
                self._at(start + 2.0, _CRUISE_SPEED, speed)
                self._at(start + 2.0, _CRUISE_ACTIVE, True)
            previous_end = end
        self._at(previous_end, _CRUISE_ACTIVE, False)
        self._at(min(previous_end + rng.uniform(10.0, 30.0), self.cycle.duration), _CRUISE_ENABLED, False)

    def _high_beam(self, rng: random.Random) -> None:
        self._at(0.0, _HIGH_BEAM, False)
        length = rng.uniform(15.0, 30.0)
        starts = seconds_at_least(self.cycle, _HIGH_BEAM_MIN_SPEED_KMH, length)
        if starts:
            t = rng.choice(starts)
            self._at(t, _HIGH_BEAM, True)
            self._at(t + length, _HIGH_BEAM, False)
