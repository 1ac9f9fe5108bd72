"""The simulated car's assistance systems, reported the way a car's ECUs report them:

- adaptive cruise control (ACC): the set speed, and a time gap of 1-4 bars to the lead car; an
  IDM driver with the set speed as its desired speed and the bars' time gap, its commands limited
  as ISO 15622 limits ACC (at most 2 m/s² up, 3.5 m/s² down);
- forward collision warning (FCW) in two stages, from the deceleration it would take to stop behind
  the lead car where it will stop, and from the time to collision; also when ACC would brake harder
  than it may (a take-over request); automatic emergency braking (AEB)
  when that deceleration is past what a driver brakes with, up to the tyres' limit;
- lane departure warning (LDW) when a wheel is about to cross a line, never with the indicator on
  toward it, and lane keeping (LKA) that steers back;
- blind-spot warning (BSW) for a car beside and behind, per side;
- intelligent speed assistance (ISA): the limit in force and whether the car is above it.

``AdasCar.step`` moves the ego car and the traffic together; ``status()`` says what the systems
report. Everything is seeded and stepped: no clock, no threads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .traffic import LANE_WIDTH_M, Idm, Traffic

GAP_BARS_S = {1: 1.0, 2: 1.4, 3: 1.8, 4: 2.2}  # time gap per bar (ISO 15622 asks for >= 0.8 s)
ACC_ACCEL_MAX, ACC_DECEL_MAX = 2.0, 3.5  # m/s², ISO 15622's limits for ACC
FCW_DECEL = 3.0  # m/s²: stopping behind the lead needs more than this -> warning
FCW_URGENT_DECEL = 5.0  # and past this -> urgent (a driver's firm braking)
FCW_TTC_S, FCW_URGENT_TTC_S = 2.7, 1.8  # or the time to collision alone says so
AEB_DECEL = 5.5  # needing more than this, the car brakes by itself
BRAKE_MAX = 9.5  # m/s²: dry tarmac's limit
STOP_MARGIN_M = 2.0  # AEB aims to stop this far behind
CAR_WIDTH_M = 1.9
LDW_MARGIN_M = 0.2  # a wheel this close to a line (moving toward it) warns
BLIND_SPOT_BEHIND_M = 10.0  # the zone beside the car: from its mirrors back this far


@dataclass
class Ego:
    lane: int
    s: float = 0.0
    v: float = 0.0
    offset: float = 0.0  # lateral, m from the lane's centre, + to the right
    lateral_v: float = 0.0
    accel: float = 0.0


@dataclass
class Controls:
    """What the driver set or does."""

    acc_on: bool = True
    set_speed: float = 30.0  # m/s
    gap_bars: int = 2
    lka_on: bool = True
    indicator: str = ""  # "", "left", "right"
    drift: float = 0.0  # lateral speed the driver lets the car drift at, m/s (+ right)


@dataclass
class Status:
    lead_distance: float | None = None  # m, bumper to bumper
    lead_speed: float | None = None
    time_gap: float | None = None  # s, gap / own speed
    ttc: float | None = None  # s, while closing in
    fcw: str = "NONE"  # NONE, WARNING, URGENT
    aeb: bool = False
    ldw: str = ""  # "", "left", "right"
    lka_active: bool = False
    blind_spot: dict[str, bool] = field(default_factory=lambda: {"left": False, "right": False})
    speed_limit: float | None = None  # km/h
    over_limit: bool = False
    collisions: int = 0


class AdasCar:
    def __init__(self, traffic: Traffic, ego: Ego, controls: Controls | None = None):
        self.traffic = traffic
        self.ego = ego
        self.controls = controls or Controls()
        self.status_ = Status()
        self.speed_limit: float | None = None  # km/h, from the map or the scenario
        self._touching = False

    # ----- what the sensors see -----------------------------------------------------------------

    def lead(self):  # noqa: ANN201 - the Car ahead in the ego lane, or None
        return self.traffic.ahead(self.ego.lane, self.ego.s)

    def _needed_decel(self, gap: float, lead_v: float, lead_a: float) -> float:
        """The constant deceleration that stops the ego car (or matches the lead's speed) behind the
        lead car with STOP_MARGIN_M to spare, given the lead's own deceleration."""
        v = self.ego.v
        if v <= lead_v and lead_a >= -0.1:
            return 0.0
        room = gap - STOP_MARGIN_M
        if lead_a < -0.1:  # the lead is braking: it stops v²/2a further on
            room += lead_v * lead_v / (2 * -lead_a)
            return math.inf if room <= 0 else v * v / (2 * room)
        closing = v - lead_v
        return math.inf if room <= 0 else closing * closing / (2 * room)

    # ----- a step -------------------------------------------------------------------------------

    def step(self, dt: float) -> Status:
        ego, c = self.ego, self.controls
        lead = self.lead()
        st = Status(speed_limit=self.speed_limit, collisions=self.status_.collisions)
        accel = 0.0
        if lead is not None:
            gap = lead.rear - ego.s
            closing = ego.v - lead.v
            lead_a = -lead.braking if lead.braking > 0 else 0.0
            st.lead_distance, st.lead_speed = gap, lead.v
            st.time_gap = gap / ego.v if ego.v > 0.5 else None
            st.ttc = gap / closing if closing > 0.1 else None
            need = self._needed_decel(gap, lead.v, lead_a)
            # the time to collision alone warns only while the car is not already braking enough
            # (a car easing up behind a queue at walking pace has a short TTC and no problem)
            ttc = st.ttc if st.ttc is not None and -ego.accel < need else None
            if need > FCW_URGENT_DECEL or (ttc is not None and ttc < FCW_URGENT_TTC_S):
                st.fcw = "URGENT"
            elif need > FCW_DECEL or (ttc is not None and ttc < FCW_TTC_S):
                st.fcw = "WARNING"
            if need > AEB_DECEL or (self.status_.aeb and closing > 0):
                st.aeb = True
                accel = -min(BRAKE_MAX, max(need * 1.2, AEB_DECEL))
        if not st.aeb and c.acc_on:
            driver = Idm(v0=max(c.set_speed, 0.1), t=GAP_BARS_S[c.gap_bars], a=ACC_ACCEL_MAX, b=2.0, s0=3.0)
            gap = lead.rear - ego.s if lead else None
            wanted = driver.accel(ego.v, gap, ego.v - lead.v if lead else 0.0)
            accel = max(-ACC_DECEL_MAX, min(ACC_ACCEL_MAX, wanted))
            if wanted < -ACC_DECEL_MAX and lead is not None and ego.v > lead.v and st.fcw == "NONE":
                st.fcw = "WARNING"  # more braking than ACC may give: the driver must take over
        ego.accel = accel
        v1 = max(0.0, ego.v + accel * dt)
        ego.s += (ego.v + v1) / 2 * dt
        ego.v = v1
        self._lateral(dt, st)
        self.traffic.step(dt, ego.lane, ego.s, ego.v)
        lead = self.lead()
        touching = lead is not None and lead.rear - ego.s <= 0.0
        if touching and not self._touching:
            st.collisions += 1
        self._touching = touching
        self._blind_spots(st)
        if self.speed_limit is not None:
            st.over_limit = ego.v * 3.6 > self.speed_limit + 3.0  # a speedometer's tolerance
        self.status_ = st
        return st

    def _lateral(self, dt: float, st: Status) -> None:
        ego, c = self.ego, self.controls
        ego.lateral_v = c.drift
        edge = LANE_WIDTH_M / 2 - CAR_WIDTH_M / 2  # the wheel on the line at this offset
        side = "right" if ego.lateral_v > 0 else "left" if ego.lateral_v < 0 else ""
        toward_line = side != "" and abs(ego.offset) > edge - LDW_MARGIN_M and (ego.offset > 0) == (side == "right")
        intended = side != "" and c.indicator == side
        if toward_line and not intended:
            st.ldw = side
            if c.lka_on:  # steer back toward the lane's centre
                st.lka_active = True
                ego.lateral_v = -math.copysign(0.4, ego.offset)
        ego.offset += ego.lateral_v * dt
        if abs(ego.offset) > LANE_WIDTH_M / 2:  # across the line: in the next lane now
            step = 1 if ego.offset > 0 else -1
            if 0 <= ego.lane + step < self.traffic.lanes:
                ego.lane += step
                ego.offset -= step * LANE_WIDTH_M
            else:
                ego.offset = math.copysign(LANE_WIDTH_M / 2, ego.offset)

    def _blind_spots(self, st: Status) -> None:
        ego = self.ego
        mirrors = ego.s - 1.5
        for side, lane in (("left", ego.lane - 1), ("right", ego.lane + 1)):
            st.blind_spot[side] = any(
                car.lane == lane and car.s > mirrors - BLIND_SPOT_BEHIND_M and car.rear < mirrors
                for car in self.traffic.cars)
