"""The assistance systems in seeded scenarios, 50+ runs each: a car cutting in, a lead car braking
hard, the car drifting out of its lane with and without the indicator, a car in the blind spot.
Speeds, gaps, decelerations and timings are drawn from each run's seed."""

from __future__ import annotations

import random

import pytest

from cockpit.sim.adas import ACC_DECEL_MAX, GAP_BARS_S, AdasCar, Controls, Ego
from cockpit.sim.traffic import CAR_LENGTH_M, LANE_WIDTH_M, Car, Idm, Traffic

DT = 0.02
RUNS = range(60)


def following(rng: random.Random, bars: int | None = None) -> tuple[AdasCar, Car]:
    """The ego car on ACC in the middle lane of three, settled behind a lead car at its time gap."""
    v = rng.uniform(50, 130) / 3.6
    bars = bars or rng.randint(1, 4)
    lead = Car(1, 3.0 + v * GAP_BARS_S[bars] + CAR_LENGTH_M, v, Idm(v0=v), name="lead")
    car = AdasCar(Traffic(3, [lead]), Ego(1, 0.0, v), Controls(set_speed=v + rng.uniform(0, 5), gap_bars=bars))
    run(car, rng.uniform(3, 8))
    return car, lead


def run(car: AdasCar, seconds: float, each=lambda st: None) -> None:  # noqa: ANN001
    for _ in range(round(seconds / DT)):
        each(car.step(DT))


@pytest.mark.parametrize("seed", RUNS)
def test_a_hard_braking_lead_car_warns_early_and_emergency_braking_leaves_no_collision(seed):
    rng = random.Random(seed)
    car, lead = following(rng)
    lead.braking = rng.uniform(6.0, 9.0)  # a panic stop in front
    seen = []

    def watch(st) -> None:  # noqa: ANN001
        seen.append((st.fcw, st.ttc, st.aeb))
        if lead.v == 0.0:
            lead.braking, lead.driver = 0.0, Idm(v0=0.0)  # stopped, and stays stopped

    run(car, 20.0, watch)
    assert car.status_.collisions == 0
    assert car.ego.v < 0.1  # stopped (or all but) behind it
    first = next(i for i, (fcw, _, _) in enumerate(seen) if fcw != "NONE")
    ttc = seen[first][1]
    assert ttc is None or ttc > 1.5  # warned before time to collision 1.5 s (None: not even closing yet)
    aeb = [a for _, _, a in seen]
    assert not any(aeb[:first])  # never braking by itself before it has warned


@pytest.mark.parametrize("seed", RUNS)
def test_after_a_cut_in_acc_restores_at_least_the_set_time_gap(seed):
    rng = random.Random(1000 + seed)
    car, lead = following(rng)
    v, bars = car.ego.v, car.controls.gap_bars
    # a slower car from the next lane cuts in well inside the set gap
    gap = v * GAP_BARS_S[bars] * rng.uniform(0.3, 0.6)
    intruder = Car(1, car.ego.s + gap + CAR_LENGTH_M, v * rng.uniform(0.85, 1.0), Idm(v0=v * rng.uniform(0.85, 0.95)))
    car.traffic.cars.append(intruder)
    decels = []
    run(car, 40.0, lambda st: decels.append(car.ego.accel))
    st = car.status_
    assert st.collisions == 0
    assert car.lead() is intruder
    assert st.time_gap is not None and st.time_gap >= GAP_BARS_S[bars] - 0.02
    assert min(decels) >= -ACC_DECEL_MAX - 1e-9 or st.aeb is False  # ACC within its authority


@pytest.mark.parametrize("seed", RUNS)
def test_drifting_out_of_the_lane_warns_and_steers_back_unless_the_indicator_says_so(seed):
    rng = random.Random(2000 + seed)
    side = rng.choice(["left", "right"])
    drift = rng.uniform(0.2, 0.7) * (1 if side == "right" else -1)
    # without the indicator: a warning on that side, the car kept in its lane
    car = AdasCar(Traffic(3), Ego(1, 0.0, 25.0), Controls(acc_on=True, set_speed=25.0, drift=drift))
    warned = []
    run(car, 10.0, lambda st: warned.append(st.ldw))
    assert side in warned and car.ego.lane == 1
    assert abs(car.ego.offset) < LANE_WIDTH_M / 2
    # with the indicator toward it: a lane change, no warning
    car = AdasCar(Traffic(3), Ego(1, 0.0, 25.0), Controls(set_speed=25.0, drift=drift, indicator=side))
    warned = []
    run(car, 10.0, lambda st: warned.append(st.ldw))
    assert not any(warned)
    assert car.ego.lane == (2 if side == "right" else 0)


@pytest.mark.parametrize("seed", RUNS)
def test_a_car_beside_and_behind_is_in_the_blind_spot_on_its_side_only(seed):
    rng = random.Random(3000 + seed)
    side = rng.choice(["left", "right"])
    lane = 0 if side == "left" else 2
    v = rng.uniform(20, 35)
    behind = rng.uniform(1.5, 9.0)  # its front this far behind the ego car's mirrors
    other = Car(lane, -1.5 - behind, v, Idm(v0=v))
    car = AdasCar(Traffic(3, [other]), Ego(1, 0.0, v), Controls(set_speed=v))
    st = car.step(DT)
    assert st.blind_spot[side] and not st.blind_spot["left" if side == "right" else "right"]
    other.s += 30.0  # it has passed: the zone is clear
    assert not car.step(DT).blind_spot[side]
