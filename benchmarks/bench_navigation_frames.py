"""The navigation page's cost per frame, beside the energy page's, in one run: the center screen
offscreen (Qt's offscreen platform, software OpenGL: llvmpipe), the simulator driving a Helsinki
route in real time, PHASE seconds each of

    energy      the energy page (its power chart redraws as the car drives)
    following   the navigation page following the car (the map moves under it 5 times a second,
                eased between position fixes)
    panning     the navigation page panned continuously by a finger's worth every frame (back and
                forth over the route, so the first sweep draws its tiles and the rest reuse them)

Reported per phase: frame interval p50 / p99 (from frameSwapped), process CPU per frame and per
second (all threads: GUI, render, simulator, tile drawing) and tiles drawn. The energy page draws a
frame only when something changes (a few a second), so its CPU per frame carries the simulator's
and the stores' work over few frames; the share of a core compares the pages as a whole. Run:
``python -m benchmarks.bench_navigation_frames [--phase 8]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402


def cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def frame_stats(stamps: list[float], wall_s: float, cpu_used_s: float) -> dict:
    """Frame figures of a phase from its frameSwapped times (perf_counter seconds): fps, frame
    interval p50 / p99, intervals over 25 ms (a frame missed), process CPU per frame and per second."""
    gaps = sorted((b - a) * 1000 for a, b in zip(stamps, stamps[1:], strict=False))
    return {
        "frames": len(stamps), "fps": len(stamps) / wall_s,
        "p50_ms": statistics.median(gaps) if gaps else float("nan"),
        "p99_ms": gaps[min(len(gaps) - 1, int(len(gaps) * 0.99))] if gaps else float("nan"),
        "dropped": sum(1 for g in gaps if g > 25.0),  # a frame missed: 1.5 frame times or more
        "cpu_ms_per_frame": cpu_used_s * 1000 / max(len(stamps), 1),
        "cpu_share": cpu_used_s / wall_s,
    }


def run(phase_s: float = 8.0) -> dict[str, dict]:
    app = QGuiApplication.instance() or QGuiApplication([])
    from cockpit.app import Cockpit
    from cockpit.gallery import load_map, visual_items, wait_for_tiles
    from cockpit.sim.route_drive import plan
    from cockpit.sources.simulator import SimulatorSource

    source = SimulatorSource(cycle=plan(None, "Mannerheimintie", "Kaisaniemenkatu", seed=2), seed=2)
    cockpit = Cockpit(source=source)
    cockpit.start(("center",))
    window = cockpit.windows["center"]
    load_map(cockpit)
    cockpit.bridge.flush()
    cockpit.navigation.go("Kaisaniemenkatu")
    stamps: list[float] = []
    window.frameSwapped.connect(lambda: stamps.append(time.perf_counter()))
    results: dict[str, dict] = {}
    phases = ["energy", "following", "panning"]
    state: dict = {}

    def mapview():  # noqa: ANN202
        return next(i for i in visual_items(window.contentItem()) if i.objectName() == "mapView")

    def pan() -> None:
        view = mapview()
        world = view.property("worldPx")
        step = 6.0 / world * state["direction"]  # 6 px a frame: a slow finger
        view.setProperty("centerX", view.property("centerX") + step)
        state["panned"] += 6
        if state["panned"] >= 900:
            state["direction"] *= -1
            state["panned"] = 0

    panner = QTimer(interval=16, timeout=pan)

    def start(name: str) -> None:
        window.setProperty("page", "energy" if name == "energy" else "navigation")
        if name != "energy":
            wait_for_tiles(cockpit, window)
        if name == "panning":
            mapview().setProperty("follow", False)
            state.update(direction=1, panned=0)
            panner.start()
        QTimer.singleShot(500, lambda: begin(name))  # settled on the page

    def begin(name: str) -> None:
        stamps.clear()
        state.update(cpu0=cpu_s(), tiles0=cockpit.navigation.tiles.rendered, t0=time.perf_counter())
        QTimer.singleShot(int(phase_s * 1000), lambda: end(name))

    def end(name: str) -> None:
        results[name] = {**frame_stats(stamps, time.perf_counter() - state["t0"], cpu_s() - state["cpu0"]),
                         "tiles_drawn": cockpit.navigation.tiles.rendered - state["tiles0"]}
        panner.stop()
        if phases:
            start(phases.pop(0))
        else:
            app.quit()

    QTimer.singleShot(1500, lambda: start(phases.pop(0)))
    app.exec()
    cockpit.close()
    return results


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--phase", type=float, default=8.0, help="seconds per phase (default 8)")
    r = run(p.parse_args().phase)
    energy = r["energy"]["cpu_ms_per_frame"]
    print(f"{'phase':10} {'fps':>5} {'p50 ms':>7} {'p99 ms':>7} {'>25 ms':>6} {'CPU ms/frame':>13} {'vs energy':>9} "
          f"{'CPU/s':>6} {'tiles':>6}")
    for name, x in r.items():
        print(f"{name:10} {x['fps']:5.1f} {x['p50_ms']:7.1f} {x['p99_ms']:7.1f} {x['dropped']:6d} "
              f"{x['cpu_ms_per_frame']:13.2f} {x['cpu_ms_per_frame'] / energy:8.2f}x {x['cpu_share']:6.0%} "
              f"{x['tiles_drawn']:6d}")


if __name__ == "__main__":
    main()
