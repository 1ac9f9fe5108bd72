"""Render the Privacy page to docs/screenshots/ with a real store over real stores in a temporary data
folder: a signal history with a day of driving (and, agreed, where the car was), a driver profile.

    PYTHONPATH=. python tools/privacy_screens.py [OUT_DIR]

privacy.png (the categories, the consents, location agreed), privacy-location.png (one category: what,
why, how long, for whom), privacy-erase.png (Erase asks first),
privacy-export.png (after "Export my data": the folder and the file count). Prints any QML warning.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

app = QGuiApplication(sys.argv)

from cockpit.app import messages  # noqa: E402
from tests.test_privacy_page import Host  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
theme = sys.argv[2] if len(sys.argv) > 2 else "dark"
out.mkdir(parents=True, exist_ok=True)

with tempfile.TemporaryDirectory(prefix="cockpit-privacy-") as tmp:
    folder = Path(tmp)
    host = Host(folder, theme=theme)
    host.profiles.call(lambda db: db.create("Anna")).result()
    host.consent.set("location-history", True)
    start = time.time() - 6 * 3600
    for i in range(0, 6 * 3600, 2):  # six hours of a sample every 2 s
        t = start + i
        host.history.record("Vehicle.Speed", 20.0 + (i % 600) / 20, t=t)
        host.history.record("Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure", 240.0 - i / 3600, t=t)
        host.history.record("Vehicle.CurrentLocation.Latitude", 60.17 + i * 1e-6, t=t)
    host.history.flush()
    host.store.reload()
    host.settle()

    def save(name: str) -> None:
        host.settle()
        host.window.grabWindow().save(str(out / name))
        print(out / name)

    save("privacy.png")
    page = host.find("privacyPage")
    page.setProperty("selected", "location")
    save("privacy-location.png")
    page.setProperty("confirming", "location")
    save("privacy-erase.png")
    page.setProperty("confirming", "")
    page.setProperty("selected", "")
    host.store.exportData()
    save("privacy-export.png")
    host.close()
print("\n".join(messages.warnings) or "no QML warnings")
