"""The road and the traffic around the simulated car on its drive, and what its assistance systems
(adas.py) make of them, as the signals a car's ADAS ECUs send.

The drive cycle stays the driver's intention. A lead car drives the cycle τ seconds ahead of the
car (τ: the ACC's time gap), so with nothing happening the car keeps its gap and follows the cycle
exactly. Seeded events per lap, at speed, make it interesting: a car cutting in, the lead braking
hard, a drift toward a lane line, a car lingering in the blind spot, roadworks with a lower limit.
While a car other than that lead is ahead, the car's speed is the lower of the cycle's and what the
following allows (the ACC when it is on, else the driver, modelled as an IDM driver too) and the
emergency brake leaves; afterwards it catches up with the cycle, and the new lead eases back to
its place τ seconds ahead.

Lanes: 3 on a cycle that reaches motorway speeds, else 2, or the map's on a route; the car keeps
to the middle or the right. Limits: the lowest usual sign at or above the cycle's speed around,
or the map's on a route. The neighbours in the next lanes drift slowly past the car.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from .adas import GAP_BARS_S, AdasCar, Controls, Ego, Status
from .cycles import DriveCycle
from .scenario import seconds_at_least
from .traffic import CAR_LENGTH_M, Car, Idm, Traffic

SIGNS_KMH = (30, 50, 60, 70, 80, 100, 120, 130)  # the usual limits, in km/h
LIMIT_WINDOW_S = 30.0  # a limit covers the cycle's speed this long before and after
STANDSTILL_GAP_M = 4.0  # between cars queued at a light
CATCH_UP_MS2 = 2.0  # back to the cycle's speed after an event, at most this briskly
RELAX_S = 8.0  # the lead eases back to its place τ ahead with this time constant
RADAR_RANGE_M = 250.0
NEIGHBOUR_RANGE_M = 80.0  # a neighbour further than this ahead or behind is gone
MOTORWAY_KMH = 90.0  # a cycle this fast gets three lanes
EVENT_MIN_KMH = 60.0  # events happen at speed
EVENT_SPACING_S = 40.0
ROADWORKS_LIMIT_KMH = 80
NO_TTC_MS = 60000  # the catalogue's "not closing in"

X = "Cockpit.ADAS."
A = "Vehicle.ADAS."
FRONT = A + "ObstacleDetection.Front.Center."


@dataclass(frozen=True)
class Driver:
    """What the driver set, from the car's signals."""

    cruise: bool = False  # the cruise control holds a set speed
    set_speed_kmh: float = 0.0
    gap_bars: int = 2
    indicator: str = ""  # "", "left", "right"
    lane_assist: bool = True


@dataclass
class Event:
    kind: str  # "cut-in", "hard-brake", "drift", "blind-spot", "roadworks"
    start_s: float
    length_s: float
    side: str = ""  # drift and blind spot: "left" or "right"
    strength: float = 0.0  # cut-in: share of the set gap; hard brake: m/s²; drift: m/s


class Surroundings:
    """One lap's road and traffic. ``step`` moves them with the car and returns the car's speed."""

    def __init__(self, cycle: DriveCycle, seed: int = 1, lap: int = 0,
                 road: Callable[[float], tuple[int, float]] | None = None, events: bool = True):
        self.cycle = cycle
        self._road = road  # on a route: metres driven -> (lanes this way, limit km/h)
        self._rng = random.Random(f"{seed}/{lap}/traffic")
        lanes = road(0.0)[0] if road else (3 if max(cycle.speeds) >= MOTORWAY_KMH else 2)
        self.traffic = Traffic(lanes)
        self.ego = Ego(lane=min(1, lanes - 1) if lanes == 3 else lanes - 1)
        self.adas = AdasCar(self.traffic, self.ego, Controls())
        self.status = Status()
        self.driven_m = 0.0
        self._limits = _limits(cycle) if road is None else None
        self.lead = Car(self.ego.lane, 0.0, 0.0, Idm(1.0), scripted=True)
        self._lead_offset = 0.0  # the lead's distance from its place τ ahead (eases to 0)
        self._neighbours: dict[str, Car | None] = {"left": None, "right": None}
        self._away_until = {"left": 0.0, "right": 0.0}  # a gone neighbour's lane stays empty a while
        self._drift = {"left": 0.0, "right": 0.0}  # neighbours' speed relative to the cycle
        self.events = self._plan() if events else []  # none: the car drives its cycle exactly
        self._active: list[Event] = []
        self._intruder: Car | None = None  # a car ahead that is not the usual lead (cut-in, braking)
        self._stop_at = 0.0  # the speed a braking lead brakes down to
        self._roadworks = False
        self._place(0.0, 0.0)

    # ----- the lap's events -------------------------------------------------------------------

    def _plan(self) -> list[Event]:
        rng, cycle = self._rng, self.cycle
        wanted = [("cut-in", 30.0), ("hard-brake", 25.0), ("drift", 6.0), ("blind-spot", 30.0)]
        if self._limits is not None:
            wanted.append(("roadworks", 40.0))
        rng.shuffle(wanted)
        events: list[Event] = []
        for kind, length in wanted:
            least = MOTORWAY_KMH if kind == "roadworks" else EVENT_MIN_KMH
            free = [t for t in seconds_at_least(cycle, least, length)
                    if all(abs(t - e.start_s) > EVENT_SPACING_S + max(length, e.length_s) for e in events)]
            if not free:
                continue
            side = rng.choice(("left", "right"))
            strength = {"cut-in": rng.uniform(0.3, 0.6), "hard-brake": rng.uniform(6.0, 9.0),
                        "drift": rng.uniform(0.25, 0.4)}.get(kind, 0.0)
            events.append(Event(kind, rng.choice(free), length, side, strength))
        return sorted(events, key=lambda e: e.start_s)

    def _start(self, e: Event) -> None:
        ego, rng = self.ego, self._rng
        if e.kind == "cut-in" and self._intruder is None:
            tau = GAP_BARS_S[self.adas.controls.gap_bars]
            gap = e.strength * tau * ego.v  # a share of the set gap, slower than the car
            slower = max(0.0, ego.v - rng.uniform(1.0, 4.0))
            car = Car(ego.lane, ego.s + gap + CAR_LENGTH_M, slower, Idm(max(ego.v, 1.0)))
            self._intruder = car
        elif e.kind == "hard-brake" and self._intruder is None:
            self.lead.scripted, self.lead.braking = False, e.strength
            self._intruder = self.lead
            self._stop_at = self.lead.v * rng.uniform(0.0, 0.5)  # the speed it brakes down to
        elif e.kind == "blind-spot" and self._has_lane(e.side):
            self._neighbours[e.side] = Car(self._lane(e.side), ego.s - 6.0, ego.v, Idm(1.0), scripted=True)
            self._drift[e.side] = 0.003  # barely faster: it lingers beside the car
        elif e.kind == "roadworks":
            self._roadworks = True
        self._active.append(e)

    def _end(self, e: Event, t: float) -> None:
        if e.kind in ("cut-in", "hard-brake") and self._intruder is not None:
            # the car ahead now is the lead, easing back to its place τ ahead (the one a car cut
            # in behind has driven on out of sight)
            car = self._intruder
            car.scripted, car.braking = True, 0.0
            self.lead, self._intruder = car, None
            self._lead_offset = car.s - self._lead_place(t)
        elif e.kind == "blind-spot":
            self._drift[e.side] = 0.04  # and then it passes
        elif e.kind == "roadworks":
            self._roadworks = False

    # ----- a step -------------------------------------------------------------------------------

    def step(self, h: float, t: float, driver: Driver) -> float:
        """Move ``h`` seconds on from ``t`` seconds into the lap; returns the car's speed in km/h."""
        for e in [e for e in self.events if t <= e.start_s < t + h]:
            self._start(e)
        for e in [e for e in self._active if e.start_s + e.length_s < t + h]:
            self._active.remove(e)
            self._end(e, t)
        if self._road is not None:
            self._set_lanes(self._road(self.driven_m)[0])
        ego, c = self.ego, self.adas.controls
        cycle_v = self.cycle.speed_at(t + h) / 3.6
        c.gap_bars = driver.gap_bars if driver.gap_bars in GAP_BARS_S else 2
        c.indicator, c.lka_on = driver.indicator, driver.lane_assist
        # the following: the ACC at its set speed, else the driver, who wants the cycle's speed
        c.acc_on = True
        c.set_speed = driver.set_speed_kmh / 3.6 if driver.cruise else cycle_v * 1.2 + 1.0
        c.drift = next((e.strength * (1 if e.side == "right" else -1) for e in self._active if e.kind == "drift"), 0.0)
        if self._intruder is not None:
            lead = self._intruder
            if lead.braking and lead.v <= self._stop_at:
                lead.braking = 0.0
            lead.driver = Idm(max(self.cycle.speed_at(t + h + GAP_BARS_S[c.gap_bars]) / 3.6, 1.0))
        self._place(t, h)
        v0, s0 = ego.v, ego.s
        self.status = self.adas.step(h)
        if self._intruder is not None or self.status.aeb:
            v = min(cycle_v, ego.v)
        else:
            v = min(cycle_v, v0 + CATCH_UP_MS2 * h)
        ego.v, ego.s, ego.accel = v, s0 + (v0 + v) / 2 * h, (v - v0) / h if h > 0 else 0.0
        self.driven_m += ego.s - s0
        return v * 3.6

    def _lead_place(self, t: float) -> float:
        """Where the lead's front is when it drives the cycle τ seconds ahead of the car."""
        tau = GAP_BARS_S[self.adas.controls.gap_bars]
        ahead = self.cycle.distance_at(t + tau) - self.cycle.distance_at(t)
        return self.ego.s + ahead + STANDSTILL_GAP_M + CAR_LENGTH_M

    def _place(self, t: float, h: float) -> None:
        """Put the scripted cars where they are at ``t``, ``h`` seconds after the last time (the
        car is where it is at ``t``)."""
        lead = self.lead
        if lead.scripted:
            if self._intruder is None:
                self._lead_offset *= math.exp(-h / RELAX_S)
            else:  # a car cut in behind it: it drives on ahead, out of the way
                self._lead_offset += 3.0 * h
            tau = GAP_BARS_S[self.adas.controls.gap_bars]
            lead.s, lead.lane = self._lead_place(t) + self._lead_offset, self.ego.lane
            lead.v = self.cycle.speed_at(t + tau) / 3.6
        cycle_v = self.cycle.speed_at(t) / 3.6
        for side in ("left", "right"):
            car = self._neighbours[side]
            if car is not None:
                car.v = cycle_v * (1 + self._drift[side])
                car.s += car.v * h
                car.lane = self._lane(side)
                if abs(car.s - self.ego.s) > NEIGHBOUR_RANGE_M or not self._has_lane(side):
                    self._neighbours[side] = None
                    self._away_until[side] = t + self._rng.uniform(10.0, 40.0)
            elif t >= self._away_until[side] and self._has_lane(side) and cycle_v > 3.0:
                faster = self._rng.random() < 0.5
                self._drift[side] = self._rng.uniform(0.05, 0.15) * (1 if faster else -1)
                start = -0.75 * NEIGHBOUR_RANGE_M if faster else 0.95 * NEIGHBOUR_RANGE_M
                self._neighbours[side] = Car(self._lane(side), self.ego.s + start, cycle_v, Idm(1.0), scripted=True)
        intruder = [self._intruder] if self._intruder not in (None, lead) else []
        self.traffic.cars = [lead, *intruder, *(c for c in self._neighbours.values() if c is not None)]

    def _lane(self, side: str) -> int:
        return self.ego.lane + (-1 if side == "left" else 1)

    def _has_lane(self, side: str) -> bool:
        return 0 <= self._lane(side) < self.traffic.lanes

    def _set_lanes(self, lanes: int) -> None:
        if lanes != self.traffic.lanes:
            self.traffic.lanes = lanes
            self.ego.lane = min(self.ego.lane, lanes - 1)

    # ----- what the car reports ------------------------------------------------------------------

    def limit_kmh(self, t: float) -> int:
        if self._road is not None:
            return int(self._road(self.driven_m)[1])
        limit = self._limits[min(int(t), len(self._limits) - 1)]
        return min(limit, ROADWORKS_LIMIT_KMH) if self._roadworks else limit

    def values(self, t: float) -> dict[str, bool | int | float | str]:
        st, ego = self.status, self.ego
        lead = self.traffic.ahead(ego.lane, ego.s)
        gap = lead.rear - ego.s if lead is not None else RADAR_RANGE_M
        seen = lead is not None and gap < RADAR_RANGE_M
        ttc = st.ttc if seen and st.ttc is not None else None
        out: dict[str, bool | int | float | str] = {
            X + "Lead.IsDetected": seen,
            FRONT + "Distance": round(min(max(gap, 0.0), RADAR_RANGE_M), 1) if seen else RADAR_RANGE_M,
            FRONT + "TimeGap": min(NO_TTC_MS, round(ttc * 1000)) if ttc is not None else NO_TTC_MS,
            X + "Lead.Speed": round(lead.v * 3.6, 1) if seen else 0.0,
            FRONT + "IsWarning": st.fcw != "NONE",
            X + "ForwardCollision.Stage": st.fcw,
            A + "EBA.IsEngaged": st.aeb,
            X + "Lane.Count": self.traffic.lanes,
            X + "Lane.Index": ego.lane,
            X + "Lane.Offset": round(max(-2.5, min(2.5, ego.offset)), 2),
            A + "LaneDepartureDetection.IsWarning": st.ldw != "" and self.adas.controls.lka_on,
            X + "LaneDeparture.Side": st.ldw.upper() if st.ldw and self.adas.controls.lka_on else "NONE",
            X + "LaneKeeping.IsIntervening": st.lka_active,
            X + "SpeedLimit": self.limit_kmh(t),
        }
        for side, key in (("left", "Left"), ("right", "Right")):
            car = self._neighbours[side]
            out[X + f"Neighbour.{key}.IsDetected"] = car is not None
            out[X + f"Neighbour.{key}.Distance"] = round(max(-100.0, min(250.0, car.s - ego.s)), 1) if car else 0.0
            out[A + f"ObstacleDetection.Rear.{key}.IsWarning"] = st.blind_spot[side]
            out[A + f"ObstacleDetection.Rear.{key}.WarningType"] = "BLIND_SPOT" if st.blind_spot[side] else "UNDEFINED"
        return out


def _limits(cycle: DriveCycle) -> list[int]:
    """The limit in force at each whole second of a cycle: the lowest usual sign at or above the
    fastest the cycle goes within LIMIT_WINDOW_S of it."""
    fastest = [cycle.speed_at(float(t)) for t in range(int(cycle.duration) + 1)]
    w = int(LIMIT_WINDOW_S)
    out = []
    for t in range(len(fastest)):
        top = max(fastest[max(0, t - w):t + w + 1])
        out.append(next((s for s in SIGNS_KMH if s >= top), SIGNS_KMH[-1]))
    return out
