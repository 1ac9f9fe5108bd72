"""Run every benchmark and write BENCHMARKS.md.   python -m benchmarks.run"""

import os
import platform
import re
import time
from pathlib import Path

from benchmarks import (
    bench_bus_flood,
    bench_can,
    bench_cluster_scene,
    bench_frame_cpu,
    bench_reload,
    bench_startup,
    bench_store,
    bench_switch,
    bench_voice,
    bench_zenoh,
)

OUT = Path(__file__).resolve().parents[1] / "BENCHMARKS.md"
# benchmarks that run alone (minutes: the kiosk soak, the navigation graph) mark their sections so
SECTION = re.compile(r"<!-- ([\w-]+): begin -->.*?<!-- \1: end -->", re.S)


def keep_sections(previous: str) -> None:
    """Put the marked sections of ``previous`` back into the regenerated BENCHMARKS.md."""
    text = OUT.read_text()
    kept = [m.group(0) for m in SECTION.finditer(previous) if f"<!-- {m.group(1)}: begin -->" not in text]
    if kept:
        OUT.write_text(text.rstrip("\n") + "\n\n" + "\n\n".join(kept) + "\n")


def main() -> None:
    previous = OUT.read_text() if OUT.exists() else ""
    store = bench_store.run()
    print(f"store: {store['update_per_s']:,.0f} updates/s")
    start = bench_startup.run()
    print("startup ratios: " + ", ".join(f"{n} {m['ratio']:.2f}x" for n, m in start["variants"].items()))
    frame = bench_frame_cpu.run()
    print(f"frame CPU: {frame['cpu_ms_per_frame']:.2f} ms")
    scene = bench_cluster_scene.run()
    print(f"cluster scene: {scene['ratio']:.2f}x the dial's CPU per frame, p99 {scene['scene']['p99_ms']:.1f} ms")
    can = bench_can.run()
    print(f"CAN: {can['decode_store_fps']:,.0f} frames/s decode+store")
    zen = bench_zenoh.run()
    print(f"Zenoh: p99 {zen['plain']['typical']['p99_ms']:.2f} ms plain, "
          f"{zen['secure']['typical']['p99_ms']:.2f} ms secure")
    flood = bench_bus_flood.run()
    print(f"bus flood: {flood['plain']['flood']['fps']:.0f} frames/s plain, "
          f"{flood['secure']['flood']['fps']:.0f} secure")
    switch = bench_switch.run()
    print(f"switch: theme {switch['theme']['call_ms']:.1f} ms, language {switch['language']['call_ms']:.1f} ms")
    reload = bench_reload.run()
    print(f"reload: token {reload['token_ms_median']:.0f} ms, QML {reload['qml_ms_median']:.0f} ms")
    voice = bench_voice.run()
    print(f"voice: p95 {voice['pocketsphinx']['p95_ms']:.0f} ms pocketsphinx, {voice['vosk']['p95_ms']:.0f} ms vosk")
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               "offscreen Qt (software rendering)")
    per_frame = frame["cpu_ms_per_frame"]
    bus = can["full_bus_fps"]
    OUT.write_text(f"""# Benchmarks

Measured {time.strftime('%Y-%m-%d')} on {machine} with `python -m benchmarks.run` (each section also
runs alone: `python -m benchmarks.bench_NAME`). Ratios compare figures measured in the same run;
absolute times vary between machines.

{bench_startup.markdown(start)}
## SignalStore ingest rate on one core (goal: ≥ 500,000 updates/s)

{store['n']:,} validated updates over five signals of mixed datatypes, with a change feed attached
(`bench_store.py`).

| path | updates/s |
|---|---|
| `update()` one at a time | {store['update_per_s']:,.0f} |
| `update_many()` in batches of 100 | {store['update_many_per_s']:,.0f} |

## CPU time per rendered frame during a live drive

Both windows offscreen (software rendering), the simulator driving WLTC in real time, {frame['wall_s']:.0f} s
after a warm-up (`bench_frame_cpu.py`). Process CPU of all threads (GUI, render, simulator) divided by
the frames both windows rendered. The offscreen platform has no vsync, so the cluster renders as often
as its animations ask; the center screen (home page) repaints only when a shown value changes.

| figure | value |
|---|---|
| cluster frames/s | {frame['fps']['cluster']:.1f} |
| center frames/s | {frame['fps']['center']:.1f} |
| CPU per rendered frame | {per_frame:.2f} ms ({per_frame / 16.7:.0%} of a 16.7 ms frame) |
| process CPU | {frame['cpu_share']:.0%} of one core |

{bench_cluster_scene.markdown(scene)}
## CAN decode-to-store throughput on one core (goal: 10 fully loaded 1 Mbit/s buses)

{can['n']:,} frames of the demo EV's own traffic ({can['recorded_s']:.0f} s of WLTC encoded with the demo DBC,
looped), against {bus:,} frames/s, a 1 Mbit/s classic CAN bus full of 8-byte frames at worst-case bit
stuffing (`bench_can.py`).

| path | frames/s | full buses |
|---|---|---|
| cantools decoding every signal (reference) | {can['cantools_fps']:,.0f} | {can['cantools_buses']:.1f}× |
| `CanDecoder.decode` (mapped signals, checked) | {can['decode_fps']:,.0f} | {can['decode_buses']:.1f}× |
| decode + `store.update_many` | {can['decode_store_fps']:,.0f} | **{can['decode_store_buses']:.1f}×** |
| `CanSource` reading a python-can virtual bus | {can['virtual_bus_fps']:,.0f} | {can['virtual_bus_buses']:.1f}× |

Goal met: {'yes' if can['goal_met'] else 'NO'}. About 70 % of decode+store time is the store validating
values again (the decoder has already checked them against the catalogue).

{bench_zenoh.markdown(zen)}
{bench_bus_flood.markdown(flood)}
{bench_switch.markdown(switch)}
## Designer live reload: save to repaint (goal for a token edit: < 100 ms)

{reload['repeats']} edits each, the cluster open offscreen; from writing the file to the first frame that
shows it, file-watcher latency and the 15 ms debounce included (`bench_reload.py`).

| edit | median | max |
|---|---|---|
| token (`color.background.base`) | {reload['token_ms_median']:.0f} ms | {reload['token_ms_max']:.0f} ms |
| QML (`ClusterView.qml`; the window is recreated) | {reload['qml_ms_median']:.0f} ms | {reload['qml_ms_max']:.0f} ms |

{bench_voice.markdown(voice)}""")
    keep_sections(previous)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
