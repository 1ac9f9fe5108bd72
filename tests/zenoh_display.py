"""A display process for the multi-process Zenoh tests, reporting what its view's store shows.

    python -m tests.zenoh_display VIEW ENDPOINT [KEYS]

Opens VIEW (cluster, center, hud) offscreen, fed by a ZenohSource connected to ENDPOINT (in secure
mode with the folder of bus keys KEYS, as the display named VIEW), and
prints one JSON line every 50 ms: the ClusterStore's speed and whether it is valid, and the
source time of the speed in the SignalStore (it advances while values keep arriving).
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402


def main() -> int:
    view, endpoint, *secure = sys.argv[1:4]
    app = QGuiApplication(sys.argv[:1])
    from cockpit.app import Cockpit
    from cockpit.bus.secure import load_keys
    from cockpit.sources.zenoh import ZenohSource

    keys = load_keys(secure[0], view) if secure else None
    cockpit = Cockpit(source=ZenohSource(connect=[endpoint], name=view, keys=keys))
    cockpit.start((view,))

    def report() -> None:
        r = cockpit.signals.get("Vehicle.Speed")
        print(json.dumps({"speed": cockpit.cluster.property("speed"), "valid": cockpit.cluster.property("speedValid"),
                          "ts": r.source_ts}), flush=True)

    timer = QTimer(interval=50, timeout=report)
    timer.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
