"""Render the Health page to docs/screenshots/: a simulated car aged 60 days with a slow puncture as the
page's source (the models run on the store's worker, as in the car).

    PYTHONPATH=. python tools/health_screens.py [OUT_DIR]

health.png: parked, the puncture's forecast (and any other) as warning cards, the tire's trend with the
warning line and the forecast to it. health-driving.png: the same car on the WLTC drive: the forecasts
wait for Park, the reason waits too. Prints any QML warning.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

app = QGuiApplication(sys.argv)

from cockpit.app import Cockpit, messages, render  # noqa: E402
from cockpit.gallery import PICTURE_CAR, simulated  # noqa: E402
from cockpit.gallery import wait_until as settled  # noqa: E402
from cockpit.sim.aging import Car  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
SEED = PICTURE_CAR  # a slow puncture in the rear right tire from day 49, and pads near their end
DAYS = 60

observations, _ = Car(SEED).age(DAYS)


def picture(name: str, at_s: float | None) -> None:
    """The page with the simulated car ``at_s`` seconds into the WLTC drive (None: parked before it)."""
    signals, source = simulated()
    source.run_for(signals, at_s if at_s is not None else 1.0)
    cockpit = Cockpit(theme="dark", signals=signals, health=lambda: observations)
    cockpit.bridge.flush()
    window = cockpit.load("center")
    window.setProperty("page", "health")
    render(cockpit, "center")
    if not settled(lambda: cockpit.health.property("hasData"), 30.0):
        sys.exit(f"gave up waiting for the Health page: {cockpit.health.property('state')}")
    render(cockpit, "center").save(str(out / name))
    print(out / name, "parked" if cockpit.health.property("parked") else "driving")
    cockpit.close()


out.mkdir(parents=True, exist_ok=True)
picture("health.png", None)
picture("health-driving.png", 1210.0)
for w in messages.warnings:
    print("warning:", w)
