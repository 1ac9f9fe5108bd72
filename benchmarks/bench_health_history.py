"""Signal history on the car (cockpit/health/history.py): ingest rate, store size per simulated month,
maintenance time.

- Ingest: samples recorded as fast as one thread can call ``record`` (round robin over the table's
  signals), until the writer has them on disk; goal: >= 20x the catalogue's full signal rate (every
  continuous signal at its period, from signals.toml).
- Size: 62 simulated days of an hour's driving a day, every recorded signal of the catalogue at its
  period (on-change ones changing a few times a minute), the writer's own maintenance once a day:
  the file after a day, a month (raw + minute tiers full) and two months (hourly tier growing).
- Maintenance: the wall time of each day's run (a day of raw samples rolled into minutes).

python -m benchmarks.bench_health_history   (prints a markdown section; BENCHMARKS.md is not touched)
"""

from __future__ import annotations

import math
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from cockpit.health.history import DAY, DB_NAME, SIGNALS, History
from cockpit.vehicle.catalogue import ChangeMode, default_catalogue

T0 = 1_800_000_000.0
INGEST_N = 300_000
DAYS = 62
DRIVE_S_PER_DAY = 3600
ON_CHANGE_PERIOD_S = 15.0  # gear, charging: a change every 15 s while driving (generous)


def catalogue_rate() -> tuple[float, float]:
    """(samples/s of the whole catalogue at full rate, of the history's signals in it)."""
    cat = default_catalogue()
    full = sum(1 / s.period_s for s in cat if s.change is ChangeMode.CONTINUOUS and s.period_s)
    mine = sum(1 / s.period_s for s in cat if s.path in SIGNALS and s.change is ChangeMode.CONTINUOUS and s.period_s)
    return full, mine


class Clock:
    t = T0

    def __call__(self) -> float:
        return self.t


def ingest() -> dict:
    paths = list(SIGNALS)
    values = np.random.default_rng(1).normal(100, 20, INGEST_N).tolist()
    with tempfile.TemporaryDirectory() as d:
        clock = Clock()
        h = History(d, consent=["location"], clock=clock, queue_max=INGEST_N, maintain_every_s=0)
        try:
            began = time.perf_counter()
            for i, v in enumerate(values):
                h.record(paths[i % len(paths)], v, T0 + i * 0.001)
            called = time.perf_counter() - began
            h.flush()
            took = time.perf_counter() - began
            assert h.written == INGEST_N and h.dropped == 0, (h.written, h.dropped)
        finally:
            h.close()
    return {"rows": INGEST_N, "rows_per_s": INGEST_N / took, "record_us": called / INGEST_N * 1e6}


def month() -> dict:
    cat = default_catalogue()
    recorded = [s for s in cat if s.path in SIGNALS and "CurrentLocation" not in s.path]
    rng = np.random.default_rng(2)
    clock = Clock()
    sizes: dict[int, int] = {}
    rows: dict[int, dict[str, int]] = {}
    maint: list[float] = []
    total = 0
    with tempfile.TemporaryDirectory() as d:
        h = History(d, clock=clock, queue_max=1_000_000, maintain_every_s=0)
        try:
            for day in range(DAYS):
                start = T0 + day * DAY + 8 * 3600  # a morning's drive
                samples = []
                for s in recorded:
                    period = s.period_s if s.change is ChangeMode.CONTINUOUS and s.period_s else ON_CHANGE_PERIOD_S
                    n = int(DRIVE_S_PER_DAY / period)
                    base = 50.0 if s.datatype in ("float", "double") else 1.0
                    vals = (base + rng.normal(0, 5, n)).round(3) if s.datatype in ("float", "double") \
                        else rng.integers(0, 3, n).astype(float)
                    samples += zip([s.path] * n, (start + np.arange(n) * period).tolist(), vals.tolist(), strict=True)
                samples.sort(key=lambda x: x[1])
                for path, t, v in samples:
                    clock.t = t
                    h.record(path, v, t)
                total += len(samples)
                h.flush()
                clock.t = T0 + (day + 1) * DAY + 7 * 3600  # next morning, before driving: maintenance
                began = time.perf_counter()
                h.maintain()
                maint.append(time.perf_counter() - began)
                if day + 1 in (1, 31, DAYS):
                    sizes[day + 1] = (Path(d) / DB_NAME).stat().st_size  # maintenance checkpointed the log
                    rows[day + 1] = {c.name: c.rows for c in h.categories()}
        finally:
            h.close()
    return {"per_day": total / DAYS, "sizes": sizes, "rows": rows, "maint_median_s": statistics.median(maint),
            "maint_max_s": max(maint), "signals": len(recorded)}


def run() -> dict:
    full, mine = catalogue_rate()
    return {"catalogue_rate": full, "history_rate": mine, "ingest": ingest(), "month": month()}


def markdown(r: dict) -> str:
    ing, m = r["ingest"], r["month"]
    goal = 20 * r["catalogue_rate"]
    mb = {k: v / 1e6 for k, v in m["sizes"].items()}
    growth = (mb[DAYS] - mb[31]) * 30 / (DAYS - 31)
    return f"""<!-- health-history: begin -->
## Signal history on the car (goal: ingest ≥ 20× the catalogue's full signal rate)

`python -m benchmarks.bench_health_history`: SQLite (WAL) in a temporary folder, one writer thread,
batched inserts (`cockpit/health/history.py`, [docs/health-history.md](docs/health-history.md)).

| measure | value |
|---|---|
| catalogue's full signal rate (every continuous signal at its period) | {r['catalogue_rate']:,.0f} samples/s |
| of which the history records (its table's signals in the catalogue) | {r['history_rate']:,.0f} samples/s |
| goal: 20× the full rate | {goal:,.0f} rows/s |
| ingest, `record()` from one thread until on disk ({ing['rows']:,} rows) | {ing['rows_per_s']:,.0f} rows/s |
| ingest ÷ the catalogue's full rate | **{ing['rows_per_s'] / r['catalogue_rate']:.0f}×** |
| caller's cost per `record()` | {ing['record_us']:.1f} µs |
| simulated use | {DAYS} days, 1 h driving a day, {m['signals']} signals, {m['per_day']:,.0f} samples a day |
| file after 1 day (raw) | {mb[1]:.1f} MB ({sum(m['rows'][1].values()):,} rows) |
| file after 31 days (raw + minute tiers full) | {mb[31]:.1f} MB ({sum(m['rows'][31].values()):,} rows) |
| file after {DAYS} days (hourly tier growing) | {mb[DAYS]:.1f} MB ({sum(m['rows'][DAYS].values()):,} rows) |
| growth per further month (hourly aggregates) | {growth:.2f} MB |
| maintenance (a day's raw rows into minutes, on the writer), median | {m['maint_median_s'] * 1000:.0f} ms |
| maintenance, slowest of the {DAYS} days | {m['maint_max_s'] * 1000:.0f} ms |
<!-- health-history: end -->"""


if __name__ == "__main__":
    result = run()
    assert math.isfinite(result["ingest"]["rows_per_s"])
    print(markdown(result))
