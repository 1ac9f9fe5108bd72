"""Child process of bench_startup: start one car's screens and print when they are up.

    python -m benchmarks.startup_child trivial|VARIANT
Prints one JSON line: seconds from interpreter start (before any import, so imports count) to the
first frame of the first window (the cluster, or the screen holding it), to the first frame of
every screen the variant has, and the process's RSS (MB) two seconds after that, when a module the
car includes (the voice assistant's models) has loaded in its thread.
"""

import time

T0 = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

TRIVIAL = b"import QtQuick\nWindow { width: 1920; height: 720; visible: true\n Rectangle { anchors.fill: parent } }\n"
SETTLE_S = 2.0


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024


def main() -> None:
    what = sys.argv[1]
    app = QGuiApplication(sys.argv[:1])
    result: dict[str, float] = {}
    if what == "trivial":
        import PySide6.QtQuick  # noqa: F401 - same start-up path as the cockpit
        from PySide6.QtQml import QQmlApplicationEngine

        engine = QQmlApplicationEngine()
        engine.loadData(TRIVIAL)
        windows = engine.rootObjects()
    else:
        from cockpit.app import Cockpit
        from cockpit.sources.simulator import SimulatorSource
        from cockpit.variant import load_variant

        cockpit = Cockpit(variant=load_variant(what))
        # the simulator's first state, as in the demo; the source thread is not started
        SimulatorSource().run_for(cockpit.signals, 0.1)
        cockpit.start()
        windows = list(cockpit.windows.values())
    drawn: set[int] = set()  # the windows (by id) that have swapped a frame

    def finish() -> None:
        if "rss_mb" in result:
            return
        result["rss_mb"] = rss_mb()
        print(json.dumps(result), flush=True)
        app.quit()

    def swapped(window) -> None:  # noqa: ANN001
        now = time.perf_counter() - T0
        result.setdefault("first_s", now)
        drawn.add(id(window))
        everyone = windows if what == "trivial" else list(cockpit.windows.values())
        if what != "trivial" and len(everyone) < len(cockpit.views):
            return  # the other screens are not created yet (they follow the first frame)
        if "all_s" not in result and all(id(w) in drawn for w in everyone):
            result["all_s"] = now
            QTimer.singleShot(round(SETTLE_S * 1000), finish)

    def watch(window) -> None:  # noqa: ANN001
        window.frameSwapped.connect(lambda: swapped(window))

    for w in windows:
        watch(w)
    if what != "trivial":  # the screens after the first are created once its frame is out
        def more() -> None:
            for w in list(cockpit.windows.values())[len(windows):]:
                watch(w)
        windows[0].frameSwapped.connect(lambda: QTimer.singleShot(0, more))
    app.exec()
    os._exit(0)  # the figures are printed; skip teardown


if __name__ == "__main__":
    main()
