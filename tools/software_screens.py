"""Render the Software page to docs/screenshots/, end to end on the live cockpit: a maker's TUF repository
served on 127.0.0.1, the car's real update service, the running cockpit applying the theme without a restart.

    PYTHONPATH=. python tools/software_screens.py [OUT_DIR]

The maker refreshes the shipped dark theme (a new accent) as bundle 1.1, asking for the first-frame check;
the car, parked at the WLTC drive's start, installs it from the Software page: software-progress.png (the
check running), software-done.png (installed: the page in the new accent). Then 1.2 is installed and rolled
back by the driver (software-rolled-back.png), and a 1.3 whose text is unreadable is refused by the car's
theme check (software-refused.png: the reason, the car still on 1.1). Prints any QML warning.
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
from cockpit.gallery import wait_until as settled  # noqa: E402
from cockpit.updates import repository  # noqa: E402
from cockpit.updates.bundle import Manifest, make_bundle  # noqa: E402
from cockpit.updates.car import CarUpdates, setup  # noqa: E402
from cockpit.updates.live import InstalledContent  # noqa: E402
from tests.update_helpers import Server, dark_refresh  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
SUMMARIES = {"1.1": "A deeper teal accent for night driving", "1.2": "A calmer blue accent",
             "1.3": "High-contrast night text"}


def wait_until(test, timeout_s: float = 60.0) -> None:  # noqa: ANN001
    if not settled(test, timeout_s):
        sys.exit(f"gave up after {timeout_s:g} s waiting for the Software page: {software.property('message')}")


def publish(work: Path, version: str, accent: str, text: str = "#ffffff", checks: tuple = ()) -> None:
    manifest = Manifest("theme", "dark", version, summary=SUMMARIES[version], variants=("suv",), checks=checks)
    content = dark_refresh(work / f"dark-{version}", accent, text)
    repository.add(work / "repo", make_bundle(manifest, content, work / "bundles"))
    repository.publish(work / "repo")


def install_offered(check: bool = True) -> None:
    if check:  # the page checked once by itself as it opened
        wait_until(lambda: software.property("state") not in ("checking", "downloading", "installing"))
        software.check()
    wait_until(lambda: software.property("state") == "idle" and bool(software.property("offers")))
    software.install(software.property("offers")[0]["index"])


def save(name: str) -> None:
    render(cockpit, "center").save(str(out / name))
    print(out / name)


out.mkdir(parents=True, exist_ok=True)
with tempfile.TemporaryDirectory(prefix="software-screens-") as tmp:
    work = Path(tmp)
    repository.init(work / "repo")
    publish(work, "1.1", "#2fb8a6", checks=("first-frame",))
    with Server(work / "repo") as server:
        setup(server.url, work / "repo" / "metadata" / "1.root.json", work / "car")
        signals, source = simulated()  # parked: the WLTC drive has not started
        cockpit = Cockpit(theme="dark", signals=signals, updates=CarUpdates("suv", work / "car", parked=lambda: True))
        source.run_for(signals, 1.0)
        cockpit.bridge.flush()
        software = cockpit.software
        software.applied.connect(InstalledContent(cockpit, work / "car").changed)
        window = cockpit.load("center")
        window.setProperty("page", "software")
        render(cockpit, "center")

        install_offered(check=False)
        wait_until(lambda: "first frame" in software.property("progressText").lower()
                   or "making sure" in software.property("progressText").lower()
                   or "checking" in software.property("progressText").lower())
        save("software-progress.png")
        wait_until(lambda: software.property("state") in ("done", "failed"))
        save("software-done.png")

        publish(work, "1.2", "#7aa7ff")
        install_offered()
        wait_until(lambda: software.property("state") in ("done", "failed"))
        software.rollback("theme", "dark")
        wait_until(lambda: software.property("state") in ("done", "failed") and not software.property("busy"))
        save("software-rolled-back.png")

        publish(work, "1.3", "#2fb8a6", text="#20242a")
        install_offered()
        wait_until(lambda: software.property("state") in ("done", "failed"))
        save("software-refused.png")
        cockpit.close()

for w in messages.warnings:
    print("warning:", w)
