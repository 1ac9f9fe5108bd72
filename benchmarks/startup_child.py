"""Child process of bench_startup: start one window and print seconds to its first frame.

    python -m benchmarks.startup_child trivial|cluster
Time counts from interpreter start (before any import), so imports are part of the figure.
"""

import time

T0 = time.perf_counter()

import os  # noqa: E402
import sys  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

TRIVIAL = b"import QtQuick\nWindow { width: 1920; height: 720; visible: true\n Rectangle { anchors.fill: parent } }\n"


def main() -> None:
    what = sys.argv[1]
    app = QGuiApplication(sys.argv[:1])
    if what == "trivial":
        import PySide6.QtQuick  # noqa: F401 - same start-up path as the cockpit
        from PySide6.QtQml import QQmlApplicationEngine

        engine = QQmlApplicationEngine()
        engine.loadData(TRIVIAL)
        window = engine.rootObjects()[0]
    else:
        from cockpit.app import Cockpit

        cockpit = Cockpit()
        # the simulator's first state, as in the demo; the source thread is not started
        from cockpit.sources.simulator import SimulatorSource

        SimulatorSource().run_for(cockpit.signals, 0.1)
        cockpit.start(("cluster",))
        window = cockpit.windows["cluster"]

    def first_frame() -> None:
        print(f"{time.perf_counter() - T0:.4f}", flush=True)
        app.quit()

    window.frameSwapped.connect(first_frame)
    app.exec()
    os._exit(0)  # the figure is printed; skip teardown


if __name__ == "__main__":
    main()
