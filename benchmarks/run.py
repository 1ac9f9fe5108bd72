"""Run every benchmark and write BENCHMARKS.md.   python -m benchmarks.run"""

import os
import platform
import time
from pathlib import Path

from benchmarks import bench_frame_cpu, bench_startup, bench_store

OUT = Path(__file__).resolve().parents[1] / "BENCHMARKS.md"


def main() -> None:
    store = bench_store.run()
    print(f"store: {store['update_per_s']:,.0f} updates/s")
    start = bench_startup.run()
    print(f"startup ratio: {start['ratio']:.2f}x")
    frame = bench_frame_cpu.run()
    print(f"frame CPU: {frame['cpu_ms_per_frame']:.2f} ms")
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               "offscreen Qt (software rendering)")
    per_frame = frame["cpu_ms_per_frame"]
    OUT.write_text(f"""# Benchmarks

Measured {time.strftime('%Y-%m-%d')} on {machine} with `python -m benchmarks.run`.
Ratios compare figures measured in the same run; absolute times vary between machines.

## Time to the cluster's first frame (goal: ≤ 3× a trivial window)

Fresh Python process per start, offscreen, median of {start['runs']} interleaved runs, from interpreter
start to the first `frameSwapped` (`benchmarks/bench_startup.py`). The trivial window is a 1920×720 QML
`Window` holding one `Rectangle`, started through the same `QQmlApplicationEngine` path.

| start | first frame |
|---|---|
| trivial one-rectangle window | {start['trivial_s'] * 1000:.0f} ms |
| cockpit cluster (theme, stores, bridge, simulator state) | {start['cluster_s'] * 1000:.0f} ms |
| **ratio** | **{start['ratio']:.2f}×** |

## SignalStore ingest rate on one core (goal: ≥ 500,000 updates/s)

{store['n']:,} validated updates over five signals of mixed datatypes, with a change feed attached
(`benchmarks/bench_store.py`).

| path | updates/s |
|---|---|
| `update()` one at a time | {store['update_per_s']:,.0f} |
| `update_many()` in batches of 100 | {store['update_many_per_s']:,.0f} |

## CPU time per rendered frame during a live drive

Both windows offscreen (software rendering), the simulator driving WLTC in real time, {frame['wall_s']:.0f} s
after a warm-up (`benchmarks/bench_frame_cpu.py`). Process CPU of all threads (GUI, render, simulator)
divided by the frames both windows rendered.

| figure | value |
|---|---|
| cluster frames/s | {frame['fps']['cluster']:.1f} |
| center frames/s | {frame['fps']['center']:.1f} |
| CPU per rendered frame | {per_frame:.2f} ms ({per_frame / 16.7:.0%} of a 16.7 ms frame) |
| process CPU | {frame['cpu_share']:.0%} of one core |
""")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
