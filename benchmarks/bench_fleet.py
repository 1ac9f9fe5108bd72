"""Fleet statistics (cockpit/fleet/): the collector's throughput with 1,000 cars' summaries, and
the aggregation's time.

- Summaries: 1,000 seeded cars aged 30 days and summarized as each car would (the cost of the
  simulation, not of the collector; shown for scale).
- Validation only: ``summary.validate`` over those payloads, one thread.
- Offer and store, no network: ``Collector.offer`` (key check, validation, queue) from one thread
  until the writer has committed every row; a month of them (30 days x 1,000 cars).
- End to end over loopback Zenoh: a second process puts the 1,000 summaries as fast as its session
  takes them (blocking, reliable), the collector validates and stores them; from the first put to
  the last row committed.
- Aggregation: ``aggregate`` over 1,000 cars, with one day of rows and with a month of them.

python -m benchmarks.bench_fleet   (prints a markdown table; BENCHMARKS.md is not touched)
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cockpit.bus.config import open_session
from cockpit.fleet.collector import Collector, aggregate
from cockpit.fleet.publisher import send
from cockpit.fleet.simulate import fleet
from cockpit.fleet.summary import Summary, utc_today, validate

CARS = 1000
DAYS = 30
VALIDATE_ROUNDS = 20
TODAY = utc_today()


def _dated(summaries: list[Summary], days_ago: int) -> list[Summary]:
    day = (TODAY - datetime.timedelta(days=days_ago)).isoformat()
    return [validate(s.to_bytes().replace(s.day.encode(), day.encode())) for s in summaries]


def _store(db: Path, summaries: list[Summary]) -> float:
    """Seconds from the first offer to the last row committed."""
    c = Collector(db, queue_max=len(summaries))  # offered faster than any network brings them
    try:
        began = time.perf_counter()
        for s in summaries:
            if not c.offer(s.key, s.to_bytes()):
                raise SystemExit(f"refused: {c.stats()['last_refusal']}")
        if not c.drain(120):
            raise SystemExit("not stored within 120 s")
        return time.perf_counter() - began
    finally:
        c.close()


def _end_to_end(db: Path, payloads: Path, count: int) -> tuple[float, int]:
    """(seconds from the sender's first put to the last row committed, rows stored)."""
    from tests.zenoh_helpers import free_endpoint

    endpoint = free_endpoint()
    c = Collector(db)
    session = open_session(listen=[endpoint])
    c.subscribe(session)
    try:
        child = subprocess.Popen([sys.executable, "-m", "benchmarks.bench_fleet", "--send", endpoint, str(payloads)],
                                 stdout=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 300
        while c.stats()["received"] < count and time.monotonic() < deadline:
            time.sleep(0.001)
        c.drain(60)  # what was received and not refused (a full queue refuses: counted, shown as stored < sent)
        done = time.time()
        began = float(child.communicate(timeout=60)[0].split()[0])  # time.time() of the child's first put
        return done - began, c.stats()["stored"]
    finally:
        c.close()
        session.close()


def _sender(endpoint: str, payloads: Path) -> None:
    """The child: connect, wait for the collector, put every summary, print when it began."""
    summaries = [validate(line.encode()) for line in payloads.read_text().splitlines()]
    session = open_session(connect=[endpoint])
    try:
        if send(session, summaries[:1], wait_s=10) != 1:
            raise SystemExit("no collector")
        began = time.time()
        send(session, summaries[1:], wait_s=0)
        print(began)
    finally:
        session.close()


def main() -> None:
    t = time.perf_counter()
    summaries = [c.summary for c in fleet(CARS, DAYS, seed=1)]
    simulate_s = time.perf_counter() - t
    payloads = [s.to_bytes() for s in summaries]

    t = time.perf_counter()
    for _ in range(VALIDATE_ROUNDS):
        for p in payloads:
            validate(p)
    validate_rate = VALIDATE_ROUNDS * CARS / (time.perf_counter() - t)

    month = [s for d in range(DAYS) for s in _dated(summaries, d)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        day_s = _store(tmp_path / "day.db", summaries)
        month_s = _store(tmp_path / "month.db", month)
        (tmp_path / "day.jsonl").write_text("\n".join(p.decode() for p in payloads) + "\n")
        (tmp_path / "month.jsonl").write_text("\n".join(s.to_bytes().decode() for s in month) + "\n")
        e2e_s, arrived = _end_to_end(tmp_path / "e2e.db", tmp_path / "day.jsonl", CARS)
        e2e_month_s, arrived_month = _end_to_end(tmp_path / "e2e-month.db", tmp_path / "month.jsonl", len(month))
        t = time.perf_counter()
        stats_day = aggregate(tmp_path / "day.db")
        agg_day_ms = 1000 * (time.perf_counter() - t)
        t = time.perf_counter()
        stats_month = aggregate(tmp_path / "month.db")
        agg_month_ms = 1000 * (time.perf_counter() - t)
        size_month = (tmp_path / "month.db").stat().st_size + sum(
            f.stat().st_size for f in tmp_path.glob("month.db-*"))

    assert stats_day["variants"] == stats_month["variants"]  # the latest day per car, either way
    print(f"### Fleet collector ({CARS:,} cars, {len(payloads[0])}-byte summaries)\n")
    print("| measure | result |\n|---|---|")
    print(f"| simulate and summarize {CARS:,} cars x {DAYS} days (not the collector) | {simulate_s:.1f} s |")
    print(f"| validation only | {validate_rate:,.0f} summaries/s |")
    print(f"| offer + store, {CARS:,} summaries (no network) | {CARS / day_s:,.0f} summaries/s ({day_s:.2f} s) |")
    print(f"| offer + store, a month: {len(month):,} summaries | {len(month) / month_s:,.0f} summaries/s "
          f"({month_s:.2f} s; database {size_month / 1e6:.1f} MB) |")
    print(f"| end to end over loopback Zenoh, {CARS:,} summaries from another process | "
          f"{arrived / e2e_s:,.0f} summaries/s ({e2e_s:.2f} s, {arrived:,} stored) |")
    print(f"| end to end over loopback Zenoh, a month: {len(month):,} summaries from another process | "
          f"{arrived_month / e2e_month_s:,.0f} summaries/s ({e2e_month_s:.2f} s, {arrived_month:,} stored) |")
    print(f"| aggregate, {CARS:,} cars, one day | {agg_day_ms:.0f} ms |")
    print(f"| aggregate, {CARS:,} cars, a month of rows | {agg_month_ms:.0f} ms |")
    print("\n" + json.dumps({v: s["cars"] for v, s in stats_day["variants"].items()}))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--send":
        _sender(sys.argv[2], Path(sys.argv[3]))
    else:
        main()
