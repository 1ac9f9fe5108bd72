"""Render the Software page to docs/screenshots/: an update in progress, done, and rolled back.

    PYTHONPATH=. python tools/software_screens.py [OUT_DIR] [theme]

The page runs against the fake update service of the tests (tests/fake_updates.py: a theme, a map
and voice sentences on offer), in a car parked at the WLTC demo drive's start; the store and its
worker thread are the real ones. Three pictures: the Nordic theme downloading, its bar half-way
(software-progress.png); installed (software-done.png); then a new map that fails its check after the
switch, the car back on the map before (software-rolled-back.png). Prints any QML warning.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

app = QGuiApplication(sys.argv)

from cockpit.app import Cockpit, messages, render  # noqa: E402
from cockpit.gallery import simulated  # noqa: E402
from tests.fake_updates import Failure, showroom  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
theme = sys.argv[2] if len(sys.argv) > 2 else "dark"


def wait_until(test, timeout_s: float = 30.0) -> None:  # noqa: ANN001
    """Run Qt's loop (the store's results arrive through it) until ``test()`` holds."""
    loop = QEventLoop()
    give_up = QTimer(singleShot=True, interval=round(timeout_s * 1000), timeout=loop.quit)
    poll = QTimer(interval=10, timeout=lambda: test() and loop.quit())
    give_up.start()
    poll.start()
    if not test():
        loop.exec()
    poll.stop()
    if not test():
        sys.exit(f"gave up after {timeout_s:g} s waiting for the Software page")


def save(name: str) -> None:
    render(cockpit, "center").save(str(out / name))
    print(out / name)


out.mkdir(parents=True, exist_ok=True)
updates = showroom()
updates.hold_at = 0.625  # the bar half-way: the download is 80 % of it
updates.fail["helsinki"] = Failure("map 'helsinki': the road graph has 12 streets that lead nowhere "
                                   "(map check)")
signals, source = simulated()  # parked: the WLTC drive has not started
cockpit = Cockpit(theme=theme, signals=signals, updates=updates)
source.run_for(signals, 1.0)
cockpit.bridge.flush()
software = cockpit.software
window = cockpit.load("center")
window.setProperty("page", "software")  # the page checks what is new as it opens
render(cockpit, "center")
wait_until(lambda: software.property("state") == "idle" and len(software.property("offers")) == 3)



def index_of(kind: str) -> int:
    return next(o["index"] for o in software.property("offers") if o["kind"] == kind)


software.install(index_of("theme"))
wait_until(lambda: updates.holding.is_set() and software.property("progress") >= 0.5)
save("software-progress.png")
updates.release()
wait_until(lambda: software.property("state") == "done")
save("software-done.png")
updates.hold_at = None
software.install(index_of("map"))
wait_until(lambda: software.property("state") == "rolledBack")
save("software-rolled-back.png")
cockpit.close()

for w in messages.warnings:
    print("warning:", w)
