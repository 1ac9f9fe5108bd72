"""The scenario timeline: deterministic from its seed, and every event where it makes sense."""

from __future__ import annotations

import pytest

from cockpit.sim.cycles import load_cycle
from cockpit.sim.drive import DriveSimulation
from cockpit.sim.scenario import (
    GEAR_DRIVE,
    GEAR_PARK,
    TIRE_PLACARD_KPA,
    Scenario,
    ScenarioEvent,
)
from cockpit.vehicle.catalogue import default_catalogue

GEAR = "Vehicle.Powertrain.Transmission.SelectedGear"
CURRENT_GEAR = "Vehicle.Powertrain.Transmission.CurrentGear"
PARKING_BRAKE = "Vehicle.Chassis.ParkingBrake.IsEngaged"
LEFT = "Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling"
RIGHT = "Vehicle.Body.Lights.DirectionIndicator.Right.IsSignaling"
DRIVER_BELT = "Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted"
LV = "Vehicle.LowVoltageBattery.CurrentVoltage"
CRUISE_ENABLED = "Vehicle.ADAS.CruiseControl.IsEnabled"
CRUISE_ACTIVE = "Vehicle.ADAS.CruiseControl.IsActive"
CRUISE_SPEED = "Vehicle.ADAS.CruiseControl.SpeedSet"
HIGH_BEAM = "Vehicle.Body.Lights.Beam.High.IsOn"
WHEELS = [f"Vehicle.Chassis.Axle.{a}.Wheel.{s}.Tire" for a in ("Row1", "Row2") for s in ("Left", "Right")]


def replay(scenario: Scenario, step: float = 0.25):
    """Walk the lap, yielding (t, cycle speed, state of every scripted path)."""
    state: dict = {}
    events = iter(scenario.events)
    pending = next(events, None)
    t = 0.0
    while t <= scenario.cycle.duration:
        while pending is not None and pending.time_s <= t:
            state[pending.path] = pending.value
            pending = next(events, None)
        yield t, scenario.cycle.speed_at(t), state
        t += step


def spans(scenario: Scenario, path: str) -> list[tuple[float, float]]:
    """(on, off) of every stretch where a boolean path is true."""
    out, on = [], None
    for e in scenario.events:
        if e.path == path and e.value and on is None:
            on = e.time_s
        elif e.path == path and not e.value and on is not None:
            out.append((on, e.time_s))
            on = None
    assert on is None, f"{path} left on at the end of the lap"
    return out


@pytest.fixture(scope="module")
def wltc() -> Scenario:
    return Scenario(load_cycle("wltc"), seed=1)


def test_the_timeline_is_plain_data_typed_for_the_catalogue(wltc: Scenario):
    catalogue = default_catalogue()
    assert all(isinstance(e, ScenarioEvent) for e in wltc.events)
    assert [e.time_s for e in wltc.events] == sorted(e.time_s for e in wltc.events)
    assert all(0 <= e.time_s <= wltc.cycle.duration for e in wltc.events)
    for e in wltc.events:
        assert catalogue[e.path].check(e.value) is None, e
    # the initial state covers every path the timeline touches, but the cruise set speed: the car
    # has none until the driver sets one
    assert {e.path for e in wltc.initial()} == wltc.paths - {CRUISE_SPEED}


def test_same_seed_same_timeline_other_seed_other_timeline():
    cycle = load_cycle("wltc")
    assert Scenario(cycle, seed=7).events == Scenario(cycle, seed=7).events
    assert Scenario(cycle, seed=7).events != Scenario(cycle, seed=8).events
    assert Scenario(cycle, seed=7, lap=1).events != Scenario(cycle, seed=7, lap=0).events


def test_no_wall_clock_the_same_seed_replays_the_same_drive():
    a, b = DriveSimulation("udds", seed=3), DriveSimulation("udds", seed=3)
    for _ in range(600):
        assert a.advance(0.5) == b.advance(0.5)


def test_gear_is_park_at_long_stops_and_drive_whenever_moving(wltc: Scenario):
    parked_at_a_stop = 0
    for t, speed, state in replay(wltc):
        if speed > 0:
            assert state[GEAR] == GEAR_DRIVE and state[CURRENT_GEAR] == 1 and not state[PARKING_BRAKE], t
        if state[GEAR] == GEAR_PARK:
            assert speed == 0 and state[CURRENT_GEAR] == 0 and state[PARKING_BRAKE], t
            parked_at_a_stop += 0 < t < wltc.cycle.duration - 10
    assert parked_at_a_stop > 0
    assert wltc.value_at(GEAR, 0.0) == GEAR_PARK


def test_indicators_come_on_before_decelerating_into_stops_and_alternate(wltc: Scenario):
    sides = sorted(
        [(on, off, "L") for on, off in spans(wltc, LEFT)] + [(on, off, "R") for on, off in spans(wltc, RIGHT)]
    )
    moving_stops = [s for s in wltc.stops if not s.first]
    assert len(sides) >= len(moving_stops) - 1
    for a, b in zip(sides, sides[1:], strict=False):
        assert a[2] != b[2], "sides alternate"
        assert a[1] < b[0], "never both at once"
    for on, off, _ in sides:
        stop = next(s for s in moving_stops if s.start_s > on)
        assert 0 < stop.start_s - on <= 15 + 1e-9
        assert wltc.cycle.speed_at(on + 1) > 0
        assert wltc.cycle.speed_at(stop.start_s - 1) < wltc.cycle.speed_at(on)  # slowing down
        assert stop.start_s < off <= stop.start_s + 3
    # the side of the first one comes from the seed
    firsts = set()
    for seed in range(8):
        sc = Scenario(wltc.cycle, seed=seed)
        firsts.add(min((e.time_s, e.path) for e in sc.events if e.path in (LEFT, RIGHT) and e.value)[1])
    assert firsts == {LEFT, RIGHT}


@pytest.mark.parametrize("seed", range(6))
def test_a_door_opens_only_while_parked(seed: int):
    scenario = Scenario(load_cycle("wltc"), seed=seed)
    doors = [p for p in scenario.paths if p.endswith(".IsOpen")]
    opened = [(door, span) for door in doors for span in spans(scenario, door)]
    assert len(opened) == 1
    door, (on, off) = opened[0]
    assert 4 <= off - on <= 10
    for t, speed, state in replay(scenario, 0.1):
        if state[door]:
            assert speed == 0 and state[GEAR] == GEAR_PARK, t


def test_the_driver_buckles_up_shortly_after_pulling_away(wltc: Scenario):
    unbelted = [(t, speed) for t, speed, state in replay(wltc, 0.5) if not state[DRIVER_BELT]]
    assert unbelted[0][0] == 0.0
    assert len(unbelted) * 0.5 <= 30, "a short time"
    assert unbelted[-1][0] - unbelted[0][0] == pytest.approx(0.5 * (len(unbelted) - 1)), "one spell"
    pull_away = wltc.stops[0].end_s
    assert pull_away + 3 <= unbelted[-1][0] + 0.5 and unbelted[-1][0] <= pull_away + 8
    assert unbelted[-1][1] > 0  # so the belt warning shows while moving


@pytest.mark.parametrize("seed", range(4))
def test_a_slow_puncture_raises_the_low_pressure_flag_at_25_percent_below_placard(seed: int):
    scenario = Scenario(load_cycle("wltc"), seed=seed)
    threshold = 0.75 * TIRE_PLACARD_KPA
    lowest = {}
    for t, _, state in replay(scenario, 1.0):
        for wheel in WHEELS:
            kpa = state[f"{wheel}.Pressure"]
            assert state[f"{wheel}.IsPressureLow"] == (kpa <= threshold), (t, wheel, kpa)
            lowest[wheel] = min(lowest.get(wheel, kpa), kpa)
    leaking = [w for w in WHEELS if lowest[w] <= threshold]
    assert len(leaking) == 1
    assert all(lowest[w] >= TIRE_PLACARD_KPA - 4 for w in WHEELS if w not in leaking)
    drops = [e for e in scenario.events if e.path == f"{leaking[0]}.Pressure" and e.time_s > 0]
    assert all(a.value - b.value == 1 for a, b in zip(drops, drops[1:], strict=False)), "falls slowly"
    assert drops[-1].time_s - drops[0].time_s > 0.4 * scenario.cycle.duration


def test_the_12v_battery_sags_below_11_8_volts_for_a_while_and_recovers(wltc: Scenario):
    below = [t for t, _, state in replay(wltc, 1.0) if state[LV] < 11.8]
    assert len(below) >= 60
    assert below[-1] - below[0] == pytest.approx(len(below) - 1)  # one spell
    assert min(e.value for e in wltc.events if e.path == LV) >= 11.0
    assert wltc.value_at(LV, wltc.cycle.duration) == wltc.value_at(LV, 0.0) > 13


@pytest.mark.parametrize("cycle", ["wltc", "hwfet", "udds"])
def test_cruise_control_is_active_only_on_steady_fast_stretches(cycle: str):
    scenario = Scenario(load_cycle(cycle), seed=2)
    active = 0
    for t, speed, state in replay(scenario, 0.5):
        if state[CRUISE_ACTIVE]:
            active += 1
            assert state[CRUISE_ENABLED], t
            assert speed >= 65, t
            assert abs(speed - state[CRUISE_SPEED]) <= 6, t
    assert active * 0.5 >= 30
    assert not scenario.value_at(CRUISE_ACTIVE, scenario.cycle.duration)


def test_cruise_stays_off_in_the_city_part_of_wltc(wltc: Scenario):
    first = min(e.time_s for e in wltc.events if e.path == CRUISE_ACTIVE and e.value)
    assert first > 1000  # the low and medium phases have no steady fast stretch


def test_high_beam_comes_on_once_at_speed(wltc: Scenario):
    [(on, off)] = spans(wltc, HIGH_BEAM)
    assert 15 <= off - on <= 30
    for t, speed, _ in replay(wltc):
        if on <= t <= off:
            assert speed >= 70


@pytest.mark.parametrize("cycle", ["udds", "hwfet"])
def test_every_cycle_gets_a_scenario(cycle: str):
    scenario = Scenario(load_cycle(cycle), seed=5)
    catalogue = default_catalogue()
    for e in scenario.events:
        assert catalogue[e.path].check(e.value) is None, e
    assert spans(scenario, LEFT) or spans(scenario, RIGHT)
    assert any(e.path.endswith("IsPressureLow") and e.value for e in scenario.events)
