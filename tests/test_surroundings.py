"""The traffic around the simulated car on its drive cycle (cockpit/sim/surroundings.py), over many
seeded laps: nothing happening means the cycle exactly and no warning; each event does what it
should and nothing collides; and what the simulator publishes is what the catalogue allows."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from cockpit.sim.adas import GAP_BARS_S
from cockpit.sim.cycles import load_cycle
from cockpit.sim.drive import DriveSimulation
from cockpit.sim.surroundings import SIGNS_KMH, Driver, Surroundings
from cockpit.sim.traffic import CAR_LENGTH_M
from cockpit.vehicle.catalogue import default_catalogue

STEP = 0.1
SEEDS = range(50)


@dataclass
class Lap:
    surroundings: Surroundings
    samples: list[tuple[float, float, dict]] = field(default_factory=list)  # (t, speed km/h, values)

    def during(self, kind: str, after_s: float = 0.0) -> list[tuple[float, float, dict]]:
        spans = [(e.start_s, e.start_s + e.length_s + after_s) for e in self.surroundings.events if e.kind == kind]
        return [s for s in self.samples if any(a <= s[0] <= b for a, b in spans)]


def drive(cycle: str, seed: int, events: bool = True) -> Lap:
    c = load_cycle(cycle)
    lap = Lap(Surroundings(c, seed, events=events))
    t = 0.0
    while t < c.duration - 1e-9:
        v = lap.surroundings.step(STEP, t, Driver())
        t += STEP
        lap.samples.append((t, v, lap.surroundings.values(t)))
    return lap


def test_with_nothing_happening_the_car_drives_its_cycle_exactly_and_nothing_warns():
    for cycle in ("wltc", "hwfet", "udds"):
        lap = drive(cycle, 1, events=False)
        c = lap.surroundings.cycle
        assert max(abs(v - c.speed_at(t)) for t, v, _ in lap.samples) < 1e-6
        for _, _, values in lap.samples:
            assert values["Cockpit.ADAS.ForwardCollision.Stage"] == "NONE"
            assert not values["Vehicle.ADAS.LaneDepartureDetection.IsWarning"]
            assert not values["Vehicle.ADAS.EBA.IsEngaged"]
            # the lead drives the cycle the set time gap ahead: never closer than queued at a light
            assert values["Cockpit.ADAS.Lead.IsDetected"]
            assert values["Vehicle.ADAS.ObstacleDetection.Front.Center.Distance"] >= 4.0 - 1e-6


@pytest.fixture(scope="module")
def motorway_laps() -> list[Lap]:
    return [drive("hwfet", seed) for seed in SEEDS]


def test_no_seed_ends_in_a_collision_and_every_event_happens(motorway_laps):
    kinds = {e.kind for lap in motorway_laps for e in lap.surroundings.events}
    assert kinds == {"cut-in", "hard-brake", "drift", "blind-spot", "roadworks"}
    assert sum(lap.surroundings.status.collisions for lap in motorway_laps) == 0
    for lap in motorway_laps:
        assert all(v["Vehicle.ADAS.ObstacleDetection.Front.Center.Distance"] > 0.5 for _, _, v in lap.samples)


def test_a_braking_lead_is_warned_of_before_the_time_to_collision_reaches_1_5_s(motorway_laps):
    braked = 0
    for lap in motorway_laps:
        window = lap.during("hard-brake", after_s=15.0)
        if not window:
            continue
        braked += 1
        ttcs = [v["Vehicle.ADAS.ObstacleDetection.Front.Center.TimeGap"] / 1000 for _, _, v in window]
        stages = [v["Cockpit.ADAS.ForwardCollision.Stage"] for _, _, v in window]
        if min(ttcs) < 1.5:  # it got that close: the warning came first
            first_close = next(i for i, ttc in enumerate(ttcs) if ttc < 1.5)
            assert any(s != "NONE" for s in stages[: first_close + 1])
        # and the car slowed below its cycle while the lead braked, then caught up again
        assert any(speed < lap.surroundings.cycle.speed_at(t) - 5 for t, speed, _ in window)
    assert braked >= 40


def test_after_a_cut_in_the_car_falls_back_to_its_set_time_gap(motorway_laps):
    cut_ins = 0
    for lap in motorway_laps:
        (event,) = [e for e in lap.surroundings.events if e.kind == "cut-in"] or [None]
        if event is None:
            continue
        cut_ins += 1
        start = [v for t, _, v in lap.samples if event.start_s < t <= event.start_s + 1]
        gap_s = GAP_BARS_S[2]
        first = start[0]["Vehicle.ADAS.ObstacleDetection.Front.Center.Distance"]
        ended = event.start_s + event.length_s
        _, speed, v = [s for s in lap.samples if s[0] <= ended][-1]
        time_gap = v["Vehicle.ADAS.ObstacleDetection.Front.Center.Distance"] / max(speed / 3.6, 0.1)
        assert first < gap_s * speed / 3.6  # it cut in inside the set gap
        assert time_gap >= gap_s * 0.95, (lap.surroundings.events, time_gap)
    assert cut_ins >= 40


def test_a_drift_warns_on_its_side_and_lane_keeping_steers_back(motorway_laps):
    drifts = 0
    for lap in motorway_laps:
        (event,) = [e for e in lap.surroundings.events if e.kind == "drift"] or [None]
        if event is None:
            continue
        drifts += 1
        window = lap.during("drift")
        sides = {v["Cockpit.ADAS.LaneDeparture.Side"] for _, _, v in window} - {"NONE"}
        assert sides == {event.side.upper()}
        assert any(v["Cockpit.ADAS.LaneKeeping.IsIntervening"] for _, _, v in window)
        # kept in its lane: the line is never crossed
        assert {v["Cockpit.ADAS.Lane.Index"] for _, _, v in window} == {window[0][2]["Cockpit.ADAS.Lane.Index"]}
    assert drifts >= 40


def test_a_drift_toward_the_side_the_driver_indicates_does_not_warn():
    for seed in range(10):
        c = load_cycle("hwfet")
        lap = Surroundings(c, seed)
        drift = next((e for e in lap.events if e.kind == "drift"), None)
        if drift is None:
            continue
        t = 0.0
        while t < drift.start_s + drift.length_s:
            lap.step(STEP, t, Driver(indicator=drift.side))
            t += STEP
            assert not lap.values(t)["Vehicle.ADAS.LaneDepartureDetection.IsWarning"]


def test_the_blind_spot_warns_only_on_the_side_a_car_is_on(motorway_laps):
    for lap in motorway_laps[:10]:
        for _, _, v in lap.samples:
            for side in ("Left", "Right"):
                if v[f"Vehicle.ADAS.ObstacleDetection.Rear.{side}.IsWarning"]:
                    assert v[f"Cockpit.ADAS.Neighbour.{side}.IsDetected"]
                    # beside the car: from its mirrors (1.5 m behind its front) back 10 m
                    assert -11.5 - 0.5 < v[f"Cockpit.ADAS.Neighbour.{side}.Distance"] < -1.5 + CAR_LENGTH_M + 0.5
                    assert v[f"Vehicle.ADAS.ObstacleDetection.Rear.{side}.WarningType"] == "BLIND_SPOT"
    lingering = [lap for lap in motorway_laps if lap.during("blind-spot")]
    assert lingering
    for lap in lingering:
        e = next(e for e in lap.surroundings.events if e.kind == "blind-spot")
        path = f"Vehicle.ADAS.ObstacleDetection.Rear.{e.side.title()}.IsWarning"
        warned = [v[path] for _, _, v in lap.during("blind-spot")]
        assert sum(warned) > 0.5 * len(warned)


def test_limits_are_signs_above_the_cycle_except_at_roadworks(motorway_laps):
    for lap in motorway_laps[:10]:
        works = {round(t, 1) for t, _, _ in lap.during("roadworks")}
        for t, speed, v in lap.samples:
            limit = v["Cockpit.ADAS.SpeedLimit"]
            assert limit in SIGNS_KMH
            if round(t, 1) not in works:
                assert speed <= limit + 1e-6
            else:
                assert limit <= 80


def test_the_simulator_publishes_the_assistance_signals_within_the_catalogue():
    catalogue = default_catalogue()
    sim = DriveSimulation("hwfet", seed=3)
    seen: dict[str, set] = {}
    for _ in range(int(sim.cycle.duration / 0.1)):
        for path, value in sim.advance(0.1):
            if "ADAS" in path:
                assert catalogue[path].check(value) is None, (path, value)
                seen.setdefault(path, set()).add(value)
    adas = {spec.path for spec in catalogue if "ADAS." in spec.path}
    assert adas <= seen.keys()
    assert seen["Cockpit.ADAS.Lane.Count"] == {3}  # a motorway cycle
    # this seed's lap has the lead braking hard and a drift out of the lane
    assert {"NONE", "WARNING", "URGENT"} == seen["Cockpit.ADAS.ForwardCollision.Stage"]
    assert seen["Vehicle.ADAS.LaneDepartureDetection.IsWarning"] == {False, True}
