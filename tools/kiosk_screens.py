"""Render the kiosk demo mode to docs/screenshots/: the shipped kiosk file and tour on one 1920×1080
screen, offscreen.

    python tools/kiosk_screens.py [OUT_DIR]

kiosk-tour.png: the tour's turn-signal step, its caption below the cluster and center screen.
kiosk-pin-pad.png: a visitor has been idle 80 of the 90 seconds (the countdown on the caption line)
and the operator's PIN pad is open after a wrong PIN. The kiosk's clock (idle time, the tour) is
stepped here, so the pictures show those moments exactly; the SignalStore's clock stands still, as
for every still picture (nothing goes stale, an indicator that is on is lit); the car drives in real
time. Prints any QML warning.
"""

import json
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

TMP = Path(tempfile.mkdtemp(prefix="cockpit-kiosk-screens-"))
SCREEN = TMP / "screen.json"  # the offscreen platform's one screen, the size of a showroom display
SCREEN.write_text(json.dumps({"screens": [{"name": "showroom", "x": 0, "y": 0, "width": 1920, "height": 1080,
                                           "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"

from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

app = QGuiApplication(sys.argv)

from cockpit.app import Cockpit, messages  # noqa: E402
from cockpit.kiosk.app import Kiosk  # noqa: E402
from cockpit.kiosk.config import load_config  # noqa: E402
from cockpit.kiosk.demo_profiles import DemoProfiles  # noqa: E402
from cockpit.kiosk.drive import KioskDrive  # noqa: E402
from cockpit.kiosk.tour import load_tour  # noqa: E402
from cockpit.vehicle.store import SignalStore  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
out.mkdir(parents=True, exist_ok=True)


class Clock:
    t = 0.0

    def __call__(self) -> float:
        return self.t


def spin(ms: int) -> None:
    """Let Qt's loop run (the kiosk's ticker, the tour player, frames) for ``ms``."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(kiosk: Kiosk, name: str) -> None:
    spin(300)
    kiosk.windows[0].grabWindow().save(str(out / name))
    print(out / name)


config = replace(load_config(), state_file=TMP / "state.json")
tour = load_tour(config.tour)
clock = Clock()
drive = KioskDrive(tour.drive, config.speedup, tour.scripted_paths())
profiles = DemoProfiles(tour.demo_drivers())
cockpit = Cockpit(source=drive, signals=SignalStore(clock=lambda: 0.0), profiles=profiles.service)
kiosk = Kiosk(config, tour, cockpit, drive, app, demo=profiles, clock=clock)
kiosk.start()
while not kiosk.watchdog.ready_sent:
    spin(50)

turn = next(s for s in tour.steps if "indicator" in s.actions)
clock.t = turn.at + 0.1
while not cockpit.cluster.property("leftIndicator"):  # the car switches it on
    spin(50)
save(kiosk, "kiosk-tour.png")

window = kiosk.windows[0]
QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(960, 40))  # a visitor
clock.t += config.idle_reset_s - 10  # ten seconds before the reset
kiosk.store.holdCorner(window.property("place"))  # the operator's long press
for digit in (1, 2, 3, 4):
    kiosk.store.pinDigit(digit)
kiosk.store.pinSubmit()
save(kiosk, "kiosk-pin-pad.png")

kiosk.close()
cockpit.close()
profiles.close()
for w in messages.warnings:
    print("warning:", w)
