"""Display side of bench_bus_flood: the cluster rendered offscreen, fed over Zenoh, reporting itself.

    python -m benchmarks.flood_display CONNECT [--listen ENDPOINT] [--secure DIR]

Opens the cluster window (offscreen) fed by a ZenohSource connected to the gateway at CONNECT, as the
display named ``cluster`` (with its certificate from DIR in secure mode); ``--listen`` also accepts
peers, as a display in a plain development setup may. Prints one JSON line a second: the frames the
window has swapped so far, this process's RSS (MB) and CPU time (s), the source's counters and the
speed shown.
"""

import argparse
import json
import os
import resource
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402


def rss_mb(pid: int | str = "self") -> float:
    """The resident set size of a process, from /proc (Linux)."""
    with open(f"/proc/{pid}/status") as f:
        kb = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    return kb / 1024


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("connect")
    args.add_argument("--listen", action="append", default=[])
    args.add_argument("--secure", metavar="DIR")
    opts = args.parse_args()
    app = QGuiApplication([])
    from cockpit.app import Cockpit
    from cockpit.bus.secure import load_keys
    from cockpit.sources.zenoh import ZenohSource

    keys = load_keys(opts.secure, "cluster") if opts.secure else None
    source = ZenohSource(connect=[opts.connect], listen=opts.listen, name="cluster", keys=keys)
    cockpit = Cockpit(source=source)
    cockpit.start(("cluster",))
    frames = [0]
    window = cockpit.windows["cluster"]
    window.frameSwapped.connect(lambda: frames.__setitem__(0, frames[0] + 1))
    # Always one more frame, as a needle sweeping all the time would ask: frames/s is then what the
    # cluster can render, not what the drive happens to move.
    window.frameSwapped.connect(window.update, Qt.QueuedConnection)

    def report() -> None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        s = source.stats
        print(json.dumps({"t": time.monotonic(), "frames": frames[0], "rss_mb": rss_mb(),
                          "cpu_s": usage.ru_utime + usage.ru_stime, "received": s.received, "rejected": s.rejected,
                          "replayed": s.replayed, "rejected_keys": len(s.rejected_by_key),
                          "speed": cockpit.signals.value("Vehicle.Speed"),
                          "speed_ts": cockpit.signals.get("Vehicle.Speed").source_ts}), flush=True)

    timer = QTimer(interval=1000, timeout=report)
    timer.start()
    app.exec()


if __name__ == "__main__":
    main()
