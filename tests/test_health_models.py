"""The health models on seeded cars and synthetic data: they find what is there, say why, and stay
quiet when nothing is wrong (cockpit/health, cockpit/sim/aging.py; docs/health-models.md)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from cockpit.health import models
from cockpit.health.report import report
from cockpit.sim.aging import ATMOSPHERE_KPA, Car

HOURS = np.array([6.0, 12.0, 18.0, 23.0])


def synthetic_tire(days: int, leak_kpa_per_day: float, temp_c, start_kpa: float = 245.0, seed: int = 3):
    """Readings of one tire: gas leaking exponentially at the given rate (at 250 kPa), the air's
    temperature given per reading, 1 kPa gauge resolution."""
    rng = np.random.default_rng(seed)
    t = (np.arange(days)[:, None] + HOURS / 24.0).ravel()
    k = leak_kpa_per_day / 250.0
    gas = start_kpa * np.exp(-k * t)  # gauge at 20 degC
    temp = temp_c(t)
    gauge = (gas + ATMOSPHERE_KPA) * (temp + 273.15) / 293.15 - ATMOSPHERE_KPA
    return t, np.round(gauge + rng.normal(0, 0.5, len(t))), np.round(temp + rng.normal(0, 0.3, len(t)), 1), k


def swings(t):
    """Daily swings of +-7 K, and a cold front taking 12 K off over days 5-8."""
    return 12.0 + 7.0 * np.cos(2 * np.pi * (t % 1 - 15 / 24)) - 12.0 * np.clip((t - 5) / 3, 0, 1)


def test_tire_model_recovers_a_known_leak_through_temperature_swings():
    t, p, temp, k = synthetic_tire(12, 4.0, swings)
    pred = models.tire_leak(t, p, temp, 250.0, "front left tire")
    now = 245.0 * math.exp(-k * t[-1])
    true_days = math.log(now / 200.0) / k
    assert pred.enough_data
    assert pred.details["leak_kpa_per_day"] == pytest.approx(k * now, rel=0.1)
    assert pred.low <= true_days <= pred.high
    assert pred.alarm
    assert "kPa a day" in pred.reason and "200 kPa" in pred.reason


def test_a_cold_front_is_not_a_leak():
    t, p, temp, _ = synthetic_tire(12, 0.0, swings)
    assert p[:8].mean() - p[-8:].mean() > 10  # the gauge did fall, by the cold alone
    pred = models.tire_leak(t, p, temp, 250.0)
    assert not pred.alarm
    assert abs(pred.details["leak_kpa_per_day"]) < 0.3
    assert "steady" in pred.reason


def test_a_leak_that_starts_midway_is_measured_from_its_start():
    rng = np.random.default_rng(5)
    t = (np.arange(20)[:, None] + HOURS / 24.0).ravel()
    gas = np.where(t < 10, 248.0, 248.0 * np.exp(-(5.0 / 250.0) * (t - 10)))
    temp = swings(t)
    gauge = (gas + ATMOSPHERE_KPA) * (temp + 273.15) / 293.15 - ATMOSPHERE_KPA
    pred = models.tire_leak(t, np.round(gauge + rng.normal(0, 0.5, len(t))), temp, 250.0)
    assert pred.details["since_days"] == pytest.approx(10, abs=1.5)
    assert pred.details["leak_kpa_per_day"] == pytest.approx(5.0 * gas[-1] / 250.0, rel=0.1)
    assert pred.alarm


def test_inflating_a_tire_starts_its_history_afresh():
    t, p, temp, k = synthetic_tire(16, 4.0, swings)
    after = t >= 10
    p = np.where(after, p + (250.0 - p[after][0]), p)  # topped up to 250 kPa on day 10, leak goes on
    pred = models.tire_leak(t, p, temp, 250.0)
    assert pred.details["since_days"] <= 6.0
    # the gas keeps leaking at the rate of the pressure before the top-up (the offset adds none)
    assert pred.details["leak_kpa_per_day"] == pytest.approx(k * 245.0 * math.exp(-k * t[-1]), rel=0.15)
    early = models.tire_leak(t[: 10 * 4 + 6], p[: 10 * 4 + 6], temp[: 10 * 4 + 6], 250.0)
    assert not early.enough_data and "inflated" in early.reason


@pytest.mark.parametrize("seed", [900, 901, 902, 903, 904, 905])
def test_soh_estimate_is_within_its_interval_of_the_truth(seed):
    obs, truth = Car(seed).age(60)
    soh = report(obs)["predictions"][0]
    assert soh["kind"] == "battery_soh" and soh["unit"] == "percent"
    assert soh["low"] <= truth.soh_percent[-1] <= soh["high"]
    assert abs(soh["value"] - truth.soh_percent[-1]) < 2.0
    assert "Ah" in soh["reason"]


def test_a_healthy_fleet_raises_no_alarm():
    healthy = 0
    for seed in range(700, 760):
        car = Car(seed)
        if car.truth().faults or car.pad_mm < 5.0:
            continue
        healthy += 1
        for days in (20, 40):
            obs, _ = car.age(days)
            assert report(obs)["alarms"] == [], f"car {seed}"
    assert healthy >= 20


def test_a_punctured_car_says_which_tire_and_why():
    seed = next(s for s in range(800, 900) if (f := Car(s).truth().faults.get("puncture")) and 5 < f["start_day"] < 25)
    car = Car(seed)
    obs, truth = car.age(car.truth().faults["puncture"]["start_day"] + 8)
    tire = truth.faults["puncture"]["tire"]
    alarms = report(obs)["alarms"]
    assert [a["subject"] for a in alarms if a["subject"].endswith("tire")] == [f"{models.TIRES[tire]} tire"]


def test_a_weakening_12v_battery_is_forecast():
    rng = np.random.default_rng(2)
    falling = 12.62 - 0.012 * np.arange(30) + rng.normal(0, 0.01, 30)
    pred = models.low_voltage_battery(falling)
    assert pred.alarm and pred.value < 14
    assert "mV a day" in pred.reason
    steady = 12.64 + rng.normal(0, 0.01, 40)
    assert not models.low_voltage_battery(steady).alarm


def test_pad_thickness_interval_holds_the_truth():
    for seed in (910, 911, 912):
        obs, truth = Car(seed).age(60)
        pads = models.brake_pads(obs.friction_mj, obs.distance_km, obs.pad_mm_at_service, obs.car_type)
        assert pads.details["thickness_low"] <= truth.pad_mm[-1] <= pads.details["thickness_high"]
        assert pads.low <= pads.value <= pads.high


@pytest.mark.parametrize("bad", [
    {},
    {"tire_time_days": [], "tire_kpa": [], "lv_rest_v": [], "soc_morning": []},
    {"tire_time_days": [0.1, 0.2], "tire_kpa": [[250, 250, 250, 250]] * 2, "tire_temp_c": [[20] * 4] * 2},
    {"soc_morning": [float("nan")] * 30, "soc_evening": [float("nan")] * 30, "drive_ah": [1.0] * 30,
     "charge_ah": [0.0] * 30, "nominal_capacity_ah": 169.0, "lv_rest_v": [float("nan")] * 30},
    {"soc_morning": [80, 70], "soc_evening": [60], "drive_ah": "lots", "lv_rest_v": "12 V",
     "friction_mj": [1, 2], "distance_km": [5], "car_type": "tank", "pad_mm_at_service": "new"},
])
def test_bad_input_says_not_enough_data_yet(bad):
    out = report(bad)
    json.dumps(out, allow_nan=False)
    assert out["alarms"] == []
    for p in out["predictions"]:
        assert not p["enough_data"] and p["reason"].startswith("Not enough data yet")
        assert p["value"] is None


def test_too_few_days_then_enough():
    car = Car(920)
    early = report(car.age(2)[0])
    assert not any(p["enough_data"] for p in early["predictions"] if p["kind"] != "pad_remaining_km")
    later = report(car.age(28)[0])
    assert all(p["enough_data"] for p in later["predictions"])
    json.dumps(later, allow_nan=False)


def test_a_car_is_its_seed():
    a, ta = Car(42).age(10)
    b, tb = Car(42).age(10)
    np.testing.assert_array_equal(a.tire_kpa, b.tire_kpa)
    np.testing.assert_array_equal(ta.soh_percent, tb.soh_percent)
    assert not np.array_equal(Car(43).age(10)[0].tire_kpa, a.tire_kpa)
    step = Car(42)
    step.age(4)
    np.testing.assert_array_equal(step.age(6)[0].soc_morning, a.soc_morning)
    for bad in (-1, 1.5, True):
        with pytest.raises(ValueError, match="days"):
            Car(1).age(bad)
    with pytest.raises(ValueError, match="seed"):
        Car("one")
