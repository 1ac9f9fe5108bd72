"""Render the driver-profile screens to docs/screenshots/ (picker, privacy page, valet mode).

    python tools/profile_screens.py [OUT_DIR] [theme]

A throw-away profile database in a temporary folder, demo profiles (no real person's data), a
simulated car parked at a stop, rendered offscreen. Prints any QML warning.
"""

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

app = QGuiApplication(sys.argv)

from cockpit.app import Cockpit, messages, render  # noqa: E402
from cockpit.gallery import simulated  # noqa: E402
from cockpit.profiles.schema import default_profile  # noqa: E402
from cockpit.profiles.service import ProfileService  # noqa: E402
from cockpit.profiles.store import ProfileDatabase  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
theme = sys.argv[2] if len(sys.argv) > 2 else "dark"
out.mkdir(parents=True, exist_ok=True)

with tempfile.TemporaryDirectory() as tmp:
    db = ProfileDatabase(tmp, scrypt_n=2**10)
    db.open()
    anna = default_profile("Anna")
    anna["display"]["theme"] = theme  # her profile's theme is what the screens show once it applies
    anna["places"]["home"] = {"label": "Home", "address": "1 Example Road", "latitude": None, "longitude": None}
    anna["places"]["work"] = {"label": "Work", "address": "2 Sample Street", "latitude": None, "longitude": None}
    anna["contacts"] = [{"name": "Ben", "phone": "+1 555 0100"}, {"name": "Chris", "phone": "+1 555 0101"}]
    anna["media"]["favourites"] = [{"title": "Morning news", "source": "radio:fm-101.1"}]
    db.create("Anna", doc=anna, key_fob="key-1")
    db.create("Marco", pin="1234")
    db.create("Lena")
    db.close()

    signals, sim = simulated()  # a still picture on the simulation's clock
    cockpit = Cockpit(theme=theme, signals=signals, profiles=ProfileService(ProfileDatabase(tmp, scrypt_n=2**10)))
    sim.run_for(signals, 1.0)  # parked, key-1 presented: Anna's profile is selected
    cockpit.profiles.wait_idle()
    sim.run_for(signals, 3.0)  # her seat and mirrors get where they should be
    cockpit.bridge.flush()
    cockpit.profiles.wait_idle()
    window = cockpit.load("center")
    window.setProperty("page", "driver")

    def save(name: str) -> None:
        cockpit.profiles.wait_idle()
        image = render(cockpit, "center")
        image.save(str(out / name))
        print(out / name)

    save("profiles-picker.png")
    page = window.findChild(type(window.contentItem()), "driverPage")
    page.setProperty("mode", "privacy")
    save("profiles-privacy.png")
    page.setProperty("confirming", "profile")
    save("profiles-erase-confirm.png")
    page.setProperty("confirming", "")
    page.setProperty("mode", "picker")
    cockpit.profiles.select("Marco")  # has a PIN: the pad opens
    cockpit.profiles.enterPin("0000")  # a wrong one, to show the error line
    save("profiles-pin.png")
    cockpit.profiles.cancelPin()
    cockpit.profiles.startValet("4321")
    save("profiles-valet.png")
    cluster = render(cockpit, "cluster")
    cluster.save(str(out / "profiles-valet-cluster.png"))
    print(out / "profiles-valet-cluster.png")
    cockpit.close()

for w in messages.warnings:
    print("warning:", w)
