"""Render the Privacy page, as the car's center screen shows it (reached from Settings), to
docs/screenshots/ — the car's real data stores (CarData) in a temporary data folder: a driver profile,
six hours of signal history with location history agreed, and a health journal of a simulated car
aged 60 days.

    PYTHONPATH=. python tools/privacy_screens.py [OUT_DIR [THEME]]

privacy.png (the categories, the consents, location agreed), privacy-location.png (one category: what,
why, how long, for whom), privacy-erase.png (Erase asks first), privacy-export.png (after "Export my
data": the folder and the file count). Prints any QML warning.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtQuick import QQuickItem  # noqa: E402

app = QGuiApplication(sys.argv)

from cockpit.app import Cockpit, messages, render  # noqa: E402
from cockpit.car_data import CarData  # noqa: E402
from cockpit.gallery import PICTURE_CAR, simulated, wait_until  # noqa: E402
from cockpit.profiles.service import ProfileService  # noqa: E402
from cockpit.profiles.store import ProfileDatabase  # noqa: E402
from cockpit.sim.aging import Car  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
theme = sys.argv[2] if len(sys.argv) > 2 else "dark"
out.mkdir(parents=True, exist_ok=True)

with tempfile.TemporaryDirectory(prefix="cockpit-privacy-") as tmp:
    folder = Path(tmp)
    signals, source = simulated()
    source.run_for(signals, 1.0)  # parked, before the drive
    profiles = ProfileService(ProfileDatabase(folder))
    profiles.call(lambda db: db.create("Anna")).result()
    data = CarData(signals, folder, profiles, "suv")
    health = data.health.ready()
    health.journal.write(Car(PICTURE_CAR).age(60)[0])
    data.consent.set("location-history", True)
    start = time.time() - 6 * 3600
    for i in range(0, 6 * 3600, 2):  # six hours of a sample every 2 s
        t = start + i
        health.history.record("Vehicle.Speed", 20.0 + (i % 600) / 20, t=t)
        health.history.record("Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure", 240.0 - i / 3600, t=t)
        health.history.record("Vehicle.CurrentLocation.Latitude", 60.17 + i * 1e-6, t=t)
    health.history.flush()
    cockpit = Cockpit(theme=theme, signals=signals, profiles=profiles, health=data.health.observations,
                      privacy=data.inventory)
    store = cockpit.privacy
    window = cockpit.load("center")
    window.setProperty("page", "privacy")

    def save(name: str) -> None:
        render(cockpit, "center")
        if not wait_until(lambda: not store.property("busy"), 30.0):
            sys.exit(f"the privacy store stays busy: {store.property('working')}")
        render(cockpit, "center").save(str(out / name))
        print(out / name)

    store.reload()
    save("privacy.png")
    page = window.findChild(QQuickItem, "privacyPage")
    page.setProperty("selected", "location")
    save("privacy-location.png")
    page.setProperty("confirming", "location")
    save("privacy-erase.png")
    page.setProperty("confirming", "")
    page.setProperty("selected", "")
    store.exportData()
    save("privacy-export.png")
    cockpit.close()
    data.close()
    profiles.close()
print("\n".join(messages.warnings) or "no QML warnings")
