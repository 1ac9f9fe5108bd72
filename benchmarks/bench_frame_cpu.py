"""CPU time per rendered frame during a live drive: both windows offscreen, the simulator driving
WLTC in real time, for DURATION seconds. Process CPU (all threads: render, GUI, simulator) divided
by frames rendered, and as a share of the 16.7 ms budget of a 60 Hz frame."""

import os
import resource
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

DURATION = 20.0
WARMUP = 3.0


def cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run(duration: float = DURATION) -> dict:
    app = QGuiApplication.instance() or QGuiApplication([])
    from cockpit.app import Cockpit
    from cockpit.sources.simulator import SimulatorSource

    cockpit = Cockpit(source=SimulatorSource(cycle="wltc", speedup=1.0, seed=1))
    cockpit.start(("cluster", "center"))
    frames = {"cluster": 0, "center": 0}
    marks: dict[str, float] = {}

    def count(view: str) -> None:
        if "t0" in marks:
            frames[view] += 1

    def hook() -> None:
        for view, window in cockpit.windows.items():
            window.frameSwapped.connect(lambda v=view: count(v))

    def begin() -> None:
        marks["t0"], marks["cpu0"] = time.perf_counter(), cpu_s()
        QTimer.singleShot(int(duration * 1000), end)

    def end() -> None:
        marks["t1"], marks["cpu1"] = time.perf_counter(), cpu_s()
        app.quit()

    QTimer.singleShot(int(WARMUP * 1000) - 100, hook)
    QTimer.singleShot(int(WARMUP * 1000), begin)
    app.exec()
    cockpit.close()
    wall = marks["t1"] - marks["t0"]
    cpu = marks["cpu1"] - marks["cpu0"]
    total = sum(frames.values())
    return {"wall_s": wall, "cpu_s": cpu, "frames": frames, "fps": {k: v / wall for k, v in frames.items()},
            "cpu_ms_per_frame": cpu * 1000 / max(total, 1), "cpu_share": cpu / wall}


if __name__ == "__main__":
    r = run()
    fps = r["fps"]
    print(f"live drive {r['wall_s']:.1f} s: cluster {fps['cluster']:.1f} fps, center {fps['center']:.1f} fps; "
          f"CPU {r['cpu_ms_per_frame']:.2f} ms per frame ({r['cpu_ms_per_frame'] / 16.7:.0%} of a 60 Hz frame), "
          f"process CPU {r['cpu_share']:.0%} of one core")
