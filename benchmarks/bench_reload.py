"""Designer live reload: time from saving a file to the first frame that shows the edit.

Offscreen, the cluster open with a driving state; a token edit (background colour) and a QML edit
(ClusterView.qml) are each saved REPEATS times; the clock runs from the write to the window's next
``frameSwapped`` after the reload (file-watcher latency and the 15 ms debounce included).
Goal for a token edit: < 100 ms.
"""

import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

REPEATS = 10


def _wait_frame(cockpit, view: str, live, timeout_s: float = 5.0) -> None:
    loop = QEventLoop()
    state = {"reloaded": False}

    def reloaded(*_):
        state["reloaded"] = True
        window = cockpit.windows[view]
        window.frameSwapped.connect(loop.quit)
        window.requestUpdate()

    live.reloaded.connect(reloaded)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    live.reloaded.disconnect(reloaded)
    if not state["reloaded"]:
        raise TimeoutError("no reload seen")


def run() -> dict:
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841
    from cockpit.app import Cockpit, render
    from cockpit.resources import QML_DIR, THEMES_DIR
    from cockpit.theming.live import LiveReload
    from cockpit.vehicle.store import SignalStore
    from tests.screens import DRIVING

    tmp = Path(tempfile.mkdtemp())
    shutil.copytree(THEMES_DIR, tmp / "themes")
    shutil.copytree(QML_DIR, tmp / "qml")
    cockpit = Cockpit(signals=SignalStore(clock=lambda: 0.0), theme_dirs=[tmp / "themes"], qml_dir=tmp / "qml")
    for path, value in DRIVING.items():
        cockpit.signals.update(path, value)
    render(cockpit, "cluster")
    live = LiveReload(cockpit)
    theme_file = tmp / "themes" / "dark.tokens.json"
    view_file = tmp / "qml" / "Cockpit" / "Cluster" / "ClusterView.qml"
    original_view = view_file.read_text()
    token_ms, qml_ms = [], []
    for i in range(REPEATS):
        data = json.loads(theme_file.read_text())
        data["color"]["background"]["base"] = {"$value": f"#0{i % 10}0d10"}
        t0 = time.perf_counter()
        theme_file.write_text(json.dumps(data))
        _wait_frame(cockpit, "cluster", live)
        token_ms.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.05)  # let the watcher settle between edits
        t0 = time.perf_counter()
        view_file.write_text(original_view + f"\n// edit {i}\n")
        _wait_frame(cockpit, "cluster", live)
        qml_ms.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.05)
    cockpit.close()
    shutil.rmtree(tmp)
    return {"token_ms_median": statistics.median(token_ms), "token_ms_max": max(token_ms),
            "qml_ms_median": statistics.median(qml_ms), "qml_ms_max": max(qml_ms), "repeats": REPEATS}


if __name__ == "__main__":
    r = run()
    print(f"save to repaint: token edit median {r['token_ms_median']:.0f} ms (max {r['token_ms_max']:.0f}); "
          f"QML edit median {r['qml_ms_median']:.0f} ms (max {r['qml_ms_max']:.0f}); {r['repeats']} edits each")
