"""The Software page and its store against a fake update service (tests/fake_updates.py): checking,
installing with progress, a failed install rolled back with the reason, rolling back by hand, installing
once parked, a service that breaks, and the page itself (loads without warnings, locked while driving)."""

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtQuick import QQuickItem

from cockpit.app import Cockpit
from cockpit.hmi.software_store import NEEDS_PARK, SoftwareStore
from cockpit.vehicle.driving import GEAR, SPEED
from cockpit.vehicle.store import SignalStore

from .fake_updates import Failure, offer, showroom
from .screens import DRIVING, shot

PARK, DRIVE = 126, 127


@pytest.fixture
def car(qapp):
    """make(updates, gear=PARK, speed=0.0): a Cockpit with ``updates`` as its update service."""
    made: list[Cockpit] = []

    def make(updates, gear: int = PARK, speed: float = 0.0) -> Cockpit:
        cockpit = Cockpit(theme="dark", signals=SignalStore(clock=lambda: 0.0), updates=updates)
        for path, value in {**DRIVING, GEAR: gear, SPEED: speed}.items():
            assert cockpit.signals.update(path, value), path
        cockpit.bridge.flush()
        made.append(cockpit)
        return cockpit

    yield make
    for cockpit in made:
        cockpit.close()


def shift(cockpit: Cockpit, gear: int, speed: float = 0.0) -> None:
    cockpit.signals.update(GEAR, gear)
    cockpit.signals.update(SPEED, speed)
    cockpit.bridge.flush()


def offer_index(store: SoftwareStore, kind: str) -> int:
    return next(o["index"] for o in store.property("offers") if o["kind"] == kind)


def find(root, name: str) -> QQuickItem | None:  # noqa: ANN001 - a window or an item
    """An item by objectName, through the visual tree (a ListView's delegates are not its QObject children)."""
    items = [root.contentItem()] if hasattr(root, "contentItem") and not isinstance(root, QQuickItem) else [root]
    while items:
        item = items.pop()
        if item.objectName() == name:
            return item
        items.extend(item.childItems())
    return None


def tap(qtbot, window, item: QQuickItem) -> None:  # noqa: ANN001
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=item.mapToScene(item.boundingRect().center()).toPoint())


def checked(qtbot, store: SoftwareStore) -> None:  # noqa: ANN001
    assert store.check() == ""
    assert store.property("state") == "checking"
    qtbot.waitUntil(lambda: store.property("state") == "idle", timeout=5000)


def test_a_check_lists_what_is_new_with_size_kind_and_whether_it_needs_park(car, qtbot):
    updates = showroom()
    store = car(updates).software
    assert store.property("available") and not store.property("checked")
    qtbot.waitUntil(lambda: len(store.property("installed")) == 4, timeout=5000)  # listed at start
    checked(qtbot, store)
    offers = store.property("offers")
    assert [(o["title"], o["version"]) for o in offers] == [
        ("Helsinki map", "2026.11"), ("Nordic theme", "1.2.0"), ("Voice sentences (en)", "1.4.0")]
    theme = offers[1]
    assert theme["kindWords"] == "theme" and theme["size"] == "12.4 MB" and theme["sizeMb"] == pytest.approx(12.4)
    assert theme["summary"].startswith("Cooler greys") and theme["installedVersion"] == "1.1.0"
    assert theme["needsPark"] and not offers[0]["needsPark"] and not offers[2]["needsPark"]
    assert store.property("message") == "3 updates available"
    assert store.property("checked")


def test_an_offer_already_installed_or_older_is_not_new(car, qtbot):
    updates = showroom()
    updates.offers[0] = offer("theme", "nordic", "1.1.0")  # the version the car has
    store = car(updates).software
    checked(qtbot, store)
    assert [o["kind"] for o in store.property("offers")] == ["map", "voice-sentences"]


def test_install_goes_through_download_and_install_phases_to_done(car, qtbot):
    updates = showroom()
    updates.hold_at = 0.625  # the bar half-way: the download is 80 % of it
    store = car(updates).software
    checked(qtbot, store)
    seen: list[tuple[str, float, str]] = []
    store.changed.connect(lambda: seen.append((store.property("state"), store.property("progress"),
                                               store.property("progressText"))))
    assert store.install(offer_index(store, "theme")) == ""
    assert store.property("state") == "downloading" and store.property("busy")
    assert store.property("current") == "Nordic theme 1.2.0"
    qtbot.waitUntil(lambda: store.property("progress") >= 0.5, timeout=5000)
    assert store.property("progressText") == "Downloading 7.8 of 12.4 MB"
    assert store.property("progress") == pytest.approx(0.5)
    assert store.install(offer_index(store, "map")) != ""  # one at a time
    updates.release()
    qtbot.waitUntil(lambda: store.property("state") == "done", timeout=5000)
    assert store.property("message") == "Nordic theme 1.2.0 installed"
    assert store.property("progress") == 1.0 and not store.property("busy")
    texts = [t for s, _, t in seen if s == "installing"]
    assert texts[:4] == ["Unpacking the new theme…", "Checking the new theme…", "Switching…",
                         "Making sure the new theme works…"]
    progress = [p for s, p, _ in seen if s in ("downloading", "installing")]
    assert progress == sorted(progress)  # the bar never goes back
    assert len([s for s, _, _ in seen if s == "downloading"]) <= 102  # throttled: not one notify per chunk
    assert [o["kind"] for o in store.property("offers")] == ["map", "voice-sentences"]
    theme = next(i for i in store.property("installed") if i["kind"] == "theme")
    assert (theme["version"], theme["lastGood"], theme["failure"]) == ("1.2.0", "1.1.0", "")


def test_a_failed_health_check_rolls_back_and_says_why_and_to_what(car, qtbot):
    updates = showroom()
    updates.fail["nordic"] = Failure("theme 'nordic': text contrast 2.1:1, below 4.5:1")
    store = car(updates).software
    checked(qtbot, store)
    phases: list[str] = []
    store.changed.connect(lambda: phases.append(store.property("progressText")))
    store.install(offer_index(store, "theme"))
    qtbot.waitUntil(lambda: store.property("state") == "rolledBack", timeout=5000)
    assert store.property("message") == ("Installation failed, back on 1.1.0: theme 'nordic': text contrast 2.1:1, "
                                         "below 4.5:1")
    assert "It did not work: going back…" in phases
    theme = next(i for i in store.property("installed") if i["kind"] == "theme")
    assert theme["version"] == "1.1.0" and theme["failure"].startswith("theme 'nordic': text contrast")
    assert offer_index(store, "theme") >= 0  # still offered: the driver may try again


def test_a_failure_before_the_switch_is_failed_and_the_car_stays_where_it_was(car, qtbot):
    updates = showroom()
    updates.fail["helsinki"] = Failure("map 'helsinki': not an OpenStreetMap extract", rolled_back=False)
    store = car(updates).software
    checked(qtbot, store)
    store.install(offer_index(store, "map"))
    qtbot.waitUntil(lambda: store.property("state") == "failed", timeout=5000)
    assert store.property("message") == "Installation failed, still on 2026.8: map 'helsinki': not an " \
                                        "OpenStreetMap extract"


def test_rollback_by_hand_goes_back_to_the_last_good_version(car, qtbot):
    updates = showroom()
    store = car(updates).software
    checked(qtbot, store)
    assert store.rollback("voice-sentences", "en") == ""
    assert store.property("busy") and store.property("current") == "Voice sentences (en)"
    assert store.property("progressText") == "Going back to the last good voice sentences…"
    qtbot.waitUntil(lambda: store.property("state") == "done", timeout=5000)  # what was asked for: no warning
    assert store.property("message") == "Voice sentences (en) back on 1.3.0"
    item = next(i for i in store.property("installed") if i["kind"] == "voice-sentences")
    assert (item["version"], item["lastGood"]) == ("1.3.0", "")
    assert store.rollback("voice-sentences", "en") == ""  # nothing left to go back to: the service says so
    qtbot.waitUntil(lambda: store.property("state") == "failed", timeout=5000)
    assert store.property("message") == "Rollback failed: there is no earlier version; still on 1.3.0"


def test_content_that_needs_park_waits_in_drive_and_starts_by_itself_in_p(car, qtbot):
    updates = showroom()
    cockpit = car(updates, gear=DRIVE, speed=50 / 3.6)
    store = cockpit.software
    checked(qtbot, store)
    theme_at = offer_index(store, "theme")
    theme = store.property("offers")[theme_at]
    assert theme["lockedReason"] == NEEDS_PARK == "Installs when parked — shift to P"
    refused: list[str] = []
    store.failed.connect(refused.append)
    assert store.install(theme_at) == NEEDS_PARK and refused == [NEEDS_PARK]
    assert store.rollback("theme", "nordic") == NEEDS_PARK  # going back changes the screens as much
    assert store.installWhenParked(theme_at) == ""
    assert store.property("offers")[theme_at]["queued"] and store.property("state") == "idle"
    shift(cockpit, DRIVE, 0.0)  # stopped at a light: still not parked
    qtbot.wait(50)
    assert store.property("state") == "idle" and ("download", "nordic", "1.2.0") not in updates.calls
    shift(cockpit, PARK)
    assert store.property("state") == "downloading"  # at once, from the frame that brought P
    qtbot.waitUntil(lambda: store.property("state") == "done", timeout=5000)
    assert store.property("message") == "Nordic theme 1.2.0 installed"


def test_a_map_installs_while_driving(car, qtbot):
    updates = showroom()
    store = car(updates, gear=DRIVE, speed=20.0).software
    checked(qtbot, store)
    at = offer_index(store, "map")
    assert store.property("offers")[at]["lockedReason"] == ""
    assert store.install(at) == ""
    qtbot.waitUntil(lambda: store.property("state") == "done", timeout=5000)


@pytest.mark.parametrize("where", ["check", "download", "crash-download", "crash-install"])
def test_a_service_error_never_leaves_the_page_busy(car, qtbot, where):
    updates = showroom()
    store = car(updates).software
    if where != "check":
        checked(qtbot, store)
    updates.check_error = "the maker's server at updates.example did not answer within 10 s"
    if where == "download":
        updates.download_error = "the download of all/theme-nordic-1.2.0.bundle stalled; nothing was installed"
    updates.crash = where.removeprefix("crash-") if where.startswith("crash") else None
    if where == "check":
        store.check()
    else:
        store.install(offer_index(store, "theme"))
    qtbot.waitUntil(lambda: store.property("state") == "failed", timeout=5000)
    assert not store.property("busy")
    message = store.property("message")
    if where == "check":
        assert message == "Could not check for updates: the maker's server at updates.example did not answer " \
                          "within 10 s"
    elif where == "download":
        assert message == ("Download failed, still on 1.1.0: the download of all/theme-nordic-1.2.0.bundle "
                           "stalled; nothing was installed")
    elif where == "crash-download":
        assert message == "Download failed, still on 1.1.0: disk on fire"
    else:
        assert message == "Installation failed, still on 1.1.0: slot table unreadable"
    updates.crash = updates.download_error = updates.check_error = None
    if where == "check":  # and the next try runs
        checked(qtbot, store)
    assert store.install(offer_index(store, "theme")) == ""
    qtbot.waitUntil(lambda: store.property("state") == "done", timeout=5000)


def test_the_service_runs_off_the_gui_thread(car, qtbot):
    updates = showroom()
    threads: set[str] = set()
    real = updates.download

    def download(offer, progress=None):  # noqa: ANN001, ANN202
        threads.add(threading.current_thread().name)
        return real(offer, progress)

    updates.download = download
    store = car(updates).software
    checked(qtbot, store)
    store.install(offer_index(store, "map"))
    qtbot.waitUntil(lambda: store.property("state") == "done", timeout=5000)
    assert threads and all(t.startswith("software-updates") for t in threads)


def test_without_a_service_the_page_says_updates_are_not_set_up(qapp, qml_warnings):
    cockpit = Cockpit(theme="dark", signals=SignalStore(clock=lambda: 0.0))
    try:
        store = cockpit.software
        assert not store.property("available")
        assert store.check() == "Software updates are not set up on this car"
        window = cockpit.load("center")
        window.setProperty("page", "software")
        shot(cockpit, "center")
        headline = window.findChild(QQuickItem, "softwareHeadline")
        assert headline.property("text") == "Software updates are not set up on this car"
    finally:
        cockpit.close()


def test_the_page_checks_as_it_opens_and_shows_offers_progress_and_outcome(car, qtbot, qml_warnings):
    updates = showroom()
    updates.hold_at = 0.625
    cockpit = car(updates)
    store = cockpit.software
    window = cockpit.load("center")
    window.setProperty("page", "software")
    shot(cockpit, "center")
    assert window.property("pageName") == "software"
    qtbot.waitUntil(lambda: len(store.property("offers")) == 3, timeout=5000)
    shot(cockpit, "center")
    assert find(window, "offer_theme_nordic") is not None
    store.install(offer_index(store, "theme"))
    qtbot.waitUntil(lambda: store.property("progress") >= 0.5, timeout=5000)
    shot(cockpit, "center")
    assert window.findChild(QQuickItem, "softwareProgress").property("visible")
    assert window.findChild(QQuickItem, "softwareProgressText").property("text") == "Downloading 7.8 of 12.4 MB"
    updates.release()
    qtbot.waitUntil(lambda: store.property("state") == "done", timeout=5000)
    shot(cockpit, "center")
    assert window.findChild(QQuickItem, "softwareHeadline").property("text") == "Nordic theme 1.2.0 installed"
    assert not window.findChild(QQuickItem, "softwareProgress").property("visible")


def test_while_driving_the_page_locks_install_now_with_the_reason(car, qtbot, qml_warnings):
    updates = showroom()
    cockpit = car(updates, gear=DRIVE, speed=50 / 3.6)
    store = cockpit.software
    window = cockpit.load("center")
    window.setProperty("page", "software")
    shot(cockpit, "center")
    qtbot.waitUntil(lambda: len(store.property("offers")) == 3, timeout=5000)
    shot(cockpit, "center")
    card = find(window, "offer_theme_nordic")
    buttons = {name: find(card, name) for name in ("installNow", "whenParked")}
    assert buttons["installNow"].property("lockedReason") == NEEDS_PARK
    assert buttons["whenParked"].property("visible") and buttons["whenParked"].property("available")
    map_card = find(window, "offer_map_helsinki")
    install_map = find(map_card, "installNow")
    assert install_map.property("lockedReason") == ""
    # tapped, the locked button says why and installs nothing; "When parked" queues it
    install = buttons["installNow"]
    tap(qtbot, window, install)
    toast = find(window, "toast")
    assert toast.property("shown") and toast.property("text") == NEEDS_PARK and toast.property("tone") == "info"
    assert store.property("state") == "idle"
    later = buttons["whenParked"]
    tap(qtbot, window, later)
    assert store.property("offers")[offer_index(store, "theme")]["queued"]
    shot(cockpit, "center")
    assert find(find(window, "offer_theme_nordic"), "whenParked").property("text") == "Waiting for P"
    shift(cockpit, PARK)
    qtbot.waitUntil(lambda: store.property("state") == "done", timeout=5000)


def test_software_is_the_last_page_on_the_rail(car, qml_warnings):
    cockpit = car(showroom())
    window = cockpit.load("center")
    shot(cockpit, "center")
    rail = window.findChild(QQuickItem, "navRail")
    assert rail.property("model").toVariant()[-1]["icon"] == "download"
