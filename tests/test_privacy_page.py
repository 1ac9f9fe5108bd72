"""The Privacy page on its own, offscreen, with a real PrivacyStore over real stores in a temporary data
folder: it loads without warnings, a consent switch is saved (and agreeing waits for P), Erase asks
first and then erases, and "Export my data" writes the files and says where; and, in the real center
screen, Settings opens it."""

import json
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine, QQmlComponent
from PySide6.QtQuick import QQuickItem, QQuickWindow

from cockpit.app import load_fonts
from cockpit.health.history import History
from cockpit.hmi.privacy_store import AGREE_WHEN_PARKED, PrivacyStore
from cockpit.privacy.consent import Consent, follow_location
from cockpit.privacy.inventory import Inventory
from cockpit.profiles.service import ProfileService
from cockpit.profiles.store import ProfileDatabase
from cockpit.resources import QML_DIR
from cockpit.vehicle.driving import GEAR, SPEED
from cockpit.vehicle.store import SignalStore

from .test_software_page import tap

PARK, DRIVE = 126, 127
LAT = "Vehicle.CurrentLocation.Latitude"

# the center screen's page area: the window less the rail and the status bar, as CenterView lays it out
HOST = """
import QtQuick
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Center
Window {
    id: window
    required property PrivacyStore privacy
    property bool rightToLeft: false
    width: 1280
    height: 800
    color: Theme.color.background.base
    PrivacyPage {
        id: page
        objectName: "privacyPage"
        anchors.fill: parent
        anchors.leftMargin: Theme.size.navRail + Theme.space.l
        anchors.rightMargin: Theme.space.l
        anchors.topMargin: Theme.size.statusBar
        anchors.bottomMargin: Theme.space.l
        privacy: window.privacy
        LayoutMirroring.enabled: window.rightToLeft
        LayoutMirroring.childrenInherit: true
    }
}
"""


class Host:
    """The page in a window of its own, the store and the stores under it; ``close()`` when done."""

    def __init__(self, folder: Path, theme: str = "dark", gear: int = PARK, right_to_left: bool = False,
                 locked=lambda: ""):  # noqa: ANN001
        load_fonts()
        self.folder = folder
        self.profiles = ProfileService(ProfileDatabase(folder, scrypt_n=2**10))
        self.signals = SignalStore(clock=lambda: 0.0)
        self.shift(gear)
        self.history = History(folder)
        self.consent = Consent(folder)
        self._unfollow = follow_location(self.consent, self.history)
        self.inventory = Inventory.of(folder, history=self.history, consent=self.consent,
                                      profiles=lambda fn: self.profiles.call(fn).result())
        self.engine = QQmlApplicationEngine()
        self.engine.addImportPath(str(QML_DIR))
        self.engine.singletonInstance("Cockpit.Theme", "Theme").use(theme)
        self.store = PrivacyStore(self.signals, self.inventory, self.engine, locked=locked)
        self.component = QQmlComponent(self.engine)
        self.component.setData(HOST.encode(), "privacy-host.qml")
        self.window: QQuickWindow = self.component.createWithInitialProperties(
            {"privacy": self.store, "rightToLeft": right_to_left})
        assert self.window is not None, [e.toString() for e in self.component.errors()]
        self.window.show()

    def shift(self, gear: int, speed: float = 0.0) -> None:
        self.signals.update(GEAR, gear)
        self.signals.update(SPEED, speed)
        if hasattr(self, "store"):
            self.store.apply({GEAR: self.signals.get(GEAR), SPEED: self.signals.get(SPEED)})

    def settle(self) -> None:
        """Let the store's work finish and its result reach the page (a finished job may start another:
        a reload asked for meanwhile)."""
        for _ in range(20):
            self.store.wait()
            QGuiApplication.processEvents()
            if not self.store.property("busy"):
                return
        raise AssertionError(f"the store stays busy: {self.store.property('working')}")

    def find(self, name: str) -> QQuickItem | None:
        items = [self.window.contentItem()]
        while items:
            item = items.pop()
            if item.objectName() == name:
                return item
            items.extend(item.childItems())
        return None

    def close(self) -> None:
        self.store.close()
        self.window.close()
        self.window.deleteLater()
        self._unfollow()
        self.history.close()
        self.profiles.close()
        self.engine.deleteLater()
        QGuiApplication.processEvents()


@pytest.fixture
def host(qapp, tmp_path, qml_warnings):
    made: list[Host] = []

    def make(**kw) -> Host:
        made.append(Host(tmp_path, **kw))
        made[-1].settle()
        return made[-1]

    yield make
    for h in made:
        h.close()


def within(parent: QQuickItem, name: str) -> QQuickItem:
    items = [parent]
    while items:
        item = items.pop()
        if item.objectName() == name:
            return item
        items.extend(item.childItems())
    raise AssertionError(f"no {name} in {parent.objectName()}")


def test_the_page_lists_every_category_and_every_consent_off(host, qtbot):
    h = host()
    names = [c["name"] for c in h.store.property("categories")]
    assert names[:5] == ["profiles", "vehicle-health", "driving", "location", "voice"] and "updates" in names
    assert all(not c["agreed"] for c in h.store.property("consents"))
    assert h.find("consent_fleet-statistics") is not None and not h.find("categoryDetail").property("visible")
    tap(qtbot, h.window, h.find("entry_location"))
    detail = h.find("categoryDetail")
    assert detail.property("visible") and not h.find("consentList").property("visible")
    assert within(detail, "categoryNote").property("text") == "Needs your consent: Keep where the car was — not given"
    assert within(detail, "erase").property("visible")
    voice = {c["name"]: c for c in h.store.property("categories")}["voice"]
    assert not voice["erasable"] and voice["bytes"] == 0  # nothing kept, nothing to erase


def test_a_consent_switch_is_saved_and_agreeing_waits_for_park(host, qtbot, tmp_path):
    h = host(gear=DRIVE)
    refused: list[str] = []
    h.find("privacyPage").refused.connect(refused.append)
    switch = h.find("switch_location-history")
    tap(qtbot, h.window, switch)
    h.settle()
    assert refused == [AGREE_WHEN_PARKED] and not Consent(tmp_path).agreed("location-history")
    h.shift(PARK)
    QGuiApplication.processEvents()
    switch = h.find("switch_location-history")  # the list's rows are made again when the consents change
    tap(qtbot, h.window, switch)
    h.settle()
    switch = h.find("switch_location-history")
    assert Consent(tmp_path).agreed("location-history") and switch.property("checked")
    assert h.history.recording("location")
    assert h.store.property("message") == "Keep where the car was: on"
    h.shift(DRIVE)
    QGuiApplication.processEvents()
    tap(qtbot, h.window, h.find("switch_location-history"))  # withdrawing never waits
    h.settle()
    assert not Consent(tmp_path).agreed("location-history") and not h.history.recording("location")


def test_erase_asks_first_then_erases(host, qtbot):
    h = host()
    h.consent.set("location-history", True)
    now = time.time()
    for i in range(10):
        h.history.record(LAT, 52.52 + i, t=now - 100 + i)
    h.history.flush()
    h.store.reload()
    h.settle()
    tap(qtbot, h.window, h.find("entry_location"))
    card = h.find("categoryDetail")
    assert within(card, "categorySize").property("text") != "0 B"
    tap(qtbot, h.window, within(card, "erase"))
    dialog = h.find("confirmErase")
    assert dialog.property("visible") and dialog.property("title") == "Erase Location history?"
    tap(qtbot, h.window, within(dialog, "confirmCancel"))
    h.settle()
    assert not dialog.property("visible") and len(list(h.history.export("location"))) == 10
    tap(qtbot, h.window, within(card, "erase"))
    tap(qtbot, h.window, within(dialog, "confirmAction"))
    h.settle()
    assert list(h.history.export("location")) == []
    assert h.store.property("message") == "Location history erased (10 items)"
    assert within(card, "categorySize").property("text") == "0 B"


def test_export_writes_the_files_and_says_where(host, qtbot, tmp_path):
    h = host()
    now = time.time()
    for i in range(5):
        h.history.record("Vehicle.Speed", 30.0 + i, t=now - 50 + i)
    tap(qtbot, h.window, h.find("exportData"))
    h.settle()
    shown = h.store.property("exportFolder")
    folder = tmp_path / shown
    assert shown.startswith("exports/privacy-") and folder.is_dir()
    files = sorted(p.name for p in folder.iterdir())
    assert h.store.property("exportFiles") == len(files) and "privacy.json" in files
    assert [r["mean"] for r in json.loads((folder / "driving.json").read_text())] == [30.0 + i for i in range(5)]
    assert h.find("exportResult").property("text") == f"{len(files)} files in {shown}"
    assert h.store.property("message") == "Your data is exported"
    exports = {c["name"]: c for c in h.store.property("categories")}["exports"]
    assert exports["bytes"] > 0  # the copy is itself listed, and erasable


def test_a_failure_is_said_and_the_page_leaves_its_busy_state(host, tmp_path):
    h = host()
    (tmp_path / "exports").write_text("a file where the exports folder goes")
    assert h.store.exportData() == ""
    h.settle()
    assert h.store.property("bad") and h.store.property("message").startswith("Export failed: ")
    assert not h.store.property("busy") and h.store.exportData() == ""



def test_in_valet_mode_nothing_is_exported_erased_or_agreed(host, qtbot, tmp_path):
    valet = ["Valet mode: leave it with the valet PIN first"]
    h = host(locked=lambda: valet[0])
    refused: list[str] = []
    h.find("privacyPage").refused.connect(refused.append)
    tap(qtbot, h.window, h.find("exportData"))
    tap(qtbot, h.window, h.find("switch_fleet-statistics"))
    h.settle()
    assert refused == [valet[0]] * 2 and h.find("privacyMessage").property("text") == valet[0]
    assert h.store.erase("location") == valet[0] and h.store.setConsent("fleet-statistics", False) == valet[0]
    assert not (tmp_path / "exports").exists() and not Consent(tmp_path).agreed("fleet-statistics")
    valet[0] = ""
    h.store.relock()
    assert h.store.exportData() == ""
    h.settle()
    assert (tmp_path / "exports").is_dir()


def test_settings_opens_the_privacy_page_in_the_center_screen_with_settings_lit_on_the_rail(tmp_path, qtbot,
                                                                                             qml_warnings):
    from cockpit.app import Cockpit

    from .screens import shot

    cockpit = Cockpit(theme="dark", signals=SignalStore(clock=lambda: 0.0),
                      privacy=Inventory.of(tmp_path, consent=Consent(tmp_path)))
    try:
        window = cockpit.load("center")
        rail = window.findChild(QQuickItem, "navRail")
        assert "shield" not in [e["icon"] for e in rail.property("model").toVariant()]  # not a rail entry
        window.setProperty("page", "settings")
        shot(cockpit, "center")
        settings_lit = rail.property("currentIndex")
        tap(qtbot, window, window.findChild(QQuickItem, "openPrivacy"))
        qtbot.waitUntil(lambda: window.property("pageName") == "privacy", timeout=5000)
        shot(cockpit, "center")
        assert window.findChild(QQuickItem, "privacyPage") is not None
        assert rail.property("currentIndex") == settings_lit
    finally:
        cockpit.close()


def test_a_car_without_a_privacy_center_has_no_way_to_it(qapp, qml_warnings):
    from cockpit.app import Cockpit

    from .screens import shot

    cockpit = Cockpit(theme="dark", signals=SignalStore(clock=lambda: 0.0))
    try:
        window = cockpit.load("center")
        window.setProperty("page", "privacy")
        shot(cockpit, "center")
        assert window.property("pageName") == "home"
        window.setProperty("page", "settings")
        shot(cockpit, "center")
        assert not window.findChild(QQuickItem, "openPrivacy").property("visible")
    finally:
        cockpit.close()
