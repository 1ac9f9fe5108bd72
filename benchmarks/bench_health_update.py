"""The health journal and the model update (cockpit/health/journal.py, report.py): how long the Health
page waits, and how much the journal grows.

- Model update: ``report()`` over the journal's observations after 60, 365 and 730 simulated days
  (an aged car written into a journal, read back as the Health page reads it), the read alone, and
  the write of those days at once (``cockpit sim age``).
- Daily write: one day's row and its tire readings, as the live summariser writes each morning.
- Size: the journal file after each simulated month of daily writes, with the aging car's four tire
  readings a day and with the live summariser's hourly ones (24 a day).
- Listener cost: the live summariser is called on the source's thread for every change of every
  signal; ten simulated minutes of the simulator into a SignalStore with and without it.

python -m benchmarks.bench_health_update   (prints a markdown section; BENCHMARKS.md is not touched)
"""

from __future__ import annotations

import dataclasses
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from cockpit.health.daily import DailySummary
from cockpit.health.journal import DB_NAME, Journal
from cockpit.health.report import report
from cockpit.sim.aging import Car, Observations
from cockpit.sources.simulator import SimulatorSource
from cockpit.vehicle.store import SignalStore

SEED = 7
SPANS = (60, 365, 730)
REPEATS = 9
MONTHS = 12
LISTEN_S = 600.0


def _median_s(fn, repeats: int = REPEATS) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.name.startswith(DB_NAME))


def _one_day(obs: Observations, i: int, hourly: bool) -> Observations:
    """Day ``i`` of ``obs`` alone; ``hourly``: its tire readings repeated at every hour (the live
    summariser's rate), the nearest of the day's four for each hour."""
    day_fields = ("day", "soc_morning", "soc_evening", "drive_ah", "charge_ah", "lv_rest_v", "friction_mj",
                  "distance_km")
    sel = np.floor(obs.tire_time_days) == obs.day[i]
    t, kpa, temp, amb = obs.tire_time_days[sel], obs.tire_kpa[sel], obs.tire_temp_c[sel], obs.ambient_c[sel]
    if hourly:
        hours = obs.day[i] + np.arange(24) / 24.0
        nearest = np.abs(hours[:, None] - t[None, :]).argmin(axis=1)
        t, kpa, temp, amb = hours, kpa[nearest], temp[nearest], amb[nearest]
    return dataclasses.replace(obs, **{f: getattr(obs, f)[i:i + 1] for f in day_fields},
                               tire_time_days=t, tire_kpa=kpa, tire_temp_c=temp, ambient_c=amb)


def model_update() -> list[dict]:
    rows = []
    for days in SPANS:
        obs = Car(SEED).age(days)[0]
        with tempfile.TemporaryDirectory() as d:
            folder = Path(d)

            def write_all(folder: Path = folder, obs: Observations = obs) -> None:
                Journal(folder).erase()
                Journal(folder).write(obs)

            write_s = _median_s(write_all)
            journal = Journal(folder)
            read_s = _median_s(journal.observations)
            back = journal.observations()
            report_s = _median_s(lambda back=back: report(back))
            both_s = _median_s(lambda journal=journal: report(journal.observations()))
            rows.append({"days": days, "tire_readings": len(obs.tire_time_days), "write_s": write_s,
                         "read_s": read_s, "report_s": report_s, "read_and_report_s": both_s})
    return rows


def daily_writes_and_size() -> dict:
    obs = Car(SEED).age(MONTHS * 30)[0]
    out: dict = {"write_s": {}, "size": {}}
    for hourly in (False, True):
        key = "hourly" if hourly else "four a day"
        with tempfile.TemporaryDirectory() as d:
            folder = Path(d)
            journal = Journal(folder)
            days = [_one_day(obs, i, hourly) for i in range(len(obs.day))]
            times, sizes = [], []
            for i, one in enumerate(days):
                began = time.perf_counter()
                journal.write(one)
                times.append(time.perf_counter() - began)
                if (i + 1) % 30 == 0:
                    sizes.append(_size(folder))
            out["write_s"][key] = statistics.median(times)
            out["size"][key] = sizes
    return out


def listener_cost() -> dict:
    def drive(summarise: bool) -> tuple[float, int]:
        sim = SimulatorSource(seed=2)
        store = SignalStore(clock=lambda: sim.sim.time_s)
        changes = [0]
        store.listen(lambda path, reading: changes.__setitem__(0, changes[0] + 1))
        with tempfile.TemporaryDirectory() as d:
            if summarise:
                DailySummary(Journal(d), clock=lambda: 1.8e9 + sim.sim.time_s).attach(store)
            began = time.perf_counter()
            sim.run_for(store, LISTEN_S)
            return time.perf_counter() - began, changes[0]

    without = statistics.median(drive(False)[0] for _ in range(3))
    runs = [drive(True) for _ in range(3)]
    with_it = statistics.median(r[0] for r in runs)
    return {"changes": runs[0][1], "per_change_us": (with_it - without) / runs[0][1] * 1e6}


def main() -> None:
    update = model_update()
    daily = daily_writes_and_size()
    cost = listener_cost()
    print("## Health journal and model update\n")
    print("`python -m benchmarks.bench_health_update`: an aged car (seed 7) written into the journal "
          "and read back as the Health page does; medians of 9.\n")
    print("| days | tire readings | write all (ms) | read (ms) | report() (ms) | read + report (ms) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in update:
        print(f"| {r['days']} | {r['tire_readings']:,} | {r['write_s'] * 1e3:.1f} | {r['read_s'] * 1e3:.1f} | "
              f"{r['report_s'] * 1e3:.1f} | {r['read_and_report_s'] * 1e3:.1f} |")
    print("\nDaily writes (one day's row and its tire readings, a transaction each), median: "
          + ", ".join(f"{k} {v * 1e3:.2f} ms" for k, v in daily["write_s"].items()) + ".\n")
    print("| months | journal, 4 tire readings a day (KiB) | journal, hourly tire readings (KiB) |")
    print("|---:|---:|---:|")
    four, hourly = daily["size"]["four a day"], daily["size"]["hourly"]
    for m, (a, b) in enumerate(zip(four, hourly, strict=True), start=1):
        if m in (1, 2, 3, 6, 12):
            print(f"| {m} | {a / 1024:,.0f} | {b / 1024:,.0f} |")
    per_month = [(four[-1] - four[0]) / (len(four) - 1), (hourly[-1] - hourly[0]) / (len(hourly) - 1)]
    print(f"\nGrowth per month after the first: {per_month[0] / 1024:,.0f} KiB (4 readings a day), "
          f"{per_month[1] / 1024:,.0f} KiB (hourly); five years (the journal's cap) about "
          f"{per_month[1] * 60 / 1024 ** 2:,.1f} MiB hourly.")
    print(f"\nThe summariser's listener: {cost['per_change_us']:.1f} µs per signal change on the source's thread "
          f"({cost['changes']:,} changes in {LISTEN_S / 60:.0f} simulated minutes; medians of 3 with and without).")


if __name__ == "__main__":
    main()
