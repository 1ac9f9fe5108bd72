"""The live daily summariser: from the car's signals to one health-journal row a day.

The models want a few numbers a day, not traces (``cockpit.health.journal``). Attached to a
SignalStore, ``DailySummary`` watches a dozen signals and keeps, for the day under way:

- the state of charge at the morning rest (the car stood still, not charging, for ``rest_s``
  before the day's first drive) and at the evening rest (the last such rest after driving, before
  charging begins or the next morning), with the 12 V battery's voltage at the morning rest;
- the ampere-hours out of the pack from the morning rest until charging begins, and into it from
  then until the next morning (TractionBattery.CurrentCurrent integrated over time);
- the friction brakes' energy, *estimated* from the brake pedal: no VSS signal carries it, and the
  pedal asks the friction brakes for ``brake_full_pedal_ms2`` at full travel on top of the motor's
  regeneration (the car's brake map, EvParameters), so energy = mass x that deceleration x speed;
- the distance (TraveledDistance) and, every ``tire_every_s``, the four tires' pressure and air
  temperature with the outside temperature.

A day runs from its first drive to the next day's first drive (days counted in UTC from the
epoch), so the night's charging belongs to the day before, as the models expect. It is written to
the journal for good when the next day's first drive begins, and as far as it goes at each
midnight spent standing and by ``close_day`` (at shutdown), with the night's charge unknown if
charging had begun (it may go on while the cockpit is off). What the
signals cannot tell stays NaN and the models skip it: a morning without a long enough rest has no
morning state of charge; the pads' thickness at the journal's start is read from the pad-wear
sensor's first value, as a workshop would have measured it. The clock is injectable (seconds since
the epoch, as the history's).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from cockpit.sim.aging import NOMINAL_PACK_V, PAD_REPLACE_MM, PLACARD_KPA, Observations
from cockpit.sim.drive import PAD_NEW_MM
from cockpit.sim.ev import EvParameters
from cockpit.vehicle.store import Reading, SignalStore, Status

from .journal import Journal, JournalError

log = logging.getLogger(__name__)

DAY_S = 86400.0
REST_S = 20 * 60.0  # standing this long, the pack's open-circuit voltage (and the SoC read from it) has settled
TIRE_EVERY_S = 60 * 60.0

_WHEELS = [f"Vehicle.Chassis.Axle.{r}.Wheel.{s}" for r in ("Row1", "Row2") for s in ("Left", "Right")]
SPEED = "Vehicle.Speed"
SOC = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current"
CURRENT = "Vehicle.Powertrain.TractionBattery.CurrentCurrent"
CHARGING = "Vehicle.Powertrain.TractionBattery.Charging.IsCharging"
CAPACITY = "Vehicle.Powertrain.TractionBattery.NetCapacity"
LV = "Vehicle.LowVoltageBattery.CurrentVoltage"
PEDAL = "Vehicle.Chassis.Brake.PedalPosition"
ODOMETER = "Vehicle.TraveledDistance"
AMBIENT = "Vehicle.Exterior.AirTemperature"
PRESSURES = [f"{w}.Tire.Pressure" for w in _WHEELS]
TIRE_TEMPS = [f"{w}.Tire.AirTemperature" for w in _WHEELS]
PAD_WEAR = f"{_WHEELS[0]}.Brake.PadWear"
WATCHED = frozenset({SPEED, SOC, CURRENT, CHARGING, CAPACITY, LV, PEDAL, ODOMETER, AMBIENT, PAD_WEAR,
                     *PRESSURES, *TIRE_TEMPS})


@dataclass
class Day:
    """The day under way."""

    number: int
    started: bool = False  # its first drive began (the counting runs from its morning rest)
    soc_morning: float = math.nan
    soc_evening: float = math.nan
    drive_ah: float = 0.0
    charge_ah: float = 0.0
    lv_rest_v: float = math.nan
    friction_j: float = 0.0
    odometer_start_m: float = math.nan
    odometer_m: float = math.nan
    charged: bool = False  # charging began after the day's driving: from then on the current counts in
    tires: list[list[float]] = field(default_factory=list)  # [t days, 4 kPa, 4 degC, ambient]


class DailySummary:
    """Turns a SignalStore's signals into journal days (see the module's docstring)."""

    def __init__(self, journal: Journal, *, clock: Callable[[], float] = time.time, rest_s: float = REST_S,
                 tire_every_s: float = TIRE_EVERY_S, params: EvParameters | None = None,
                 car_type: str = "compact", placard_kpa: float = PLACARD_KPA):
        if not (rest_s > 0 and tire_every_s > 0):
            raise ValueError("rest_s and tire_every_s must be positive")
        self.journal = journal
        self._clock = clock
        self._rest_s = rest_s
        self._tire_every_s = tire_every_s
        self._params = params or EvParameters()
        self._car_type = car_type
        self._placard = placard_kpa
        self._lock = threading.Lock()  # the listener (source thread) and close_day (any thread)
        self._v: dict[str, float] = {}  # the watched signals' latest valid values
        self._t: float | None = None  # when the integrals were last brought up to date
        self._rest_since: float | None = None
        self._rest_soc = self._rest_lv = math.nan  # the latest settled rest
        self._rest_after_drive = False  # that rest came after the day's last drive
        self._moving = False
        self._last_tires: float | None = None
        self._written_on = 0  # the calendar day of the last write
        self._pad_mm = math.nan
        self.day: Day | None = None
        self.errors: list[str] = []  # journal writes that failed (also logged)
        self._unlisten: Callable[[], None] | None = None

    def attach(self, store: SignalStore) -> None:
        if self._unlisten is not None:
            raise RuntimeError("the daily summary already listens to a SignalStore; detach() it first")
        self._unlisten = store.listen(self._on_change)
        for path in sorted(WATCHED):
            r = store.get(path)
            if r.recv_ts is not None:
                self._on_change(path, r)

    def detach(self) -> None:
        if self._unlisten is not None:
            self._unlisten()
        self._unlisten = None

    # ----- live -----------------------------------------------------------------------------------

    def _on_change(self, path: str, r: Reading) -> None:
        # On the source's thread for every change of every signal: return at once for the others.
        if path not in WATCHED:
            return
        with self._lock:
            now = self._clock()
            self._integrate(now)
            value = r.value if r.status is Status.AVAILABLE else None
            if isinstance(value, bool | int | float) and math.isfinite(value):
                self._v[path] = float(value)
            else:  # unknown from now on: not integrated, not read as a rest
                self._v.pop(path, None)
            self._follow(now)

    def _integrate(self, now: float) -> None:
        """Bring the day's integrals up to ``now`` with the values held since the last change."""
        t, self._t = self._t, now
        day = self.day
        if t is None or day is None or not day.started or now <= t:
            return
        dt = now - t
        current = self._v.get(CURRENT)  # A, positive into the pack; unknown: not counted
        if current is not None:
            if day.charged:
                day.charge_ah += current * dt / 3600.0
            else:
                day.drive_ah -= current * dt / 3600.0
        speed, pedal = self._v.get(SPEED, 0.0) / 3.6, self._v.get(PEDAL, 0.0)
        if speed > 0 and pedal > 0:
            p = self._params
            day.friction_j += p.mass_kg * pedal / 100.0 * p.brake_full_pedal_ms2 * speed * dt

    def _follow(self, now: float) -> None:
        v = self._v
        if PAD_WEAR in v and not math.isfinite(self._pad_mm):
            self._pad_mm = PAD_NEW_MM - v[PAD_WEAR] / 100.0 * (PAD_NEW_MM - PAD_REPLACE_MM)
        today = int(now // DAY_S)
        moving = v.get(SPEED, 0.0) > 0.0
        charging = bool(v.get(CHARGING, 0.0))
        if self.day is None:
            self.day = Day(today)
            self._written_on = today
        elif today > self._written_on and not moving:
            # a new calendar day while standing: write what is known so far with the tire readings,
            # so a car parked for weeks keeps them and holds no more than a day of them here
            self._write(final=False, settled_now=self._settled(now))
            self._written_on = today
            if not self.day.started:
                self.day.number = today
        day = self.day
        if ODOMETER in v:
            if not math.isfinite(day.odometer_start_m):
                day.odometer_start_m = v[ODOMETER]
            day.odometer_m = v[ODOMETER]
        if moving and not self._moving:
            day = self._drive_starts(now, today)
        elif charging and day.started and not day.charged:
            # the evening rest is the last one since the day's driving; none if it plugged in straight away
            day.soc_evening = self._rest_soc if self._rest_after_drive else math.nan
            day.charged = True
        self._moving = moving
        if moving or charging:
            self._rest_since = None
        elif self._rest_since is None:
            self._rest_since = now
        elif now - self._rest_since >= self._rest_s and SOC in v:
            self._rest_soc, self._rest_lv = v[SOC], v.get(LV, math.nan)
            self._rest_after_drive = day.started
        # a reading when one is due and the four pressures and temperatures are in; a sensor silent
        # for a whole further period no longer holds the others back (its column is NaN)
        if self._last_tires is None:
            self._last_tires = now - self._tire_every_s  # the first is due at once
        since = now - self._last_tires
        complete = all(p in v for p in (*PRESSURES, *TIRE_TEMPS))
        if since >= self._tire_every_s and (complete or (since >= 2 * self._tire_every_s
                                                        and any(p in v for p in PRESSURES))):
            self._last_tires = now
            day.tires.append([now / DAY_S, *(v.get(p, math.nan) for p in PRESSURES),
                              *(v.get(p, math.nan) for p in TIRE_TEMPS), v.get(AMBIENT, math.nan)])

    def _drive_starts(self, now: float, today: int) -> Day:
        settled = self._settled(now)
        day = self.day
        if today > day.number and day.started:
            self._write(final=True, settled_now=settled)
            self.day = day = Day(today, odometer_start_m=self._v.get(ODOMETER, math.nan),
                                 odometer_m=self._v.get(ODOMETER, math.nan))
        if not day.started:
            day.number, day.started = today, True
            day.soc_morning = self._rest_soc if settled else math.nan
            day.lv_rest_v = self._rest_lv if settled else math.nan
        elif day.charged:
            # driving again after charging the same day mixes the two counts: the day's rest-to-rest
            # segments are lost (NaN), never wrong
            day.soc_evening = day.charge_ah = math.nan
        self._rest_after_drive = False
        return day

    # ----- writing --------------------------------------------------------------------------------

    def close_day(self) -> bool:
        """Write the day under way as far as it goes (at shutdown; a later write of the same day
        replaces it: after a restart the same day the counting starts afresh). False when the
        journal refused it (``errors`` says why)."""
        with self._lock:
            now = self._clock()
            self._integrate(now)
            if self.day is None:
                return False
            return self._write(final=False, settled_now=self._settled(now))

    def _settled(self, now: float) -> bool:
        return self._rest_since is not None and now - self._rest_since >= self._rest_s

    def _write(self, final: bool, settled_now: bool) -> bool:
        """The day's row (if it was driven) and the tire readings taken since the last write.

        ``final``: the next day's first drive ends it. Before that, the night's charge count is not
        complete (the car may charge on while the cockpit is off), so it is written as unknown."""
        day = self.day
        evening, charge = day.soc_evening, day.charge_ah
        if not day.charged and self._rest_after_drive and settled_now:
            evening = self._rest_soc  # no charging: the evening rest is the one standing now
        if day.charged and not final:
            charge = math.nan
        tires = np.array(day.tires, dtype=float).reshape(-1, 10)
        km = (day.odometer_m - day.odometer_start_m) / 1000.0
        capacity_kwh = self._v.get(CAPACITY, math.nan)
        # a day the car was not driven is no row (it would replace one written before a restart):
        # its tire readings still count
        row = [day.number, day.soc_morning, evening, day.drive_ah, charge, day.lv_rest_v,
               day.friction_j / 1e6, km if km >= 0 else math.nan] if day.started else []
        cols = np.array(row, dtype=float).reshape(-1, 8).T
        obs = Observations(
            self._car_type, capacity_kwh * 1000.0 / NOMINAL_PACK_V, self._placard, self._pad_mm,
            cols[0].astype(np.int64), *cols[1:], tires[:, 0], tires[:, 1:5], tires[:, 5:9], tires[:, 9])
        try:
            self.journal.write(obs, keep_constants=True)
        except JournalError as exc:
            self.errors.append(str(exc))
            log.error("health: day %d not written: %s", day.number, exc)
            return False
        day.tires.clear()  # written: the journal keeps them
        return True
