"""Traffic around the simulated car on a straight multi-lane road: other cars driven by the
Intelligent Driver Model (Treiber, Hennecke, Helbing 2000, "Congested traffic states in empirical
observations and microscopic simulations", Phys. Rev. E 62), and the seeded events that test a
car's assistance systems: a car cutting in, the lead car braking hard, a car in the blind spot.

Positions are metres along the road (front bumper), lanes counted from the left (0), speeds m/s.
The ego car is not one of these cars: the assistance systems (adas.py) drive it, and the other
cars see it as a car in its lane.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

CAR_LENGTH_M = 4.7
LANE_WIDTH_M = 3.5


@dataclass(frozen=True)
class Idm:
    """An Intelligent Driver Model driver: desired speed ``v0``, time gap ``t``, acceleration ``a``,
    comfortable deceleration ``b``, standstill gap ``s0``."""

    v0: float
    t: float = 1.5
    a: float = 1.4
    b: float = 2.0
    s0: float = 2.0

    def accel(self, v: float, gap: float | None = None, closing: float = 0.0) -> float:
        """Acceleration at speed ``v`` with ``gap`` metres to the car ahead (None: a free road),
        approaching it at ``closing`` m/s."""
        free = 1.0 - (v / self.v0) ** 4 if self.v0 > 0 else -1.0
        if gap is None:
            return self.a * free
        wanted = self.s0 + max(0.0, v * self.t + v * closing / (2.0 * math.sqrt(self.a * self.b)))
        return self.a * (free - (wanted / max(gap, 0.1)) ** 2)


@dataclass
class Car:
    lane: int
    s: float  # front bumper, m along the road
    v: float
    driver: Idm
    braking: float = 0.0  # a forced deceleration (m/s², > 0) while an event says so
    name: str = ""
    scripted: bool = False  # moved by its owner (the simulator's drive), not by its driver model

    @property
    def rear(self) -> float:
        return self.s - CAR_LENGTH_M


@dataclass
class Traffic:
    lanes: int
    cars: list[Car] = field(default_factory=list)
    collisions: int = 0  # between the other cars (the ego car's are counted by the caller)

    def ahead(self, lane: int, s: float, exclude: Car | None = None) -> Car | None:
        """The nearest car in ``lane`` whose rear is ahead of ``s``."""
        best = None
        for c in self.cars:
            if c is not exclude and c.lane == lane and c.rear > s - 1e-9 and (best is None or c.rear < best.rear):
                best = c
        return best

    def step(self, dt: float, ego_lane: int, ego_s: float, ego_v: float) -> None:
        """Move every car ``dt`` seconds; the ego car (a front bumper at ``ego_s``) counts as a car
        in its lane for those behind it."""
        moves = []
        driven = [c for c in self.cars if not c.scripted]
        for c in driven:
            lead = self.ahead(c.lane, c.s, exclude=c)
            gap = lead.rear - c.s if lead else None
            closing = c.v - lead.v if lead else 0.0
            ego_rear = ego_s - CAR_LENGTH_M
            if c.lane == ego_lane and ego_rear > c.s and (gap is None or ego_rear - c.s < gap):
                gap, closing = ego_rear - c.s, c.v - ego_v
            a = -c.braking if c.braking > 0 else c.driver.accel(c.v, gap, closing)
            moves.append(max(-9.0, a))
        for c, a in zip(driven, moves, strict=True):
            v1 = max(0.0, c.v + a * dt)
            c.s += (c.v + v1) / 2 * dt
            c.v = v1
