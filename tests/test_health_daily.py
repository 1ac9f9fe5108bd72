"""The live daily summariser: a scripted day on a real SignalStore, written into a real journal."""

import numpy as np
import pytest

from cockpit.health.daily import (
    AMBIENT,
    CAPACITY,
    CHARGING,
    CURRENT,
    DAY_S,
    LV,
    ODOMETER,
    PAD_WEAR,
    PEDAL,
    PRESSURES,
    SOC,
    SPEED,
    TIRE_TEMPS,
    DailySummary,
)
from cockpit.health.journal import Journal
from cockpit.health.report import report
from cockpit.sim.aging import NOMINAL_PACK_V
from cockpit.sources.simulator import SimulatorSource
from cockpit.vehicle.store import SignalStore

D = 20_800  # 2026-12-13 (days since the epoch, UTC)
H = 3600.0


class Car:
    """A SignalStore with a clock the script moves; ``run`` ticks the outside temperature every
    10 minutes (signals keep arriving while the car stands, as they do from a live car)."""

    def __init__(self, tmp_path, **kw):
        self.t = D * DAY_S
        self.store = SignalStore(clock=lambda: self.t)
        self.journal = Journal(tmp_path)
        self.summary = DailySummary(self.journal, clock=lambda: self.t, **kw)
        self.summary.attach(self.store)
        self.kpa = 250

    def set(self, **values):
        names = {"speed": SPEED, "soc": SOC, "current": CURRENT, "charging": CHARGING, "lv": LV,
                 "pedal": PEDAL, "odo": ODOMETER, "ambient": AMBIENT, "capacity": CAPACITY, "pad": PAD_WEAR}
        for name, value in values.items():
            assert self.store.update(names[name], value), name

    def run(self, until_h: float, day: int = D, odo_per_h: float = 0.0):
        end = day * DAY_S + until_h * H
        while self.t < end - 1e-6:
            step = min(600.0, end - self.t)
            self.t += step
            odo = self.store.value(ODOMETER)
            self.set(ambient=10.0, odo=int(odo + odo_per_h * step / H))

    def parked(self):
        self.set(speed=0.0, soc=80.0, current=0.0, charging=False, lv=12.61, pedal=0, odo=10_000_000,
                 ambient=10.0, capacity=60, pad=25)
        for p, c in zip(PRESSURES, TIRE_TEMPS, strict=True):
            self.store.update(p, self.kpa)
            self.store.update(c, 12.5)


def rows(journal):
    return [r for r in journal.export() if r["table"] == "days"]


def test_a_scripted_day_becomes_one_journal_row(tmp_path):
    car = Car(tmp_path)
    car.t = D * DAY_S + 4 * H
    car.parked()  # 04:00, standing since the night
    car.run(6.0)  # two hours: a settled morning rest
    car.set(speed=50.0, current=-50.0)  # 06:00 off to work, 50 A out for an hour, 50 km
    car.run(6.5, odo_per_h=50_000)
    car.set(speed=36.0, pedal=20)  # a minute of braking beyond regen: 20 % of 10 m/s^2 at 10 m/s
    car.t += 60.0
    car.set(speed=50.0, pedal=0)
    car.run(7.0, odo_per_h=50_000)
    car.set(speed=0.0, current=0.0, soc=70.0)  # 07:00 parked
    car.run(8.0)  # the evening rest (settled after 20 minutes)
    car.set(charging=True, current=100.0)  # 08:00 plugged in: 100 A for half an hour
    car.run(8.5)
    car.set(charging=False, current=0.0, soc=95.0)
    assert car.journal.days() == 0  # the day runs until the next morning's drive
    assert car.summary.close_day()  # shut down now: the night's charging may go on unseen
    [row] = rows(car.journal)
    assert row["soc_evening"] == 70.0 and row["charge_ah"] is None and row["drive_ah"] == pytest.approx(50.0)
    car.run(30.0)  # 06:00 next day (written at midnight too, as far as it went)
    car.set(speed=40.0, current=-30.0)

    [row] = rows(car.journal)
    assert row["day"] == D
    assert row["soc_morning"] == 80.0 and row["lv_rest_v"] == 12.61
    assert row["soc_evening"] == 70.0
    assert row["drive_ah"] == pytest.approx(50.0)
    assert row["charge_ah"] == pytest.approx(50.0)
    assert row["friction_mj"] == pytest.approx(1850 * 0.2 * 10.0 * 10.0 * 60 / 1e6)
    assert row["distance_km"] == pytest.approx(50.0 - 50.0 / 60, abs=0.01)  # the braking minute drove no metres
    obs = car.journal.observations()
    assert obs.nominal_capacity_ah == pytest.approx(60_000 / NOMINAL_PACK_V)
    assert obs.car_type == "compact" and obs.placard_kpa == 250.0
    assert obs.pad_mm_at_service == pytest.approx(11.0 - 0.25 * 8.0)  # from the pad-wear sensor
    # hourly tire readings from 04:00 until the next morning's drive, on the journal's day count
    assert len(obs.tire_time_days) == 27  # 04:00 to 06:00 the next day, both included
    assert obs.tire_time_days[0] == pytest.approx(D + 4 / 24)
    assert np.all(obs.tire_kpa == 250) and np.all(obs.tire_temp_c == 12.5) and np.all(obs.ambient_c == 10.0)

    # the new day is under way; closing writes it as far as it goes
    car.run(31.0, day=D, odo_per_h=40_000)
    assert car.summary.close_day()
    new = rows(car.journal)[-1]
    assert new["day"] == D + 1 and new["soc_morning"] == 95.0
    assert new["drive_ah"] == pytest.approx(30.0) and new["soc_evening"] is None


def test_what_the_signals_cannot_tell_stays_unknown(tmp_path):
    car = Car(tmp_path)
    car.t = D * DAY_S + 6 * H
    car.parked()
    car.set(speed=30.0, current=-20.0)  # drives off at once: no settled morning rest
    car.run(6.5)
    car.set(speed=0.0, current=0.0, soc=75.0)
    car.set(charging=True, current=50.0)  # plugged in at once: no evening rest either
    car.run(7.0)
    car.set(charging=False, current=0.0)
    car.set(speed=20.0, current=-20.0)  # and off again the same day: the charge count is mixed
    car.run(8.0)
    car.set(speed=0.0, current=0.0)
    assert car.summary.close_day()
    [row] = rows(car.journal)
    assert row["soc_morning"] is None and row["lv_rest_v"] is None
    assert row["soc_evening"] is None and row["charge_ah"] is None
    assert row["drive_ah"] == pytest.approx(10.0)  # the half hour before charging
    # a signal that goes away is neither counted nor kept as a value
    car.store.mark_unavailable([CURRENT])
    assert CURRENT not in car.summary._v


def test_a_car_parked_for_days_still_writes_its_tire_readings(tmp_path):
    car = Car(tmp_path, tire_every_s=6 * H)
    car.t = D * DAY_S + 12 * H
    car.parked()
    car.run(24.0 * 5)  # five days standing
    obs = car.journal.observations()
    assert obs is not None and len(obs.day) == 0  # never driven: no day rows
    assert len(obs.tire_time_days) >= 12 and len(car.summary.day.tires) <= 2 * 4 + 1
    assert report(obs)["predictions"][1]["subject"] == "front left tire"


def test_the_simulators_friction_energy_is_estimated_from_the_pedal(tmp_path):
    """A WLTC lap of the simulator: the pedal-based estimate against the energy the model's friction
    brakes took, and the counted ampere-hours against the pack's current."""
    sim = SimulatorSource(seed=3)
    t0 = D * DAY_S + 8 * H
    store = SignalStore(clock=lambda: sim.sim.time_s)
    summary = DailySummary(Journal(tmp_path), clock=lambda: t0 + sim.sim.time_s)
    summary.attach(store)
    friction_j = ah_out = 0.0
    odo0 = sim.sim.ev.odometer_m
    for _ in range(18_000):  # a WLTC lap, one physics step at a time
        sim.run_for(store, 0.1)
        friction_j -= sim.sim.ev.friction_brake_power_w * 0.1
        ah_out += sim.sim.ev.pack_current_a * 0.1 / 3600
    assert summary.close_day()
    [row] = rows(summary.journal)
    assert friction_j > 0.1e6  # it braked past regeneration now and then
    assert row["friction_mj"] == pytest.approx(friction_j / 1e6, rel=0.05)
    assert row["distance_km"] == pytest.approx((sim.sim.ev.odometer_m - odo0) / 1000, abs=0.01)
    assert ah_out > 5 and row["drive_ah"] == pytest.approx(ah_out, rel=0.01)
