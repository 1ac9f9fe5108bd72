"""The drive cycles and the EV model: distances, energy against physics worked out here, limits."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from cockpit.sim.cycles import CYCLES_DIR, DriveCycle, DriveCycleError, load_cycle
from cockpit.sim.drive import CHARGE_POWER_W, DriveSimulation
from cockpit.sim.ev import EvModel, EvParameters

WLTC_KM = 23.27  # UN GTR No. 15, class 3b


def trace(name: str) -> tuple[list[float], list[float]]:
    """The cycle's CSV read here, apart from the loader under test: (times s, speeds m/s)."""
    file = {"wltc": "wltc-class3b.csv", "udds": "udds.csv", "hwfet": "hwfet.csv"}[name]
    with (CYCLES_DIR / file).open() as f:
        rows = list(csv.DictReader(f))
    return [float(r["time_s"]) for r in rows], [float(r["speed_kmh"]) / 3.6 for r in rows]


def analytic_battery_energy_wh(name: str, p: EvParameters) -> float:
    """Energy out of the battery over a cycle, from the road-load equation on the 1 Hz trace.

    Per second: F = k m a + 1/2 rho CdA v^2 + Crr m g (moving); P = F v. Traction draws P / eta
    from the battery; braking returns regen efficiency x P, with the motor's regen power capped
    and the friction brakes taking the rest. Auxiliaries draw all the time.
    """
    times, v = trace(name)
    joules = 0.0
    for i in range(len(v) - 1):
        dt = times[i + 1] - times[i]
        a = (v[i + 1] - v[i]) / dt
        vm = (v[i] + v[i + 1]) / 2
        force = p.rotating_mass_factor * p.mass_kg * a + 0.5 * p.air_density_kg_m3 * p.cda_m2 * vm**2
        if vm > 0:
            force += p.crr * p.mass_kg * p.gravity_m_s2
        power = force * vm
        if power > 0:
            joules += power / p.drivetrain_efficiency * dt
        else:
            joules += max(power, -p.max_regen_power_w) * p.regen_efficiency * dt
    joules += p.aux_power_w * (times[-1] - times[0])
    return joules / 3600


@dataclass
class Sample:
    t: float
    speed_kmh: float
    soc: float
    into_battery_w: float  # the VSS CurrentPower convention
    motor_kw: int


@dataclass
class Run:
    sim: DriveSimulation
    samples: list[Sample]


def drive_one_lap(name: str) -> Run:
    # the EV model against the regulatory trace: no traffic event slows the car below it
    sim = DriveSimulation(name, loop=False, traffic_events=False)
    samples = []
    while not sim.finished:
        out = dict(sim.advance(0.1))
        v = sim.values()
        samples.append(
            Sample(
                sim.time_s,
                v["Vehicle.Speed"],
                sim.ev.soc_percent,
                v["Vehicle.Powertrain.TractionBattery.CurrentPower"],
                out.get("Vehicle.Powertrain.ElectricMotor.Power", v["Vehicle.Powertrain.ElectricMotor.Power"]),
            )
        )
    return Run(sim, samples)


@pytest.fixture(scope="module")
def wltc() -> Run:
    return drive_one_lap("wltc")


# ----- drive cycles ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "duration", "km", "vmax"),
    [("wltc", 1800, 23.27, 131.3), ("udds", 1369, 11.99, 91.25), ("hwfet", 765, 16.51, 96.4)],
)
def test_shipped_cycles_match_their_published_figures(name, duration, km, vmax):
    cycle = load_cycle(name)
    assert cycle.name == name
    assert cycle.duration == duration
    assert cycle.distance_km() == pytest.approx(km, abs=0.006)
    assert max(cycle.speeds) == vmax


def test_speed_is_interpolated_between_samples_and_held_at_the_ends():
    cycle = DriveCycle("t", (0.0, 1.0, 3.0), (0.0, 10.0, 30.0))
    assert cycle.speed_at(0.5) == 5.0
    assert cycle.speed_at(2.0) == 20.0
    assert cycle.speed_at(-1.0) == 0.0
    assert cycle.speed_at(99.0) == 30.0
    assert cycle.distance_km() == pytest.approx((5 * 1 + 20 * 2) / 3.6 / 1000)


@pytest.mark.parametrize(
    ("text", "where", "why"),
    [
        ("time_s,speed_kmh\n0,0\n1,abc\n", ":3:", "not a number"),
        ("time_s,speed_kmh\n0,0\n1,5\n1,6\n", ":4:", "does not follow"),
        ("time_s,speed_kmh\n0,0\n1,-3\n", ":3:", ">= 0"),
        ("time_s,speed_kmh\n0,0,1\n", ":2:", "2 columns"),
        ("t,v\n0,0\n", ":1:", "header"),
        ("time_s,speed_kmh\n0,0\n", "", "at least 2 samples"),
    ],
)
def test_a_bad_cycle_file_is_named_with_its_line(tmp_path: Path, text, where, why):
    f = tmp_path / "bad.csv"
    f.write_text(text)
    with pytest.raises(DriveCycleError, match=why) as exc:
        DriveCycle.from_csv(f)
    assert f"{f}{where}" in str(exc.value)


def test_a_missing_cycle_file_or_name_is_a_clear_error(tmp_path: Path):
    with pytest.raises(DriveCycleError, match="nope.csv"):
        DriveCycle.from_csv(tmp_path / "nope.csv")
    with pytest.raises(DriveCycleError, match="unknown drive cycle 'nedc'.*wltc"):
        load_cycle("nedc")


# ----- a lap of WLTC -----------------------------------------------------------------------------


def test_the_car_covers_the_cycle_distance(wltc: Run):
    times, v = trace("wltc")
    integrated_km = sum((v[i] + v[i + 1]) / 2 * (times[i + 1] - times[i]) for i in range(len(v) - 1)) / 1000
    assert integrated_km == pytest.approx(WLTC_KM, abs=0.005)
    assert wltc.sim.ev.trip_m / 1000 == pytest.approx(integrated_km, rel=0.01)
    assert wltc.sim.values()["Vehicle.TripMeterReading"] == int(wltc.sim.ev.trip_m)


def test_the_car_follows_the_cycle_closely(wltc: Run):
    cycle = wltc.sim.cycle
    worst = max(abs(s.speed_kmh - cycle.speed_at(s.t)) for s in wltc.samples)
    assert worst < 0.5


def test_battery_energy_matches_the_road_load_equation(wltc: Run):
    estimate = analytic_battery_energy_wh("wltc", wltc.sim.ev.params)
    assert wltc.sim.ev.trip_energy_wh == pytest.approx(estimate, rel=0.03)


def test_wltc_consumption_is_that_of_a_midsize_ev(wltc: Run):
    assert 130 <= wltc.sim.ev.trip_consumption_wh_per_km <= 200
    assert wltc.sim.values()["Cockpit.Trip.AverageConsumption"] == pytest.approx(
        wltc.sim.ev.trip_consumption_wh_per_km, abs=0.1
    )


def test_soc_falls_by_the_energy_used(wltc: Run):
    ev = wltc.sim.ev
    assert wltc.samples[-1].soc < wltc.samples[0].soc
    drop_wh = (80.0 - ev.soc_percent) / 100 * ev.params.battery_capacity_wh
    assert drop_wh == pytest.approx(ev.trip_energy_wh, rel=1e-6)


def test_braking_regenerates_into_the_battery(wltc: Run):
    times, v = trace("wltc")
    cycle_accel = {round(times[i]): v[i + 1] - v[i] for i in range(len(v) - 1)}

    def braking(s: Sample) -> bool:  # firmly, from a speed where drag alone would not do it
        return cycle_accel.get(int(s.t - 1e-6), 0.0) <= -0.6 and s.speed_kmh >= 30

    spells, current = [], []
    for s in wltc.samples:
        if braking(s):
            current.append(s)
        elif current:
            spells.append(current)
            current = []
    assert len(spells) >= 5
    for spell in spells:
        assert all(s.into_battery_w > 0 and s.motor_kw <= 0 for s in spell)
    longest = max(spells, key=len)
    assert longest[-1].soc > longest[0].soc


def test_the_motor_never_exceeds_its_limits_on_the_cycle(wltc: Run):
    p = wltc.sim.ev.params
    assert max(s.motor_kw for s in wltc.samples) * 1000 <= p.max_motor_power_w
    assert min(s.motor_kw for s in wltc.samples) * 1000 >= -p.max_regen_power_w


def test_range_starts_from_a_default_and_learns_from_driving(wltc: Run):
    fresh = EvModel(soc_percent=80.0)
    p = fresh.params
    assert fresh.range_m == pytest.approx(0.8 * p.battery_capacity_wh / p.default_consumption_wh_per_km * 1000)
    ev = wltc.sim.ev
    assert ev.trip_consumption_wh_per_km < ev.recent_consumption_wh_per_km < p.default_consumption_wh_per_km
    assert ev.range_m == pytest.approx(ev.energy_wh / ev.recent_consumption_wh_per_km * 1000)
    assert wltc.sim.values()["Vehicle.Powertrain.Range"] == round(ev.range_m)


# ----- limits and other cycles -------------------------------------------------------------------


def test_full_throttle_is_capped_by_motor_torque_and_power():
    ev = EvModel()
    p = ev.params
    powers, forces = [], []
    t = 0.0
    while ev.speed_kmh < 100:
        v0 = ev.speed_ms
        ev.step(0.05, 130.0)
        t += 0.05
        powers.append(ev.motor_power_w)
        forces.append(ev.motor_power_w / ((v0 + ev.speed_ms) / 2))
    assert max(powers) <= p.max_motor_power_w + 1
    assert max(powers) > 0.99 * p.max_motor_power_w  # the limit did bind
    assert max(forces) <= p.max_traction_force_n + 1
    assert 4.0 < t < 10.0  # 0-100 km/h like a real 200 kW car of this weight


def test_hard_braking_beyond_the_regen_limit_uses_the_friction_brakes():
    ev = EvModel()
    for _ in range(200):
        ev.step(0.05, 130.0)
    ev.step(0.1, 125.0)  # -1.4 g
    assert ev.motor_power_w == pytest.approx(-ev.params.max_regen_power_w)
    assert ev.friction_brake_power_w < -ev.params.max_regen_power_w
    assert ev.battery_power_w < 0


def test_highway_cycle_uses_less_per_km_than_130_kmh_cruising():
    hwfet = drive_one_lap("hwfet").sim.ev
    estimate = analytic_battery_energy_wh("hwfet", hwfet.params)
    assert hwfet.trip_energy_wh == pytest.approx(estimate, rel=0.03)

    motorway = EvModel()
    while motorway.speed_kmh < 130:
        motorway.step(0.1, 130.0)
    motorway.reset_trip()
    for _ in range(6000):  # 10 min
        motorway.step(0.1, 130.0)
    assert motorway.trip_m == pytest.approx(130 / 6 * 1000, rel=1e-6)
    assert hwfet.trip_consumption_wh_per_km < 0.8 * motorway.trip_consumption_wh_per_km
    assert 170 < motorway.trip_consumption_wh_per_km < 230


def test_the_cycle_loops_and_the_odometer_and_trip_keep_counting():
    sim = DriveSimulation("hwfet")
    start_odo = sim.values()["Vehicle.TraveledDistance"]
    for _ in range(int(1.5 * sim.cycle.duration / 0.5)):
        sim.advance(0.5)
    assert sim.lap == 1
    km = sim.cycle.distance_km()
    assert sim.ev.trip_m / 1000 > 1.2 * km
    assert sim.values()["Vehicle.TraveledDistance"] - start_odo == pytest.approx(sim.ev.trip_m, abs=1)


def test_a_flat_battery_gets_a_charging_stop_at_the_end_of_a_lap():
    sim = DriveSimulation("hwfet", soc_percent=11.0)
    charging = []
    while sim.lap < 1:
        sim.advance(1.0)
        v = sim.values()
        if v["Vehicle.Powertrain.TractionBattery.Charging.IsCharging"]:
            charging.append((v["Vehicle.Powertrain.TractionBattery.CurrentPower"], v["Vehicle.Speed"]))
    assert len(charging) > 60
    assert all(speed == 0.0 for _, speed in charging)
    assert all(power == CHARGE_POWER_W for power, _ in charging[1:])
    assert sim.ev.soc_percent >= 80.0
    assert sim.values()["Vehicle.Powertrain.TractionBattery.Charging.IsCharging"] is False


def test_the_health_signals_follow_the_power_model():
    """Pack voltage x current is the battery power; the brake pedal moves only when the friction brakes
    work; the tires warm while driving; the front pads wear with the friction energy, the rear ones less."""
    sim = DriveSimulation("wltc", loop=False, seed=3)  # with traffic: it brakes past regeneration now and then
    v0 = sim.values()
    wheels = [f"Vehicle.Chassis.Axle.{r}.Wheel.{s}" for r in ("Row1", "Row2") for s in ("Left", "Right")]
    assert [v0[f"{w}.Tire.AirTemperature"] for w in wheels] == [sim.exterior_temp_c] * 4
    friction_j = pressed_without_friction = 0.0
    while not sim.finished:
        sim.advance(0.1)
        ev = sim.ev
        v = sim.values()
        power_w = v["Vehicle.Powertrain.TractionBattery.CurrentVoltage"] * v[
            "Vehicle.Powertrain.TractionBattery.CurrentCurrent"]
        assert power_w == pytest.approx(-ev.battery_power_w, rel=0.01, abs=100)  # both rounded to 0.1
        assert 300 < v["Vehicle.Powertrain.TractionBattery.CurrentVoltage"] < 400
        if ev.friction_brake_power_w == 0:
            pressed_without_friction += v["Vehicle.Chassis.Brake.PedalPosition"]
        friction_j -= ev.friction_brake_power_w * 0.1
    assert pressed_without_friction == 0 and friction_j > 0.1e6
    v = sim.values()
    assert all(sim.exterior_temp_c + 3 < v[f"{w}.Tire.AirTemperature"] < sim.exterior_temp_c + 20 for w in wheels)
    start = DriveSimulation("wltc", seed=3).pad_wear_percent
    worn = [a - b for a, b in zip(sim.pad_wear_percent, start, strict=True)]
    per_mj = 100 * 1.2e-3 / (11.0 - 3.0)  # percent of the pad per MJ, compact car
    assert worn == pytest.approx([per_mj * friction_j / 1e6] * 2 + [per_mj * friction_j / 2e6] * 2, rel=0.02)
    assert [v[f"{w}.Brake.PadWear"] for w in wheels] == [int(x) for x in sim.pad_wear_percent]
