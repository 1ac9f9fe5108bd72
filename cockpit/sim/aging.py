"""A car that ages day by day, with the hidden truth kept beside what it measures.

``Car(seed).age(days)`` returns the daily observations a real car would have (rest-point state of
charge and the charge counted between rest points, tire pressure and temperatures a few times a
day, the 12 V battery's resting voltage each morning, friction braking energy per day) and the
truth the health models are graded against (capacity, leak rates, days to the tire warning, 12 V
state, pad thickness). Everything is drawn from ``numpy.random.default_rng(seed)``: the same seed
is the same car.

Driving uses the shipped drive cycles (WLTC, UDDS, HWFET) through the EV model once per cycle;
a day is a seeded handful of those laps, summed from the per-cycle summaries, so a hundred cars
times a few months take well under a second each. See docs/health-models.md for the physics.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from .cycles import load_cycle
from .ev import EvModel, EvParameters

CYCLES = ("wltc", "udds", "hwfet")
NOMINAL_PACK_V = 355.0  # converts the EV model's watt-hours into the ampere-hours a shunt counts
ATMOSPHERE_KPA = 101.325
REFERENCE_K = 293.15  # tire pressures are compared at 20 degC, as a placard's cold pressure is
PLACARD_KPA = 250.0
TIRE_WARNING_FRACTION = 0.8  # UN R141: warn at 20 % below the cold inflation pressure
READING_HOURS = (6.0, 12.0, 18.0, 23.0)  # when the TPMS values are logged each day
PAD_REPLACE_MM = 3.0
LV_WEAK_V = 12.2  # resting voltage of a 12 V lead-acid battery at about half charge
# 12 V lead-acid resting voltage -> state of charge (notes: 12.6-12.7 full, 12.4 ~75 %, 12.2 ~50 %)
LV_OCV_V = (11.9, 12.0, 12.2, 12.4, 12.65)
LV_OCV_SOC = (0.0, 20.0, 50.0, 75.0, 100.0)
# Wear coefficient per car type: mm of pad per MJ dissipated by the friction brakes (front axle),
# from ~8 mm over ~50,000 km of an ICE car braking ~0.15 MJ/km; per-car spread is the model's doubt.
PAD_WEAR_MM_PER_MJ = {"compact": 1.2e-3, "suv": 1.0e-3}
PAD_WEAR_SPREAD = 0.15  # relative standard deviation of a car's wear coefficient around its type
_GAS_J_PER_MOL_K = 8.314
_ACTIVATION_J_PER_MOL = 50_000.0  # calendar fade's Arrhenius activation energy (NMC cells)
_FADE_REF_K = 298.15
_G = 9.81
_REGEN_DECEL_LIMIT_G = 0.25  # above this the blended brakes hand over to friction
# The regulatory cycles brake gently (WLTC peaks near 0.15 g); in traffic a few percent of the
# braking energy comes in stops harder than the regen limit, scaled per driver.
REAL_HARD_SHARE = 0.04
PUNCTURE_WANDER = 0.2  # standard deviation of the log of a puncture's daily leak rate
_HORIZON = 2000  # days of puncture behaviour drawn ahead (truth looks this far forward)


@dataclass(frozen=True)
class CycleSummary:
    """What one lap of a drive cycle does to the car, computed once with the EV model."""

    name: str
    duration_s: float
    distance_km: float
    battery_wh: float  # net at the pack terminals, regeneration included
    regen_wh: float  # what came back into the battery by regeneration
    hard_brake_mj: float  # braking beyond the regen limit (power or 0.25 g): always friction
    soft_brake_mj: float  # braking the motor can take when the battery lets it


@cache
def cycle_summary(name: str) -> CycleSummary:
    params = EvParameters()
    cycle = load_cycle(name)
    ev = EvModel(params, soc_percent=50.0)
    battery_wh = regen_wh = hard = soft = 0.0
    steps = int(cycle.duration)
    for i in range(steps):
        v0 = ev.speed_ms
        ev.step(1.0, cycle.speed_at(i + 1.0))
        battery_wh += ev.battery_power_w / 3600.0
        wheel_w = ev.motor_power_w + ev.friction_brake_power_w
        if wheel_w < 0.0:
            v_mean = (v0 + ev.speed_ms) / 2
            limit = min(params.max_regen_power_w, _REGEN_DECEL_LIMIT_G * _G * params.mass_kg * v_mean)
            taken = min(-wheel_w, limit)
            soft += taken
            hard += -wheel_w - taken
            regen_wh += taken * params.regen_efficiency / 3600.0
    return CycleSummary(name, cycle.duration, ev.odometer_m / 1000.0, battery_wh, regen_wh, hard / 1e6, soft / 1e6)


def lv_soc_percent(voltage: np.ndarray | float) -> np.ndarray:
    return np.interp(voltage, LV_OCV_V, LV_OCV_SOC)


@dataclass
class Observations:
    """What the car measured, one row per day (tires: one row per reading)."""

    car_type: str
    nominal_capacity_ah: float
    placard_kpa: float
    pad_mm_at_service: float  # measured by the workshop at day 0 (+-0.3 mm)
    day: np.ndarray  # (n,) day index since the car's history began
    soc_morning: np.ndarray  # (n,) percent, from the open-circuit voltage after the night's rest
    soc_evening: np.ndarray  # (n,) percent, at rest after the day's driving, before charging
    drive_ah: np.ndarray  # (n,) charge counted out of the pack between the morning and evening rest
    charge_ah: np.ndarray  # (n,) charge counted into the pack from the evening rest to next morning
    lv_rest_v: np.ndarray  # (n,) 12 V resting voltage each morning
    friction_mj: np.ndarray  # (n,) energy the friction brakes dissipated that day
    distance_km: np.ndarray  # (n,)
    tire_time_days: np.ndarray  # (m,) reading time in days
    tire_kpa: np.ndarray  # (m, 4) TPMS gauge pressure, whole kPa
    tire_temp_c: np.ndarray  # (m, 4) TPMS air temperature
    ambient_c: np.ndarray  # (m,) outside air temperature


@dataclass
class Truth:
    """The hidden state, one row per day (at the end of the day)."""

    capacity_ah: np.ndarray
    soh_percent: np.ndarray
    tire_ref_kpa: np.ndarray  # (n, 4) gauge pressure at 20 degC
    leak_kpa_per_day: np.ndarray  # (n, 4)
    tire_days_to_warning: np.ndarray  # (n, 4) at the current leak rate; 0 once below
    lv_soc_percent: np.ndarray
    lv_soh_percent: np.ndarray
    lv_days_to_weak: np.ndarray  # at the current drift, until the resting voltage is below 12.2 V
    pad_mm: np.ndarray
    pad_remaining_km: np.ndarray  # at this car's mean friction energy per km so far
    faults: dict = field(default_factory=dict)  # e.g. {"puncture": (tire, start_day), "weak_12v": day}


def _cat(a: np.ndarray | None, b: np.ndarray) -> np.ndarray:
    return b if a is None else np.concatenate([a, b])


class Car:
    """One seeded car. ``age(days)`` simulates that many more days and returns everything so far."""

    def __init__(self, seed: int):
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise ValueError(f"a car's seed must be an integer, got {seed!r}")
        self.seed = seed
        r = self.rng = np.random.default_rng(seed)
        self.summaries = [cycle_summary(c) for c in CYCLES]
        # climate and calendar: where the car lives and when the story starts
        self.t_mean_c = r.uniform(6.0, 16.0)
        self.season_k = r.uniform(6.0, 11.0)
        self.swing_k = r.uniform(3.0, 7.0)
        self.start_doy = r.uniform(0.0, 365.0)
        # driving habits
        self.car_type = str(r.choice(list(PAD_WEAR_MM_PER_MJ)))
        self.mix = r.dirichlet(np.ones(len(CYCLES)))
        self.trips_per_day = r.uniform(0.8, 2.8)
        self.hard_braker = r.lognormal(0.0, 0.5)  # scales braking beyond the regen limit
        self.charge_below = r.uniform(30.0, 60.0)
        self.charge_to = float(r.choice([80.0, 90.0, 100.0], p=[0.5, 0.3, 0.2]))
        # traction battery: age at the start, per-car fade coefficients
        self.nominal_ah = EvParameters().battery_capacity_wh / NOMINAL_PACK_V
        age_days = r.uniform(0.0, 6.0) * 365.0
        self.cal_coeff = 0.0628 * r.lognormal(0.0, 0.25)  # % per sqrt(day at 25 degC): ~1.2 % in year 1
        self.cyc_coeff = 0.123 * r.lognormal(0.0, 0.25)  # % per sqrt(equivalent full cycle)
        self.eq_days = age_days * self._arrhenius(self.t_mean_c + 3.0)
        self.throughput_efc = age_days / 365.0 * r.uniform(25.0, 60.0)
        self.soc = self.charge_to
        self.counter_gain = 1.0 + r.normal(0.0, 0.003)  # the current shunt's calibration error
        # tires: gas content as gauge pressure at 20 degC; healthy permeation 1-3 %/month
        self.tire_ref = r.uniform(238.0, 262.0, 4)
        self.tire_k = r.uniform(0.01, 0.03, 4) / 30.0
        self.tire_temp_bias = r.normal(0.0, 0.7, 4)
        self.puncture: tuple[int, int, float] | None = None
        if r.random() < 0.25:
            tire, start = int(r.integers(0, 4)), int(r.integers(3, 50))
            self.puncture = (tire, start, r.uniform(1.5, 8.0) / 250.0)  # kPa/day at 250 kPa
        # A hole does not leak evenly (the tire flexes, debris shifts): the puncture's rate wanders
        # from day to day around its mean, drawn ahead so the truth can be the actual crossing day.
        wander = np.random.default_rng([seed, 1]).normal(0.0, PUNCTURE_WANDER * math.sqrt(1 - 0.8**2), _HORIZON)
        self.puncture_mult = np.exp(np.frompyfunc(lambda a, b: 0.8 * a + b, 2, 1).accumulate(wander).astype(float))
        # 12 V battery
        self.lv_v = r.uniform(12.58, 12.72)
        self.lv_drift = -r.uniform(0.0, 0.4) / 1000.0  # V/day of a healthy battery's ageing
        self.lv_weak: tuple[int, float] | None = None
        if r.random() < 0.15:
            self.lv_weak = (int(r.integers(0, 45)), -r.uniform(4.0, 15.0) / 1000.0)
        # brake pads
        self.pad_k = PAD_WEAR_MM_PER_MJ[self.car_type] * (1.0 + PAD_WEAR_SPREAD * r.standard_normal())
        self.pad_mm = r.uniform(3.4, 11.0)
        self.pad_service_mm = round(self.pad_mm + r.normal(0.0, 0.3), 1)
        self.day = 0
        self._friction_total = 0.0
        self._km_total = 0.0
        self._obs: dict[str, np.ndarray | None] = {}
        self._truth: dict[str, np.ndarray | None] = {}

    # ----- physics --------------------------------------------------------------------------------

    @staticmethod
    def _arrhenius(temp_c: float) -> float:
        return math.exp(-_ACTIVATION_J_PER_MOL / _GAS_J_PER_MOL_K * (1.0 / (temp_c + 273.15) - 1.0 / _FADE_REF_K))

    def capacity_ah(self) -> float:
        fade = self.cal_coeff * math.sqrt(self.eq_days) + self.cyc_coeff * math.sqrt(self.throughput_efc)
        return self.nominal_ah * (1.0 - fade / 100.0)

    def _day_mean_c(self, day: int, anomaly: float) -> float:
        doy = self.start_doy + day
        return self.t_mean_c - self.season_k * math.cos(2 * math.pi * (doy - 20.0) / 365.0) + anomaly

    def _tire_k_today(self, day: int) -> np.ndarray:
        k = self.tire_k.copy()
        if self.puncture and day >= self.puncture[1]:
            k[self.puncture[0]] += self.puncture[2] * self.puncture_mult[min(day, _HORIZON - 1)]
        return k

    def _days_to_warning(self, tire: int, warn: float) -> float:
        """When the punctured tire actually crosses the warning line, living its future days."""
        future = np.array([self._tire_k_today(self.day + 1 + j)[tire] for j in range(_HORIZON - self.day - 1)])
        log_p = math.log(self.tire_ref[tire]) - np.cumsum(future)
        below = np.nonzero(log_p <= math.log(warn))[0]
        if not len(below):
            return math.inf
        j = int(below[0])
        before = log_p[j - 1] if j else math.log(self.tire_ref[tire])
        return j + (before - math.log(warn)) / future[j]

    def _lv_drift_today(self, day: int) -> float:
        if self.lv_weak and day >= self.lv_weak[0]:
            return self.lv_drift + self.lv_weak[1]
        return self.lv_drift

    # ----- one day --------------------------------------------------------------------------------

    def _one_day(self, anomaly: float) -> tuple[dict, dict]:
        r, d = self.rng, self.day
        t_day = self._day_mean_c(d, anomaly)
        o: dict = {"day": d}
        # morning rest point: open-circuit voltage -> SoC, noisy by ~0.8 points
        o["soc_morning"] = self.soc + r.normal(0.0, 0.8)
        self.lv_v += self._lv_drift_today(d)
        o["lv_rest_v"] = self.lv_v + 0.0012 * (t_day - 20.0) + r.normal(0.0, 0.01)
        # the day's driving
        cap = self.capacity_ah()
        n_trips = int(r.poisson(self.trips_per_day * (0.6 if d % 7 >= 5 else 1.0)))
        trips = r.choice(len(CYCLES), size=n_trips, p=self.mix)
        drive_ah = friction = km = 0.0
        heat_share = min(max((15.0 - t_day) / 25.0, 0.0), 1.0)
        for i in trips:
            s = self.summaries[i]
            avail = 1.0 if self.soc < 90.0 else max(0.3, 1.0 - 0.07 * (self.soc - 90.0))
            if t_day < 5.0:
                avail *= min(max(0.4 + 0.6 * (t_day + 10.0) / 15.0, 0.4), 1.0)
            lost_regen = (1.0 - avail) * s.soft_brake_mj
            # the cycles never brake past 0.25 g; real drivers now and then do (REAL_HARD_SHARE)
            hard = s.hard_brake_mj + REAL_HARD_SHARE * s.soft_brake_mj
            friction += hard * self.hard_braker + lost_regen
            wh = s.battery_wh + (1.0 - avail) * s.regen_wh + 2500.0 * heat_share * s.duration_s / 3600.0
            ah = wh / NOMINAL_PACK_V
            self.soc = max(self.soc - 100.0 * ah / cap, 5.0)
            drive_ah += ah
            km += s.distance_km
        self.throughput_efc += drive_ah / self.nominal_ah
        o["drive_ah"] = drive_ah * self.counter_gain + r.normal(0.0, 0.15)
        o["soc_evening"] = self.soc + r.normal(0.0, 0.8)
        charge = 0.0
        if self.soc < self.charge_below:
            charge = (self.charge_to - self.soc) / 100.0 * cap
            self.soc = self.charge_to
            self.throughput_efc += charge / self.nominal_ah
        o["charge_ah"] = charge * self.counter_gain + (r.normal(0.0, 0.15) if charge else 0.0)
        o["friction_mj"], o["distance_km"] = friction, km
        self._friction_total += friction
        self._km_total += km
        self.pad_mm -= self.pad_k * friction
        self.eq_days += self._arrhenius(t_day + 3.0)
        # tires: four readings, the 18:00 one warm after a drive on driving days
        k = self._tire_k_today(d)
        hours = np.array(READING_HOURS)
        amb = t_day + self.swing_k * np.cos(2 * math.pi * (hours - 15.0) / 24.0)
        pressures, temps = [], []
        for j, h in enumerate(hours):
            gas = self.tire_ref * np.exp(-k * (h / 24.0))  # gauge at 20 degC
            tire_c = amb[j] + (r.uniform(5.0, 20.0) if (h == 18.0 and n_trips) else 0.0) + r.normal(0, 0.3, 4)
            gauge = (gas + ATMOSPHERE_KPA) * (tire_c + 273.15) / REFERENCE_K - ATMOSPHERE_KPA
            pressures.append(np.round(np.maximum(gauge + r.normal(0.0, 0.5, 4), 0.0)))
            temps.append(np.round(tire_c + self.tire_temp_bias, 1))
        self.tire_ref = self.tire_ref * np.exp(-k)
        o["tire_time_days"] = d + hours / 24.0
        o["tire_kpa"], o["tire_temp_c"] = np.array(pressures), np.array(temps)
        o["ambient_c"] = np.round(amb + r.normal(0.0, 0.3, len(hours)), 1)
        # truth at the end of the day
        cap = self.capacity_ah()
        warn = TIRE_WARNING_FRACTION * PLACARD_KPA
        to_warn = np.where(self.tire_ref <= warn, 0.0, np.log(np.maximum(self.tire_ref, 1e-9) / warn) / k)
        if self.puncture and d >= self.puncture[1] and self.tire_ref[self.puncture[0]] > warn:
            to_warn[self.puncture[0]] = self._days_to_warning(self.puncture[0], warn)
        drift = self._lv_drift_today(d)
        lv_days = 0.0 if self.lv_v <= LV_WEAK_V else (math.inf if drift >= 0 else (self.lv_v - LV_WEAK_V) / -drift)
        per_km = self._friction_total / self._km_total if self._km_total else 0.0
        pad_km = (self.pad_mm - PAD_REPLACE_MM) / (self.pad_k * per_km) if per_km > 0 else math.inf
        t = {
            "capacity_ah": cap, "soh_percent": 100.0 * cap / self.nominal_ah,
            "tire_ref_kpa": self.tire_ref.copy(), "leak_kpa_per_day": self.tire_ref * k,
            "tire_days_to_warning": to_warn, "lv_soc_percent": float(lv_soc_percent(self.lv_v)),
            "lv_soh_percent": float(np.clip(100.0 * (self.lv_v - 11.9) / (12.65 - 11.9), 0.0, 100.0)),
            "lv_days_to_weak": lv_days, "pad_mm": self.pad_mm, "pad_remaining_km": max(pad_km, 0.0),
        }
        self.day += 1
        return o, t

    def age(self, days: int) -> tuple[Observations, Truth]:
        """Live ``days`` more days; return the observations and truth of every day so far."""
        if not isinstance(days, int) or isinstance(days, bool) or days < 0:
            raise ValueError(f"days must be a whole number >= 0, got {days!r}")
        anomaly = getattr(self, "_anomaly", 0.0)
        rows_o, rows_t = [], []
        for _ in range(days):
            anomaly = 0.7 * anomaly + self.rng.normal(0.0, 2.5)  # weather: fronts that last a few days
            o, t = self._one_day(anomaly)
            rows_o.append(o)
            rows_t.append(t)
        self._anomaly = anomaly
        for key in rows_o[0] if rows_o else ():
            stack = np.concatenate if key.startswith(("tire", "ambient")) else np.array
            self._obs[key] = _cat(self._obs.get(key), stack([row[key] for row in rows_o]))
        for key in rows_t[0] if rows_t else ():
            self._truth[key] = _cat(self._truth.get(key), np.array([row[key] for row in rows_t]))
        return self.observations(), self.truth()

    def observations(self) -> Observations:
        e1, e4 = np.zeros(0), np.zeros((0, 4))
        g = self._obs.get
        return Observations(
            self.car_type, self.nominal_ah, PLACARD_KPA, self.pad_service_mm,
            *(g(k, e1) for k in ("day", "soc_morning", "soc_evening", "drive_ah", "charge_ah", "lv_rest_v",
                                 "friction_mj", "distance_km", "tire_time_days")),
            g("tire_kpa", e4), g("tire_temp_c", e4), g("ambient_c", e1))

    def truth(self) -> Truth:
        e1 = np.zeros(0)
        faults = {}
        if self.puncture:
            faults["puncture"] = {"tire": self.puncture[0], "start_day": self.puncture[1]}
        if self.lv_weak:
            faults["weak_12v"] = {"start_day": self.lv_weak[0]}
        keys = ("capacity_ah", "soh_percent", "tire_ref_kpa", "leak_kpa_per_day", "tire_days_to_warning",
                "lv_soc_percent", "lv_soh_percent", "lv_days_to_weak", "pad_mm", "pad_remaining_km")
        return Truth(*(self._truth.get(k, e1) for k in keys), faults=faults)
